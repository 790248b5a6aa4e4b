// What a recipient finds in their mailbox. Tests run without workers: this runs the queued jobs as a
// worker would (the work behind a request, then the delivery), and reads the message the server kept
// in full in <data dir>/outbox/<id>.txt (the database and the outbox view keep only a masked copy).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Agent, TestPlatform } from '../platform.ts';

export interface KeptMessage {
  id: number;
  to: string;
  channel: string;
  subject: string;
  body: string;
}

/** Runs every queued job until none is left. */
export async function runJobs(t: TestPlatform): Promise<void> {
  await t.platform.deps.jobs.tick();
}

/** Every kept message to `recipient`, oldest first (after running the queued jobs). */
export async function messagesTo(t: TestPlatform, recipient: string): Promise<KeptMessage[]> {
  await runJobs(t);
  const dir = join(t.dataDir, 'outbox');
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.txt'))
    .map((name) => {
      const [head = '', ...rest] = readFileSync(join(dir, name), 'utf8').split('\n\n');
      const field = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(head)?.[1] ?? '';
      return {
        id: Number.parseInt(name, 10),
        to: field('To'),
        channel: field('Channel'),
        subject: field('Subject'),
        body: rest.join('\n\n').replace(/\n$/, ''),
      };
    })
    .filter((m) => m.to === recipient)
    .sort((a, b) => a.id - b.id);
}

/** The token of the newest link to `path` (e.g. "/dat-lai-mat-khau") sent to `recipient`. */
export async function tokenSentTo(t: TestPlatform, recipient: string, path: string): Promise<string> {
  const pattern = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`);
  const found = (await messagesTo(t, recipient))
    .reverse()
    .map((m) => pattern.exec(m.body)?.[1])
    .find(Boolean);
  expect(found, `a ${path} link sent to ${recipient}`).toBeTruthy();
  return found!;
}

/**
 * Registers a citizen as a person would: the form, the confirmation link from their mailbox, then
 * signed in by it. Returns the agent (signed in) and the new account's id.
 */
export async function registerCitizen(
  t: TestPlatform,
  agent: Agent,
  input: { fullName: string; email?: string; phone?: string; password: string },
): Promise<{ agent: Agent; id: string }> {
  const res = await agent.post('/api/auth/register', input);
  expect(res.statusCode, res.body).toBe(200);
  // The address as the server stores it: e-mail in lower case, a phone as 0xxxxxxxxx.
  const recipient = input.email?.toLowerCase() ?? input.phone!.replace(/[\s.()-]/g, '').replace(/^\+84/, '0');
  const token = await tokenSentTo(t, recipient, '/xac-nhan-dang-ky');
  const confirmed = await agent.post('/api/auth/register/confirm', { token });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return { agent, id: confirmed.json().user.id as string };
}

/**
 * The whole MIME message the delivery job rendered for a kept e-mail with a calendar part
 * (`<id>.eml`), and its parts as a mail client would decode them.
 */
export function keptMime(t: TestPlatform, id: number): { raw: string; parts: MimePart[] } {
  const raw = readFileSync(join(t.dataDir, 'outbox', `${id}.eml`), 'utf8');
  return { raw, parts: mimeParts(raw) };
}

export interface MimePart {
  contentType: string;
  disposition: string;
  /** the decoded text (base64 and quoted-printable undone) */
  text: string;
}

/** Leaf parts of a MIME message (multipart boundaries followed down), decoded. */
export function mimeParts(raw: string): MimePart[] {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\r\n\r\n');
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const field = (k: string) => new RegExp(`^${k}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const contentType = field('Content-Type');
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .flatMap((chunk) => mimeParts(chunk.replace(/^\r?\n/, '')));
  }
  const encoding = field('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return [{ contentType, disposition: field('Content-Disposition'), text }];
}
