import { DateTimeField } from '../../../ui/DateTimeField.tsx';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { CheckboxGroup, RadioGroup } from '../../../ui/ChoiceGroup.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { serverFields } from '../../../ui/form.ts';
import { FilePicker } from '../submit/FilePicker.tsx';
import { useUploads } from '../submit/upload.ts';
import type { Action, ActionResult, Dossier } from '../types.ts';
import type { DossierActions } from './queries.ts';
import { latestSupplementRequest } from './timeline-data.ts';

type Errors = Record<string, string>;

/** Shared state of one action form: busy flag, field errors, and a message for other failures. */
function useActionForm(runner: DossierActions) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Errors>({});
  const [error, setError] = useState<ApiError | null>(null);
  async function send(
    path: string,
    body: Record<string, unknown>,
    done: (r: ActionResult) => string,
    local: Errors = {},
  ): Promise<boolean> {
    if (Object.keys(local).length) {
      setFields(local);
      setError(null);
      return false;
    }
    setBusy(true);
    setFields({});
    setError(null);
    try {
      const result = await runner.run(path, body);
      runner.setDone(done(result));
      return true;
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, { code: 'network' });
      // A conflict is told once for the whole page, which has reloaded the dossier.
      if (!(apiError.status === 409 && apiError.code === 'conflict')) {
        setFields(serverFields(apiError.fields));
        setError(apiError);
      }
      return false;
    } finally {
      setBusy(false);
    }
  }
  const problem =
    error && !(error.code === 'validation' && Object.keys(fields).length) ? (
      <Alert kind="error" live>
        <p>{error.code === 'network' ? t('error.network') : error.message}</p>
      </Alert>
    ) : null;
  return { busy, fields, send, problem, setFields };
}

function Card({
  title,
  open,
  tone,
  children,
}: {
  title: ReactNode;
  open?: boolean;
  tone?: 'danger';
  children: ReactNode;
}) {
  return (
    <details className={['action-card', tone === 'danger' ? 'action-danger' : ''].join(' ')} open={open}>
      <summary>{title}</summary>
      <div className="action-body">{children}</div>
    </details>
  );
}

// ---------- list editors ----------

