// A dossier as the national portal wants it (field names on the wire, docs/contracts/dvcqg.md).
// Pure: the record comes from services' read API, the base URL makes file links absolute.
import { t } from '../../../platform/i18n/index.ts';
import type { DossierRecord } from '../../services/index.ts';
import { type NationalDossier, nationalDate } from './contract.ts';

const CHANNEL = { counter: 1, online: 2, post: 3 } as const;
const HAND_OVER = { counter: 1, post: 2, electronic: 3 } as const;
const flag = (b: boolean): 0 | 1 => (b ? 1 : 0);
const date = (d: Date | null | undefined) => (d ? nationalDate(d) : null);
const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);

export function toNationalDossier(r: DossierRecord, baseUrl: string): NationalDossier {
  const d = r.dossier;
  if (!d.code || !d.acceptedAt) throw new Error(`dossier ${d.id} has no code yet: nothing to sync`);
  const agency = (id: string | null | undefined) => (id ? r.agencies.get(id) : undefined);
  const fileUrl = (id: string) => `${baseUrl}/api/files/${id}`;
  const stepName = (key: string | null) =>
    key ? r.definition.workflow.steps.find((s) => s.key === key)?.name : undefined;
  const a = d.applicant;
  const handOver = r.events.findLast((e) => e.toStatus === 10);
  const refusal = r.events.findLast((e) => e.toStatus === 3);
  const finished = r.events.find((e) => e.toStatus === 9 || e.toStatus === 10);
  const paidOnline = r.events.some((e) => e.action === 'confirm_payment' && e.data.method === 'online');
  const components = r.files.filter((f) => f.role === 'component');
  const results = r.files.filter((f) => f.role === 'result');
  const supplementAnswers = r.events.filter((e) => e.action === 'supplement');
  const requests = r.events.filter((e) => e.action === 'request_supplement');
  const apology = r.events.findLast((e) => e.action === 'apology');
  const dateOf = (v: unknown) => (typeof v === 'string' && v ? nationalDate(new Date(v)) : null);
  // While the clock is stopped for a supplement the due date is not known yet: the portal shows it as
  // it stood when the clock stopped (issue 11 item 16).
  const dueAsItStands = d.dueAt ?? (d.status === 5 ? requests.at(-1)?.data.previousDueAt : null);

  return {
    MaHoSo: d.code,
    MaTTHC: r.procedure.code,
    TenTTHC: clip(r.procedure.name, 1000),
    MaLinhVuc: r.procedure.sectorCode,
    TenLinhVuc: r.procedure.sectorName,
    KenhThucHien: CHANNEL[d.channel],
    ChuHoSo: clip(a.fullName, 300),
    SoGiayToChuHoSo: a.idNumber ?? null,
    LoaiDoiTuong: a.type === 'organisation' ? 2 : 1,
    MaDoiTuong: null,
    SoDienThoai: a.phone ? a.phone.replace(/[\s.]/g, '') : null,
    Email: a.email ?? null,
    TrichYeuHoSo: clip(`${r.procedure.name} – ${a.fullName}`, 2000),
    NgayNopHoSo: nationalDate(d.submittedAt),
    NgayTiepNhan: nationalDate(d.acceptedAt),
    NgayHenTra: dueAsItStands instanceof Date ? date(dueAsItStands) : dateOf(dueAsItStands),
    NgayHenTraTruoc: dateOf(apology?.data.previousDueAt),
    TrangThaiHoSo: d.status,
    NgayTra: d.status === 10 ? date(d.returnedAt ?? handOver?.at) : null,
    HinhThuc:
      d.status === 10
        ? (HAND_OVER[(handOver?.data.method as keyof typeof HAND_OVER) ?? 'counter'] ?? 1)
        : null,
    NgayKetThucXuLy: d.status === 9 || d.status === 10 ? date(d.finishedAt ?? finished?.at) : null,
    NgayTuChoi: d.status === 3 ? date(d.closedAt ?? refusal?.at) : null,
    DonViXuLy: agency(d.competentAgencyId)?.code ?? '',
    NoiNopHoSo: agency(d.receivingAgencyId)?.code ?? '',
    HoSoCoThanhPhanSoHoa: flag(components.length > 0),
    TaiKhoanDuocXacThucVoiVNeID: 0,
    DuocThanhToanTrucTuyen: flag(paidOnline),
    DinhDanhCHS: a.idNumber
      ? [{ LoaiDinhDanh: a.type === 'organisation' ? 2 : 1, SoDinhDanh: a.idNumber }]
      : [],
    DSKetNoiCSDL: [],
    TaiLieuNop: components.map((f) => ({
      MaThanhPhanHoSo: f.componentKey,
      TenTepDinhKem: clip(f.name, 300),
      DuongDanTaiTepTin: fileUrl(f.fileId),
      DuocSoHoa: 1,
      DuocTaiSuDung: 0,
      DuocLayTuKhoDMQG: 0,
      MaKetQuaThayThe: null,
    })),
    DanhSachLePhi: r.definition.fees.map((f) => ({
      MaPhiLePhi: f.code,
      TenPhiLePhi: f.name,
      LoaiPhiLePhi: f.kind === 'fee' ? 1 : 2,
      HinhThucThu: paidOnline ? 2 : 1,
      Gia: f.amount,
    })),
    DanhSachHoSoBoSung: requests.map((req, i) => {
      const pause = r.pauses.filter((p) => p.reason === 'supplement')[i];
      const answer = supplementAnswers.find((e) => e.id > req.id);
      const items = Array.isArray(req.data.items) ? (req.data.items as unknown[]) : [];
      return {
        NguoiYeuCauBoSung: clip(req.actorLabel, 200),
        NoiDungBoSung: clip(
          items.map(supplementItem).join('; ') ||
            (req.comment ?? t('vi', 'services:action.request_supplement')),
          4000,
        ),
        NgayYeuCauBoSung: nationalDate(req.at),
        NgayBoSung: date(pause?.to ?? answer?.at),
        NgayHenTraTruoc: dateOf(req.data.previousDueAt),
        NgayHenTraMoi: dateOf(answer?.data.newDueAt),
        TaiLieuBoSung: [],
        LePhiBoSung: [],
      };
    }),
    DanhSachGiayToKetQua: results.map((f) => ({
      MaGiayToKetQua: f.fileId,
      TenGiayTo: clip(f.name, 300),
      DuongDanTepTinKetQua: fileUrl(f.fileId),
    })),
    QuaTrinhXuLy: r.events.map((e) => ({
      MaQuaTrinh: String(e.id),
      NguoiXuLy: clip(e.actorLabel, 200),
      ChucDanh: e.actorTitle ?? null,
      ThoiDiemXuLy: nationalDate(e.at),
      PhongBanXuLy: clip(agency(e.toAgencyId)?.name ?? agency(d.receivingAgencyId)?.name ?? '—', 300),
      NoiDungXuLy: clip(
        e.comment ??
          [t('vi', `services:status.${e.toStatus}`), stepName(e.toStep)].filter(Boolean).join(' – '),
        4000,
      ),
      TrangThai: e.toStatus,
      NgayBatDau: nationalDate(e.at),
      NgayKetThucTheoQuyDinh: date(e.stepDueAt),
    })),
  };
}

function supplementItem(x: unknown): string {
  if (typeof x === 'string') return x;
  const o = (x ?? {}) as { name?: unknown; reason?: unknown };
  return [o.name, o.reason].filter((v) => typeof v === 'string' && v).join(': ') || JSON.stringify(x);
}
