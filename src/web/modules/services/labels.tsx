import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n.ts';
import { Badge } from '../../ui/Badge.tsx';
import { formatNumber } from '../../ui/format.ts';
import type { Definition, Urgency } from './types.ts';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const STATUSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

const STATUS_TONE: Record<number, Tone> = {
  1: 'info',
  2: 'info',
  3: 'danger',
  4: 'info',
  5: 'warning',
  6: 'warning',
  7: 'neutral',
  8: 'danger',
  9: 'success',
  10: 'success',
};

/** The national status (1–10) in words, never in colour alone. */
export function StatusBadge({ status }: { status: number }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status] ?? 'neutral'}>{t(`dossier.status.${status}`)}</Badge>;
}

const URGENCY_TONE: Record<Urgency, Tone> = {
  overdue: 'danger',
  due_today: 'warning',
  due_soon: 'warning',
  on_track: 'success',
  paused: 'neutral',
  none: 'neutral',
};
// A shape per urgency as well as a word, for readers who do not tell the colours apart.
const URGENCY_MARK: Record<Urgency, string> = {
  overdue: '■',
  due_today: '▲',
  due_soon: '▲',
  on_track: '●',
  paused: 'Ⅱ',
  none: '',
};

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  if (urgency === 'none') return null;
  return (
    <Badge tone={URGENCY_TONE[urgency]}>
      <span aria-hidden="true" className="badge-mark">
        {URGENCY_MARK[urgency]}
      </span>{' '}
      {t(`urgency.${urgency}`)}
    </Badge>
  );
}

const TIMELINESS_TONE: Record<string, Tone> = { early: 'success', on_time: 'info', late: 'danger' };

/** Whether a step finished early, on time or late (form 06). */
export function TimelinessBadge({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (!value) return null;
  return <Badge tone={TIMELINESS_TONE[value] ?? 'neutral'}>{t(`timeliness.${value}`)}</Badge>;
}

export function ServiceLevelBadge({ level }: { level: 'full' | 'partial' }) {
  const { t } = useTranslation();
  return <Badge tone={level === 'full' ? 'success' : 'info'}>{t(`service_level.${level}`)}</Badge>;
}

/** Integer đồng: "75.000 đồng" (vi), "VND 75,000" (en). */
export function formatMoney(amount: number): string {
  return currentLanguage() === 'en' ? `VND ${formatNumber(amount)}` : `${formatNumber(amount)} đồng`;
}

/** A name that has an English variant in the procedure data. */
export function localized(record: { name: string; nameEn?: string | undefined }): string {
  return currentLanguage() === 'en' && record.nameEn ? record.nameEn : record.name;
}

export function procedureName(def: Pick<Definition, 'name' | 'nameEn'>): string {
  return localized(def);
}

/** Generated forms (Circular 03/2025, Appendix I) a dossier can have. */
export const DOCUMENT_FORMS = ['01', '02', '03', '04', '05', '06', '07'] as const;

/** The file name the browser should save a document under. */
export function documentHref(dossierId: string, form: string): string {
  return `/api/dossiers/${dossierId}/documents/${form}`;
}

export function fileHref(fileId: string): string {
  return `/api/files/${fileId}`;
}
