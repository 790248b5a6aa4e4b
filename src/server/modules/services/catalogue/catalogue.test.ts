import { describe, expect, it } from 'vitest';
import { ProcedureDefinition, type WorkflowDefinition } from '../../../../contracts/services.ts';
import { validateFormData } from '../form-validation.ts';
import { validateWorkflow } from '../workflow.ts';
import { DEMO_AGENCY_CODES, DEMO_PROCEDURES, DEPARTMENT_CODES, ROLE_CODES } from './index.ts';

type Limit = ProcedureDefinition['timeLimit']['default'];

/** Working hours a limit allows at least (8 hours a day, 5 working days a week). */
function limitHours(limit: Limit): number {
  switch (limit.unit) {
    case 'hours':
      return limit.value;
    case 'half_days':
      return limit.value * 4;
    case 'working_days':
      return limit.value * 8;
    case 'same_day':
      return 8;
    case 'calendar_days':
      return Math.floor((limit.value * 5) / 7) * 8;
    case 'months':
      return limit.value * 20 * 8;
    case 'none':
      return Number.POSITIVE_INFINITY;
  }
}

function shortestLimit(p: ProcedureDefinition): number {
  const t = p.timeLimit;
  return Math.min(...[t.default, t.online, t.counter].filter((l): l is Limit => !!l).map(limitHours));
}

/** The sum of the step allowances, where consultations opened together count once, as the longest. */
function allowanceHours(wf: WorkflowDefinition): number {
  const hours = new Map(wf.steps.map((s) => [s.key, limitHours(s.allowance)]));
  const groups = wf.actions.flatMap((a) => (a.parallel ? [a.parallel] : []));
  const grouped = new Set(groups.flat());
  const single = wf.steps.filter((s) => !grouped.has(s.key)).reduce((sum, s) => sum + hours.get(s.key)!, 0);
  return single + groups.reduce((sum, g) => sum + Math.max(...g.map((k) => hours.get(k)!)), 0);
}

interface FieldSchema {
  type?: string;
  title?: string;
  enum?: unknown[];
  enumNames?: string[];
  pattern?: string;
  format?: string;
  items?: FieldSchema;
}
interface FormSchema {
  type: string;
  title: string;
  required: string[];
  properties: Record<string, FieldSchema>;
}

const schemaOf = (p: ProcedureDefinition) => p.form.schema as unknown as FormSchema;

