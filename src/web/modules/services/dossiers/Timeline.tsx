import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../ui/format.ts';
import { fileHref, StatusBadge, TimelinessBadge } from '../labels.tsx';
import type { Definition, Timeline as Entry } from '../types.ts';

/** "step.sign" → the workflow action's name, found by the step it left and its key. */
function stepActionName(def: Definition | undefined, data: Record<string, unknown>, en: boolean) {
  const action = def?.workflow.actions.find((a) => a.from === data.step && a.key === data.action);
  if (!action) return null;
  return en && action.nameEn ? action.nameEn : action.name;
}

const KNOWN = new Set([
  'consult.joined',
  'submit',
  'accept',
  'route',
  'refuse',
  'request_supplement',
  'supplement',
  'hand_over',
  'withdraw',
  'stop',
  'apology',
  'apology_drafted',
  'request_payment',
  'confirm_payment',
  'expire_supplement',
]);

/**
 * The dossier's history (form 06 as a list): when, what, who, on which step and at which agency,
 * the comment, and whether the step finished early, on time or late.
 */
export function Timeline({
  entries,
  definition,
  showFiles,
}: {
  entries: Entry[];
  definition: Definition | undefined;
  showFiles: boolean;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <ol className="timeline">
      {[...entries].reverse().map((e, i) => {
        const data = e.data;
        const label =
          e.action.startsWith('step.') || (e.action.startsWith('consult.') && e.action !== 'consult.joined')
            ? (stepActionName(definition, data, en) ?? t('timeline.action.step'))
            : KNOWN.has(e.action)
              ? t(`timeline.action.${e.action}`, {
                  n: typeof data.request === 'number' ? data.request : 1,
                })
              : e.action;
        const statusChanged = e.fromStatus !== e.toStatus;
        const items = e.action === 'request_supplement' && Array.isArray(data.items) ? data.items : [];
        const reasons = Array.isArray(data.reasons) ? (data.reasons as string[]) : [];
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries never reorder; time alone is not unique
          <li key={`${e.at}-${i}`} className="timeline-item">
            <div className="timeline-when">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </div>
            <div className="timeline-what">
              <p className="timeline-title">
                <strong>{label}</strong>
                {statusChanged ? <StatusBadge status={e.toStatus} /> : null}
                {e.stepTimeliness ? (
                  <span className="timeline-timeliness">
                    <span className="visually-hidden">{t('timeline.step_timeliness')}: </span>
                    <TimelinessBadge value={e.stepTimeliness} />
                  </span>
                ) : null}
              </p>
              <dl className="timeline-meta">
                <div>
                  <dt>{t('timeline.by')}</dt>
                  <dd>{e.actor === 'system' ? t('timeline.system') : e.actor}</dd>
                </div>
                {e.agency ? (
                  <div>
                    <dt>{t('timeline.agency')}</dt>
                    <dd>{e.agency}</dd>
                  </div>
                ) : null}
                {e.fromStep ? (
                  <div>
                    <dt>{t('timeline.from_step')}</dt>
                    <dd>{e.fromStep}</dd>
                  </div>
                ) : null}
                {e.step ? (
                  <div>
                    <dt>{t('timeline.next_step')}</dt>
                    <dd>{e.step}</dd>
                  </div>
                ) : null}
                {typeof data.method === 'string' ? (
                  <div>
                    <dt>{t('timeline.method')}</dt>
                    <dd>{t(`hand_over.${data.method}`, { defaultValue: data.method })}</dd>
                  </div>
                ) : null}
                {e.action === 'apology' && typeof data.newDueAt === 'string' ? (
                  <div>
                    <dt>{t('timeline.new_due')}</dt>
                    <dd>{formatDateTime(data.newDueAt)}</dd>
                  </div>
                ) : null}
              </dl>
              {e.comment ? <p className="timeline-comment">{e.comment}</p> : null}
              {items.length ? (
                <ol className="timeline-items">
                  {(items as { name: string; reason: string }[]).map((it) => (
                    <li key={`${it.name}:${it.reason}`}>
                      <strong>{it.name}</strong> — {it.reason}
                    </li>
                  ))}
                </ol>
              ) : null}
              {reasons.length ? (
                <ul className="timeline-items">
                  {reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : null}
              {showFiles && typeof data.fileId === 'string' ? (
                <p className="small">
                  <a href={fileHref(data.fileId)} download>
                    {t('timeline.file')}
                  </a>
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