function ReasonsEditor({
  prefix,
  reasons,
  onChange,
  errors,
  label,
}: {
  prefix: string;
  reasons: string[];
  onChange: (next: string[]) => void;
  errors: Errors;
  label: (n: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="list-editor">
      <ol className="list-editor-rows">
        {reasons.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list being edited
          <li key={i} className="list-editor-row">
            <TextAreaField
              id={`${prefix}-reason-${i}`}
              label={label(i + 1)}
              required
              rows={2}
              value={r}
              error={errors[`reasons.${i}`]}
              onChange={(e) => onChange(reasons.map((x, j) => (j === i ? e.target.value : x)))}
            />
            {reasons.length > 1 ? (
              <Button variant="quiet" small onClick={() => onChange(reasons.filter((_, j) => j !== i))}>
                {t('common.remove')}
                <span className="visually-hidden"> {label(i + 1)}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      <Button variant="secondary" small onClick={() => onChange([...reasons, ''])}>
        {t('actions.add_reason')}
      </Button>
    </div>
  );
}

function checkReasons(reasons: string[], t: (k: string, p?: Record<string, unknown>) => string): Errors {
  const out: Errors = {};
  reasons.forEach((r, i) => {
    if (r.trim().length < 3) out[`reasons.${i}`] = t('actions.reason_min');
  });
  return out;
}

// ---------- forms ----------

/** Why the action waits (fees unpaid), with the way to the payments section where the desk records them. */
function Blocked({ reason }: { reason: string | null | undefined }) {
  const { t } = useTranslation();
  if (!reason) return null;
  return (
    <Alert kind="warning">
      <p>{reason}</p>
      <p>
        <a href="#thanh-toan">{t('actions.go_to_payments')}</a>
      </p>
    </Alert>
  );
}

function AcceptForm({ runner, blocked }: { runner: DossierActions; blocked: string | null | undefined }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  return (
    <Card title={t('actions.accept')} open>
      <p>{t('actions.accept_text')}</p>
      <Blocked reason={blocked} />
      {f.problem}
      <Button
        busy={f.busy}
        disabled={!!blocked}
        onClick={() => void f.send('accept', {}, (r) => t('actions.accepted', { code: r.code ?? '' }))}
      >
        {t('actions.accept_submit')}
      </Button>
    </Card>
  );
}

function ReasonsForm({ kind, runner }: { kind: 'refuse' | 'stop'; runner: DossierActions }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  const [reasons, setReasons] = useState(['']);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = reasons.map((r) => r.trim());
    if (await f.send(kind, { reasons: clean }, () => t(`actions.${kind}_done`), checkReasons(clean, t)))
      setReasons(['']);
  }
  return (
    <Card title={t(`actions.${kind}`)} tone="danger">
      <form onSubmit={submit} noValidate className="form">
        <p>{t(`actions.${kind}_text`)}</p>
        {f.problem}
        <ReasonsEditor
          prefix={kind}
          reasons={reasons}
          onChange={setReasons}
          errors={f.fields}
          label={(n) => t('actions.reason_n', { n })}
        />
        <div className="button-row">
          <Button type="submit" variant="danger" busy={f.busy}>
            {t(`actions.${kind}_submit`)}
          </Button>
        </div>
      </form>
    </Card>
  );
}

interface SupplementItem {
  name: string;
  reason: string;
  /** set when picked from the procedure's components */
  componentKey?: string;
}

function SupplementRequestForm({ dossier, runner }: { dossier: Dossier; runner: DossierActions }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  // Rows picked from the procedure's components carry its key; free rows name anything else.
  const components = dossier.procedureComponents;
  const initial = (): SupplementItem[] => (components.length > 0 ? [] : [{ name: '', reason: '' }]);
  const [items, setItems] = useState<SupplementItem[]>(initial);
  const picked = items.flatMap((i) => (i.componentKey ? [i.componentKey] : []));
  function pick(keys: string[]) {
    const kept = items.filter((i) => !i.componentKey || keys.includes(i.componentKey));
    const added = keys
      .filter((k) => !picked.includes(k))
      .map((k) => ({ componentKey: k, name: components.find((c) => c.key === k)?.name ?? k, reason: '' }));
    setItems([...kept, ...added]);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = items.map((i) => ({ name: i.name.trim(), reason: i.reason.trim() }));
    const local: Errors = {};
    if (clean.length === 0) local.items = t('actions.items_none');
    clean.forEach((it, i) => {
      if (it.name.length < 2) local[`items.${i}.name`] = t('actions.item_name_min');
      if (it.reason.length < 3) local[`items.${i}.reason`] = t('actions.reason_min');
    });
    if (await f.send('request-supplement', { items: clean }, () => t('actions.supplement_requested'), local))
      setItems(initial());
  }
  return (
    <Card title={t('actions.request_supplement')}>
      <form onSubmit={submit} noValidate className="form">
        <p>{t('actions.request_supplement_text')}</p>
        {dossier.supplementCount >= 1 ? (
          <Alert kind="warning" title={t('actions.second_request_title')}>
            <p>{t('actions.second_request_text', { count: dossier.supplementCount })}</p>
          </Alert>
        ) : null}
        {f.problem}
        {components.length > 0 ? (
          <CheckboxGroup
            id="supplement-components"
            legend={t('actions.supplement_pick')}
            hint={t('actions.supplement_pick_hint')}
            options={components.map((c) => ({ value: c.key, label: c.name }))}
            value={picked}
            onChange={pick}
          />
        ) : null}
        {f.fields.items ? <p className="field-error">{f.fields.items}</p> : null}
        <ol className="list-editor-rows">
          {items.map((it, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list being edited
            <li key={i} className="list-editor-row item-row">
              <fieldset className="fieldset">
                <legend>{t('actions.item_n', { n: i + 1 })}</legend>
                <div className="form-grid">
                  <TextField
                    id={`supplement-item-${i}-name`}
                    label={t('actions.item_name')}
                    required
                    value={it.name}
                    error={f.fields[`items.${i}.name`]}
                    onChange={(e) =>
                      setItems(items.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))
                    }
                  />
                  <TextField
                    id={`supplement-item-${i}-reason`}
                    label={t('actions.item_reason')}
                    required
                    value={it.reason}
                    error={f.fields[`items.${i}.reason`]}
                    onChange={(e) =>
                      setItems(items.map((x, j) => (j === i ? { ...x, reason: e.target.value } : x)))
                    }
                  />
                </div>
                {items.length > 1 || it.componentKey ? (
                  <Button variant="quiet" small onClick={() => setItems(items.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                    <span className="visually-hidden"> {t('actions.item_n', { n: i + 1 })}</span>
                  </Button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        <div className="button-row">
          <Button variant="secondary" small onClick={() => setItems([...items, { name: '', reason: '' }])}>
            {t(components.length > 0 ? 'actions.add_other_item' : 'actions.add_item')}
          </Button>
        </div>
        <div className="button-row">
          <Button type="submit" busy={f.busy}>
            {t('actions.request_supplement_submit', { count: items.length })}
          </Button>
        </div>
      </form>
    </Card>
  );
}

const MAX_SUPPLEMENT_FILES = 10;

/** The applicant's answer: a note and the files asked for, each uploaded as soon as it is picked. */
function SupplementAnswerForm({ dossier, runner }: { dossier: Dossier; runner: DossierActions }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  const uploads = useUploads();
  const [note, setNote] = useState('');
  const [slots, setSlots] = useState(['supplement-file-1']);
  // which of the procedure's components each file is ('' = another supplementary document)
  const [kinds, setKinds] = useState<Record<string, string>>({});
  const request = latestSupplementRequest(dossier.timeline);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Errors = {};
    if (uploads.busy) local.files = t('upload.wait');
    const files = slots.flatMap((slot) => {
      const file = uploads.done[slot];
      if (!file) return [];
      return [{ fileId: file.id, ...(kinds[slot] ? { componentKey: kinds[slot] } : {}) }];
    });
    const body: Record<string, unknown> = { files };
    if (note.trim()) body.note = note.trim();
    if (await f.send('supplement', body, () => t('actions.supplemented'), local)) {
      setNote('');
      uploads.reset();
      setSlots(['supplement-file-1']);
      setKinds({});
    }
  }
  return (
    <Card title={t('actions.supplement')} open>
      <form onSubmit={submit} noValidate className="form">
        {request ? <RequestedItems request={request} /> : null}
        <p>{t('actions.supplement_text')}</p>
        {f.problem}
        <TextAreaField
          id="supplement-note"
          label={t('actions.supplement_note')}
          hint={t('actions.supplement_note_hint')}
          value={note}
          maxLength={2000}
          error={f.fields.note}
          onChange={(e) => setNote(e.target.value)}
        />
        <fieldset className="fieldset" id="supplement-files" tabIndex={-1}>
          <legend>{t('actions.supplement_files')}</legend>
          <p className="field-hint">{t('actions.supplement_files_hint')}</p>
          {f.fields.files ? <p className="field-error">{f.fields.files}</p> : null}
          {slots.map((slot, i) => (
            <div key={slot} className="supplement-file">
              <FilePicker
                id={slot}
                label={t('actions.supplement_file_n', { n: i + 1 })}
                error={f.fields[`files.${i}.fileId`]}
                state={uploads.states[slot]}
                onPick={(picked) => void uploads.start(slot, picked)}
                onRetry={() => void uploads.retry(slot)}
                onRemove={() => uploads.remove(slot)}
              />
              <SelectField
                id={`${slot}-kind`}
                label={t('actions.supplement_file_kind', { n: i + 1 })}
                value={kinds[slot] ?? ''}
                error={f.fields[`files.${i}.componentKey`]}
                onChange={(e) => setKinds((all) => ({ ...all, [slot]: e.target.value }))}
              >
                <option value="">{t('actions.supplement_file_other')}</option>
                {dossier.procedureComponents.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
            </div>
          ))}
          {slots.length < MAX_SUPPLEMENT_FILES ? (
            <Button
              variant="secondary"
              small
              onClick={() => setSlots((all) => [...all, `supplement-file-${Date.now()}`])}
            >
              {t('actions.supplement_add_file')}
            </Button>
          ) : null}
        </fieldset>
        <div className="button-row">
          <Button type="submit" busy={f.busy}>
            {t('actions.supplement_submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The items of a supplement request (form 02), as the applicant must read them. */
export function RequestedItems({
  request,
}: {
  request: NonNullable<ReturnType<typeof latestSupplementRequest>>;
}) {
  const { t } = useTranslation();
  return (
    <div className="requested-items">
      <p className="requested-title">
        {t('supplement.requested_by', { who: request.actor, at: formatDateTime(request.at) })}
      </p>
      <ol>
        {request.items.map((it) => (
          <li key={`${it.name}:${it.reason}`}>
            <strong>{it.name}</strong>
            <span> — {it.reason}</span>
          </li>
        ))}
      </ol>
      {request.deadline ? (
        <p className="small">{t('supplement.deadline', { at: formatDateTime(request.deadline) })}</p>
      ) : null}
    </div>
  );
}

function StepForm({ action, runner }: { action: Action; runner: DossierActions }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  const uploads = useUploads();
  const [comment, setComment] = useState('');
  const needsComment = action.requires.includes('comment');
  const needsResult = action.requires.includes('result');
  const needsFile = needsResult || action.requires.includes('attachment');
  const slot = `step-${action.key.replace(':', '-')}`;
  const prefix = slot;
  const file = uploads.done[slot];
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Errors = {};
    if (needsComment && !comment.trim()) local.comment = t('eform.required');
    if (uploads.busy) local.fileId = t('upload.wait');
    else if (needsFile && !file)
      local.fileId = t(needsResult ? 'actions.result_required' : 'upload.required');
    // A consultation answer names its branch: "<branch step>:<action>".
    const [branch, key] = action.kind === 'consult' ? action.key.split(':') : [null, action.key];
    const body: Record<string, unknown> = { action: key };
    if (comment.trim()) body.comment = comment.trim();
    if (file) body.fileId = file.id;
    const path = branch ? `consultations/${branch}` : 'step';
    if (await f.send(path, body, () => t('actions.step_done', { name: action.name }), local)) {
      setComment('');
      uploads.reset();
    }
  }
  return (
    <Card title={action.name} open>
      <form onSubmit={submit} noValidate className="form">
        {f.problem}
        <TextAreaField
          id={`${prefix}-comment`}
          label={t('actions.comment')}
          hint={needsComment ? t('actions.comment_required_hint') : undefined}
          required={needsComment}
          value={comment}
          maxLength={4000}
          error={f.fields.comment}
          onChange={(e) => setComment(e.target.value)}
        />
        {needsFile || action.requires.length === 0 ? (
          <FilePicker
            id={`${prefix}-file`}
            label={needsResult ? t('actions.result_file') : t('actions.attachment')}
            hint={needsResult ? t('actions.result_file_hint') : undefined}
            required={needsFile}
            error={f.fields.fileId}
            state={uploads.states[slot]}
            onPick={(picked) => void uploads.start(slot, picked)}
            onRetry={() => void uploads.retry(slot)}
            onRemove={() => uploads.remove(slot)}
          />
        ) : null}
        <div className="button-row">
          <Button type="submit" busy={f.busy} disabled={uploads.busy}>
            {action.name}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function HandOverForm({ runner, blocked }: { runner: DossierActions; blocked: string | null | undefined }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  const [method, setMethod] = useState('counter');
  return (
    <Card title={t('actions.hand_over')} open>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void f.send('hand-over', { method }, () => t('actions.handed_over'));
        }}
        noValidate
        className="form"
      >
        <Blocked reason={blocked} />
        {f.problem}
        <RadioGroup
          id="hand-over-method"
          legend={t('actions.hand_over_method')}
          required
          value={method}
          error={f.fields.method}
          onChange={setMethod}
          options={['counter', 'post', 'electronic'].map((m) => ({
            value: m,
            label: t(`hand_over.${m}`),
          }))}
        />
        <div className="button-row">
          <Button type="submit" busy={f.busy} disabled={!!blocked}>
            {t('actions.hand_over_submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function WithdrawForm({ runner }: { runner: DossierActions }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  const [reason, setReason] = useState('');
  return (
    <Card title={t('actions.withdraw')} tone="danger">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void f.send('withdraw', reason.trim() ? { reason: reason.trim() } : {}, () =>
            t('actions.withdrawn'),
          );
        }}
        noValidate
        className="form"
      >
        <p>{t('actions.withdraw_text')}</p>
        {f.problem}
        <TextAreaField
          id="withdraw-reason"
          label={t('actions.withdraw_reason')}
          value={reason}
          maxLength={1000}
          error={f.fields.reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <div className="button-row">
          <Button type="submit" variant="danger" busy={f.busy}>
            {t('actions.withdraw_submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** "2026-12-01T16:00" typed in Vietnam's time → an ISO moment with the +07:00 offset. */
function vietnamLocalToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  return `${value}:00+07:00`;
}

function ApologyForm({ dossier, runner }: { dossier: Dossier; runner: DossierActions }) {
  const { t } = useTranslation();
  const f = useActionForm(runner);
  const [reason, setReason] = useState('');
  const [newDue, setNewDue] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Errors = {};
    if (reason.trim().length < 5) local.reason = t('actions.apology_reason_min');
    const iso = vietnamLocalToIso(newDue);
    if (!iso) local.newDueAt = t('actions.apology_date_required');
    else if (dossier.dueAt && Date.parse(iso) <= Date.parse(dossier.dueAt))
      local.newDueAt = t('actions.apology_later');
    if (
      await f.send('apology', { reason: reason.trim(), newDueAt: iso }, () => t('actions.apologised'), local)
    ) {
      setReason('');
      setNewDue('');
    }
  }
  return (
    <Card title={t('actions.apology')}>
      <form onSubmit={submit} noValidate className="form">
        <p>{t('actions.apology_text')}</p>
        {f.problem}
        <TextAreaField
          id="apology-reason"
          label={t('actions.apology_reason')}
          required
          value={reason}
          maxLength={2000}
          error={f.fields.reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <DateTimeField
          id="apology-due"
          label={t('actions.apology_new_due')}
          hint={
            dossier.dueAt
              ? t('actions.apology_current_due', { at: formatDateTime(dossier.dueAt) })
              : undefined
          }
          required
          value={newDue}
          error={f.fields.newDueAt}
          onValue={setNewDue}
        />
        <div className="button-row">
          <Button type="submit" busy={f.busy}>
            {t('actions.apology_submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** One form per action the server allows this user (`actions`), the apology (form 04) included. */
export function ActionForms({
  dossier,
  runner,
  only,
}: {
  dossier: Dossier;
  runner: DossierActions;
  /** the kinds of action to offer here (default: all the server allows) */
  only?: readonly Action['kind'][];
}) {
  const forms: ReactNode[] = [];
  const has = (kind: Action['kind']) =>
    (!only || only.includes(kind)) && dossier.actions.some((a) => a.kind === kind);
  const blocked = (kind: Action['kind']) => dossier.actions.find((a) => a.kind === kind)?.blocked;
  if (has('accept')) forms.push(<AcceptForm key="accept" runner={runner} blocked={blocked('accept')} />);
  if (has('supplement'))
    forms.push(<SupplementAnswerForm key="supplement" dossier={dossier} runner={runner} />);
  for (const a of dossier.actions.filter((x) => (x.kind === 'step' || x.kind === 'consult') && has(x.kind)))
    forms.push(<StepForm key={`step-${a.key}`} action={a} runner={runner} />);
  if (has('hand_over'))
    forms.push(<HandOverForm key="hand_over" runner={runner} blocked={blocked('hand_over')} />);
  if (has('request_supplement'))
    forms.push(<SupplementRequestForm key="request_supplement" dossier={dossier} runner={runner} />);
  if (has('apology')) forms.push(<ApologyForm key="apology" dossier={dossier} runner={runner} />);
  if (has('refuse')) forms.push(<ReasonsForm key="refuse" kind="refuse" runner={runner} />);
  if (has('stop')) forms.push(<ReasonsForm key="stop" kind="stop" runner={runner} />);
  if (has('withdraw')) forms.push(<WithdrawForm key="withdraw" runner={runner} />);
  return <div className="action-forms">{forms}</div>;
}
