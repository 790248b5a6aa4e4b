// Text PostgreSQL cannot store: a NUL character (text, json and jsonb refuse it) and a lone UTF-16
// surrogate (it has no UTF-8 form; jsonb refuses its escape). Input from people is refused with a 400
// (http/input-guard.ts); text recorded as it came (a device's payload in a refusal) is mended instead.

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** What is wrong with `text` for the database, if anything. */
export function unstorable(text: string): 'nul' | 'unpaired_surrogate' | null {
  if (text.includes('\0')) return 'nul';
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text) ? 'unpaired_surrogate' : null;
}

/**
 * `text` with each NUL and lone surrogate replaced by U+FFFD (as a decoder shows bytes it cannot read),
 * cut to at most `max` characters — whole characters, never half an emoji.
 */
export function storableText(text: string, max = Number.POSITIVE_INFINITY): string {
  const mended = text.replace(/\0/g, '\ufffd').replace(LONE_SURROGATE, '\ufffd');
  return mended.length <= max ? mended : Array.from(mended).slice(0, max).join('');
}
