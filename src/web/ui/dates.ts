// Dates typed by people, day first as Vietnamese documents write them (no browser locale involved).

/**
 * A date as people type it here, day first: "05/03/2024", "5/3/2024", "05.03.2024" or "05-03-2024"
 * (and yyyy-mm-dd, as older drafts kept it); as YYYY-MM-DD, or null when it is not a real date.
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [0, 0, 0];
  if (!y) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A month as people type it here: "12/2026", "3/2026" (and yyyy-mm); as YYYY-MM, or null. */
export function parseMonth(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(t);
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  const [y, m] = iso ? [Number(iso[1]), Number(iso[2])] : my ? [Number(my[2]), Number(my[1])] : [0, 0];
  if (!y || m < 1 || m > 12) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** YYYY-MM shown as mm/yyyy. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-');
  return y && m ? `${m}/${y}` : '';
}
