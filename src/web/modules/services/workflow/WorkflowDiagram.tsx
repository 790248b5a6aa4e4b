import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowDefinition } from '../../../../contracts/services.ts';
import { Table } from '../../../ui/Table.tsx';
import { localized } from '../labels.tsx';
import { DONE, type LaidEdge, layoutWorkflow, wrapText } from './layout.ts';

type Step = WorkflowDefinition['steps'][number];
type Action = WorkflowDefinition['actions'][number];

interface Props {
  workflow: WorkflowDefinition;
  /** the name of an agency named by code in a step, when the viewer may know it */
  agencyName?: (code: string) => string | undefined;
  /** names the drawing and its tables when a page shows more than one diagram */
  caption?: string;
}

// Text is wrapped by characters (SVG text does not wrap); the widths allow for the fonts' wider letters.
const NODE_WIDTH = 250;
const TITLE_CHARS = 30;
const META_CHARS = 34;
const LINE = 17;
const META_LINE = 15;
const LABEL_CHARS = 24;
const LABEL_LINE = 13;
const LABEL_CHAR_WIDTH = 6.6;

/**
 * A procedure version's workflow as an inline SVG (computed from the definition, nothing fetched),
 * followed by the same content as tables: the drawing is one image for assistive technology, the
 * tables are what a screen reader reads. Every name is drawn in full, on as many lines as it takes:
 * boxes grow to fit their text, and the rows part to fit the labels between them.
 */
