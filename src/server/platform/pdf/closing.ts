import type { AdministrativeDocument, Signature } from './document.js';
import { columns } from './header.js';
import { type Sheet, clean, mm, upper } from './sheet.js';

const SIGN_HINT = '(Ký, ghi rõ họ tên)';
const RECIPIENTS = 'Nơi nhận:';
/** Room for the hand signature (and seal) between the hint and the name. */
const SIGN_SPACE = mm(20);
const BETWEEN = 8;

function signatureHeight(sheet: Sheet, s: Signature, size: number, width: number) {
  let h = sheet.heightOf(upper(s.title), 'bold', size, width);
  if ((s.hint ?? SIGN_HINT) !== '') h += sheet.lineHeight('italic', size - 1);
  return h + SIGN_SPACE + (s.name ? sheet.lineHeight('bold', size) : 0);
}

function drawSignature(sheet: Sheet, s: Signature, x: number, y: number, width: number, size: number) {
  let at = sheet.block(upper(s.title), x, y, width, 'bold', size);
  const hint = s.hint ?? SIGN_HINT;
  if (hint) at = sheet.block(clean(hint), x, at, width, 'italic', size - 1);
  at += SIGN_SPACE;
  if (s.name) at = sheet.block(clean(s.name), x, at, width, 'bold', size);
  return at;
}

/** Decree 30: "Nơi nhận:" bold italic 12 pt, recipients 11 pt, each after a dash. */
function drawRecipients(sheet: Sheet, lines: string[], x: number, y: number, width: number) {
  let at = sheet.block(RECIPIENTS, x, y, width, 'boldItalic', 12, 'left');
  for (const line of lines) at = sheet.block(`- ${clean(line)}`, x, at, width, 'regular', 11, 'left');
  return at;
}

/**
 * Signatures on their halves of the page (a lone one on the right) and "Nơi nhận:" bottom
 * left, all on one page.
 */
export function drawClosing(sheet: Sheet, doc: AdministrativeDocument, size: number) {
  const signatures = doc.signatures ?? [];
  const recipients = doc.recipients ?? [];
  if (signatures.length === 0 && recipients.length === 0) return;
  const { leftX, leftW, rightX, rightW } = columns(sheet);
  const left = signatures.filter((s) => s.position === 'left');
  const right = signatures.filter((s) => s.position !== 'left');

  const stack = (list: Signature[], w: number) =>
    list.reduce((h, s) => h + signatureHeight(sheet, s, size, w) + BETWEEN, 0);
  const recipientsH = recipients.length
    ? sheet.lineHeight('boldItalic', 12) + recipients.length * sheet.lineHeight('regular', 11)
    : 0;
  const needed = Math.max(stack(left, leftW) + recipientsH, stack(right, rightW));
  const top = sheet.ensure(needed + BETWEEN) + BETWEEN;

  let leftY = top;
  for (const s of left) leftY = drawSignature(sheet, s, leftX, leftY, leftW, size) + BETWEEN;
  if (recipients.length) leftY = drawRecipients(sheet, recipients, leftX, leftY, leftW);
  let rightY = top;
  for (const s of right) rightY = drawSignature(sheet, s, rightX, rightY, rightW, size) + BETWEEN;
  sheet.doc.x = sheet.left;
  sheet.doc.y = Math.max(leftY, rightY);
}
