import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
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
}

export class BlobTooLargeError extends Error {}

/** Files under <dataDir>/files/ab/cd/<sha256>, written to a temp file then renamed (never half-written). */
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
      if (existsSync(dest)) await rm(tmp);
      else await rename(tmp, dest);
      return { sha256, size, head: Buffer.concat(headParts).subarray(0, 4096) };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async open(sha256: string): Promise<Readable> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad blob id');
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}
