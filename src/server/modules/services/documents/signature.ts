/**
 * The signature block of Decree 30/2020 Appendix I for the letters an authority signs (forms 04,
 * 05): the head signs in their own title ("CHỦ TỊCH"); a deputy signs on the head's behalf ("KT.
 * CHỦ TỊCH" over "PHÓ CHỦ TỊCH"); the head of an office or division signs by delegation ("TL.
 * CHỦ TỊCH" over "CHÁNH VĂN PHÒNG", or over "TRƯỞNG PHÒNG KINH TẾ" with the division named). Anyone else (a specialist who recorded the letter) does not
 * sign it: the block names the head's title and leaves the name for whoever signs.
 *
 * The position is read from the official's job title (chức danh, on the account), which begins
 * with it: "Phó Chủ tịch UBND phường", "Giám đốc Sở", "Chánh Văn phòng UBND Thành phố".
 */
import type { Officer } from './types.js';

/** The head's title by the kind of authority that issues the letter. */
export type AuthorityKind = 'peoples_committee' | 'department' | 'service_centre' | string;

const HEAD: Record<string, string> = {
  peoples_committee: 'CHỦ TỊCH',
  department: 'GIÁM ĐỐC',
  service_centre: 'GIÁM ĐỐC',
};

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').trim();

/** Positions by the start of a job title, longest first so "phó chủ tịch" is not read as "chủ tịch". */
const POSITIONS: { prefix: string; block: (head: string, title: string) => string; signs: boolean }[] = [
  { prefix: 'phó chủ tịch', block: () => 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', signs: true },
  { prefix: 'phó giám đốc', block: () => 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC', signs: true },
  { prefix: 'chủ tịch', block: () => 'CHỦ TỊCH', signs: true },
  { prefix: 'giám đốc', block: () => 'GIÁM ĐỐC', signs: true },
  { prefix: 'chánh văn phòng', block: (head) => `TL. ${head}\nCHÁNH VĂN PHÒNG`, signs: true },
  // The division is named ("TRƯỞNG PHÒNG KINH TẾ"): an authority has several.
  { prefix: 'trưởng phòng', block: (head, title) => `TL. ${head}\n${title}`, signs: true },
];

/** The block over the signature and the name printed under it, for a letter of `authority`. */
export function signatureBlock(
  authority: AuthorityKind,
  signer: { name: string; title?: string | null | undefined },
): Required<Officer> {
  const head = HEAD[authority] ?? 'THỦ TRƯỞNG CƠ QUAN';
  const title = fold(signer.title ?? '');
  const position = POSITIONS.find((p) => title.startsWith(p.prefix));
  if (!position) return { title: head, name: '' };
  const upper = (signer.title ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi');
  return { title: position.block(head, upper), name: signer.name };
}
