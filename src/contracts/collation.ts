// Vietnamese alphabetical order, the same in the server and the browser: "Bến Cát" before "Bình Hoà",
// "Dĩ An" and "Dương" before "Đông Hoà" (đ is a letter after d; ă, â, ê, ô, ơ, ư follow their base).
// Byte order (PostgreSQL's "C" collation, PGlite's default) puts "Bình" before "Bến" and "Đ" after "Z".

const collator = new Intl.Collator('vi');

/** Compares two names in Vietnamese alphabetical order. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A copy of the list in Vietnamese alphabetical order of the given name. */
export function sortVietnamese<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}
