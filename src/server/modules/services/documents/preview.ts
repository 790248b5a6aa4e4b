/**
 * Renders every form with its sample context, to look at the layout:
 *   npx tsx src/server/modules/services/documents/preview.ts [out-dir]   (default /tmp/cqs-forms)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderForm } from './render-form.js';
import { SAMPLE_CONTEXTS } from './samples.js';
import { FORM_CODES, type FormCode } from './types.js';

export async function writePreviews(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const render = <F extends FormCode>(form: F) => renderForm(form, SAMPLE_CONTEXTS[form]);
  const paths: string[] = [];
  for (const form of FORM_CODES) {
    const path = join(dir, `form-${form}.pdf`);
    writeFileSync(path, await render(form));
    paths.push(path);
  }
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = await writePreviews(process.argv[2] ?? '/tmp/cqs-forms');
  for (const path of paths) console.log(path);
}