export function WorkflowDiagram({ workflow, agencyName, caption }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const descId = useId();
  const markerId = `${useId().replaceAll(':', '')}-arrow`;
  const steps = new Map(workflow.steps.map((s) => [s.key, s]));
  const stepName = (key: string) =>
    key === DONE ? t('workflow.done') : steps.get(key) ? localized(steps.get(key)!) : key;
  const roleName = (code: string) => t(`workflow.role.${code}`, { defaultValue: code });
  const agencyText = (s: Step) =>
    s.agency === 'receiving'
      ? t('workflow.agency.receiving')
      : s.agency === 'competent'
        ? t('workflow.agency.competent')
        : (agencyName?.(s.agency.code) ?? s.agency.code);
  const allowance = (s: Step) =>
    s.allowance.unit === 'same_day' || s.allowance.unit === 'none'
      ? t(`limit.${s.allowance.unit}`)
      : t(`limit.${s.allowance.unit}`, { count: s.allowance.value });
  const titleLines = (s: Step) => wrapText(localized(s), TITLE_CHARS);
  const metaLines = (s: Step) =>
    [
      roleName(s.role),
      agencyText(s),
      `${t('workflow.allowance')}: ${allowance(s)}`,
      ...(s.consultation ? [t('workflow.consultation')] : []),
      ...(s.final ? [t('workflow.final')] : []),
    ].flatMap((m) => wrapText(m, META_CHARS));
  const heightOf = (key: string) => {
    const s = steps.get(key);
    if (!s) return 60;
    return 14 + titleLines(s).length * LINE + metaLines(s).length * META_LINE + 12;
  };
  const actions = new Map<string, Action>(workflow.actions.map((a) => [`${a.from}:${a.key}`, a]));
  const actionName = (from: string, key: string) => {
    const a = actions.get(`${from}:${key}`);
    return a ? localized(a) : key;
  };
  const labelLines = (from: string, keys: string[]) =>
    wrapText(keys.map((k) => actionName(from, k)).join(' / '), LABEL_CHARS);
  const labelSize = (e: { from: string; actions: string[] }) => {
    const lines = labelLines(e.from, e.actions);
    return {
      width: Math.max(0, ...lines.map((l) => l.length)) * LABEL_CHAR_WIDTH,
      height: lines.length * LABEL_LINE,
    };
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the layout depends on the text (language) too
  const layout = useMemo(
    () => layoutWorkflow(workflow, { nodeWidth: NODE_WIDTH, nodeHeight: heightOf, labelSize }),
    [workflow, t],
  );
  const requirements = (a: Action) =>
    (['comment', 'attachment', 'result'] as const)
      .filter((r) => a.requires?.[r])
      .map((r) => t(`workflow.requires.${r}`))
      .join(', ') || t('workflow.requires.nothing');

  return (
    <figure className="workflow">
      {/* A wide diagram scrolls sideways: the region takes focus so the keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1) */}
      <section className="workflow-canvas" tabIndex={0} aria-labelledby={titleId}>
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          className="workflow-svg"
        >
          <title id={titleId}>{caption ?? t('workflow.title')}</title>
          <desc id={descId}>
            {t('workflow.summary', {
              steps: workflow.steps.length,
              actions: workflow.actions.length,
              start: stepName(workflow.start),
            })}
          </desc>
          <defs>
            <marker
              id={markerId}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="workflow-arrowhead" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <g
              key={`${e.from}-${e.to}`}
              className={e.back ? 'workflow-edge workflow-edge-back' : 'workflow-edge'}
            >
              <polyline
                points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}
                markerEnd={`url(#${markerId})`}
              />
              <EdgeLabel {...e.label} lines={labelLines(e.from, e.actions)} />
            </g>
          ))}
          {layout.nodes.map((n) => {
            if (n.kind === 'done')
              return (
                <g key={n.key} className="workflow-node workflow-done">
                  <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={n.height / 2} />
                  <text
                    x={n.x + n.width / 2}
                    y={n.y + n.height / 2}
                    textAnchor="middle"
                    dominantBaseline="middle"
                  >
                    {t('workflow.done')}
                  </text>
                </g>
              );
            const s = steps.get(n.key)!;
            const lines = titleLines(s);
            const top = n.y + 14 + LINE / 2;
            const metaTop = top + lines.length * LINE;
            const meta = metaLines(s);
            const classes = [
              'workflow-node',
              s.consultation ? 'workflow-consultation' : '',
              s.final ? 'workflow-final' : '',
              s.key === workflow.start ? 'workflow-start' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <g key={n.key} className={classes}>
                <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={6} />
                {lines.map((line, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: wrapped lines of one label, in order
                  <text key={i} x={n.x + 12} y={top + i * LINE} className="workflow-step-name">
                    {line}
                  </text>
                ))}
                {meta.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: wrapped lines of the step's details, in order
                  <text key={i} x={n.x + 12} y={metaTop + i * META_LINE} className="workflow-meta">
                    {m}
                  </text>
                ))}
              </g>
            );
          })}
        </svg>
      </section>
      <figcaption className="small muted">{t('workflow.legend')}</figcaption>
      <Table
        caption={caption ? `${t('workflow.steps_caption')} – ${caption}` : t('workflow.steps_caption')}
        rows={workflow.steps}
        rowKey={(s) => s.key}
        columns={[
          {
            key: 'name',
            header: t('workflow.step'),
            rowHeader: true,
            cell: (s) => (
              <>
                {localized(s)}
                {s.key === workflow.start ? <span className="cell-sub">{t('workflow.start')}</span> : null}
                {s.consultation ? <span className="cell-sub">{t('workflow.consultation')}</span> : null}
                {s.final ? <span className="cell-sub">{t('workflow.final')}</span> : null}
              </>
            ),
          },
          { key: 'role', header: t('workflow.role_header'), cell: (s) => roleName(s.role) },
          { key: 'agency', header: t('workflow.agency_header'), cell: (s) => agencyText(s) },
          { key: 'allowance', header: t('workflow.allowance'), cell: (s) => allowance(s) },
        ]}
      />
      <Table
        caption={caption ? `${t('workflow.actions_caption')} – ${caption}` : t('workflow.actions_caption')}
        rows={workflow.actions}
        rowKey={(a) => `${a.from}:${a.key}`}
        columns={[
          { key: 'name', header: t('workflow.action'), rowHeader: true, cell: (a) => localized(a) },
          { key: 'from', header: t('workflow.from'), cell: (a) => stepName(a.from) },
          { key: 'to', header: t('workflow.to'), cell: (a) => stepName(a.to) },
          { key: 'requires', header: t('workflow.requires_header'), cell: (a) => requirements(a) },
        ]}
      />
    </figure>
  );
}

/** An edge's label, in short lines, centred on the point the layout chose (or beside it). */
function EdgeLabel({
  x,
  y,
  anchor,
  lines,
}: {
  x: number;
  y: number;
  anchor: LaidEdge['label']['anchor'];
  lines: string[];
}) {
  const top = y - ((lines.length - 1) * LABEL_LINE) / 2;
  return (
    <text x={x} y={top} textAnchor={anchor} dominantBaseline="middle">
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped lines of one label, in order
        <tspan key={i} x={x} y={top + i * LABEL_LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
