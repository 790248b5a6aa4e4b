// Applicants and e-form answers per demo procedure, plausible and valid against each form's schema;
// any other procedure gets answers built from its schema alone (required fields only).
import type { Applicant } from '../tables.ts';
import {
  addressIn,
  asciiFold,
  childName,
  emailOf,
  familyName,
  idNumber,
  type Person,
  person,
  personName,
  phoneNumber,
  type Sex,
  streetName,
} from './names.ts';
import type { Rng } from './prng.ts';

export interface FormInput {
  /** full name of the commune the applicant lives in (or the site is in) */
  commune: string;
  /** submission instant (ms) */
  at: number;
}

export interface Answers {
  applicant: Applicant;
  formData: Record<string, unknown>;
}

type Builder = (rng: Rng, f: FormInput) => Answers;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
const yearOf = (ms: number) => new Date(ms).getUTCFullYear();
/** A birth date for someone born in `born`. */
const birthDate = (rng: Rng, born: number) => isoDay(Date.UTC(born, 0, 1) + rng.int(0, 364) * DAY_MS);

function citizen(rng: Rng, f: FormInput, p: Person): Applicant {
  const a: Applicant = {
    type: 'citizen',
    fullName: p.fullName,
    idNumber: idNumber(rng, p.sex, p.born),
    phone: phoneNumber(rng),
    address: addressIn(rng, f.commune),
  };
  if (rng.chance(0.25)) a.email = emailOf(rng, p);
  return a;
}

const HOSPITALS = [
  'Bệnh viện Đa khoa tỉnh Bình Dương',
  'Bệnh viện Quốc tế Becamex',
  'Bệnh viện Hạnh Phúc',
  'Bệnh viện Đa khoa Mỹ Phước',
  'Bệnh viện Đa khoa Vạn Phúc 1',
  'Bệnh viện Đa khoa Medic Bình Dương',
  'Trung tâm Y tế Thuận An',
  'Trung tâm Y tế Dĩ An',
  'Trung tâm Y tế Bến Cát',
  'Trung tâm Y tế Tân Uyên',
];
const HOMETOWNS = [
  'Bình Dương',
  'Thành phố Hồ Chí Minh',
  'Đồng Nai',
  'Tây Ninh',
  'Long An',
  'Bình Phước',
  'Thanh Hóa',
  'Nghệ An',
  'Hà Tĩnh',
  'Quảng Ngãi',
  'Bình Định',
  'An Giang',
  'Đồng Tháp',
  'Cà Mau',
  'Thái Bình',
];

const birth: Builder = (rng, f) => {
  const year = yearOf(f.at);
  const mother = person(rng, { sex: 'nu', minAge: 19, maxAge: 40, year });
  const fatherFamily = familyName(rng);
  const father = personName(rng, 'nam', fatherFamily);
  const married = rng.chance(0.92);
  const sex: Sex = rng.chance(0.52) ? 'nam' : 'nu';
  const relation = married ? (rng.chance(0.72) ? 'me' : rng.chance(0.85) ? 'cha' : 'ong_ba') : 'me';
  const declarant: Person =
    relation === 'me'
      ? mother
      : relation === 'cha'
        ? { fullName: father, family: fatherFamily, sex: 'nam', born: year - rng.int(21, 45) }
        : person(rng, { sex: rng.chance(0.6) ? 'nu' : 'nam', minAge: 45, maxAge: 72, year });
  const formData: Record<string, unknown> = {
    childFullName: childName(rng, married ? fatherFamily : mother.family, sex),
    childSex: sex,
    childBirthDate: isoDay(f.at - rng.int(2, 58) * DAY_MS),
    childBirthPlace: rng.chance(0.97) ? rng.pick(HOSPITALS) : addressIn(rng, f.commune),
    childEthnicity: rng.chance(0.97) ? 'Kinh' : rng.pick(['Hoa', 'Khmer', 'Tày', 'Nùng', 'Chăm']),
    childNationality: 'Việt Nam',
    childHometown: rng.pick(HOMETOWNS),
    motherFullName: mother.fullName,
    motherIdNumber: idNumber(rng, 'nu', mother.born),
    declarantRelationship: relation,
    copiesRequested: rng.chance(0.6) ? rng.int(1, 3) : 0,
  };
  if (married) {
    formData.fatherFullName = father;
    formData.fatherIdNumber = idNumber(rng, 'nam', year - rng.int(21, 45));
  }
  return { applicant: citizen(rng, f, declarant), formData };
};