/** A realistic declaration per procedure: each must pass the server-side e-form validation. */
const SAMPLE_ANSWERS: Record<string, Record<string, unknown>> = {
  '1.001193': {
    childFullName: 'Nguyễn Minh Khang',
    childSex: 'nam',
    childBirthDate: '2026-03-02',
    childBirthPlace: 'Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh',
    childEthnicity: 'Kinh',
    childNationality: 'Việt Nam',
    childHometown: 'Thủ Dầu Một, Bình Dương',
    motherFullName: 'Trần Thị Thu Trang',
    motherIdNumber: '079195012345',
    fatherFullName: 'Nguyễn Văn Hùng',
    fatherIdNumber: '074093001122',
    declarantRelationship: 'me',
    copiesRequested: 2,
  },
  '1.000894': {
    femaleFullName: 'Lê Thị Ngọc Hân',
    femaleBirthDate: '1998-07-14',
    femaleIdNumber: '079198004455',
    femaleResidence: 'Phường Thủ Dầu Một, Thành phố Hồ Chí Minh',
    maleFullName: 'Phạm Quốc Bảo',
    maleBirthDate: '1996-11-30',
    maleIdNumber: '074096007788',
    maleResidence: 'Phường Phú Lợi, Thành phố Hồ Chí Minh',
    firstMarriage: 'ca_hai_lan_dau',
  },
  '2.000815': {
    requesterFullName: 'Võ Thành Đạt',
    requesterIdNumber: '079201003344',
    documentName: 'Bằng tốt nghiệp trung học phổ thông',
    documentOrigin: 'viet_nam',
    pages: 1,
    copies: 3,
  },
  '2.000720': {
    registrantType: 'ca_nhan',
    businessName: 'Hộ kinh doanh Cơm tấm Bảy Hiền',
    businessAddress: '12 đường Yersinia, phường Thủ Dầu Một, Thành phố Hồ Chí Minh',
    phone: '0912345678',
    businessLines: 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động (5610)',
    capital: 150_000_000,
    employees: 3,
    ownerFullName: 'Huỳnh Văn Bảy',
    ownerBirthDate: '1980-02-01',
    ownerIdNumber: '074080001234',
    ownerResidence: '12 đường Yersinia, phường Thủ Dầu Một',
  },
  '1.009994': {
    ownerFullName: 'Đỗ Minh Tâm',
    ownerIdNumber: '074085009876',
    ownerAddress: '45/2 Đại lộ Bình Dương, phường Phú Thọ',
    phone: '0908123456',
    siteAddress: 'Thửa 215, khu phố 3, phường Phú Thọ, Thành phố Hồ Chí Minh',
    parcelNumber: '215',
    mapSheet: '37',
    lotArea: 96.5,
    buildingArea: 80,
    totalFloorArea: 240,
    height: 11.7,
    floors: 3,
    hasBasement: false,
    expectedMonths: 8,
  },
  '1.012766': {
    applicantFullName: 'Ngô Thị Lan',
    applicantIdNumber: '074070004321',
    applicantAddress: 'Ấp 2, xã Bàu Bàng, Thành phố Hồ Chí Minh',
    parcelNumber: '88',
    mapSheet: '12',
    parcelAddress: 'Ấp 2, xã Bàu Bàng',
    area: 1250.3,
    landUse: 'CLN',
    useSince: '1998-05-01',
    landOrigin: 'Nhận chuyển nhượng bằng giấy tay năm 1998, sử dụng ổn định, không tranh chấp',
    hasHouse: false,
    requestCertificate: true,
  },
  '2.000488': {
    certificateType: 'so_1',
    fullName: 'Trương Gia Huy',
    sex: 'nam',
    birthDate: '2002-09-09',
    birthPlace: 'Thành phố Hồ Chí Minh',
    nationality: 'Việt Nam',
    idNumber: '079202005566',
    permanentResidence: 'Phường Thủ Dầu Một, Thành phố Hồ Chí Minh',
    fatherFullName: 'Trương Văn Lộc',
    motherFullName: 'Phan Thị Mỹ',
    includeBanInfo: false,
    purpose: 'Bổ sung hồ sơ xin việc',
    copies: 2,
    deliveryFormat: 'dien_tu',
  },
  '2.000591': {
    facilityName: 'Công ty TNHH Bánh kẹo Phú Hòa',
    registrationNumber: '3702123456',
    headOffice: '8 đường D1, phường Phú Hòa, Thành phố Hồ Chí Minh',
    facilityAddress: 'Lô B4, Khu công nghiệp Đồng An, Thành phố Hồ Chí Minh',
    phone: '02743812345',
    representativeName: 'Lý Hoàng Phúc',
    representativeIdNumber: '074078006543',
    facilityType: 'san_xuat',
    productGroups: ['banh_keo'],
    products: 'Bánh quy, kẹo mềm',
    capacity: '500 tấn sản phẩm/năm',
    workers: 45,
  },
  '1.012274': {
    fullName: 'Đinh Thị Quỳnh Như',
    birthDate: '1999-04-21',
    idNumber: '079199007654',
    residence: 'Phường Dĩ An, Thành phố Hồ Chí Minh',
    phone: '0987654321',
    professionalTitle: 'dieu_duong',
    scope: 'Điều dưỡng',
    degree: 'Cử nhân Điều dưỡng',
    degreeIssuer: 'Trường Đại học Y khoa Phạm Ngọc Thạch',
    degreeDate: '2022-07-15',
    practiceFacility: 'Bệnh viện Đa khoa tỉnh Bình Dương',
  },
};

