// Vietnamese people, phones, identity numbers and addresses for generated applicants and officials.
// Family-name weights follow the commonly cited national shares, leaning southern (Huỳnh, Võ).
import { type Rng, Weighted } from './prng.ts';

export type Sex = 'nam' | 'nu';

const FAMILY = new Weighted(
  [
    'Nguyễn',
    'Trần',
    'Lê',
    'Phạm',
    'Huỳnh',
    'Hoàng',
    'Phan',
    'Võ',
    'Vũ',
    'Đặng',
    'Bùi',
    'Đỗ',
    'Hồ',
    'Ngô',
    'Dương',
    'Lý',
    'Trương',
    'Đinh',
    'Lâm',
    'Mai',
    'Đoàn',
    'Cao',
    'Châu',
    'Lưu',
    'Thái',
    'Hà',
    'Tô',
    'Quách',
    'La',
    'Từ',
    'Kiều',
    'Tạ',
    'Lương',
    'Trịnh',
    'Văn',
  ],
  [
    31.5, 10.9, 9.5, 7.0, 4.2, 1.1, 4.5, 3.9, 1.5, 2.1, 2.0, 1.4, 1.3, 1.3, 1.0, 0.5, 1.0, 0.8, 0.6, 0.5, 0.6,
    0.4, 0.4, 0.3, 0.3, 0.4, 0.3, 0.2, 0.2, 0.2, 0.1, 0.2, 0.3, 0.4, 0.1,
  ],
);

const MIDDLE: Record<Sex, Weighted<string>> = {
  nam: new Weighted(
    [
      'Văn',
      'Hữu',
      'Minh',
      'Đức',
      'Quốc',
      'Thanh',
      'Hoàng',
      'Công',
      'Ngọc',
      'Tấn',
      'Thành',
      'Gia',
      'Anh',
      'Trọng',
      'Duy',
      'Nhật',
      'Phước',
      'Quang',
      'Hải',
      'Văn Minh',
      'Hoàng Minh',
      'Trung',
      'Đình',
      'Xuân',
    ],
    [30, 6, 8, 5, 5, 5, 4, 4, 3, 4, 3, 3, 2, 2, 3, 2, 2, 2, 2, 1, 1, 2, 2, 1],
  ),
  nu: new Weighted(
    [
      'Thị',
      'Ngọc',
      'Thanh',
      'Thu',
      'Kim',
      'Mỹ',
      'Bảo',
      'Hồng',
      'Phương',
      'Minh',
      'Khánh',
      'Diệu',
      'Như',
      'Thúy',
      'Hoài',
      'Thị Ngọc',
      'Thị Thu',
      'Thị Kim',
      'Thị Mỹ',
      'Thị Thanh',
      'Thị Hồng',
      'Ngọc Bảo',
      'Tường',
    ],
    [32, 8, 6, 5, 5, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 4, 3, 3, 2, 2, 2, 1, 1],
  ),
};

const GIVEN: Record<Sex, readonly string[]> = {
  nam: [
    'An',
    'Anh',
    'Bảo',
    'Bình',
    'Cường',
    'Dũng',
    'Duy',
    'Đạt',
    'Đức',
    'Hải',
    'Hào',
    'Hiếu',
    'Hòa',
    'Hoàng',
    'Hùng',
    'Huy',
    'Khang',
    'Khánh',
    'Khoa',
    'Kiên',
    'Lâm',
    'Lộc',
    'Long',
    'Luân',
    'Minh',
    'Nam',
    'Nghĩa',
    'Nhân',
    'Phát',
    'Phong',
    'Phúc',
    'Quang',
    'Quân',
    'Sang',
    'Sơn',
    'Tài',
    'Tâm',
    'Thắng',
    'Thành',
    'Thiện',
    'Thịnh',
    'Tín',
    'Toàn',
    'Trí',
    'Trung',
    'Tuấn',
    'Tùng',
    'Việt',
    'Vinh',
    'Vũ',
    'Hậu',
    'Lợi',
  ],
  nu: [
    'An',
    'Anh',
    'Bích',
    'Châu',
    'Chi',
    'Dung',
    'Duyên',
    'Giang',
    'Hà',
    'Hạnh',
    'Hằng',
    'Hiền',
    'Hoa',
    'Hồng',
    'Hương',
    'Huyền',
    'Lan',
    'Liên',
    'Linh',
    'Loan',
    'Ly',
    'Mai',
    'My',
    'Nga',
    'Ngân',
    'Ngọc',
    'Nhi',
    'Nhung',
    'Oanh',
    'Phương',
    'Quyên',
    'Quỳnh',
    'Tâm',
    'Thảo',
    'Thu',
    'Thủy',
    'Tiên',
    'Trang',
    'Trinh',
    'Trâm',
    'Tuyết',
    'Uyên',
    'Vân',
    'Vy',
    'Xuân',
    'Yến',
    'Diễm',
    'Kiều',
  ],
};

