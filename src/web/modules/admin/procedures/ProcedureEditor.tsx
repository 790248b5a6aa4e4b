import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProcedureDefinition, WorkflowDefinition } from '../../../../contracts/services.ts';
import { ApiError, api } from '../../../app/api.ts';
import { Button } from '../../../ui/Button.tsx';
import { CheckboxGroup, RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Checkbox, SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx';
import { issuesToFields, useFormErrors } from '../../../ui/form.ts';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';
import { todayInVietnam } from '../../../ui/format.ts';
import type { Definition } from '../../services/types.ts';
import { WorkflowDiagram } from '../../services/workflow/WorkflowDiagram.tsx';
import { useActiveAgencies } from '../queries.ts';
import {
  channelLimitField,
  type Draft,
  fromDraft,
  groupProblems,
  LIMIT_CHANNELS,
  type LimitChannel,
  type LimitDraft,
  toDraft,
} from './draft.ts';
import { DateField } from '../../../ui/DateField.tsx';

type Offer = { agencyId: string; serviceLevel: 'full' | 'partial' };
export interface Published {
  code: string;
  version: number;
  effectiveFrom: string;
}

interface Props {
  /** the version the edit starts from (an imported file, or the latest version) */
  definition: Definition;
  /** true when the definition came from the catalogue (its code is then fixed) */
  existing: boolean;
  agencies: Offer[];
  onPublished: (result: Published) => void;
}

const UNITS = ['working_days', 'half_days', 'hours', 'calendar_days', 'months', 'same_day', 'none'] as const;
const id = (field: string) => `proc-${field.replaceAll('.', '-')}`;

/** Edits every published part of a procedure and publishes it as a new version from a date. */
export function ProcedureEditor({ definition, existing, agencies, onPublished }: Props) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(() => toDraft(definition));
  const [offers, setOffers] = useState<Offer[]>(agencies);
  const [effectiveFrom, setEffectiveFrom] = useState(todayInVietnam());
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const directory = useActiveAgencies();
  const agencyName = (agencyId: string) =>
    directory.data?.items.find((a) => a.id === agencyId)?.name ?? agencyId;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const text = (key: keyof Draft) => ({
    value: draft[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    error: problems[key],
  });

  // The diagram follows the workflow JSON as it is typed, when it is a workflow.
  const preview = useMemo(() => {
    try {
      const parsed = WorkflowDefinition.safeParse(JSON.parse(draft.workflow));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }, [draft.workflow]);

  const labels: Record<string, string> = {
    code: t('procedure.code'),
    name: t('admin_procedures.field.name'),
    nameEn: t('admin_procedures.field.name_en'),
    sectorCode: t('admin_procedures.field.sector_code'),
    sectorName: t('admin_procedures.field.sector_name'),
    steps: t('procedure.part.steps'),
    methods: t('procedure.part.methods'),
    methodsText: t('admin_procedures.field.methods_text'),
    components: t('procedure.part.components'),
    limitValue: t('admin_procedures.field.limit_value'),
    limitUnit: t('admin_procedures.field.limit_unit'),
    ...Object.fromEntries(
      LIMIT_CHANNELS.map((c) => [
        channelLimitField(c),
        t('admin_procedures.field.channel_limit_value', {
          channel: t(`admin_procedures.limit_channel.${c}`),
        }),
      ]),
    ),
    timeLimitText: t('admin_procedures.field.time_limit_text'),
    applicantTypes: t('procedure.part.applicants'),
    implementingAgencyText: t('procedure.part.agency'),
    competentCode: t('admin_procedures.field.competent_code'),
    resultType: t('admin_procedures.field.result_type'),
    resultName: t('admin_procedures.field.result_name'),
    fees: t('procedure.fees'),
    legalBasis: t('procedure.legal_basis'),
    serviceLevel: t('admin_procedures.field.service_level'),
    supplementDays: t('admin_procedures.field.supplement_days'),
    agencies: t('admin_procedures.agencies'),
    form: t('admin_procedures.field.form'),
    workflow: t('admin_procedures.field.workflow'),
    effectiveFrom: t('admin_procedures.field.effective_from'),
    definition: t('admin_procedures.field.definition'),
  };
  const fieldIds: Record<string, string> = Object.fromEntries(
    [...Object.keys(labels), ...Object.keys(problems)].map((k) => [k, id(k)]),
  );
  for (const k of Object.keys(problems)) {
    const [list, index, prop] = k.split('.');
    if ((list === 'components' || list === 'fees') && prop)
      labels[k] =
        `${t(list === 'components' ? 'admin_procedures.component_n' : 'admin_procedures.fee_n', { n: Number(index) + 1 })} – ${t(`admin_procedures.col.${prop}`, { defaultValue: prop })}`;
  }
  fieldIds.methods = `${id('methods')}-0`;
  fieldIds.applicantTypes = `${id('applicantTypes')}-0`;
  fieldIds.serviceLevel = `${id('serviceLevel')}-0`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const built = fromDraft(draft, definition, (detail) => t('admin_procedures.json_error', { detail }));
    const client: Record<string, string> = { ...built.problems };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom)) client.effectiveFrom = t('field.required');
    const parsed = ProcedureDefinition.safeParse(built.definition);
    if (!parsed.success) {
      const byPath = issuesToFields(parsed.error.issues, t);
      Object.assign(
        client,
        groupProblems(
          Object.entries(byPath)
            .filter(([path]) => !built.problems[path.split('.')[0] ?? ''])
            .map(([path, message]) => ({ path, message })),
        ),
        built.problems,
      );
    }
    if (Object.keys(client).length) {
      setProblems(client);
      form.fail(new ApiError(400, { code: 'validation', message: t('form.check_fields') }));
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<Published>('/api/admin/procedures', {
        definition: built.definition,
        effectiveFrom: `${effectiveFrom}T00:00:00+07:00`,
        agencies: offers,
      });
      setProblems({});
      form.clear();
      onPublished(result);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, { code: 'network' });
      const inDefinition = apiError.fields.filter((f) => f.field.startsWith('body.definition'));
      const outside = apiError.fields.filter((f) => !f.field.startsWith('body.definition'));
      setProblems({
        ...groupProblems(
          inDefinition.map((f) => ({
            path: f.field.replace(/^body\.definition\.?/, ''),
            message: f.message,
          })),
        ),
        ...Object.fromEntries(outside.map((f) => [f.field.replace(/^body\./, '').split('.')[0]!, f.message])),
      });
      form.fail(apiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary form={{ ...form, fields: problems }} fieldIds={fieldIds} labels={labels} />
      <form className="form procedure-editor" onSubmit={submit} noValidate>
        <RequiredNote />
        <Group title={t('admin_procedures.group.identity')}>
          <TextField
            id={id('code')}
            label={labels.code}
            {...text('code')}
            readOnly={existing}
            required
            className="input-mono"
            hint={existing ? t('admin_procedures.code_fixed') : undefined}
          />
          <TextField id={id('name')} label={labels.name} {...text('name')} required />
          <TextField id={id('nameEn')} label={labels.nameEn} {...text('nameEn')} lang="en" />
          <div className="form-row">
            <TextField id={id('sectorCode')} label={labels.sectorCode} {...text('sectorCode')} required />
            <TextField id={id('sectorName')} label={labels.sectorName} {...text('sectorName')} required />
          </div>
        </Group>
        <Group title={t('admin_procedures.group.parts')}>
          <TextAreaField
            id={id('steps')}
            label={labels.steps}
            hint={t('admin_procedures.one_per_line')}
            rows={5}
            {...text('steps')}
            required
          />
          <CheckboxGroup
            id={id('methods')}
            legend={labels.methods}
            value={draft.methods}
            onChange={(v) => set('methods', v)}
            error={problems.methods}
            required
            inline
            options={(['online', 'counter', 'post'] as const).map((m) => ({
              value: m,
              label: t(`method.${m}`),
            }))}
          />
          <TextAreaField id={id('methodsText')} label={labels.methodsText} {...text('methodsText')} />
          <ComponentsEditor
            rows={draft.components}
            onChange={(rows) => set('components', rows)}
            problems={problems}
          />
          <LimitFields
            field="limit"
            label={labels.limitValue}
            unitLabel={labels.limitUnit}
            limit={{ value: draft.limitValue, unit: draft.limitUnit }}
            onChange={(l) => setDraft((d) => ({ ...d, limitValue: l.value, limitUnit: l.unit }))}
            error={problems.limitValue}
          />
          <ChannelLimitsEditor
            limits={draft.channelLimits}
            onChange={(channelLimits) => set('channelLimits', channelLimits)}
            fallback={{ value: draft.limitValue, unit: draft.limitUnit }}
            labels={labels}
            problems={problems}
          />
          <TextField
            id={id('timeLimitText')}
            label={labels.timeLimitText}
            {...text('timeLimitText')}
            required
          />
          <CheckboxGroup
            id={id('applicantTypes')}
            legend={labels.applicantTypes}
            value={draft.applicantTypes}
            onChange={(v) => set('applicantTypes', v)}
            error={problems.applicantTypes}
            required
            inline
            options={(['citizen', 'organisation'] as const).map((a) => ({
              value: a,
              label: t(`applicant.type.${a}`),
            }))}
          />
          <TextAreaField
            id={id('implementingAgencyText')}
            label={labels.implementingAgencyText}
            {...text('implementingAgencyText')}
            required
          />
          <div className="form-row">
            <SelectField
              id={id('competentKind')}
              label={t('admin_procedures.field.competent')}
              value={draft.competentKind}
              onChange={(e) => set('competentKind', e.target.value as Draft['competentKind'])}
            >
              <option value="receiving_commune">{t('admin_procedures.competent.receiving_commune')}</option>
              <option value="fixed">{t('admin_procedures.competent.fixed')}</option>
            </SelectField>
            {draft.competentKind === 'fixed' ? (
              <TextField
                id={id('competentCode')}
                label={labels.competentCode}
                {...text('competentCode')}
                required
                className="input-mono"
              />
            ) : null}
          </div>
          <div className="form-row">
            <SelectField
              id={id('resultType')}
              label={labels.resultType}
              value={draft.resultType}
              onChange={(e) => set('resultType', e.target.value)}
            >
              {(['paper', 'electronic', 'none'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`result_type.${r}`)}
                </option>
              ))}
            </SelectField>
            <TextField id={id('resultName')} label={labels.resultName} {...text('resultName')} required />
          </div>
          <FeesEditor rows={draft.fees} onChange={(rows) => set('fees', rows)} problems={problems} />
          <TextAreaField
            id={id('legalBasis')}
            label={labels.legalBasis}
            hint={t('admin_procedures.one_per_line')}
            rows={4}
            {...text('legalBasis')}
            required
          />
          <TextField
            id={id('supplementDays')}
            label={labels.supplementDays}
            type="number"
            min={1}
            inputMode="numeric"
            {...text('supplementDays')}
            required
          />
        </Group>
        <Group title={t('admin_procedures.group.service_level')}>
          <RadioGroup
            id={id('serviceLevel')}
            legend={labels.serviceLevel}
            value={draft.serviceLevel}
            onChange={(v) => set('serviceLevel', v as Draft['serviceLevel'])}
            inline
            options={(['full', 'partial'] as const).map((l) => ({
              value: l,
              label: t(`service_level.${l}`),
            }))}
          />
          <AgenciesEditor
            offers={offers}
            onChange={setOffers}
            name={agencyName}
            choices={directory.data?.items ?? []}
            error={problems.agencies}
          />
        </Group>
        <Group title={t('admin_procedures.group.form')}>
          <TextAreaField
            id={id('form')}
            label={labels.form}
            hint={t('admin_procedures.form_hint')}
            rows={12}
            className="input-mono"
            spellCheck={false}
            {...text('form')}
            required
          />
        </Group>
        <Group title={t('admin_procedures.group.workflow')}>
          <TextAreaField
            id={id('workflow')}
            label={labels.workflow}
            hint={t('admin_procedures.workflow_hint')}
            rows={16}
            className="input-mono"
            spellCheck={false}
            {...text('workflow')}
            required
          />
          {problems.definition ? (
            <p className="field-error" id={id('definition')} tabIndex={-1}>
              {problems.definition}
            </p>
          ) : null}
          {preview ? (
            <WorkflowDiagram workflow={preview} caption={t('admin_procedures.workflow_preview')} />
          ) : (
            <p className="muted">{t('admin_procedures.workflow_no_preview')}</p>
          )}
        </Group>
        <Group title={t('admin_procedures.group.publish')}>
          <DateField
            id={id('effectiveFrom')}
            label={labels.effectiveFrom}
            hint={t('admin_procedures.effective_hint')}
            value={effectiveFrom}
            onValue={(value) => setEffectiveFrom(value)}
            error={problems.effectiveFrom}
            required
          />
          <div className="button-row">
            <Button type="submit" busy={busy}>
              {existing ? t('admin_procedures.publish_version') : t('admin_procedures.publish_new')}
            </Button>
          </div>
        </Group>
      </form>
    </>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="fieldset editor-group">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