const DOCUMENTS = [
  'Giấy khai sinh',
  'Bằng tốt nghiệp trung học phổ thông',
  'Bằng tốt nghiệp đại học',
  'Học bạ trung học phổ thông',
  'Sổ hộ khẩu',
  'Giấy chứng nhận quyền sử dụng đất',
  'Giấy chứng nhận kết hôn',
  'Thẻ Căn cước',
  'Giấy chứng nhận đăng ký hộ kinh doanh',
  'Giấy phép lái xe',
  'Bảng điểm đại học',
  'Giấy xác nhận cư trú',
];

const certifiedCopy: Builder = (rng, f) => {
  const p = person(rng, { year: yearOf(f.at), minAge: 16, maxAge: 75 });
  const a = citizen(rng, f, p);
  return {
    applicant: a,
    formData: {
      requesterFullName: p.fullName,
      requesterIdNumber: a.idNumber,
      documentName: rng.pick(DOCUMENTS),
      documentOrigin: rng.chance(0.95) ? 'viet_nam' : rng.chance(0.7) ? 'nuoc_ngoai' : 'lien_ket',
      pages: rng.chance(0.7) ? 1 : rng.int(2, 12),
      copies: rng.chance(0.4) ? 1 : rng.int(2, 10),
    },
  };
};

const PURPOSES = [
  'Bổ sung hồ sơ xin việc',
  'Xuất khẩu lao động',
  'Du học',
  'Đăng ký thành lập doanh nghiệp',
  'Bổ sung hồ sơ thi tuyển công chức',
  'Xin cấp thẻ tạm trú ở nước ngoài',
  'Xin giấy phép hành nghề',
];

const criminalRecord: Builder = (rng, f) => {
  const year = yearOf(f.at);
  const p = person(rng, { year, minAge: 18, maxAge: 55 });
  const a = citizen(rng, f, p);
  const formData: Record<string, unknown> = {
    fullName: p.fullName,
    sex: p.sex,
    birthDate: birthDate(rng, p.born),
    birthPlace: rng.pick(HOMETOWNS),
    nationality: 'Việt Nam',
    idNumber: a.idNumber,
    permanentResidence: a.address,
    fatherFullName: personName(rng, 'nam', p.family),
    motherFullName: personName(rng, 'nu'),
    certificateType: rng.chance(0.85) ? 'so_1' : 'so_2',
    includeBanInfo: rng.chance(0.1),
    purpose: rng.pick(PURPOSES),
    copies: rng.chance(0.7) ? 1 : 2,
    deliveryFormat: rng.pick(['dien_tu', 'giay', 'ca_hai']),
  };
  if (p.born < year - 25 && rng.chance(0.6))
    formData.spouseFullName = personName(rng, p.sex === 'nam' ? 'nu' : 'nam');
  return { applicant: a, formData };
};

