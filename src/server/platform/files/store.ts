import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, opendir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** the first bytes, for deciding the type from content */
  head: Buffer;
}

/** Where file contents live; content-addressed by SHA-256 so identical uploads share one blob. */
export interface BlobStore {
  put(source: Readable, maxBytes: number): Promise<StoredBlob>;
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** The blobs last written before `before` (candidates for the orphan sweep). */
  writtenBefore(before: Date): AsyncIterable<string>;
  /**
   * Removes a blob last written before `before`; one written again since (an identical upload racing
   * the sweep) stays. Whether it was removed.
   */
  remove(sha256: string, before: Date): Promise<boolean>;
}

export class BlobTooLargeError extends Error {}

const SHA = /^[0-9a-f]{64}$/;

/**
 * Files under <dataDir>/files/ab/cd/<sha256>, written to a temp file then renamed (never half-written).
 * Every put renames over the blob, even when identical bytes are there already, so a blob's mtime is
 * when it was last uploaded: the orphan sweep leaves recent ones to rows that may not be committed yet.
 */
export class LocalBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(sha: string) {
    return join(this.root, sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  async put(source: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const headParts: Buffer[] = [];
    let headLen = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > maxBytes) throw new BlobTooLargeError();
            if (headLen < 4096) {
              headParts.push(chunk);
              headLen += chunk.length;
            }
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(tmp),
      );
      const sha256 = hash.digest('hex');
      const dest = this.pathOf(sha256);
      await mkdir(join(dest, '..'), { recursive: true });
      await rename(tmp, dest);
      return { sha256, size, head: Buffer.concat(headParts).subarray(0, 4096) };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable> {
    if (!SHA.test(sha256)) throw new Error('bad blob id');
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async *writtenBefore(before: Date): AsyncIterable<string> {
    const dirs = async function* (path: string) {
      const dir = await opendir(path).catch(() => undefined);
      if (dir) for await (const entry of dir) yield entry;
    };
    for await (const a of dirs(this.root)) {
      if (!a.isDirectory() || a.name.length !== 2) continue; // tmp/ and anything else are not blobs
      for await (const b of dirs(join(this.root, a.name))) {
        if (!b.isDirectory()) continue;
        for await (const blob of dirs(join(this.root, a.name, b.name))) {
          if (!blob.isFile() || !SHA.test(blob.name)) continue;
          const { mtime } = await stat(join(this.root, a.name, b.name, blob.name));
          if (mtime < before) yield blob.name;
        }
      }
    }
  }

  async remove(sha256: string, before: Date): Promise<boolean> {
    if (!SHA.test(sha256)) throw new Error('bad blob id');
    // Moved aside first: an upload of the same bytes after this renames a fresh blob into place (kept);
    // one that landed just before is seen by its mtime and put back (same bytes, whichever wins).
    const path = this.pathOf(sha256);
    const aside = join(this.root, 'tmp', `${sha256}.${randomUUID()}.sweep`);
    await mkdir(join(this.root, 'tmp'), { recursive: true });
    try {
      await rename(path, aside);
    } catch {
      return false;
    }
    if ((await stat(aside)).mtime >= before) {
      await rename(aside, path);
      return false;
    }
    await rm(aside, { force: true });
    return true;
  }
}
