// The HTTP client of the national portal's sync API (docs/contracts/dvcqg.md), over keep-alive
// connections (../outbound.ts).
import { OutboundError, type OutboundAnswer, request } from '../outbound.ts';
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
  const headers = { authorization: auth, 'content-type': 'application/json' };
  const call = (path: string, method: 'GET' | 'POST', body?: string) =>
    request(`${s.url}${path}`, { method, headers, body, timeoutMs: s.timeoutMs, readBody: true });
  return {
    async send(body) {
      let res: OutboundAnswer;
      try {
        res = await call('/hoso', 'POST', JSON.stringify(body));
      } catch (err) {
        return {
          kind: 'transient',
          error: err instanceof OutboundError ? err.code : (err as Error).message,
        };
      }
      const text = res.body;
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
      const res = await call(`/hoso/doisoat?TuNgay=${fromDay}&DenNgay=${toDay}`, 'GET');
      if (res.status !== 200)
        throw new Error(`DVCQG reconciliation: ${res.status} ${res.body.slice(0, 200)}`);
      return ReconcileAnswer.parse(safeJson(res.body));
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
