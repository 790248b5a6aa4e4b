import { describe, expect, it } from 'vitest';
import { signatureBlock } from './signature.js';

describe('signatureBlock (Decree 30/2020 Appendix I)', () => {
  it.each([
    // authority, the signer's job title, the block printed, the name printed
    ['peoples_committee', 'Chủ tịch UBND phường', 'CHỦ TỊCH', 'A'],
    ['peoples_committee', 'Phó Chủ tịch UBND phường', 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', 'A'],
    ['peoples_committee', 'phó chủ tịch UBND Thành phố', 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', 'A'],
    ['peoples_committee', 'Chánh Văn phòng UBND Thành phố', 'TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG', 'A'],
    ['peoples_committee', 'Trưởng phòng Kinh tế', 'TL. CHỦ TỊCH\nTRƯỞNG PHÒNG KINH TẾ', 'A'],
    ['department', 'Giám đốc Sở', 'GIÁM ĐỐC', 'A'],
    ['department', 'Phó Giám đốc Sở', 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', 'A'],
    ['department', 'Trưởng phòng', 'TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG', 'A'],
    // Not a signer: the head's title, and the name left for whoever signs; never over a specialist's name.
    ['department', 'Chuyên viên', 'GIÁM ĐỐC', ''],
    ['peoples_committee', 'Công chức Văn phòng HĐND và UBND', 'CHỦ TỊCH', ''],
    ['peoples_committee', null, 'CHỦ TỊCH', ''],
  ])('%s, "%s" → %j', (authority, title, block, name) => {
    expect(signatureBlock(authority, { name: 'A', title })).toEqual({ title: block, name });
  });
});
