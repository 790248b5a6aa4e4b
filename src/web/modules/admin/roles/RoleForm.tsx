import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateRoleBody, UpdateRoleBody } from '../../../../contracts/identity.ts';
import { api } from '../../../app/api.ts';
import type { Role } from '../../../app/types.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Checkbox, TextField } from '../../../ui/Field.tsx';
import { useFormErrors } from '../../../ui/form.ts';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';

interface Props {
  role: Role | null;
  permissions: readonly string[];
  onSaved: (role: Role) => void;
  onCancel: () => void;
}

/** Permission names come from the server; their labels from the locale keys permission.<name>. */
export function RoleForm({ role, permissions, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [values, setValues] = useState({
    code: role?.code ?? '',
    name: role?.name ?? '',
    nameEn: role?.nameEn ?? '',
  });
  const [granted, setGranted] = useState<Set<string>>(new Set(role?.permissions ?? []));
  const [busy, setBusy] = useState(false);
  const labels = {
    code: t('roles.code'),
    name: t('roles.name_vi'),
    nameEn: t('roles.name_en'),
    permissions: t('roles.permissions'),
  };
  const set = (name: keyof typeof values) => (e: ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  function toggle(permission: string, on: boolean) {
    setGranted((prev) => {
      const next = new Set(prev);
      if (on) next.add(permission);
      else next.delete(permission);
      return next;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = permissions.filter((p) => granted.has(p));
    setBusy(true);
    try {
      if (role) {
        const body = form.check(UpdateRoleBody, {
          name: values.name,
          nameEn: values.nameEn,
          permissions: chosen,
        });
        if (!body) return;
        onSaved(await api.patch<Role>(`/api/admin/roles/${role.code}`, body));
      } else {
        const body = form.check(CreateRoleBody, { ...values, permissions: chosen });
        if (!body) return;
        onSaved(await api.post<Role>('/api/admin/roles', body));
      }
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary
        form={form}
        fieldIds={{
          code: 'role-code',
          name: 'role-name',
          nameEn: 'role-nameEn',
          permissions: 'role-permissions',
        }}
        labels={labels}
      />
      <form onSubmit={submit} noValidate className="form">
        <RequiredNote />
        <TextField
          id="role-code"
          label={labels.code}
          hint={t('roles.code_hint')}
          value={values.code}
          onChange={set('code')}
          error={form.fields.code}
          readOnly={!!role}
          className="input-mono"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          id="role-name"
          label={labels.name}
          value={values.name}
          onChange={set('name')}
          error={form.fields.name}
          autoComplete="off"
          required
        />
        <TextField
          id="role-nameEn"
          label={labels.nameEn}
          value={values.nameEn}
          onChange={set('nameEn')}
          error={form.fields.nameEn}
          autoComplete="off"
          lang="en"
          required
        />
        <fieldset className="fieldset" id="role-permissions" tabIndex={-1}>
          <legend>{labels.permissions}</legend>
          {form.fields.permissions ? <p className="field-error">{form.fields.permissions}</p> : null}
          <div className="checkbox-grid">
            {permissions.map((p) => (
              <Checkbox
                key={p}
                id={`perm-${p}`}
                label={t(`permission.${p}`, { defaultValue: p })}
                hint={p}
                checked={granted.has(p)}
                onChange={(e) => toggle(p, e.target.checked)}
              />
            ))}
          </div>
        </fieldset>
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {role ? t('common.save') : t('roles.create_submit')}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </>
  );
}
