// The national dossier record as DVCQG receives it (docs/contracts/dvcqg.md): field names as on the
// wire, dates as yyyyMMddHHmmss in Vietnam time, flags as 0/1. The sync client builds it; the contract
// server validates with it, then applies the rules a schema cannot say (per status, the timeline).
import { z } from 'zod';

/** yyyyMMddHHmmss, Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export const NationalDate = z.string().regex(/^\d{14}$/, 'yyyyMMddHHmmss');
export const NationalDay = z.string().regex(/^\d{8}$/, 'yyyyMMdd');
const Flag = z.union([z.literal(0), z.literal(1)]);
const Text = (max: number) => z.string().min(1).max(max);
const Optional = <T extends z.ZodType>(s: T) => s.nullable();

export const DOSSIER_CODE = /^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-[A-Z0-9]{4,8}$/;

export const NationalDocument = z.strictObject({
  MaThanhPhanHoSo: Text(100),
  TenTepDinhKem: Text(300),
  DuongDanTaiTepTin: z.url(),
  DuocSoHoa: Flag,
  DuocTaiSuDung: Flag,
  DuocLayTuKhoDMQG: Flag,
  MaKetQuaThayThe: Optional(Text(100)),
});

export const NationalFee = z.strictObject({
  MaPhiLePhi: Text(100),
  TenPhiLePhi: Text(300),
  /** 1 phí (fee), 2 lệ phí (charge) */
  LoaiPhiLePhi: z.union([z.literal(1), z.literal(2)]),
  /** 1 at the counter, 2 online */
  HinhThucThu: z.union([z.literal(1), z.literal(2)]),
  Gia: z.number().int().min(0),
});

export const NationalSupplement = z.strictObject({
  NguoiYeuCauBoSung: Text(200),
  NoiDungBoSung: Text(4000),
  NgayYeuCauBoSung: NationalDate,
  NgayBoSung: Optional(NationalDate),
  NgayHenTraTruoc: Optional(NationalDate),
  NgayHenTraMoi: Optional(NationalDate),
  TaiLieuBoSung: z.array(NationalDocument).max(200),
  LePhiBoSung: z.array(NationalFee).max(50),
});

export const NationalResult = z.strictObject({
  MaGiayToKetQua: Text(100),
  TenGiayTo: Text(300),
  DuongDanTepTinKetQua: z.url(),
});

export const NationalStep = z.strictObject({
  /** stable per timeline entry: the portal checks the timeline only grows */
  MaQuaTrinh: Text(40),
  NguoiXuLy: Text(200),
  ChucDanh: Optional(Text(200)),
  ThoiDiemXuLy: NationalDate,
  PhongBanXuLy: Text(300),
  NoiDungXuLy: Text(4000),
  TrangThai: z.number().int().min(1).max(10),
  NgayBatDau: NationalDate,
  NgayKetThucTheoQuyDinh: Optional(NationalDate),
});

export const NationalDossier = z.strictObject({
  MaHoSo: z.string().regex(DOSSIER_CODE, '<agency id>-<YYMMDD>-<NNNN>'),
  MaTTHC: Text(60),
  TenTTHC: Text(1000),
  MaLinhVuc: Text(60),
  TenLinhVuc: Text(300),
  /** 1 counter, 2 online, 3 post */
  KenhThucHien: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  ChuHoSo: Text(300),
  SoGiayToChuHoSo: Optional(Text(30)),
  /** 1 citizen, 2 organisation */
  LoaiDoiTuong: z.union([z.literal(1), z.literal(2)]),
  MaDoiTuong: Optional(Text(60)),
  SoDienThoai: Optional(z.string().regex(/^\+?\d{8,15}$/)),
  Email: Optional(z.email()),
  TrichYeuHoSo: Text(2000),
  NgayNopHoSo: NationalDate,
  NgayTiepNhan: NationalDate,
  NgayHenTra: Optional(NationalDate),
  /** the due date before the latest apology (form 04) moved it */
  NgayHenTraTruoc: Optional(NationalDate),
  TrangThaiHoSo: z.number().int().min(1).max(10),
  NgayTra: Optional(NationalDate),
  /** how the result was handed over: 1 at the counter, 2 by post, 3 electronically */
  HinhThuc: Optional(z.union([z.literal(1), z.literal(2), z.literal(3)])),
  NgayKetThucXuLy: Optional(NationalDate),
  NgayTuChoi: Optional(NationalDate),
  DonViXuLy: Text(40),
  NoiNopHoSo: Text(40),
  HoSoCoThanhPhanSoHoa: Flag,
  TaiKhoanDuocXacThucVoiVNeID: Flag,
  DuocThanhToanTrucTuyen: Flag,
  DinhDanhCHS: z
    .array(z.strictObject({ LoaiDinhDanh: z.union([z.literal(1), z.literal(2)]), SoDinhDanh: Text(30) }))
    .max(10),
  DSKetNoiCSDL: z.array(z.strictObject({ MaCSDL: Text(60) })).max(20),
  TaiLieuNop: z.array(NationalDocument).max(500),
  DanhSachLePhi: z.array(NationalFee).max(50),
  DanhSachHoSoBoSung: z.array(NationalSupplement).max(20),
  DanhSachGiayToKetQua: z.array(NationalResult).max(50),
  QuaTrinhXuLy: z.array(NationalStep).min(1).max(2000),
});
export type NationalDossier = z.infer<typeof NationalDossier>;

/** The body of POST /hoso: the record and its revision (PhienBan), which only grows. */
export const SyncRequest = z.strictObject({
  PhienBan: z.number().int().min(0),
  HoSo: NationalDossier,
});
export type SyncRequest = z.infer<typeof SyncRequest>;

export const SyncAnswer = z.object({
  MaLoi: z.string(),
  /** true when the portal already held this revision: acknowledged, not applied again */
  TrungLap: z.boolean().optional(),
  PhienBanHienTai: z.number().int().optional(),
  LoiTruong: z.array(z.object({ Truong: z.string(), MoTa: z.string() })).optional(),
});
export type SyncAnswer = z.infer<typeof SyncAnswer>;

export const ReconcileAnswer = z.object({
  TuNgay: NationalDay,
  DenNgay: NationalDay,
  TongSo: z.number().int().min(0),
  DanhSach: z.array(
    z.object({ MaHoSo: z.string(), TrangThaiHoSo: z.number().int(), PhienBan: z.number().int() }),
  ),
});
export type ReconcileAnswer = z.infer<typeof ReconcileAnswer>;

/** Statuses after which nothing changes on the portal. */
export const FINAL_STATUSES = new Set([3, 7, 8, 10]);

const OFFSET_MS = 7 * 3_600_000;
/** A moment as yyyyMMddHHmmss in Vietnam time. */
export function nationalDate(d: Date): string {
  // Called for every date of every record sent: built from the fields, not by editing toISOString().
  const v = new Date(d.getTime() + OFFSET_MS);
  return `${v.getUTCFullYear()}${two(v.getUTCMonth() + 1)}${two(v.getUTCDate())}${two(v.getUTCHours())}${two(v.getUTCMinutes())}${two(v.getUTCSeconds())}`;
}
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
/** A local calendar day (yyyy-mm-dd) as yyyyMMdd. */
export const nationalDay = (isoDay: string) => isoDay.replaceAll('-', '');
/** yyyyMMddHHmmss (Vietnam time) back to a moment. */
export function parseNationalDate(s: string): Date {
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}+07:00`;
  return new Date(iso);
}
