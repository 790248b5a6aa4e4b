import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PATHS } from '../paths.ts';
import { dirname, join } from 'node:path';

/**
 * Tinos: metric-compatible with Times New Roman, the face Decree 30/2020 asks for, with full
 * Vietnamese coverage. The TTFs ship beside this file (SIL OFL 1.1, see fonts/LICENSE) so the
 * renderer does not depend on an npm package's internal layout at run time.
 */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<FontStyle, string> = {
  regular: 'Tinos-Regular.ttf',
  bold: 'Tinos-Bold.ttf',
  italic: 'Tinos-Italic.ttf',
  boldItalic: 'Tinos-BoldItalic.ttf',
};

// Where the copies came from; used only when the bundled copy is missing (a broken checkout).
const PACKAGE_FILES: Record<FontStyle, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

export const bundledFontDir = PATHS.fonts;

function packageFontPath(style: FontStyle): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
    const path = join(root, PACKAGE_FILES[style]);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The path of one Tinos face: the bundled copy, else the npm package's. */
export function fontPath(style: FontStyle): string {
  const bundled = join(bundledFontDir, FILES[style]);
  if (existsSync(bundled)) return bundled;
  const fallback = packageFontPath(style);
  if (fallback) return fallback;
  throw new Error(`Tinos font file not found: ${bundled}`);
}

let cache: Readonly<Record<FontStyle, Buffer>> | undefined;

/**
 * The four faces' files, read once per process. Each document parses them again (most of its
 * ~100 ms): a fontkit font shared between documents keeps per-glyph state from earlier layouts
 * and was seen to drop code points from a later document's ToUnicode map, breaking copy and
 * search of "ư" and "e". Correct text first; move rendering to a worker if it ever matters.
 */
export function loadFonts(): Readonly<Record<FontStyle, Buffer>> {
  if (!cache) {
    const read = (style: FontStyle) => readFileSync(fontPath(style));
    cache = Object.freeze({
      regular: read('regular'),
      bold: read('bold'),
      italic: read('italic'),
      boldItalic: read('boldItalic'),
    });
  }
  return cache;
}