/** Names parents chose for babies in the 2020s: middle and given name together. */
const CHILD: Record<Sex, readonly string[]> = {
  nam: [
    'Gia Bảo',
    'Minh Khang',
    'Đăng Khoa',
    'Minh Quân',
    'Phúc An',
    'Hoàng Long',
    'Gia Huy',
    'Bảo Nam',
    'Minh Khôi',
    'Anh Khoa',
    'Đức Minh',
    'Thiên Phúc',
    'Nhật Minh',
    'Tuấn Kiệt',
    'Quốc Bảo',
    'Gia Khánh',
    'Trí Dũng',
    'Hải Đăng',
    'Thành Đạt',
    'Minh Trí',
    'Khôi Nguyên',
    'Bảo Long',
    'Hữu Phước',
    'Tấn Phát',
  ],
  nu: [
    'Bảo Anh',
    'Gia Hân',
    'Khánh Linh',
    'Minh Anh',
    'Tuệ An',
    'An Nhiên',
    'Bảo Ngọc',
    'Ngọc Hân',
    'Khánh Vy',
    'Phương Linh',
    'Bảo Châu',
    'Thảo My',
    'Hà My',
    'Diệp Chi',
    'Cát Tường',
    'Minh Thư',
    'Tường Vy',
    'Quỳnh Anh',
    'Ngọc Diệp',
    'Kim Ngân',
    'Thanh Trúc',
    'Bảo Trâm',
    'Mai Anh',
    'Yến Nhi',
  ],
};

export interface Person {
  fullName: string;
  family: string;
  sex: Sex;
  /** year of birth */
  born: number;
}

export function personName(rng: Rng, sex: Sex, family = FAMILY.pick(rng)): string {
  return `${family} ${MIDDLE[sex].pick(rng)} ${rng.pick(GIVEN[sex])}`;
}

export function person(
  rng: Rng,
  opts: { sex?: Sex; minAge?: number; maxAge?: number; year: number },
): Person {
  const sex = opts.sex ?? (rng.chance(0.5) ? 'nam' : 'nu');
  const family = FAMILY.pick(rng);
  const age = rng.int(opts.minAge ?? 18, opts.maxAge ?? 70);
  return { fullName: personName(rng, sex, family), family, sex, born: opts.year - age };
}

export function childName(rng: Rng, family: string, sex: Sex): string {
  return `${family} ${rng.pick(CHILD[sex])}`;
}

export const familyName = (rng: Rng) => FAMILY.pick(rng);

const MOBILE_PREFIXES = [
  '086',
  '096',
  '097',
  '098',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '088',
  '091',
  '094',
  '081',
  '082',
  '083',
  '084',
  '085',
  '089',
  '090',
  '093',
  '070',
  '076',
  '077',
  '078',
  '079',
  '092',
  '056',
];

/** A 10-digit mobile number with a real operator prefix. */
export function phoneNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(7);
}

/** Province codes of identity numbers: Bình Dương (074) and the provinces many residents came from. */
const ID_PROVINCES = new Weighted(
  ['074', '079', '070', '072', '075', '080', '083', '087', '089', '038', '040', '042', '052', '054', '094'],
  [78, 3, 2, 2, 2, 1.5, 1.2, 1.2, 1.2, 1.5, 1.5, 1, 1, 0.8, 1.1],
);

