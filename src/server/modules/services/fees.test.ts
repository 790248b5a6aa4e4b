import { describe, expect, it } from 'vitest';
import { DEMO_PROCEDURES as CATALOGUE } from './catalogue/index.ts';
import { holds, quoteFees } from './fees.ts';

const byCode = (code: string) => {
  const p = CATALOGUE.find((x) => x.code === code || x.name.startsWith(code));
  if (!p) throw new Error(`no procedure ${code}`);
  return p;
};
const criminal = () => byCode('Cấp Phiếu lý lịch tư pháp');
const copy = () => byCode('Chứng thực bản sao từ bản chính');

describe('fee rules', () => {
  it('conditions: equals, in, not, and a missing answer', () => {
    expect(holds({ field: 'a', equals: 'x' }, { a: 'x' })).toBe(true);
    expect(holds({ field: 'a', equals: 'x' }, {})).toBe(false);
    expect(holds({ field: 'a', equals: 'x', not: true }, {})).toBe(true);
    expect(holds({ field: 'a', in: ['x', 'y'] }, { a: 'y' })).toBe(true);
    expect(holds({ field: 'a', in: [2] }, { a: '2' })).toBe(false);
  });

  it.each([
    // [category, copies, total]: 200 000 standard, 100 000 reduced, waived; 5 000 per certificate after two
    ['thong_thuong', 1, 200_000],
    [undefined, 2, 200_000],
    ['thong_thuong', 5, 215_000],
    ['giam', 1, 100_000],
    ['giam', 3, 105_000],
    ['mien', 1, 0],
    ['mien', 4, 10_000],
  ])('criminal record certificate: %s × %i → %i đồng', (feeCategory, copies, total) => {
    const q = quoteFees(criminal(), { feeCategory, copies });
    expect(q.total).toBe(total);
    expect(q.atSubmission).toBe(total);
    expect(q.onRequest).toBe(0);
  });

  it('an exemption keeps the line with its reason and the amount before it', () => {
    const q = quoteFees(criminal(), { feeCategory: 'mien', copies: 1 });
    const line = q.lines.find((l) => l.code === 'phi_cung_cap_thong_tin')!;
    expect(line).toMatchObject({ amount: 0, baseAmount: 200_000 });
    expect(line.exemption).toMatch(/Miễn phí cho trẻ em/);
  });

  it.each([
    // pages, copies → 2 000 for pages 1–2, 1 000 from the 3rd, at most 200 000 per copy, times copies
    [1, 1, 2_000],
    [2, 1, 4_000],
    [3, 2, 10_000],
    [10, 3, 36_000],
    [300, 1, 200_000],
    [300, 2, 400_000],
  ])('certified copy: %i pages × %i copies → %i đồng', (pages, copies, total) => {
    expect(quoteFees(copy(), { pages, copies }).total).toBe(total);
  });

  it('says how each amount was worked out', () => {
    expect(quoteFees(copy(), { pages: 300, copies: 2 }).lines[0]!.basis).toEqual({
      kind: 'tiered',
      units: 300,
      perSet: 200_000,
      max: 200_000,
      sets: 2,
    });
    const extra = quoteFees(criminal(), { copies: 5 }).lines.find((l) => l.code === 'phi_phieu_thu_ba')!;
    expect(extra.basis).toEqual({ kind: 'per_unit', units: 5, unitAmount: 5_000, free: 2 });
  });

  it('food safety: the appraisal fee follows the facility type; building permit: fixed, asked for later', () => {
    const food = byCode('Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm');
    expect(quoteFees(food, { facilityType: 'kinh_doanh' }).total).toBe(1_000_000);
    expect(quoteFees(food, { facilityType: 'san_xuat' }).total).toBe(2_500_000);
    expect(quoteFees(food, {}).total).toBe(0);
    const permit = byCode('Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ');
    expect(quoteFees(permit, {})).toMatchObject({ total: 75_000, atSubmission: 0, onRequest: 75_000 });
  });

  it('every condition and rule of the catalogue names a field of its e-form', () => {
    for (const p of CATALOGUE) {
      const props = Object.keys((p.form.schema as { properties: Record<string, unknown> }).properties);
      for (const f of p.fees) {
        const fields = [
          f.when?.field,
          f.rule?.field,
          f.rule?.kind === 'tiered' ? f.rule.times : undefined,
          ...(f.exemptions ?? []).map((e) => e.when.field),
        ].filter((x): x is string => !!x);
        for (const field of fields) expect(props, `${p.code} ${f.code}`).toContain(field);
      }
    }
  });
});

// Every fee of every procedure, at zero and at the edges of its quantities (issue 11, item 11): a fee
// that follows a count charges nothing for none, nothing within its free units, and its price for each
// unit beyond them; a tiered fee is never negative and never falls as the quantity grows.
const quantityFees = CATALOGUE.flatMap((p) =>
  p.fees.filter((f) => f.rule).map((f) => [p.code, f.code, p, f] as const),
);

describe('every quantity-based fee of the catalogue', () => {
  it('is found (the catalogue has some)', () => {
    expect(quantityFees.length).toBeGreaterThanOrEqual(3);
  });

  it.each(quantityFees)(
    '%s %s: nothing for none, the price per unit beyond the free ones',
    (_, code, _p, fee) => {
      const rule = fee.rule!;
      // The fee's own condition holds in these answers only if it does not name the counted field.
      const line = (n: number) =>
        quoteFees(
          { fees: [{ ...fee, when: undefined, exemptions: undefined }] },
          {
            [rule.field]: n,
            // a tiered fee per set is multiplied by its number of sets: one set here
            ...(rule.kind === 'tiered' && rule.times ? { [rule.times]: 1 } : {}),
          },
        ).lines.find((l) => l.code === code)!;
      expect(line(0).amount).toBe(0);
      if (rule.kind === 'per_unit') {
        const free = rule.free ?? 0;
        expect(line(free).amount).toBe(0);
        expect(line(free + 1).amount).toBe(fee.amount);
        expect(line(free + 3).amount).toBe(3 * fee.amount);
      } else {
        let before = 0;
        for (const n of [1, 2, 5, 10, 50, 200]) {
          const amount = line(n).amount;
          expect(amount).toBeGreaterThanOrEqual(before);
          before = amount;
        }
        expect(before).toBeGreaterThan(0);
      }
    },
  );

  it('marriage registration: no copy asked for, nothing to pay; two copies, two copy fees', () => {
    const marriage = byCode('1.000894');
    expect(quoteFees(marriage, { copiesRequested: 0 }).total).toBe(0);
    expect(quoteFees(marriage, {}).total).toBe(0);
    expect(quoteFees(marriage, { copiesRequested: 2 }).total).toBe(16_000);
  });
});
