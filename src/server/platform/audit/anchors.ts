// Checkpoints of the audit chain written outside the database (ADR 21): the latest seq and hash, every
// AUDIT_CHECKPOINT_SECONDS when the chain has grown, to the log, to a file in the data directory and,
// when AUDIT_ANCHOR_URL is set, to an endpoint someone else keeps. `cqs audit verify` compares the chain
// with them: a removed tail or a rehashed chain no longer matches. A periodic job, never per write.
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../log.ts';
import type { AuditChain, Checkpoint } from './chain.ts';

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export interface AnchorOptions {
  chain: AuditChain;
  log: Logger;
  /** the JSON-lines file checkpoints are appended to */
  file: string;
  /** an endpoint that receives each checkpoint as a JSON POST */
  url?: string | undefined;
  /** sent as `Authorization: Bearer …` to the endpoint */
  token?: string | undefined;
  timeoutMs?: number;
}

const isCheckpoint = (v: unknown): v is Checkpoint => {
  const c = v as Partial<Checkpoint> | null;
  return (
    !!c &&
    Number.isSafeInteger(c.seq) &&
    Number.isSafeInteger(c.keyedFrom) &&
    typeof c.hash === 'string' &&
    typeof c.at === 'string' &&
    typeof c.mac === 'string'
  );
};

/**
 * The checkpoints in JSON-lines text: the checkpoint file's own lines, or log lines that carry one
 * (`auditCheckpoint`), so a log collected elsewhere can be given to `cqs audit verify` as it is.
 */
export function parseCheckpoints(text: string): Checkpoint[] {
  const found: Checkpoint[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const c = (value as { auditCheckpoint?: unknown }).auditCheckpoint ?? value;
    if (isCheckpoint(c))
      found.push({ seq: c.seq, hash: c.hash, keyedFrom: c.keyedFrom, at: c.at, mac: c.mac });
  }
  return found;
}

/** The last checkpoint in the file, read from its end (the file grows by one line a checkpoint). */
async function lastInFile(file: string): Promise<Checkpoint | undefined> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return parseCheckpoints(buffer.toString('utf8')).at(-1);
  } finally {
    await handle.close();
  }
}

export class AuditAnchors {
  private last: Checkpoint | undefined;
  private loaded = false;

  constructor(private readonly opts: AnchorOptions) {}

  /** Writes a checkpoint when the chain has grown since the last one; returns it, if written. */
  async checkpoint(): Promise<Checkpoint | undefined> {
    const { chain, log } = this.opts;
    if (!this.loaded) {
      this.last = await lastInFile(this.opts.file);
      this.loaded = true;
    }
    const current = await chain.currentCheckpoint();
    if (!current || (this.last && current.seq === this.last.seq && current.hash === this.last.hash))
      return undefined;
    // An early warning; `cqs audit verify` gives the full account from every checkpoint.
    if (this.last && (await chain.hashAt(this.last.seq)) !== this.last.hash)
      log.error(
        { auditCheckpoint: this.last, now: { seq: current.seq, hash: current.hash } },
        'audit chain no longer matches its last checkpoint: rows removed or rewritten',
      );
    log.info({ auditCheckpoint: current }, 'audit checkpoint');
    await this.toFile(current);
    await this.toEndpoint(current);
    this.last = current;
    return current;
  }

  private async toFile(c: Checkpoint): Promise<void> {
    try {
      await mkdir(dirname(this.opts.file), { recursive: true });
      await appendFile(this.opts.file, `${JSON.stringify(c)}\n`, { mode: 0o600 });
    } catch (err) {
      this.opts.log.error(
        { err: (err as Error).message, file: this.opts.file },
        'audit checkpoint not written',
      );
    }
  }

  private async toEndpoint(c: Checkpoint): Promise<void> {
    if (!this.opts.url) return;
    try {
      const res = await fetch(this.opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}),
        },
        body: JSON.stringify(c),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      // The next checkpoint supersedes this one: no retry queue.
      this.opts.log.warn({ err: (err as Error).message }, 'audit checkpoint not sent to AUDIT_ANCHOR_URL');
    }
  }
}