/**
 * A fake 12-digit personal identity number with the real layout: province code (074 = Bình Dương),
 * a sex-and-century digit (0/1 = male/female born 1900s, 2/3 = 2000s), two digits of the birth year,
 * six random digits.
 */
export function idNumber(rng: Rng, sex: Sex, born: number): string {
  const century = born >= 2000 ? 2 : 0;
  const digit = century + (sex === 'nu' ? 1 : 0);
  return `${ID_PROVINCES.pick(rng)}${digit}${String(born % 100).padStart(2, '0')}${rng.digits(6)}`;
}

const FOLD: Record<string, string> = { đ: 'd', Đ: 'D' };
/** Lower-case ASCII without diacritics: "Nguyễn Thị Hồng" → "nguyenthihong". */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => FOLD[c]!)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function emailOf(rng: Rng, p: Person): string {
  const parts = p.fullName.split(' ');
  const given = asciiFold(parts[parts.length - 1]!);
  const rest = asciiFold(parts.slice(0, -1).join(''));
  const local = rng.chance(0.5) ? `${given}${rest}` : `${rest}${given}`;
  return `${local}${rng.chance(0.6) ? String(p.born % 100).padStart(2, '0') : rng.int(1, 999)}@${rng.pick(['gmail.com', 'gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com'])}`;
}

const STREETS = [
  'Đại lộ Bình Dương',
  'Cách Mạng Tháng Tám',
  'Yersin',
  'Phú Lợi',
  'Huỳnh Văn Lũy',
  'Lê Hồng Phong',
  'Nguyễn Văn Tiết',
  'Nguyễn Du',
  'Trần Hưng Đạo',
  'Bạch Đằng',
  'Hùng Vương',
  'Ngô Quyền',
  'Võ Văn Kiệt',
  'Mỹ Phước – Tân Vạn',
  'Nguyễn An Ninh',
  'Nguyễn Thị Minh Khai',
  'Lý Thường Kiệt',
  'Nguyễn Trãi',
  'Phan Đình Giót',
  'Thích Quảng Đức',
  'Bùi Quốc Khánh',
  'Hồ Văn Cống',
  'Lê Thị Trung',
  'Phạm Ngọc Thạch',
  'Nguyễn Văn Cừ',
  'Trần Phú',
  'Lê Lợi',
  'Quang Trung',
  'Nguyễn Chí Thanh',
  'Điện Biên Phủ',
  'ĐT743',
  'ĐT741',
  'ĐT746',
  'ĐT747',
  'Nguyễn Hữu Cảnh',
  'Trần Văn Ơn',
  'Hoàng Hoa Thám',
  'Nguyễn Đình Chiểu',
];
const HAMLETS = [
  'Bến Tượng',
  'Hòa Lộc',
  'Tân Lập',
  'Long Tân',
  'Phú Thứ',
  'Cây Sắn',
  'Bàu Lòng',
  'Suối Cát',
  'Đồng Sổ',
  'Xóm Bưng',
  'Bà Phái',
  'Kiến An',
  'Rạch Kiến',
  'Chánh Lưu',
  'Bưng Thuốc',
  'Vĩnh An',
  'Phước Thái',
];

/** An address inside the commune: street and quarter in a ward, group and hamlet in a rural commune. */
export function addressIn(rng: Rng, communeFullName: string): string {
  if (communeFullName.startsWith('Phường')) {
    const street = rng.chance(0.15) ? `Đường số ${rng.int(1, 60)}` : rng.pick(STREETS);
    const number = rng.chance(0.3) ? `${rng.int(1, 450)}/${rng.int(1, 60)}` : String(rng.int(1, 1200));
    return `${number} ${street}, Khu phố ${rng.int(1, 12)}, ${communeFullName}, Thành phố Hồ Chí Minh`;
  }
  const hamlet = rng.chance(0.5) ? `Ấp ${rng.pick(HAMLETS)}` : `Ấp ${rng.int(1, 9)}`;
  return `Tổ ${rng.int(1, 15)}, ${hamlet}, ${communeFullName}, Thành phố Hồ Chí Minh`;
}

export const streetName = (rng: Rng) => rng.pick(STREETS);
