import { describe, expect, it } from 'vitest';
import { fold, queryWords, snippet, toTsQuery } from './search-text.ts';

describe('folding', () => {
  it.each([
    ['Thủ tục đất đai', 'thu tuc dat dai'],
    ['ĐĂNG KÝ KHAI SINH', 'dang ky khai sinh'],
    ['Hòa Lợi, Bình Dương', 'hoa loi, binh duong'],
  ])('fold(%s)', (input, out) => {
    expect(fold(input)).toBe(out);
    expect([...fold(input)].length).toBe([...input.normalize('NFC')].length);
  });

  it('query words lose what tsquery would read as operators', () => {
    expect(queryWords("thủ tục & (đất) | 'đai'!")).toEqual(['thu', 'tuc', 'dat', 'dai']);
    expect(toTsQuery(['thu', 'tuc'])).toBe('thu:* & tuc:*');
  });

  it('marks matches in the original text, diacritics and all', () => {
    const s = snippet('Hướng dẫn thủ tục đất đai tại phường', ['thu', 'tuc', 'dat']);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['thủ', 'tục', 'đất']);
  });

  it('cuts a window around the first match', () => {
    const long = `${'Mở đầu '.repeat(100)}cấp giấy phép xây dựng ${'kết thúc '.repeat(100)}`;
    const s = snippet(long, ['giay', 'phep'], 120);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['giấy', 'phép']);
  });
});
