// Input no route should ever see: text PostgreSQL refuses (a NUL character; a lone UTF-16 surrogate,
// which cannot be encoded as UTF-8) and JSON nested deep enough to exhaust a recursive validator,
// renderer or the database's JSON parser. Checked once for every route, before validation, so each
// becomes the catalogue's localized 400 naming the field instead of a 500 from deep inside a handler.
import type { FieldProblem } from '../errors.ts';

/** Deeper than any document, form or workflow the platform takes (a portal article is under 20). */
export const MAX_JSON_DEPTH = 64;

// A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): 'field.nul' | 'field.unpaired_surrogate' | null {
  if (text.includes('\0')) return 'field.nul';
  return LONE_SURROGATE.test(text) ? 'field.unpaired_surrogate' : null;
}

/** A key as it may be echoed back in a field name: no NUL, no lone surrogate. */
const printable = (key: string) => key.replace(/\0/g, '\ufffd').replace(LONE_SURROGATE, '\ufffd');

/**
 * The first problem in a parsed query, path or body (`part` names it: "query", "params", "body"), or
 * null. Walks without recursion, so depth itself cannot overflow the stack here.
 */
export function inputProblem(part: string, value: unknown): FieldProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: part, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const key = textProblem(v);
      if (key) return { field: path, key };
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_JSON_DEPTH)
      return { field: part, key: 'field.too_deep', params: { max: MAX_JSON_DEPTH } };
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, x] = entries[i]!;
      const keyProblem = textProblem(k);
      if (keyProblem) return { field: `${path}.${printable(k)}`, key: keyProblem };
      stack.push({ value: x, path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}
