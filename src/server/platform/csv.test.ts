import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and counts lines', () => {
    const rows = parseCsv('\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",\n3,z,w');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { line: 4, cells: ['2', 'two\nlines', ''] },
      { line: 6, cells: ['3', 'z', 'w'] },
    ]);
  });

  it('uses semicolons when the header does', () => {
    expect(parseCsv('ten;so\nAn, Bình;3\n').map((r) => r.cells)).toEqual([
      ['ten', 'so'],
      ['An, Bình', '3'],
    ]);
  });

  it('keeps an empty quoted cell and an empty last cell', () => {
    expect(parseCsv('a,b\n"",\n').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['', ''],
    ]);
  });
});
