import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth, parseDate, parseMonth } from './dates.ts';
import { TextField, type TextFieldProps } from './Field.tsx';
import { formatDate } from './format.ts';

interface DateFieldProps extends Omit<TextFieldProps, 'value' | 'onChange' | 'type' | 'min' | 'max'> {
  /** the date as YYYY-MM-DD (a month: YYYY-MM), or '' */
  value: string;
  /** the date typed, as YYYY-MM-DD (YYYY-MM); '' while it is not a whole, real date */
  onValue: (date: string) => void;
  /** a month (mm/yyyy) rather than a day */
  month?: boolean;
}

/**
 * A date typed day first (dd/mm/yyyy), whatever the browser's language: a native date picker shows
 * the browser's order (mm/dd/yyyy in an English browser), which misleads here.
 */
export function DateField({ value, onValue, hint, month, ...field }: DateFieldProps) {
  const { t } = useTranslation();
  const parse = month ? parseMonth : parseDate;
  const format = month ? formatMonth : formatDate;
  const [text, setText] = useState(() => format(value));
  // A value set from outside (a reset, a link) replaces what is shown.
  useEffect(() => {
    setText((shown) =>
      parseDate(shown) === value || (value === '' && !parseDate(shown)) ? shown : formatDate(value),
    );
  }, [value]);
  return (
    <TextField
      {...field}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t(month ? 'eform.month_placeholder' : 'eform.date_placeholder')}
      hint={hint ?? t(month ? 'eform.month_hint' : 'eform.date_hint')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parse(e.target.value) ?? '');
      }}
    />
  );
}
