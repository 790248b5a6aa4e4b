import { SubmissionFees } from '../../payments/FeeQuoteTable.tsx';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplicantInput } from '../../../../contracts/services.ts';
import { ApiError, api } from '../../../app/api.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { issuesToFields } from '../../../ui/form.ts';
import { useMedia } from '../../../ui/media.ts';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';
import { currentLanguage } from '../../../app/i18n.ts';
import { localized } from '../labels.tsx';
import type { OfferingAgency, ProcedureDetail, Submission } from '../types.ts';
import {
  type ApplicantValues,
  clearDraft,
  type Draft,
  draftKey,
  loadDraft,
  newIdempotencyKey,
  saveDraft,
} from './draft.ts';
import { FilePicker } from './FilePicker.tsx';
import {
  type Answer,
  type Answers,
  asSchema,
  checkAnswers,
  displayAnswer,
  type FormUi,
  formPages,
  initialAnswers,
  labelOf,
  toFormData,
} from './schema.ts';
import { controlId, SchemaFields } from './SchemaFields.tsx';
import { useUploads } from './upload.ts';

export interface WizardProps {
  procedure: ProcedureDetail;
  channel: 'online' | 'counter';
  /** the agencies the applicant (or the officer) may submit to */
  agencies: OfferingAgency[];
  initialApplicant: ApplicantValues;
  /** whose draft this is (the signed-in user) */
  owner: string;
  onSubmitted: (answer: Submission) => void;
}

type StepKind =
  | { kind: 'applicant' }
  | { kind: 'form'; page: number }
  | { kind: 'components' }
  | { kind: 'review' };

const APPLICANT_FIELDS = ['fullName', 'idNumber', 'phone', 'email', 'address'] as const;
const applicantId = (name: string) => `applicant-${name}`;
const componentId = (key: string) => `component-${key}`;

/**
 * The submission form, online (citizen) and at the counter (one-stop officer): where and who, the
 * e-form one group of questions per page, the dossier components, then a review. Autosaved.
 */
