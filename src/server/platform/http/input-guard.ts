// Input no route should ever see: text PostgreSQL refuses (a NUL character; a lone UTF-16 surrogate,
// which cannot be encoded as UTF-8) and JSON nested deep enough to exhaust a recursive validator,
// renderer or the database's JSON parser. Checked once for every route, before validation, so each
// becomes the catalogue's localized 400 naming the field instead of a 500 from deep inside a handler.
import { storableText, unstorable } from '../db/text.ts';
import type { FieldProblem } from '../errors.ts';

/** Deeper than any document, form or workflow the platform takes (a portal article is under 20). */
export const MAX_JSON_DEPTH = 64;

const KEYS = { nul: 'field.nul', unpaired_surrogate: 'field.unpaired_surrogate' } as const;

function textProblem(text: string): (typeof KEYS)[keyof typeof KEYS] | null {
  const problem = unstorable(text);
  return problem ? KEYS[problem] : null;
}

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
      if (keyProblem) return { field: `${path}.${storableText(k)}`, key: keyProblem };
      stack.push({ value: x, path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}