describe.each(DEMO_PROCEDURES.map((p) => [p.code, p] as const))('procedure %s', (code, p) => {
  it('parses as a ProcedureDefinition', () => {
    expect(ProcedureDefinition.parse(p)).toEqual(p);
  });

  it('has a workflow without problems for the known roles', () => {
    expect(validateWorkflow(p.workflow, ROLE_CODES)).toEqual([]);
  });

  it('charges integer đồng, whole thousands, with unique fee codes', () => {
    for (const fee of p.fees) {
      expect(Number.isInteger(fee.amount), fee.code).toBe(true);
      expect(fee.amount).toBeGreaterThanOrEqual(0);
      expect(fee.amount % 1000, fee.code).toBe(0);
    }
    expect(new Set(p.fees.map((f) => f.code)).size).toBe(p.fees.length);
  });

  it('names only demo agencies', () => {
    if (p.competent.kind === 'fixed') expect(DEMO_AGENCY_CODES).toContain(p.competent.code);
    for (const step of p.workflow.steps) {
      if (typeof step.agency === 'object') expect(DEMO_AGENCY_CODES, step.key).toContain(step.agency.code);
    }
  });

  it('gives every consultation step to a named agency', () => {
    for (const step of p.workflow.steps.filter((s) => s.consultation)) {
      expect(typeof step.agency, step.key).toBe('object');
    }
  });

  it('fits the step allowances within the published time limit', () => {
    expect(allowanceHours(p.workflow)).toBeLessThanOrEqual(shortestLimit(p));
    for (const step of p.workflow.steps) expect(step.allowance.value, step.key).toBeGreaterThan(0);
  });

  it('ends only from final steps, by an action that carries the result', () => {
    const finals = new Set(p.workflow.steps.filter((s) => s.final).map((s) => s.key));
    const toDone = p.workflow.actions.filter((a) => a.to === 'done');
    expect(finals.size).toBeGreaterThan(0);
    expect(toDone.length).toBeGreaterThan(0);
    for (const a of toDone) {
      expect(finals.has(a.from), a.key).toBe(true);
      expect(a.requires?.result, a.key).toBe(true);
    }
    for (const key of finals)
      expect(
        toDone.some((a) => a.from === key),
        key,
      ).toBe(true);
  });

  it('can send work back for rework, always with a reason', () => {
    const returns = p.workflow.actions.filter((a) => a.key.startsWith('return_'));
    expect(returns.length).toBeGreaterThan(0);
    for (const a of returns) expect(a.requires?.comment, `${a.from}.${a.key}`).toBe(true);
  });

  it('names steps and actions in Vietnamese and English', () => {
    for (const s of p.workflow.steps) expect(s.nameEn, s.key).toBeTruthy();
    for (const a of p.workflow.actions) expect(a.nameEn, `${a.from}.${a.key}`).toBeTruthy();
    expect(p.nameEn).toBeTruthy();
  });

  it('lists components with unique keys, at least one required, and a legal basis', () => {
    expect(new Set(p.components.map((c) => c.key)).size).toBe(p.components.length);
    expect(p.components.some((c) => c.required)).toBe(true);
    for (const c of p.components) expect(c.originals + c.copies, c.key).toBeGreaterThan(0);
    expect(p.legalBasis.length).toBeGreaterThan(0);
  });

  it('offers online submission when it is fully online', () => {
    if (p.serviceLevel === 'full') expect(p.methods).toContain('online');
  });

  it('has a compact, labelled e-form', () => {
    const schema = schemaOf(p);
    const names = Object.keys(schema.properties);
    expect(schema.type).toBe('object');
    expect(schema.title).toBeTruthy();
    expect(names.length).toBeGreaterThanOrEqual(6);
    // 16: the criminal record declaration carries the fee category (reduced / waived) its fee rules read.
    expect(names.length).toBeLessThanOrEqual(16);
    for (const r of schema.required) expect(names).toContain(r);
    for (const [name, field] of Object.entries(schema.properties)) {
      expect(field.title, name).toBeTruthy();
      const choice = field.enum ? field : field.items?.enum ? field.items : null;
      if (choice) expect(choice.enumNames, name).toHaveLength(choice.enum!.length);
      if (field.pattern) expect(() => new RegExp(field.pattern!, 'u'), name).not.toThrow();
      if (/IdNumber$|^idNumber$/.test(name)) expect(field.pattern, name).toBe('^[0-9]{12}$');
    }
  });

  it('orders and pages every e-form field exactly once', () => {
    const names = Object.keys(schemaOf(p).properties).sort();
    const ui = p.form.ui as { 'ui:order': string[]; pages: string[][] };
    expect([...ui['ui:order']].sort()).toEqual(names);
    expect(ui.pages.flat().sort()).toEqual(names);
    for (const page of ui.pages) expect(page.length).toBeGreaterThan(0);
  });

  it("names every page of its e-form in Vietnamese and English (the wizard's step names)", () => {
    const ui = p.form.ui as { pages: string[][]; pageTitles?: string[]; pageTitlesEn?: string[] };
    expect(ui.pageTitles).toHaveLength(ui.pages.length);
    expect(ui.pageTitlesEn).toHaveLength(ui.pages.length);
    for (const title of [...(ui.pageTitles ?? []), ...(ui.pageTitlesEn ?? [])])
      expect(title.trim()).not.toBe('');
  });

  it('accepts a realistic declaration and rejects a malformed one', () => {
    const sample = SAMPLE_ANSWERS[code];
    expect(sample, 'sample answers').toBeDefined();
    expect(validateFormData(p.form.schema, sample!)).toEqual([]);
    const schema = schemaOf(p);
    const idField = Object.keys(schema.properties).find((n) => /IdNumber$|^idNumber$/.test(n))!;
    const problems = validateFormData(p.form.schema, { ...sample, [idField]: '07919501234' });
    expect(problems).toContainEqual(
      expect.objectContaining({ field: `body.formData.${idField}`, key: 'field.invalid_format' }),
    );
    const missing = validateFormData(p.form.schema, { ...sample, [schema.required[0]!]: '' });
    expect(missing).toContainEqual({ field: `body.formData.${schema.required[0]}`, key: 'field.required' });
  });
});

