import { useTranslation } from 'react-i18next';
import { localName } from '../../../app/names.ts';
import { Badge } from '../../../ui/Badge.tsx';
import type { AgencyNode } from './tree.ts';

interface Props {
  roots: AgencyNode[];
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Nested lists with disclosure buttons: readable by any screen reader, operable by keyboard. */
export function AgencyTree({ roots, expanded, onToggle, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="tree" aria-label={t('agencies.tree')}>
      {roots.map((node) => (
        <TreeItem key={node.agency.id} node={node} {...{ expanded, onToggle, selectedId, onSelect }} />
      ))}
    </ul>
  );
}

function TreeItem({
  node,
  expanded,
  onToggle,
  selectedId,
  onSelect,
}: Omit<Props, 'roots'> & { node: AgencyNode }) {
  const { t } = useTranslation();
  const { agency, children } = node;
  const open = expanded.has(agency.id);
  const groupId = `tree-group-${agency.id}`;
  return (
    <li className={agency.active ? undefined : 'tree-inactive'}>
      <div className={`tree-row${selectedId === agency.id ? ' is-selected' : ''}`}>
        {children.length > 0 ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={open}
            aria-controls={groupId}
            aria-label={t(open ? 'tree.collapse' : 'tree.expand', { name: localName(agency) })}
            onClick={() => onToggle(agency.id)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="tree-toggle-placeholder" aria-hidden="true" />
        )}
        <button
          type="button"
          className="tree-label"
          aria-current={selectedId === agency.id ? 'true' : undefined}
          onClick={() => onSelect(agency.id)}
        >
          <span className="tree-name">{localName(agency)}</span>
          <span className="tree-meta">
            <code>{agency.code}</code>
            <span>{t(`agency.kind.${agency.kind}`)}</span>
            {children.length > 0 ? (
              <span>{t('agencies.children_count', { count: children.length })}</span>
            ) : null}
          </span>
        </button>
        {agency.active ? null : <Badge tone="neutral">{t('agencies.inactive')}</Badge>}
      </div>
      {children.length > 0 && open ? (
        <ul id={groupId}>
          {children.map((child) => (
            <TreeItem key={child.agency.id} node={child} {...{ expanded, onToggle, selectedId, onSelect }} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
