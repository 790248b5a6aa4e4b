// "Số tiền bằng chữ" on receipts: integer đồng in Vietnamese words, as accounting documents write them
// (mốt/lăm/linh, "nghìn", "triệu", "tỷ").
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', ' nghìn', ' triệu', ' tỷ', ' nghìn tỷ', ' triệu tỷ'];

/** Words for 0–999; `full` spells leading zeros ("không trăm linh năm") inside a larger number. */
function hundreds(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(`${DIGITS[h]} trăm`);
  if (t === 0) {
    if (u > 0 && (h > 0 || full)) words.push('linh');
  } else if (t === 1) words.push('mười');
  else words.push(`${DIGITS[t]} mươi`);
  if (u > 0) {
    if (u === 1 && t > 1) words.push('mốt');
    else if (u === 5 && t > 0) words.push('lăm');
    else words.push(DIGITS[u]!);
  }
  return words.join(' ');
}

export function amountInWords(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0) throw new RangeError('integer đồng ≥ 0 expected');
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const parts: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    parts.push(hundreds(g, i < groups.length - 1) + SCALES[i]);
  }
  const text = parts.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} đồng`;
}
