// The demo keeps messages instead of sending them: the administrator's outbox view shows them with
// their links masked, and the server writes each in full to <data dir>/outbox/<id>.txt. A journey
// reads a link there, as its recipient would read it in their mailbox.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** The newest link to `path` (e.g. "/dat-lai-mat-khau") sent to `recipient`, as "/path?token=…". */
export async function linkSentTo(recipient: string, path: string): Promise<string> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const dir = join(dataDir, 'outbox');
  const pattern = new RegExp(`${path}\\?token=[\\w-]+`);
  let link: string | undefined;
  // Messages are written by the job that delivers them, a moment after the request.
  await expect
    .poll(
      async () => {
        const names = await readdir(dir).catch(() => [] as string[]);
        const newest = names.sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10));
        for (const name of newest) {
          const text = await readFile(join(dir, name), 'utf8');
          if (!text.startsWith(`To: ${recipient}\n`)) continue;
          link = pattern.exec(text)?.[0];
          if (link) return link;
        }
        return undefined;
      },
      { message: `a ${path} link sent to ${recipient}`, timeout: 20_000 },
    )
    .toBeTruthy();
  return link!;
}
