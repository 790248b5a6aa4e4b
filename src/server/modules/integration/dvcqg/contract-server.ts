// An in-repo stand-in for the national portal's sync API (docs/contracts/dvcqg.md). It enforces the
// contract — authentication, required fields and formats, rules per status, revisions that only grow,
// a timeline that only grows — answers reconciliation queries, and injects faults on demand: timeouts
// and connection resets after applying (the acknowledgement is lost), 5xx answers before applying,
// duplicate acknowledgements, and records silently dropped. Used by tests and `cqs dvcqg contract-server`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FINAL_STATUSES, type NationalDossier, NationalDay, SyncRequest } from './contract.ts';

export type Fault = 'timeout' | 'server_error' | 'reset' | 'duplicate_ack' | 'drop';

export interface FaultRates {
  /** each in [0, 1]: the share of sync requests that meet the fault */
  timeout?: number;
  server_error?: number;
  reset?: number;
  duplicate_ack?: number;
  drop?: number;
}

export interface StoredDossier {
  revision: number;
  record: NationalDossier;
  receivedAt: Date;
}

export interface ContractServer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** what the portal holds, by MaHoSo */
  dossiers: Map<string, StoredDossier>;
  /** every application of a record (MaHoSo, PhienBan): a revision appears once, or it was applied twice */
  applied: { code: string; revision: number }[];
  /** requests answered, by outcome */
  counts: Record<string, number>;
  /** the next requests meet these faults, in order (before the random rates apply) */
  queueFaults(...faults: Fault[]): void;
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
}

export interface ContractServerOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** how long a "timeout" keeps the connection unanswered (default 30 s) */
  hangMs?: number;
  /** seeds the fault dice, so a run can be repeated */
  seed?: number;
}

interface FieldError {
  Truong: string;
  MoTa: string;
}

/** The rules a schema cannot express: per status, dates in order, the timeline. */
export function ruleViolations(h: NationalDossier, before: StoredDossier | undefined): FieldError[] {
  const out: FieldError[] = [];
  const need = (field: keyof NationalDossier, why: string) => {
    if (h[field] === null || h[field] === undefined) out.push({ Truong: field, MoTa: why });
  };
  if (h.TrangThaiHoSo === 9 || h.TrangThaiHoSo === 10)
    need('NgayKetThucXuLy', 'bắt buộc khi trạng thái 9, 10');
  if (h.TrangThaiHoSo === 10) {
    need('NgayTra', 'bắt buộc khi trạng thái 10');
    need('HinhThuc', 'bắt buộc khi trạng thái 10');
  }
  if (h.TrangThaiHoSo === 3) need('NgayTuChoi', 'bắt buộc khi trạng thái 3');
  if (h.TrangThaiHoSo === 1)
    out.push({ Truong: 'TrangThaiHoSo', MoTa: 'hồ sơ có mã phải đã được tiếp nhận' });
  if (h.NgayTiepNhan < h.NgayNopHoSo) out.push({ Truong: 'NgayTiepNhan', MoTa: 'trước NgayNopHoSo' });
  if (h.NgayHenTra && h.NgayHenTra < h.NgayTiepNhan)
    out.push({ Truong: 'NgayHenTra', MoTa: 'trước NgayTiepNhan' });
  if (h.NgayKetThucXuLy && h.NgayKetThucXuLy < h.NgayTiepNhan)
    out.push({ Truong: 'NgayKetThucXuLy', MoTa: 'trước NgayTiepNhan' });
  if (h.NgayTra && h.NgayKetThucXuLy && h.NgayTra < h.NgayKetThucXuLy)
    out.push({ Truong: 'NgayTra', MoTa: 'trước NgayKetThucXuLy' });
  const steps = h.QuaTrinhXuLy;
  for (let i = 1; i < steps.length; i++) {
    if (steps[i]!.ThoiDiemXuLy < steps[i - 1]!.ThoiDiemXuLy) {
      out.push({
        Truong: `QuaTrinhXuLy[${i}].ThoiDiemXuLy`,
        MoTa: 'quá trình xử lý phải theo thứ tự thời gian',
      });
      break;
    }
  }
  if (steps.at(-1)?.TrangThai !== h.TrangThaiHoSo)
    out.push({ Truong: 'QuaTrinhXuLy', MoTa: 'bước cuối phải có trạng thái của hồ sơ' });
  if (before) {
    const old = before.record;
    if (FINAL_STATUSES.has(old.TrangThaiHoSo) && old.TrangThaiHoSo !== h.TrangThaiHoSo)
      out.push({ Truong: 'TrangThaiHoSo', MoTa: `hồ sơ đã kết thúc (${old.TrangThaiHoSo})` });
    const prefix = old.QuaTrinhXuLy.map((s) => s.MaQuaTrinh);
    if (prefix.some((id, i) => steps[i]?.MaQuaTrinh !== id))
      out.push({ Truong: 'QuaTrinhXuLy', MoTa: 'quá trình xử lý đã gửi không được sửa hay xoá' });
    for (const f of ['MaTTHC', 'NgayTiepNhan', 'NoiNopHoSo'] as const)
      if (old[f] !== h[f]) out.push({ Truong: f, MoTa: 'không được thay đổi sau khi tiếp nhận' });
  }
  return out;
}

