import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyKind, CreateAgencyBody, UpdateAgencyBody } from '../../../../contracts/identity.ts';
import { api } from '../../../app/api.ts';
import { localName } from '../../../app/names.ts';
import type { Agency, Unit } from '../../../app/types.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import { compact, useFormErrors } from '../../../ui/form.ts';
import { AgencyOptions } from '../AgencyOptions.tsx';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';

interface Props {
  mode: 'create' | 'edit';
  /** create: the parent; edit: the agency itself */
  agency: Agency;
  agencies: readonly Agency[];
  /** ids the agency cannot move under (itself and its subtree) */
  excludeParents: Set<string>;
  units: readonly Unit[];
  onDone: (saved: Agency) => void;
  onCancel: () => void;
}

export function AgencyForm({ mode, agency, agencies, excludeParents, units, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const creating = mode === 'create';
  const [values, setValues] = useState({
    code: creating ? '' : agency.code,
    name: creating ? '' : agency.name,
    nameEn: creating ? '' : (agency.nameEn ?? ''),
    kind: creating ? 'division' : agency.kind,
    unitCode: agency.unitCode,
    parentId: creating ? agency.id : (agency.parentId ?? ''),
    phone: creating ? '' : (agency.phone ?? ''),
  });
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof values) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  const labels = {
    code: t('agency.code'),
    name: t('agency.name'),
    nameEn: t('agency.name_en'),
    kind: t('agency.kind'),
    unitCode: t('agency.unit'),
    parentId: t('agency.parent'),
    phone: t('agency.phone'),
  };
  const ids = Object.fromEntries(Object.keys(labels).map((k) => [k, `agency-${k}`]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      if (creating) {
        const body = form.check(CreateAgencyBody, compact(values));
        if (!body) return;
        onDone(await api.post<Agency>('/api/admin/agencies', body));
      } else {
        const { code: _code, ...rest } = values;
        const body = form.check(UpdateAgencyBody, {
          ...rest,
          nameEn: rest.nameEn.trim() === '' ? null : rest.nameEn,
          phone: rest.phone.trim() === '' ? null : rest.phone,
          parentId: rest.parentId || undefined,
        });
        if (!body) return;
        onDone(await api.patch<Agency>(`/api/admin/agencies/${agency.id}`, body));
      }
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary form={form} fieldIds={ids} labels={labels} />
      <form onSubmit={submit} noValidate className="form">
        <RequiredNote />
        {creating ? (
          <p className="muted">{t('agencies.create_under', { name: localName(agency) })}</p>
        ) : agency.parentId ? (
          <SelectField
            id="agency-parentId"
            label={labels.parentId}
            value={values.parentId}
            onChange={set('parentId')}
            error={form.fields.parentId}
          >
            <AgencyOptions agencies={agencies} exclude={excludeParents} />
          </SelectField>
        ) : null}
        <TextField
          id="agency-code"
          label={labels.code}
          hint={t('agency.code_hint')}
          value={values.code}
          onChange={set('code')}
          error={form.fields.code}
          readOnly={!creating}
          className="input-mono"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="agency-name"
          label={labels.name}
          value={values.name}
          onChange={set('name')}
          error={form.fields.name}
          autoComplete="off"
          required
        />
        <TextField
          id="agency-nameEn"
          label={labels.nameEn}
          value={values.nameEn}
          onChange={set('nameEn')}
          error={form.fields.nameEn}
          autoComplete="off"
          lang="en"
        />
        <TextField
          id="agency-phone"
          label={labels.phone}
          hint={t('agency.phone_hint')}
          value={values.phone}
          onChange={set('phone')}
          error={form.fields.phone}
          type="tel"
          autoComplete="off"
        />
        <SelectField
          id="agency-kind"
          label={labels.kind}
          value={values.kind}
          onChange={set('kind')}
          error={form.fields.kind}
          required
        >
          {AgencyKind.options.map((k) => (
            <option key={k} value={k}>
              {t(`agency.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="agency-unitCode"
          label={labels.unitCode}
          hint={t('agency.unit_hint')}
          value={values.unitCode}
          onChange={set('unitCode')}
          error={form.fields.unitCode}
          required
        >
          {units.some((u) => u.code === values.unitCode) ? null : (
            <option value={values.unitCode}>{values.unitCode}</option>
          )}
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.fullName}
            </option>
          ))}
        </SelectField>
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {creating ? t('agencies.create_submit') : t('common.save')}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </>
  );
}