const TRADES = [
  ['Tạp hóa', 'Bán lẻ lương thực, thực phẩm, đồ uống trong các cửa hàng kinh doanh tổng hợp'],
  ['Quán ăn', 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động'],
  ['Cà phê', 'Dịch vụ phục vụ đồ uống'],
  ['Sửa xe', 'Bảo dưỡng, sửa chữa mô tô, xe máy'],
  ['Tiệm tóc', 'Cắt tóc, làm đầu, gội đầu'],
  ['Phòng trọ', 'Cho thuê nhà trọ, phòng trọ và các cơ sở lưu trú ngắn ngày tương tự'],
  ['Vật liệu xây dựng', 'Bán buôn vật liệu, thiết bị lắp đặt khác trong xây dựng'],
  ['May mặc', 'May trang phục (trừ trang phục từ da lông thú)'],
] as const;

const householdBusiness: Builder = (rng, f) => {
  const p = person(rng, { year: yearOf(f.at), minAge: 20, maxAge: 65 });
  const a = citizen(rng, f, p);
  const [kind, line] = rng.pick(TRADES);
  const given = p.fullName.split(' ').pop()!;
  const formData: Record<string, unknown> = {
    registrantType: rng.chance(0.85) ? 'ca_nhan' : 'thanh_vien_ho_gia_dinh',
    businessName: `Hộ kinh doanh ${kind} ${rng.chance(0.5) ? given : rng.pick(['Phát Đạt', 'An Khang', 'Thành Công', 'Minh Phát', 'Hưng Thịnh'])}`,
    businessAddress: addressIn(rng, f.commune),
    phone: a.phone,
    businessLines: line,
    capital: rng.int(2, 60) * 10_000_000,
    employees: rng.int(0, 8),
    ownerFullName: p.fullName,
    ownerBirthDate: birthDate(rng, p.born),
    ownerIdNumber: a.idNumber,
    ownerResidence: a.address,
  };
  if (a.email) formData.email = a.email;
  return { applicant: a, formData };
};

const marriage: Builder = (rng, f) => {
  const year = yearOf(f.at);
  const female = person(rng, { sex: 'nu', year, minAge: 19, maxAge: 38 });
  const male = person(rng, { sex: 'nam', year, minAge: 21, maxAge: 42 });
  const applicantIsFemale = rng.chance(0.55);
  const a = citizen(rng, f, applicantIsFemale ? female : male);
  const other = idNumber(rng, applicantIsFemale ? 'nam' : 'nu', applicantIsFemale ? male.born : female.born);
  const otherResidence = rng.chance(0.6) ? addressIn(rng, f.commune) : `${rng.pick(HOMETOWNS)}`;
  const first = rng.next();
  return {
    applicant: a,
    formData: {
      femaleFullName: female.fullName,
      femaleBirthDate: birthDate(rng, female.born),
      femaleIdNumber: applicantIsFemale ? a.idNumber : other,
      femaleEthnicity: 'Kinh',
      femaleResidence: applicantIsFemale ? a.address : otherResidence,
      maleFullName: male.fullName,
      maleBirthDate: birthDate(rng, male.born),
      maleIdNumber: applicantIsFemale ? other : a.idNumber,
      maleEthnicity: 'Kinh',
      maleResidence: applicantIsFemale ? otherResidence : a.address,
      firstMarriage:
        first < 0.9
          ? 'ca_hai_lan_dau'
          : first < 0.94
            ? 'ben_nam_tai_hon'
            : first < 0.97
              ? 'ben_nu_tai_hon'
              : 'ca_hai_tai_hon',
      copiesRequested: rng.chance(0.5) ? rng.int(1, 2) : 0,
    },
  };
};

const DESIGNERS = [
  'Công ty TNHH Tư vấn Thiết kế Xây dựng Thành Phát',
  'Công ty Cổ phần Kiến trúc Bình Dương',
  'Công ty TNHH Thiết kế Nhà Đẹp Miền Nam',
  'Văn phòng Kiến trúc sư Nguyễn Minh',
  'Công ty TNHH Xây dựng An Phú Thịnh',
];

const buildingPermit: Builder = (rng, f) => {
  const p = person(rng, { year: yearOf(f.at), minAge: 28, maxAge: 70 });
  const a = citizen(rng, f, p);
  const lot = Math.round(rng.uniform(60, 300) * 10) / 10;
  const footprint = Math.round(lot * rng.uniform(0.55, 0.9) * 10) / 10;
  const floors = rng.chance(0.5) ? rng.int(1, 2) : rng.int(3, 5);
  return {
    applicant: a,
    formData: {
      ownerFullName: p.fullName,
      ownerIdNumber: a.idNumber,
      ownerAddress: a.address,
      phone: a.phone,
      siteAddress: addressIn(rng, f.commune),
      parcelNumber: String(rng.int(1, 1500)),
      mapSheet: String(rng.int(1, 80)),
      lotArea: lot,
      buildingArea: footprint,
      totalFloorArea: Math.round(footprint * floors * 10) / 10,
      height: Math.round((floors * 3.6 + rng.uniform(0.5, 2.5)) * 10) / 10,
      floors,
      hasBasement: rng.chance(0.05),
      designer: rng.pick(DESIGNERS),
      expectedMonths: rng.int(4, 14),
    },
  };
};

const ORIGINS = [
  'Nhận chuyển nhượng bằng giấy tay năm 2003',
  'Được cha mẹ tặng cho năm 2010',
  'Được thừa kế theo di chúc',
  'Tự khai hoang, sử dụng ổn định từ năm 1995',
  'Nhận chuyển nhượng có xác nhận của Ủy ban nhân dân xã năm 2008',
];

const landCertificate: Builder = (rng, f) => {
  const year = yearOf(f.at);
  const p = person(rng, { year, minAge: 30, maxAge: 78 });
  const a = citizen(rng, f, p);
  const ward = f.commune.startsWith('Phường');
  const use = ward ? (rng.chance(0.8) ? 'ODT' : 'CLN') : rng.pick(['ONT', 'CLN', 'CLN', 'HNK', 'LUC']);
  const hasHouse = (use === 'ODT' || use === 'ONT') && rng.chance(0.7);
  const formData: Record<string, unknown> = {
    applicantFullName: p.fullName,
    applicantIdNumber: a.idNumber,
    applicantAddress: a.address,
    parcelNumber: String(rng.int(1, 2500)),
    mapSheet: String(rng.int(1, 90)),
    parcelAddress: addressIn(rng, f.commune),
    area: Math.round((use === 'ODT' ? rng.uniform(50, 250) : rng.uniform(150, 5000)) * 10) / 10,
    landUse: use,
    useSince: isoDay(Date.UTC(rng.int(1985, 2014), rng.int(0, 11), rng.int(1, 28))),
    landOrigin: rng.pick(ORIGINS),
    hasHouse,
    requestCertificate: rng.chance(0.95),
    deferLevy: rng.chance(0.1),
  };
  if (hasHouse) formData.houseFloorArea = Math.round(rng.uniform(40, 240) * 10) / 10;
  return { applicant: a, formData };
};

const FOOD_GROUPS = [
  'ruou',
  'bia',
  'nuoc_giai_khat',
  'sua_che_bien',
  'dau_thuc_vat',
  'bot_tinh_bot',
  'banh_keo',
  'dung_cu_chua_dung',
];
const FOOD_NAMES = [
  'An Phú',
  'Tân Hiệp Phát',
  'Minh Long',
  'Hưng Phát',
  'Thuận Thành',
  'Phú Mỹ',
  'Sài Gòn Food',
];

const foodSafety: Builder = (rng, f) => {
  const year = yearOf(f.at);
  const rep = person(rng, { year, minAge: 28, maxAge: 62 });
  const company = rng.chance(0.6);
  const name = company
    ? `Công ty TNHH ${rng.pick(['Thực phẩm', 'Sản xuất Thương mại', 'Nước giải khát', 'Bánh kẹo'])} ${rng.pick(FOOD_NAMES)}`
    : `Hộ kinh doanh ${rep.fullName}`;
  const address = addressIn(rng, f.commune);
  const phone = phoneNumber(rng);
  const groups = [...new Set([rng.pick(FOOD_GROUPS), ...(rng.chance(0.3) ? [rng.pick(FOOD_GROUPS)] : [])])];
  const applicant: Applicant = company
    ? {
        type: 'organisation',
        fullName: name,
        phone,
        address,
        email: `lienhe@${asciiFold(name).slice(-18)}.vn`,
      }
    : { type: 'citizen', fullName: rep.fullName, idNumber: idNumber(rng, rep.sex, rep.born), phone, address };
  return {
    applicant,
    formData: {
      facilityName: name,
      registrationNumber: company ? `37${rng.digits(8)}` : `46${rng.digits(1)}8${rng.digits(6)}`,
      headOffice: address,
      facilityAddress: rng.chance(0.7) ? address : addressIn(rng, f.commune),
      phone,
      representativeName: rep.fullName,
      representativeIdNumber: applicant.idNumber ?? idNumber(rng, rep.sex, rep.born),
      facilityType: rng.pick(['san_xuat', 'kinh_doanh', 'san_xuat_kinh_doanh']),
      productGroups: groups,
      products: `Sản xuất, kinh doanh ${groups.length > 1 ? 'các nhóm sản phẩm đã đăng ký' : 'nhóm sản phẩm đã đăng ký'}`,
      capacity: `${rng.int(5, 500) * 1000} sản phẩm/năm`,
      workers: rng.int(3, 120),
    },
  };
};

const TITLES = [
  [
    'bac_sy',
    'Khám bệnh, chữa bệnh đa khoa',
    'Bằng Bác sỹ y khoa',
    'Trường Đại học Y Dược Thành phố Hồ Chí Minh',
  ],
  [
    'dieu_duong',
    'Thực hiện kỹ thuật điều dưỡng',
    'Bằng Cử nhân Điều dưỡng',
    'Trường Đại học Y khoa Phạm Ngọc Thạch',
  ],
  ['y_sy', 'Khám bệnh, chữa bệnh đa khoa', 'Bằng Y sỹ đa khoa', 'Trường Cao đẳng Y tế Bình Dương'],
  ['ho_sinh', 'Chăm sóc sức khỏe sinh sản', 'Bằng Cử nhân Hộ sinh', 'Trường Đại học Y Dược Cần Thơ'],
  [
    'ky_thuat_y',
    'Xét nghiệm y học',
    'Bằng Cử nhân Kỹ thuật xét nghiệm y học',
    'Trường Đại học Y Dược Thành phố Hồ Chí Minh',
  ],
] as const;

const medicalLicence: Builder = (rng, f) => {
  const year = yearOf(f.at);
  const p = person(rng, { year, minAge: 23, maxAge: 45 });
  const a = citizen(rng, f, p);
  const [title, scope, degree, issuer] = rng.pick(TITLES);
  const formData: Record<string, unknown> = {
    fullName: p.fullName,
    birthDate: birthDate(rng, p.born),
    idNumber: a.idNumber,
    residence: a.address,
    phone: a.phone,
    professionalTitle: title,
    scope,
    degree,
    degreeIssuer: issuer,
    degreeDate: isoDay(Date.UTC(Math.min(year - 1, p.born + rng.int(22, 26)), rng.int(5, 9), rng.int(1, 28))),
    practiceFacility: rng.pick(HOSPITALS),
  };
  if (a.email) formData.email = a.email;
  return { applicant: a, formData };
};

export const FORM_BUILDERS: Readonly<Record<string, Builder>> = {
  '1.001193': birth,
  '2.000815': certifiedCopy,
  '2.000488': criminalRecord,
  '2.000720': householdBusiness,
  '1.000894': marriage,
  '1.009994': buildingPermit,
  '1.012766': landCertificate,
  '2.000591': foodSafety,
  '1.012274': medicalLicence,
};

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  items?: PropertySchema;
}

