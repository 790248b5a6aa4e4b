import { describe, expect, it } from 'vitest';
import { compareVietnamese, sortVietnamese } from './collation.ts';

describe('Vietnamese order', () => {
  it('sorts names as a Vietnamese reader expects, not by code points', () => {
    const names = [
      'Đông Hoà',
      'Thủ Dầu Một',
      'Bình Hoà',
      'Dĩ An',
      'Bến Cát',
      'Dương Minh Châu',
      'An Phú',
      'Ấp Bàu',
    ];
    expect([...names].sort()).not.toEqual(sortVietnamese(names, (n) => n));
    expect(sortVietnamese(names, (n) => n)).toEqual([
      'An Phú',
      'Ấp Bàu',
      'Bến Cát',
      'Bình Hoà',
      'Dĩ An',
      'Dương Minh Châu',
      'Đông Hoà',
      'Thủ Dầu Một',
    ]);
  });

  it('puts đ after every d, and the letters with a breve or circumflex after their base', () => {
    expect(compareVietnamese('Đa Kia', 'Dung')).toBeGreaterThan(0);
    expect(compareVietnamese('Ăn', 'Anh')).toBeGreaterThan(0);
    expect(compareVietnamese('Ơn', 'Ông')).toBeGreaterThan(0);
    expect(compareVietnamese('Bến Cát', 'Bình Hoà')).toBeLessThan(0);
  });

  it('sorts objects by the name given and leaves the list it was given alone', () => {
    const list = [{ name: 'Đông Hoà' }, { name: 'Dĩ An' }];
    expect(sortVietnamese(list, (x) => x.name).map((x) => x.name)).toEqual(['Dĩ An', 'Đông Hoà']);
    expect(list[0]?.name).toBe('Đông Hoà');
  });
});
