interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (err: Error) => void;
}

/**
 * Coalesces keyed database work: the keys asked for while a batch runs go together in the next one,
 * so a burst of requests (thousands of event streams reconnecting at once) costs a few statements
 * instead of one per request. Each batch starts after its keys were asked for.
 */
export class Batcher<K, V> {
  private queue = new Map<K, Waiter<V>[]>();
  private running = false;

  constructor(
    private readonly run: (keys: K[]) => Promise<Map<K, V> | undefined>,
    private readonly maxBatch = 1_000,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.queue.get(key) ?? [];
      waiting.push({ resolve, reject });
      this.queue.set(key, waiting);
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.size > 0) {
        const batch = new Map<K, Waiter<V>[]>();
        for (const [key, waiting] of this.queue) {
          if (batch.size >= this.maxBatch) break;
          batch.set(key, waiting);
          this.queue.delete(key);
        }
        try {
          const values = await this.run([...batch.keys()]);
          for (const [key, waiting] of batch) for (const w of waiting) w.resolve(values?.get(key));
        } catch (err) {
          for (const waiting of batch.values()) for (const w of waiting) w.reject(err as Error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