/** Required answers of an unknown form, from its schema: enums, dates, numbers, identity numbers, text. */
export function answersFromSchema(rng: Rng, schema: Record<string, unknown>, f: FormInput): Answers {
  const p = person(rng, { year: yearOf(f.at) });
  const applicant = citizen(rng, f, p);
  const props = (schema.properties ?? {}) as Record<string, PropertySchema>;
  const formData: Record<string, unknown> = {};
  for (const name of (schema.required ?? []) as string[]) {
    const s = props[name];
    if (!s) continue;
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (s.enum?.length) formData[name] = rng.pick(s.enum);
    else if (type === 'boolean') formData[name] = false;
    else if (type === 'integer' || type === 'number') formData[name] = s.minimum ?? 1;
    else if (type === 'array') formData[name] = s.items?.enum?.length ? [rng.pick(s.items.enum)] : [];
    else if (s.format === 'date') formData[name] = isoDay(f.at - rng.int(30, 3000) * DAY_MS);
    else if (s.pattern?.includes('[0-9]{12}')) formData[name] = applicant.idNumber;
    else if (s.pattern?.startsWith('^0')) formData[name] = applicant.phone;
    else {
      const text = /name/i.test(name)
        ? p.fullName
        : /address|residence/i.test(name)
          ? applicant.address!
          : `${streetName(rng)}`;
      formData[name] = text.slice(0, s.maxLength ?? 200).padEnd(s.minLength ?? 0, '.');
    }
  }
  return { applicant, formData };
}
