import { describe, expect, it } from 'vitest';
import { amountInWords } from './amount-in-words.ts';

describe('amount in words', () => {
  it.each([
    [0, 'Không đồng'],
    [5_000, 'Năm nghìn đồng'],
    [15_000, 'Mười lăm nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [105_000, 'Một trăm linh năm nghìn đồng'],
    [200_000, 'Hai trăm nghìn đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [2_005_000, 'Hai triệu không trăm linh năm nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
  ])('%i', (n, words) => expect(amountInWords(n)).toBe(words));
});
