import { type ReactNode, useId } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** numbers and dates align right */
  align?: 'start' | 'end';
  /** the column that names the row (rendered as a row header) */
  rowHeader?: boolean;
  className?: string;
}

interface TableProps<T> {
  caption: ReactNode;
  /** hide the caption visually (it still names the table) */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** on a phone, each row becomes a block of "header: value" lines instead of scrolling sideways */
  stacked?: boolean;
}

export function Table<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  rowClassName,
  stacked,
}: TableProps<T>) {
  const captionId = useId();
  return (
    // The wrapper scrolls sideways on narrow screens, so it must be reachable by keyboard.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region needs a tab stop (WCAG 2.1.1)
    <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table className={stacked ? 'table table-stacked' : 'table'}>
        <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cellClass(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={cellClass(c)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    className={cellClass(c)}
                    data-label={stacked && typeof c.header === 'string' ? c.header : undefined}
                  >
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function cellClass<T>(c: Column<T>): string | undefined {
  const classes = [c.align === 'end' ? 'num' : '', c.className ?? ''].filter(Boolean).join(' ');
  return classes || undefined;
}
