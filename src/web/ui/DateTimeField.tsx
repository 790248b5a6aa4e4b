import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from './DateField.tsx';
import { GroupShell } from './ChoiceGroup.tsx';
import { TextField } from './Field.tsx';

const TIME = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/;

/** "8:30", "08.30", "8h30" → "08:30"; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const m = TIME.exec(text.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : null;
}

/**
 * A date and a time of day typed as dd/mm/yyyy and hh:mm (24 hours), whatever the browser's language
 * (a native date-time picker shows the browser's order and clock). The value is YYYY-MM-DDTHH:mm in
 * Vietnam's time, as a datetime-local input gives; '' until both parts are whole.
 */
export function DateTimeField({
  id,
  label,
  hint,
  error,
  required,
  value,
  onValue,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  value: string;
  onValue: (value: string) => void;
}) {
  const { t } = useTranslation();
  const [date, setDate] = useState(value.slice(0, 10));
  const [time, setTime] = useState(value.slice(11, 16));
  // Cleared from outside (after a successful send): both parts are cleared.
  useEffect(() => {
    if (value === '') {
      setDate('');
      setTime((shown) => (parseTime(shown) ? '' : shown));
    }
  }, [value]);
  const emit = (d: string, tm: string) => {
    const hhmm = parseTime(tm);
    onValue(d && hhmm ? `${d}T${hhmm}` : '');
  };
  return (
    <GroupShell id={id} legend={label} hint={hint} error={error} required={required}>
      <div className="form-row">
        <DateField
          id={`${id}-date`}
          label={t('ui.date')}
          value={date}
          onValue={(d) => {
            setDate(d);
            emit(d, time);
          }}
          fieldClassName="field-narrow"
        />
        <TextField
          id={`${id}-time`}
          label={t('ui.time')}
          hint={t('ui.time_hint')}
          inputMode="numeric"
          autoComplete="off"
          placeholder="hh:mm"
          value={time}
          onChange={(e) => {
            setTime(e.target.value);
            emit(date, e.target.value);
          }}
          fieldClassName="field-narrow"
        />
      </div>
    </GroupShell>
  );
}
