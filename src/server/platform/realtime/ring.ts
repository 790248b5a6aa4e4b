import type { Audience } from '../events/index.ts';
import type { AudienceTest } from './audience.ts';

/** One event as every stream receives it: serialized once, the same buffer written to each socket. */
export interface Frame {
  id: number;
  /** position in this node's broadcast order */
  seq: number;
  bytes: Buffer;
  audience: Audience;
  canSee: AudienceTest;
  topics: string[];
}

/**
 * The most recent frames in broadcast order (the order PostgreSQL delivered the `cqs_events`
 * notifications, the same on every node), so a reconnecting stream catches up from memory.
 */
export class FrameRing {
  private readonly items: (Frame | undefined)[];
  private readonly seqOfId = new Map<number, number>();
  private nextSeq = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  has(id: number): boolean {
    return this.seqOfId.has(id);
  }

  push(frame: Omit<Frame, 'seq'>): Frame {
    const seq = this.nextSeq++;
    const slot = seq % this.capacity;
    const old = this.items[slot];
    if (old) this.seqOfId.delete(old.id);
    const stored = { ...frame, seq };
    this.items[slot] = stored;
    this.seqOfId.set(frame.id, seq);
    return stored;
  }

  /** The frames after the one with `id`, in order; undefined when `id` is not (or no longer) here. */
  after(id: number): Frame[] | undefined {
    const seq = this.seqOfId.get(id);
    if (seq === undefined) return undefined;
    const out: Frame[] = [];
    for (let s = seq + 1; s < this.nextSeq; s++) out.push(this.items[s % this.capacity]!);
    return out;
  }

  /** The id of the newest frame, which every live stream has been offered. */
  headId(): number | undefined {
    return this.nextSeq === 0 ? undefined : this.items[(this.nextSeq - 1) % this.capacity]!.id;
  }

  get size(): number {
    return Math.min(this.nextSeq, this.capacity);
  }
}
