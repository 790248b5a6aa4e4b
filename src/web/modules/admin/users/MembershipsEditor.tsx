import { useTranslation } from 'react-i18next';
import type { Agency, Role } from '../../../app/types.ts';
import { Button } from '../../../ui/Button.tsx';
import { SelectField, TextField } from '../../../ui/Field.tsx';
import type { FieldErrors } from '../../../ui/form.ts';
import { currentLanguage } from '../../../app/i18n.ts';
import { AgencyOptions } from '../AgencyOptions.tsx';

export interface MembershipDraft {
  agencyId: string;
  roleCode: string;
}

interface Props {
  value: MembershipDraft[];
  onChange: (value: MembershipDraft[]) => void;
  agencies: readonly Agency[];
  /** null when the roles list cannot be read (then the role code is typed) */
  roles: readonly Role[] | null;
  errors: FieldErrors;
}

export const membershipFieldIds = (count: number): Record<string, string> => {
  const ids: Record<string, string> = { memberships: 'membership-agency-0' };
  for (let i = 0; i < count; i++) {
    ids[`memberships.${i}.agencyId`] = `membership-agency-${i}`;
    ids[`memberships.${i}.roleCode`] = `membership-role-${i}`;
  }
  return ids;
};

/** Which role the user holds in which agency: one row per membership. */
export function MembershipsEditor({ value, onChange, agencies, roles, errors }: Props) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<MembershipDraft>) =>
    onChange(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const roleName = (r: Role) => (currentLanguage() === 'en' ? r.nameEn : r.name);
  return (
    <fieldset className="fieldset">
      <legend>{t('users.memberships')}</legend>
      <p className="field-hint">{t('users.memberships_hint')}</p>
      {errors.memberships ? <p className="field-error">{errors.memberships}</p> : null}
      <ol className="membership-rows">
        {value.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <li key={i} className="membership-row">
            <SelectField
              id={`membership-agency-${i}`}
              label={t('users.membership_agency', { n: i + 1 })}
              value={m.agencyId}
              onChange={(e) => update(i, { agencyId: e.target.value })}
              error={errors[`memberships.${i}.agencyId`]}
              required
            >
              <option value="">{t('common.choose')}</option>
              <AgencyOptions agencies={agencies} />
            </SelectField>
            {roles ? (
              <SelectField
                id={`membership-role-${i}`}
                label={t('users.membership_role', { n: i + 1 })}
                value={m.roleCode}
                onChange={(e) => update(i, { roleCode: e.target.value })}
                error={errors[`memberships.${i}.roleCode`]}
                required
              >
                <option value="">{t('common.choose')}</option>
                {roles.map((r) => (
                  <option key={r.code} value={r.code}>
                    {roleName(r)}
                  </option>
                ))}
              </SelectField>
            ) : (
              <TextField
                id={`membership-role-${i}`}
                label={t('users.membership_role', { n: i + 1 })}
                value={m.roleCode}
                onChange={(e) => update(i, { roleCode: e.target.value })}
                error={errors[`memberships.${i}.roleCode`]}
                required
              />
            )}
            <Button
              variant="quiet"
              small
              className="membership-remove"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={t('users.membership_remove', { n: i + 1 })}
            >
              {t('common.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <Button variant="secondary" small onClick={() => onChange([...value, { agencyId: '', roleCode: '' }])}>
        {t('users.membership_add')}
      </Button>
    </fieldset>
  );
}
