// A real event-stream client for tests: opens /api/events over HTTP and parses the frames it receives.
export interface StreamFrame {
  id: string | null;
  event: string | null;
  data: string;
}

export interface OpenStream {
  status: number;
  frames: StreamFrame[];
  /** ids of the data frames, in order */
  ids(): number[];
  /** event types of the data frames, in order */
  types(): string[];
  /** the id the browser would send as Last-Event-ID now (set by any frame carrying `id:`) */
  lastEventId(): string | null;
  /** resolves when the server ends the stream */
  ended: Promise<void>;
  isEnded(): boolean;
  close(): void;
}

export async function openStream(
  base: string,
  opts: { cookie?: string | null; lastEventId?: string | null; query?: string } = {},
): Promise<OpenStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
  const res = await fetch(`${base}/api/events${opts.query ?? ''}`, { headers, signal: controller.signal });
  const frames: StreamFrame[] = [];
  let lastId: string | null = null;
  let ended = false;
  let markEnded: () => void = () => {};
  const endedPromise = new Promise<void>((r) => {
    markEnded = r;
  });
  if (res.status === 200) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf('\n\n');
            const frame: StreamFrame = { id: null, event: null, data: '' };
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) frame.id = line.slice(4);
              else if (line.startsWith('event: ')) frame.event = line.slice(7);
              else if (line.startsWith('data: ')) frame.data += line.slice(6);
            }
            if (frame.id !== null) lastId = frame.id;
            if (frame.data) frames.push(frame);
          }
        }
      } catch {
        // aborted by the test
      }
      ended = true;
      markEnded();
    })();
  } else {
    ended = true;
    markEnded();
  }
  const dataFrames = () => frames.filter((f) => f.id !== null);
  return {
    status: res.status,
    frames,
    ids: () => dataFrames().map((f) => Number(f.id)),
    types: () => dataFrames().map((f) => (JSON.parse(f.data) as { type: string }).type),
    lastEventId: () => lastId,
    ended: endedPromise,
    isEnded: () => ended,
    close: () => controller.abort(),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
