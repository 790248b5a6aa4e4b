// The HTTP client of the national portal's sync API (docs/contracts/dvcqg.md).
import { ReconcileAnswer, SyncAnswer, type SyncRequest } from './contract.ts';

export interface DvcqgSettings {
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

/** What became of one record sent. */
export type SendOutcome =
  | { kind: 'acknowledged'; duplicate: boolean; remoteRevision: number }
  /** the portal holds a newer revision already: nothing to do */
  | { kind: 'superseded'; remoteRevision: number }
  /** the record breaks a rule: retrying the same data cannot help */
  | { kind: 'rejected'; error: string }
  /** timeout, reset, 5xx, 401, 429: try again later */
  | { kind: 'transient'; error: string };

export interface DvcqgClient {
  send(body: SyncRequest): Promise<SendOutcome>;
  /** the portal's list of dossiers received between two local days (yyyyMMdd, inclusive) */
  listReceived(fromDay: string, toDay: string): Promise<ReconcileAnswer>;
}

export function httpDvcqgClient(s: DvcqgSettings): DvcqgClient {
  const auth = `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${s.url}${path}`, {
      ...init,
      headers: { authorization: auth, 'content-type': 'application/json', ...init.headers },
      signal: AbortSignal.timeout(s.timeoutMs),
    });
  return {
    async send(body) {
      let res: Response;
      let text: string;
      try {
        res = await call('/hoso', { method: 'POST', body: JSON.stringify(body) });
        text = await res.text();
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        return {
          kind: 'transient',
          error: e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message),
        };
      }
      const parsed = SyncAnswer.safeParse(safeJson(text));
      const answer = parsed.success ? parsed.data : undefined;
      if (res.status === 200 && answer?.MaLoi === '0')
        return {
          kind: 'acknowledged',
          duplicate: answer.TrungLap === true,
          remoteRevision: answer.PhienBanHienTai ?? body.PhienBan,
        };
      if (res.status === 409 && answer?.PhienBanHienTai !== undefined)
        return answer.PhienBanHienTai >= body.PhienBan
          ? { kind: 'superseded', remoteRevision: answer.PhienBanHienTai }
          : { kind: 'transient', error: `409 ${text.slice(0, 200)}` };
      if (res.status === 400 || res.status === 422) {
        const fields = answer?.LoiTruong?.map((f) => `${f.Truong}: ${f.MoTa}`).join('; ');
        return {
          kind: 'rejected',
          error: `${res.status} ${answer?.MaLoi ?? ''} ${fields ?? text.slice(0, 300)}`.trim(),
        };
      }
      return { kind: 'transient', error: `${res.status} ${text.slice(0, 200)}` };
    },
    async listReceived(fromDay, toDay) {
      const res = await call(`/hoso/doisoat?TuNgay=${fromDay}&DenNgay=${toDay}`);
      const text = await res.text();
      if (res.status !== 200) throw new Error(`DVCQG reconciliation: ${res.status} ${text.slice(0, 200)}`);
      return ReconcileAnswer.parse(safeJson(text));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