describe('the demo catalogue', () => {
  it('has at least eight procedures with unique codes', () => {
    expect(DEMO_PROCEDURES.length).toBeGreaterThanOrEqual(8);
    const codes = DEMO_PROCEDURES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('exports the official role codes', () => {
    expect(ROLE_CODES).toEqual([
      'admin',
      'one_stop_officer',
      'specialist',
      'division_head',
      'agency_leader',
      'city_leader',
    ]);
  });

  it('covers the shapes the demo needs', () => {
    const some = (f: (p: ProcedureDefinition) => boolean) => DEMO_PROCEDURES.some(f);
    expect(
      some((p) => p.timeLimit.default.unit === 'same_day'),
      'same-day',
    ).toBe(true);
    expect(
      some((p) =>
        p.workflow.steps.some(
          (s) =>
            s.consultation &&
            typeof s.agency === 'object' &&
            (p.competent.kind !== 'fixed' || s.agency.code !== p.competent.code),
        ),
      ),
      'consultation owned by another agency',
    ).toBe(true);
    expect(
      some((p) => p.fees.some((f) => f.amount > 0)),
      'with a fee',
    ).toBe(true);
    expect(
      some((p) => p.result.type === 'electronic'),
      'electronic result',
    ).toBe(true);
    expect(
      some((p) => p.serviceLevel === 'full'),
      'fully online',
    ).toBe(true);
    expect(
      some((p) => p.competent.kind === 'receiving_commune'),
      'commune level',
    ).toBe(true);
    expect(
      some((p) => p.competent.kind === 'fixed' && DEPARTMENT_CODES.includes(p.competent.code)),
      'department level',
    ).toBe(true);
    expect(
      some((p) => p.methods.length === 1 && p.methods[0] === 'counter'),
      'counter only',
    ).toBe(true);
  });
});
