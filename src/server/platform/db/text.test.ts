import { describe, expect, it } from 'vitest';
import { storableText, unstorable } from './text.ts';

describe('text the database can store', () => {
  it.each([
    ['plain Vietnamese', 'Phường Thủ Dầu Một', null],
    ['a whole emoji', 'ngập 😀', null],
    ['a NUL', 'a\u0000b', 'nul'],
    ['a lone high surrogate at the end', 'ngập \ud83d', 'unpaired_surrogate'],
    ['a lone low surrogate at the start', '\ude00 ngập', 'unpaired_surrogate'],
    ['two high surrogates', '\ud83d\ud83d\ude00', 'unpaired_surrogate'],
  ])('%s', (_, text, problem) => {
    expect(unstorable(text)).toBe(problem);
    expect(unstorable(storableText(text))).toBeNull();
  });

  it('mends what it cannot store and leaves the rest as it was', () => {
    expect(storableText('a\u0000b\ud83d')).toBe('a\ufffdb\ufffd');
    expect(storableText('ngập 😀')).toBe('ngập 😀');
  });

  it('cuts by characters, never inside a surrogate pair', () => {
    expect(storableText(`${'x'.repeat(4)}😀😀`, 5)).toBe('xxxx😀');
    expect(storableText('abc', 5)).toBe('abc');
  });
});