export function DossierWizard({
  procedure,
  channel,
  agencies,
  initialApplicant,
  owner,
  onSubmitted,
}: WizardProps) {
  const { t } = useTranslation();
  const def = procedure.definition;
  const schema = asSchema(def.form.schema);
  const ui = def.form.ui as FormUi | undefined;
  const pages = useMemo(() => formPages(schema, ui), [schema, ui]);
  const storageKey = draftKey(owner, channel, procedure.code);
  const [restored] = useState(() => loadDraft(storageKey));
  const [showRestored, setShowRestored] = useState(restored !== null);

  const steps: StepKind[] = [
    { kind: 'applicant' },
    ...pages.map((_, page) => ({ kind: 'form' as const, page })),
    { kind: 'components' },
    { kind: 'review' },
  ];
  const defaultAgency = agencies.length === 1 ? (agencies[0]?.id ?? '') : '';
  const [step, setStep] = useState(() => Math.min(restored?.step ?? 0, steps.length - 1));
  const [agencyId, setAgencyId] = useState(
    restored && agencies.some((a) => a.id === restored.agencyId) ? restored.agencyId : defaultAgency,
  );
  const [applicant, setApplicant] = useState<ApplicantValues>(restored?.applicant ?? initialApplicant);
  const [answers, setAnswers] = useState<Answers>(() => ({
    ...initialAnswers(schema),
    ...(restored?.answers ?? {}),
  }));
  const [idempotencyKey, setIdempotencyKey] = useState(() => restored?.idempotencyKey ?? newIdempotencyKey());
  const uploads = useUploads(restored?.files ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  /** counter intake: how the fees due now were taken */
  const [feePayment, setFeePayment] = useState('');
  const [savedAt, setSavedAt] = useState<string | null>(restored?.savedAt ?? null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const wide = useMedia('(min-width: 641px)');
  const [stepsOpen, setStepsOpen] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const firstRender = useRef(true);

  // Autosave, shortly after each change (opening the form alone does not make a draft).
  const doneFiles = JSON.stringify(uploads.done);
  const changed = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: doneFiles stands for uploads.done
  useEffect(() => {
    if (!changed.current) {
      changed.current = true;
      return;
    }
    const timer = setTimeout(() => {
      const draft: Draft = {
        v: 1,
        agencyId,
        applicant,
        answers,
        files: uploads.done,
        idempotencyKey,
        step,
        savedAt: new Date().toISOString(),
      };
      if (saveDraft(storageKey, draft)) setSavedAt(draft.savedAt);
    }, 400);
    return () => clearTimeout(timer);
  }, [agencyId, applicant, answers, doneFiles, idempotencyKey, step, storageKey]);

  // A new step: move focus to its heading so keyboard and screen-reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on a change of step
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (focusTarget) {
      const el = document.getElementById(focusTarget);
      if (el) {
        el.focus();
        el.scrollIntoView({ block: 'center' });
      }
      setFocusTarget(null);
    } else headingRef.current?.focus();
  }, [step]);

  const current = steps[step] ?? steps[0]!;
  const componentList = def.components;
  const componentRequired = (c: (typeof componentList)[number]) => c.required && channel === 'online';
  // Online, the e-form is the declaration (tờ khai): the answers are rendered to PDF, nothing to upload.
  const fromEForm = (c: (typeof componentList)[number]) => channel === 'online' && c.eForm === true;

  // ---- checks ----
  function applicantProblems(): Record<string, string> {
    const out: Record<string, string> = {};
    const values = Object.fromEntries(
      Object.entries(applicant).filter(([, v]) => typeof v !== 'string' || v.trim() !== ''),
    );
    const parsed = ApplicantInput.safeParse(values);
    if (!parsed.success)
      for (const [k, v] of Object.entries(issuesToFields(parsed.error.issues, t))) out[`applicant.${k}`] = v;
    if (!applicant.phone.trim() && !applicant.idNumber.trim())
      out['applicant.phone'] ??= t('applicant.phone_or_id');
    if (!agencyId) out.agencyId = t('eform.choose');
    return out;
  }
  function formProblems(names: readonly string[]): Record<string, string> {
    const found = checkAnswers(schema, answers, names, t);
    return Object.fromEntries(Object.entries(found).map(([k, v]) => [`form.${k}`, v]));
  }
  function componentProblems(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of componentList) {
      if (fromEForm(c)) continue;
      const s = uploads.states[c.key];
      if (s?.state === 'uploading') out[`components.${c.key}`] = t('upload.wait');
      else if (s?.state === 'failed') out[`components.${c.key}`] = t('upload.failed_retry');
      else if (componentRequired(c) && s?.state !== 'done') out[`components.${c.key}`] = t('upload.required');
    }
    return out;
  }
  function problemsOf(kind: StepKind): Record<string, string> {
    if (kind.kind === 'applicant') return applicantProblems();
    if (kind.kind === 'form') return formProblems(pages[kind.page] ?? []);
    if (kind.kind === 'components') return componentProblems();
    return {};
  }

  // ---- where each problem lives ----
  function stepOfField(name: string): number {
    if (name === 'agencyId' || name.startsWith('applicant.')) return 0;
    if (name.startsWith('form.')) {
      const field = name.slice(5);
      const page = pages.findIndex((p) => p.includes(field));
      return 1 + Math.max(0, page);
    }
    if (name.startsWith('components')) return steps.length - 2;
    return steps.length - 1;
  }
  function controlOf(name: string): string {
    if (name === 'agencyId') return 'submit-agency';
    if (name.startsWith('applicant.')) return applicantId(name.slice(10));
    if (name.startsWith('form.')) return controlId(schema, ui, name.slice(5));
    if (name.startsWith('components.')) return componentId(name.slice(11));
    return '';
  }
  function labelOfField(name: string): string {
    if (name === 'agencyId') return t('submit.agency');
    if (name.startsWith('applicant.')) return t(`applicant.${name.slice(10)}`);
    if (name.startsWith('form.')) return labelOf(schema, name.slice(5));
    if (name.startsWith('components.')) {
      const c = componentList.find((x) => x.key === name.slice(11));
      return c ? localized(c) : t('submit.components');
    }
    return t('submit.review');
  }
  function goTo(index: number, focus?: string) {
    setFocusTarget(focus ?? null);
    setStep(index);
  }

  // ---- navigation ----
  function next() {
    const found = problemsOf(current);
    const others = Object.fromEntries(
      Object.entries(errors).filter(([k]) => stepOfField(k) !== step && !k.startsWith('server.')),
    );
    if (Object.keys(found).length > 0) {
      setErrors({ ...others, ...found });
      const first = Object.keys(found)[0]!;
      document.getElementById(controlOf(first))?.focus();
      return;
    }
    setErrors(others);
    goTo(Math.min(step + 1, steps.length - 1));
  }

  function setAnswer(name: string, value: Answer) {
    setAnswers((a) => ({ ...a, [name]: value }));
    if (errors[`form.${name}`]) setErrors(({ [`form.${name}`]: _gone, ...rest }) => rest);
  }
  function setApplicantField(name: keyof ApplicantValues, value: string) {
    setApplicant((a) => ({ ...a, [name]: value }) as ApplicantValues);
    if (errors[`applicant.${name}`]) setErrors(({ [`applicant.${name}`]: _gone, ...rest }) => rest);
  }

  function restart() {
    clearDraft(storageKey);
    setShowRestored(false);
    setAgencyId(defaultAgency);
    setApplicant(initialApplicant);
    setAnswers(initialAnswers(schema));
    uploads.reset();
    setIdempotencyKey(newIdempotencyKey());
    setErrors({});
    setServerError(null);
    goTo(0);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (current.kind !== 'review') {
      next();
      return;
    }
    const found = {
      ...applicantProblems(),
      ...formProblems(pages.flat()),
      ...componentProblems(),
    };
    setServerError(null);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      summaryRef.current?.focus();
      return;
    }
    const body = {
      procedureCode: procedure.code,
      channel,
      agencyId,
      applicant: Object.fromEntries(Object.entries(applicant).filter(([, v]) => v.trim() !== '')),
      formData: toFormData(schema, answers),
      components: componentList
        .filter((c) => uploads.done[c.key])
        .map((c) => ({ componentKey: c.key, fileId: uploads.done[c.key]!.id })),
      ...(channel === 'counter' && feePayment ? { feePayment } : {}),
    };
    setBusy(true);
    try {
      // The same key on every retry of this draft: a replay returns the dossier filed the first time.
      const res = await api.post<Submission>('/api/dossiers', body, {
        'idempotency-key': idempotencyKey,
      });
      clearDraft(storageKey);
      onSubmitted(res);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, { code: 'network' });
      const fields: Record<string, string> = {};
      for (const f of apiError.fields) {
        const name = serverFieldName(f.field);
        fields[name] ??= humanize(f.message, f.field, labelOfField(name));
      }
      setErrors(fields);
      setServerError(apiError);
      setTimeout(() => summaryRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  const errorEntries = Object.entries(errors);
  // A page of the e-form is named by what it asks about (the catalogue's page titles), not by its number.
  const pageTitles = (currentLanguage() === 'en' && ui?.pageTitlesEn) || ui?.pageTitles;
  const stepTitle = (s: StepKind) =>
    s.kind === 'applicant'
      ? t('submit.step_applicant')
      : s.kind === 'form'
        ? (pageTitles?.[s.page] ??
          (pages.length > 1
            ? t('submit.step_form_page', { n: s.page + 1, total: pages.length })
            : t('submit.step_form')))
        : s.kind === 'components'
          ? t('submit.components')
          : t('submit.review');
  const agency = agencies.find((a) => a.id === agencyId);

  return (
    <div className="wizard">
      {showRestored && restored ? (
        <Alert kind="info">
          <p>{t('submit.draft_restored', { at: formatDateTime(restored.savedAt) })}</p>
          <div className="button-row">
            <Button variant="secondary" small onClick={() => setShowRestored(false)}>
              {t('submit.draft_keep')}
            </Button>
            <Button variant="quiet" small onClick={restart}>
              {t('submit.draft_discard')}
            </Button>
          </div>
        </Alert>
      ) : null}
      <nav aria-label={t('submit.steps_label')} className="stepper">
        {/* On a phone the named steps fold under the current one; wider screens show them all. */}
        <details open={wide || stepsOpen} onToggle={(e) => setStepsOpen(e.currentTarget.open)}>
          <summary className="stepper-summary">
            {t('submit.step_of', { n: step + 1, total: steps.length })}: <strong>{stepTitle(current)}</strong>
            <span className="stepper-toggle">{t('submit.steps_show')}</span>
          </summary>
          <ol>
            {steps.map((s, i) => (
              <li
                key={s.kind === 'form' ? `form-${s.page}` : s.kind}
                className={i === step ? 'is-current' : i < step ? 'is-done' : undefined}
                aria-current={i === step ? 'step' : undefined}
              >
                <span className="stepper-n" aria-hidden="true">
                  {i < step ? '✓' : i + 1}
                </span>
                <span className="stepper-label">
                  <span className="visually-hidden">
                    {t('submit.step_of', { n: i + 1, total: steps.length })}
                    {i < step ? `, ${t('submit.step_done')}` : ''}:{' '}
                  </span>
                  {stepTitle(s)}
                </span>
              </li>
            ))}
          </ol>
        </details>
      </nav>

      {errorEntries.length > 0 || serverError ? (
        <div className="alert alert-error error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <p className="alert-title">{errorEntries.length ? t('form.check_fields') : t('form.not_done')}</p>
          {serverError && (serverError.code !== 'validation' || errorEntries.length === 0) ? (
            <p>{serverError.code === 'network' ? t('error.network') : serverError.message}</p>
          ) : null}
          {errorEntries.length ? (
            <ul>
              {errorEntries.map(([name, message]) => (
                <li key={name}>
                  <a
                    href={`#${controlOf(name)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const target = stepOfField(name);
                      if (target === step) document.getElementById(controlOf(name))?.focus();
                      else goTo(target, controlOf(name));
                    }}
                  >
                    {labelOfField(name)}: {message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <form className="form panel wizard-panel" onSubmit={submit} noValidate>
        <div className="panel-header">
          <h2 ref={headingRef} tabIndex={-1}>
            {stepTitle(current)}
          </h2>
          <p className="small muted autosave" aria-live="off">
            {savedAt ? t('submit.autosaved', { at: formatDateTime(savedAt) }) : t('submit.autosave_note')}
          </p>
        </div>
        <div className="panel-body stack">
          {current.kind !== 'review' ? <RequiredNote /> : null}
          {current.kind === 'applicant' ? (
            <>
              {agencies.length === 1 ? (
                <p>
                  <span className="field-label">{t('submit.agency')}: </span>
                  {agency?.name}
                </p>
              ) : (
                <SelectField
                  id="submit-agency"
                  label={t('submit.agency')}
                  hint={t(channel === 'online' ? 'submit.agency_hint' : 'submit.agency_hint_counter')}
                  required
                  value={agencyId}
                  error={errors.agencyId}
                  onChange={(e) => {
                    setAgencyId(e.target.value);
                    setErrors(({ agencyId: _gone, ...rest }) => rest);
                  }}
                >
                  <option value="">{t('common.choose')}</option>
                  {agencies.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </SelectField>
              )}
              <RadioGroup
                id="applicant-type"
                legend={t('applicant.type')}
                inline
                value={applicant.type}
                onChange={(v) => setApplicantField('type', v)}
                options={def.applicantTypes.map((type) => ({
                  value: type,
                  label: t(`applicant.type.${type}`),
                }))}
              />
              <div className="form-grid">
                {APPLICANT_FIELDS.map((name) => (
                  <TextField
                    key={name}
                    id={applicantId(name)}
                    label={
                      name === 'fullName' && applicant.type === 'organisation'
                        ? t('applicant.organisationName')
                        : t(`applicant.${name}`)
                    }
                    hint={name === 'idNumber' || name === 'phone' ? t(`applicant.${name}_hint`) : undefined}
                    required={name === 'fullName'}
                    type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}
                    inputMode={name === 'idNumber' ? 'numeric' : undefined}
                    autoComplete={
                      channel === 'counter'
                        ? 'off'
                        : name === 'fullName'
                          ? 'name'
                          : name === 'email'
                            ? 'email'
                            : name === 'phone'
                              ? 'tel'
                              : name === 'address'
                                ? 'street-address'
                                : 'off'
                    }
                    fieldClassName={name === 'address' ? 'field-span' : undefined}
                    value={applicant[name]}
                    error={errors[`applicant.${name}`]}
                    onChange={(e) => setApplicantField(name, e.target.value)}
                  />
                ))}
              </div>
            </>
          ) : null}

          {current.kind === 'form' ? (
            <>
              {schema.title ? <p className="eform-title">{schema.title}</p> : null}
              <SchemaFields
                schema={schema}
                ui={ui}
                names={pages[current.page] ?? []}
                answers={answers}
                errors={Object.fromEntries(
                  Object.entries(errors)
                    .filter(([k]) => k.startsWith('form.'))
                    .map(([k, v]) => [k.slice(5), v]),
                )}
                onChange={setAnswer}
              />
            </>
          ) : null}

          {current.kind === 'components' ? (
            <>
              <p className="muted">
                {t(channel === 'online' ? 'submit.components_lead' : 'submit.components_lead_counter')}
              </p>
              <ul className="component-list">
                {componentList.map((c) =>
                  fromEForm(c) ? (
                    <li key={c.key} className="component-eform">
                      <strong>{localized(c)}</strong>
                      <p className="small muted">{t('submit.eform_component')}</p>
                    </li>
                  ) : (
                    <li key={c.key}>
                      <FilePicker
                        id={componentId(c.key)}
                        label={localized(c)}
                        hint={
                          <>
                            {t('component.quantity', { originals: c.originals, copies: c.copies })}
                            {c.note ? ` · ${c.note}` : ''}
                          </>
                        }
                        required={componentRequired(c)}
                        error={errors[`components.${c.key}`]}
                        state={uploads.states[c.key]}
                        onPick={(file) => {
                          setErrors(({ [`components.${c.key}`]: _gone, ...rest }) => rest);
                          void uploads.start(c.key, file);
                        }}
                        onRetry={() => void uploads.retry(c.key)}
                        onRemove={() => uploads.remove(c.key)}
                      />
                    </li>
                  ),
                )}
              </ul>
            </>
          ) : null}

          {current.kind === 'review' ? (
            <Review
              onEdit={(i) => goTo(i)}
              sections={[
                {
                  step: 0,
                  title: t('submit.step_applicant'),
                  rows: [
                    [t('submit.agency'), agency?.name ?? ''],
                    [t('applicant.type'), t(`applicant.type.${applicant.type}`)],
                    ...APPLICANT_FIELDS.map((n) => [t(`applicant.${n}`), applicant[n]] as [string, string]),
                  ],
                },
                ...pages.map((names, i) => ({
                  step: i + 1,
                  title: stepTitle({ kind: 'form', page: i }),
                  rows: names.map(
                    (n) =>
                      [
                        labelOf(schema, n),
                        displayAnswer(schema.properties?.[n], toFormData(schema, answers)[n], t),
                      ] as [string, string],
                  ),
                })),
                {
                  step: steps.length - 2,
                  title: t('submit.components'),
                  empty: t('submit.not_submitted'),
                  rows: componentList.map(
                    (c) =>
                      [
                        localized(c),
                        fromEForm(c) ? t('submit.eform_component_review') : (uploads.done[c.key]?.name ?? ''),
                      ] as [string, string],
                  ),
                },
              ]}
            />
          ) : null}
          {current.kind === 'review' && def.fees.length > 0 ? (
            <SubmissionFees
              procedureCode={procedure.code}
              formData={toFormData(schema, answers)}
              {...(channel === 'counter'
                ? {
                    taken: {
                      value: feePayment,
                      onChange: (v: string) => {
                        setFeePayment(v);
                        setErrors(({ 'server.feePayment': _gone, ...rest }) => rest);
                      },
                      error: errors['server.feePayment'],
                    },
                  }
                : {})}
            />
          ) : null}

          <div className="button-row wizard-buttons">
            {step > 0 ? (
              <Button variant="secondary" onClick={() => goTo(step - 1)}>
                {t('submit.back')}
              </Button>
            ) : null}
            {current.kind === 'review' ? (
              <Button type="submit" busy={busy} disabled={uploads.busy}>
                {t(channel === 'online' ? 'submit.send' : 'submit.send_counter')}
              </Button>
            ) : (
              <Button type="submit">{t('submit.next')}</Button>
            )}
          </div>
        </div>
      </form>
    </div>
  );
}

function Review({
  sections,
  onEdit,
}: {
  /** empty: what a row without a value says ("Không nhập"; a document: "Không nộp") */
  sections: { step: number; title: string; rows: [string, string][]; empty?: string }[];
  onEdit: (step: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="review">
      {sections.map((s) => (
        <section key={s.step} className="review-section" aria-label={s.title}>
          <div className="review-head">
            <h3>{s.title}</h3>
            <Button variant="quiet" small onClick={() => onEdit(s.step)}>
              {t('submit.edit')}
              <span className="visually-hidden"> {s.title}</span>
            </Button>
          </div>
          <dl className="facts">
            {s.rows.map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value || <span className="muted">{s.empty ?? t('submit.not_given')}</span>}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

/** "body.formData.area" → "form.area"; "body.components.0.componentKey" → "components"; … */
function serverFieldName(path: string): string {
  const p = path.replace(/^body\./, '');
  if (p.startsWith('formData.')) return `form.${p.slice(9).split('.')[0]}`;
  if (p.startsWith('applicant.')) return `applicant.${p.slice(10).split('.')[0]}`;
  if (p.startsWith('components.')) {
    const key = p.slice(11).split('.')[0] ?? '';
    return /^\d+$/.test(key) ? 'components' : `components.${key}`;
  }
  if (p === 'agencyId') return 'agencyId';
  if (p === 'components') return 'components';
  return `server.${p}`;
}

/** The server names fields by their path; the form shows their label instead. */
function humanize(message: string, path: string, label: string): string {
  return message.split(path).join(`“${label}”`);
}