/** A small deterministic generator (mulberry32) for the fault dice. */
function dice(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startContractServer(opts: ContractServerOptions = {}): Promise<ContractServer> {
  const clientId = opts.clientId ?? 'cqs-dev';
  const clientSecret = opts.clientSecret ?? 'cqs-dev-secret';
  const expectedAuth = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const dossiers = new Map<string, StoredDossier>();
  const applied: ContractServer['applied'] = [];
  const counts: Record<string, number> = {};
  const queued: Fault[] = [];
  let rates: FaultRates = {};
  const roll = dice(opts.seed ?? 1);
  const hanging = new Set<ServerResponse>();

  const count = (k: string) => {
    counts[k] = (counts[k] ?? 0) + 1;
  };
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const nextFault = (): Fault | undefined => {
    const q = queued.shift();
    if (q) return q;
    for (const f of ['timeout', 'server_error', 'reset', 'duplicate_ack', 'drop'] as const) {
      const rate = rates[f] ?? 0;
      if (rate > 0 && roll() < rate) return f;
    }
    return undefined;
  };

  function sync(req: IncomingMessage, res: ServerResponse, raw: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      count('invalid_json');
      return answer(res, 400, { MaLoi: 'JSON_KHONG_HOP_LE' });
    }
    const fault = nextFault();
    // Counted where a fault takes effect (a repeat is answered as a duplicate before any fault applies).
    if (fault === 'server_error') {
      count('fault:server_error');
      return answer(res, 503, { MaLoi: 'HE_THONG_BAN' });
    }
    const body = SyncRequest.safeParse(parsed);
    if (!body.success) {
      count('invalid');
      return answer(res, 422, {
        MaLoi: 'DU_LIEU_KHONG_HOP_LE',
        LoiTruong: body.error.issues.map((i) => ({ Truong: i.path.join('.'), MoTa: i.message })),
      });
    }
    const { PhienBan, HoSo } = body.data;
    const before = dossiers.get(HoSo.MaHoSo);
    if (before && PhienBan < before.revision) {
      count('stale');
      return answer(res, 409, { MaLoi: 'PHIEN_BAN_CU', PhienBanHienTai: before.revision });
    }
    if (before && PhienBan === before.revision) {
      count('duplicate');
      return answer(res, 200, { MaLoi: '0', TrungLap: true, PhienBanHienTai: before.revision });
    }
    const problems = ruleViolations(HoSo, before);
    if (problems.length > 0) {
      count('rejected');
      return answer(res, 422, { MaLoi: 'VI_PHAM_QUY_TAC', LoiTruong: problems });
    }
    if (fault === 'drop') {
      // Acknowledged, then lost on the portal's side: only reconciliation can notice.
      count('fault:drop');
      return answer(res, 200, { MaLoi: '0', PhienBanHienTai: PhienBan });
    }
    dossiers.set(HoSo.MaHoSo, { revision: PhienBan, record: HoSo, receivedAt: new Date() });
    applied.push({ code: HoSo.MaHoSo, revision: PhienBan });
    count('applied');
    if (fault) count(`fault:${fault}`);
    if (fault === 'timeout') {
      // Applied, but the answer never comes: the client times out and must retry.
      hanging.add(res);
      setTimeout(() => {
        hanging.delete(res);
        if (!res.writableEnded) answer(res, 200, { MaLoi: '0', PhienBanHienTai: PhienBan });
      }, opts.hangMs ?? 30_000).unref();
      return;
    }
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    return answer(res, 200, {
      MaLoi: '0',
      PhienBanHienTai: PhienBan,
      ...(fault === 'duplicate_ack' ? { TrungLap: true } : {}),
    });
  }

  function reconcile(url: URL, res: ServerResponse) {
    const from = NationalDay.safeParse(url.searchParams.get('TuNgay'));
    const to = NationalDay.safeParse(url.searchParams.get('DenNgay'));
    if (!from.success || !to.success || from.data > to.data)
      return answer(res, 400, {
        MaLoi: 'KY_KHONG_HOP_LE',
        MoTa: 'TuNgay, DenNgay: yyyyMMdd, TuNgay ≤ DenNgay',
      });
    const list = [...dossiers.values()]
      .filter((d) => {
        const day = d.record.NgayTiepNhan.slice(0, 8);
        return day >= from.data && day <= to.data;
      })
      .map((d) => ({ MaHoSo: d.record.MaHoSo, TrangThaiHoSo: d.record.TrangThaiHoSo, PhienBan: d.revision }))
      .sort((a, b) => (a.MaHoSo < b.MaHoSo ? -1 : 1));
    count('reconcile');
    answer(res, 200, { TuNgay: from.data, DenNgay: to.data, TongSo: list.length, DanhSach: list });
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://portal');
    if (req.headers.authorization !== expectedAuth) {
      count('unauthorized');
      return answer(res, 401, { MaLoi: 'XAC_THUC_THAT_BAI' });
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.method === 'POST' && url.pathname === '/hoso') {
        if (!String(req.headers['content-type']).startsWith('application/json'))
          return answer(res, 415, { MaLoi: 'KIEU_NOI_DUNG' });
        return sync(req, res, raw);
      }
      if (req.method === 'GET' && url.pathname === '/hoso/doisoat') return reconcile(url, res);
      const one = /^\/hoso\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && one) {
        const d = dossiers.get(decodeURIComponent(one[1]!));
        return d
          ? answer(res, 200, { PhienBan: d.revision, HoSo: d.record })
          : answer(res, 404, { MaLoi: 'KHONG_TIM_THAY' });
      }
      answer(res, 404, { MaLoi: 'KHONG_TIM_THAY' });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    clientId,
    clientSecret,
    dossiers,
    applied,
    counts,
    queueFaults: (...faults) => queued.push(...faults),
    setRates(r) {
      rates = r;
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