type Component = Draft['components'][number];
type Fee = Draft['fees'][number];

/** A time limit: its value and unit side by side (the default one, or a channel's with its remove button). */
function LimitFields({
  field,
  label,
  unitLabel,
  limit,
  onChange,
  error,
  children,
}: {
  /** names the controls: `${field}Value`, `${field}Unit` */
  field: string;
  label: ReactNode;
  unitLabel: ReactNode;
  limit: LimitDraft;
  onChange: (limit: LimitDraft) => void;
  error: string | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <TextField
        id={id(`${field}Value`)}
        label={label}
        type="number"
        min={0}
        inputMode="numeric"
        value={limit.value}
        onChange={(e) => onChange({ ...limit, value: e.target.value })}
        error={error}
        required
      />
      <SelectField
        id={id(`${field}Unit`)}
        label={unitLabel}
        value={limit.unit}
        onChange={(e) => onChange({ ...limit, unit: e.target.value })}
      >
        {UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`admin_procedures.unit.${u}`)}
          </option>
        ))}
      </SelectField>
      {children}
    </div>
  );
}

/**
 * The limits of the channels whose time limit differs from the default: each added from the default
 * and removed with its own button. A button that disappears hands the focus on.
 */
function ChannelLimitsEditor({
  limits,
  onChange,
  fallback,
  labels,
  problems,
}: {
  limits: Draft['channelLimits'];
  onChange: (limits: Draft['channelLimits']) => void;
  /** what a new channel limit starts from: the default limit */
  fallback: LimitDraft;
  labels: Record<string, string>;
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);
  const setLimit = (c: LimitChannel, limit: LimitDraft | undefined, focus: string) => {
    onChange({ ...limits, [c]: limit });
    setFocusNext(focus);
  };
  const missing = LIMIT_CHANNELS.filter((c) => !limits[c]);
  return (
    <fieldset className="fieldset" id={id('channelLimits')}>
      <legend>{t('admin_procedures.channel_limits')}</legend>
      <p className="field-hint">{t('admin_procedures.channel_limits_hint')}</p>
      {LIMIT_CHANNELS.map((c) => {
        const limit = limits[c];
        const channel = t(`admin_procedures.limit_channel.${c}`);
        return limit ? (
          <LimitFields
            key={c}
            field={`${c}Limit`}
            label={labels[channelLimitField(c)]}
            unitLabel={t('admin_procedures.field.channel_limit_unit', { channel })}
            limit={limit}
            onChange={(l) => onChange({ ...limits, [c]: l })}
            error={problems[channelLimitField(c)]}
          >
            <Button variant="quiet" small onClick={() => setLimit(c, undefined, id(`add-${c}Limit`))}>
              {t('admin_procedures.remove_channel_limit', { channel })}
            </Button>
          </LimitFields>
        ) : null;
      })}
      {missing.length ? (
        <div className="button-row">
          {missing.map((c) => (
            <Button
              key={c}
              id={id(`add-${c}Limit`)}
              variant="secondary"
              small
              onClick={() => setLimit(c, { ...fallback }, id(`${c}LimitValue`))}
            >
              {t('admin_procedures.add_channel_limit', { channel: t(`admin_procedures.limit_channel.${c}`) })}
            </Button>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

interface RowProps<T> {
  row: T;
  update: (patch: Partial<T>) => void;
  /** the problem of one of the row's fields, and that field's id */
  error: (prop: string) => string | undefined;
  fieldId: (prop: string) => string;
  /** the row's remove button, placed by the row after its last field */
  remove: ReactNode;
}

/**
 * A list of rows edited in place (documents, fees): a fieldset per row, a remove button per row and
 * an add button at the end. Problems are looked up as `${list}.${index}.${prop}`.
 */
function RowList<T>({
  list,
  legend,
  rowLegend,
  rows,
  onChange,
  blank,
  addLabel,
  empty,
  problems,
  children,
}: {
  list: 'components' | 'fees';
  legend: string;
  rowLegend: (n: number) => string;
  rows: T[];
  onChange: (rows: T[]) => void;
  blank: T;
  addLabel: string;
  /** shown when there is no row */
  empty?: string;
  problems: Record<string, string>;
  children: (props: RowProps<T>) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset" id={id(list)} tabIndex={-1}>
      <legend>{legend}</legend>
      {problems[list] ? <p className="field-error">{problems[list]}</p> : null}
      {rows.length === 0 && empty ? <p className="muted">{empty}</p> : null}
      {rows.map((row, i) => {
        const name = rowLegend(i + 1);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until their key or code is typed
          <fieldset className="fieldset editor-row" key={i}>
            <legend>{name}</legend>
            {children({
              row,
              update: (patch) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r))),
              error: (prop) => problems[`${list}.${i}.${prop}`],
              fieldId: (prop) => id(`${list}.${i}.${prop}`),
              remove: (
                <Button
                  variant="quiet"
                  small
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  aria-label={t('admin_procedures.remove_named', { name })}
                >
                  {t('common.remove')}
                </Button>
              ),
            })}
          </fieldset>
        );
      })}
      <Button variant="secondary" small onClick={() => onChange([...rows, blank])}>
        {addLabel}
      </Button>
    </fieldset>
  );
}

function ComponentsEditor(props: {
  rows: Component[];
  onChange: (rows: Component[]) => void;
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <RowList
      {...props}
      list="components"
      legend={t('procedure.part.components')}
      rowLegend={(n) => t('admin_procedures.component_n', { n })}
      blank={{ key: '', name: '', originals: 0, copies: 1, required: true }}
      addLabel={t('admin_procedures.add_component')}
    >
      {({ row: c, update, error, fieldId, remove }) => (
        <>
          <div className="form-row">
            <TextField
              id={fieldId('name')}
              label={t('admin_procedures.col.name')}
              value={c.name}
              onChange={(e) => update({ name: e.target.value })}
              error={error('name')}
              required
              fieldClassName="grow"
            />
            <TextField
              id={fieldId('key')}
              label={t('admin_procedures.col.key')}
              value={c.key}
              onChange={(e) => update({ key: e.target.value })}
              error={error('key')}
              required
              className="input-mono"
            />
          </div>
          <div className="form-row">
            <TextField
              id={fieldId('originals')}
              label={t('admin_procedures.col.originals')}
              type="number"
              min={0}
              value={String(c.originals)}
              onChange={(e) => update({ originals: Number(e.target.value) })}
              error={error('originals')}
            />
            <TextField
              id={fieldId('copies')}
              label={t('admin_procedures.col.copies')}
              type="number"
              min={0}
              value={String(c.copies)}
              onChange={(e) => update({ copies: Number(e.target.value) })}
              error={error('copies')}
            />
            <Checkbox
              id={fieldId('required')}
              label={t('admin_procedures.col.required')}
              checked={c.required}
              onChange={(e) => update({ required: e.target.checked })}
            />
            {remove}
          </div>
        </>
      )}
    </RowList>
  );
}

function FeesEditor(props: {
  rows: Fee[];
  onChange: (rows: Fee[]) => void;
  problems: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <RowList
      {...props}
      list="fees"
      legend={t('procedure.fees')}
      rowLegend={(n) => t('admin_procedures.fee_n', { n })}
      blank={{ code: '', name: '', kind: 'fee', amount: 0 }}
      addLabel={t('admin_procedures.add_fee')}
      empty={t('procedure.no_fees')}
    >
      {({ row: f, update, error, fieldId, remove }) => (
        <>
          <div className="form-row">
            <TextField
              id={fieldId('name')}
              label={t('admin_procedures.col.name')}
              value={f.name}
              onChange={(e) => update({ name: e.target.value })}
              error={error('name')}
              required
              fieldClassName="grow"
            />
            <TextField
              id={fieldId('code')}
              label={t('admin_procedures.col.code')}
              value={f.code}
              onChange={(e) => update({ code: e.target.value })}
              error={error('code')}
              required
              className="input-mono"
            />
          </div>
          <div className="form-row">
            <SelectField
              id={fieldId('kind')}
              label={t('fee.kind')}
              value={f.kind}
              onChange={(e) => update({ kind: e.target.value as Fee['kind'] })}
            >
              <option value="fee">{t('fee.kind.fee')}</option>
              <option value="charge">{t('fee.kind.charge')}</option>
            </SelectField>
            <TextField
              id={fieldId('amount')}
              label={t('admin_procedures.col.amount')}
              type="number"
              min={0}
              inputMode="numeric"
              value={String(f.amount)}
              onChange={(e) => update({ amount: Number(e.target.value) })}
              error={error('amount')}
              required
            />
            {remove}
          </div>
        </>
      )}
    </RowList>
  );
}

function AgenciesEditor({
  offers,
  onChange,
  name,
  choices,
  error,
}: {
  offers: Offer[];
  onChange: (offers: Offer[]) => void;
  name: (agencyId: string) => string;
  choices: { id: string; name: string }[];
  error?: string;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState('');
  const free = choices.filter((c) => !offers.some((o) => o.agencyId === c.id));
  return (
    <fieldset className="fieldset" id={id('agencies')} tabIndex={-1}>
      <legend>{t('admin_procedures.agencies')}</legend>
      <p className="field-hint">{t('admin_procedures.agencies_hint')}</p>
      {error ? <p className="field-error">{error}</p> : null}
      {offers.length === 0 ? <p className="muted">{t('admin_procedures.no_agencies')}</p> : null}
      <ul className="editor-list">
        {offers.map((o, i) => (
          <li key={o.agencyId} className="form-row">
            <SelectField
              id={id(`agencies.${i}`)}
              label={name(o.agencyId)}
              value={o.serviceLevel}
              onChange={(e) =>
                onChange(
                  offers.map((x) =>
                    x.agencyId === o.agencyId
                      ? { ...x, serviceLevel: e.target.value as Offer['serviceLevel'] }
                      : x,
                  ),
                )
              }
            >
              <option value="full">{t('service_level.full')}</option>
              <option value="partial">{t('service_level.partial')}</option>
            </SelectField>
            <Button
              variant="quiet"
              small
              onClick={() => onChange(offers.filter((x) => x.agencyId !== o.agencyId))}
              aria-label={t('admin_procedures.remove_named', { name: name(o.agencyId) })}
            >
              {t('common.remove')}
            </Button>
          </li>
        ))}
      </ul>
      <div className="form-row">
        <SelectField
          id={id('agencies-add')}
          label={t('admin_procedures.add_agency')}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
        >
          <option value="">{t('common.choose')}</option>
          {free.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <Button
          variant="secondary"
          small
          disabled={!adding}
          onClick={() => {
            onChange([...offers, { agencyId: adding, serviceLevel: 'partial' }]);
            setAdding('');
          }}
        >
          {t('admin_procedures.add')}
        </Button>
      </div>
    </fieldset>
  );
}
