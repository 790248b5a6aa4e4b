// Item 2 of issue 11: where the e-form is the declaration, the applicant uploads nothing for it; the
// system renders the answers to PDF as that component, and form 01 lists what was actually submitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../src/server/platform/pdf/test-support.ts';
import { DEMO_PROCEDURES } from '../../src/server/modules/services/catalogue/index.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

const birth = DEMO_PROCEDURES.find((p) => p.code === '1.001193')!;
let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

async function upload(agent: Agent, name: string) {
  const { body, contentType } = fileUpload(name, minimalPdf(name), 'application/pdf');
  const res = await agent.post('/api/files', body, { 'content-type': contentType });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

describe('the e-form as the declaration', () => {
  it('marks one declaration per procedure that has one', () => {
    for (const p of DEMO_PROCEDURES)
      expect(p.components.filter((c) => c.eForm).length).toBeLessThanOrEqual(1);
    expect(birth.components.find((c) => c.eForm)?.key).toBe('to_khai');
  });

  it('takes a birth registration without the declaration file and renders it from the e-form', async () => {
    const citizen = await t.login('congdan@cqs.demo');
    const procedure = (await citizen.get(`/api/procedures/${birth.code}`)).json() as {
      offeredBy: { id: string; name: string }[];
    };
    const agency = procedure.offeredBy.find((a) => a.name.endsWith('Phường Thủ Dầu Một'))!;
    const components = [];
    for (const c of birth.components.filter((c) => c.required && !c.eForm))
      components.push({ componentKey: c.key, fileId: await upload(citizen, `${c.key}.pdf`) });
    const res = await citizen.post('/api/dossiers', {
      procedureCode: birth.code,
      channel: 'online',
      agencyId: agency.id,
      applicant: {
        type: 'citizen',
        fullName: 'Trần Thị Thu Trang',
        phone: '0903123456',
        idNumber: '079195012345',
      },
      formData: {
        childFullName: 'Nguyễn Minh Khang',
        childSex: 'nam',
        childBirthDate: '2026-03-02',
        childBirthPlace: 'Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh',
        childEthnicity: 'Kinh',
        childNationality: 'Việt Nam',
        motherFullName: 'Trần Thị Thu Trang',
        declarantRelationship: 'me',
      },
      components,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { id, receiptNo } = res.json() as { id: string; receiptNo: string };

    const view = (await citizen.get(`/api/dossiers/${id}`)).json() as {
      procedureComponents: { key: string; eForm: boolean }[];
    };
    expect(view.procedureComponents.filter((c) => c.eForm).map((c) => c.key)).toEqual(['to_khai']);
    const pdf = await citizen.get(`/api/dossiers/${id}/declaration.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    expect(text).toContain('Nguyễn Minh Khang');
    expect(text).toContain('02/03/2026');
    expect(text).toContain('Giới tính: Nam');
    expect(text).toContain(receiptNo);
    // Nobody else reads it.
    const other = t.client();
    expect((await other.get(`/api/dossiers/${id}/declaration.pdf`)).statusCode).not.toBe(200);

    // Form 01 lists the declaration and the files submitted, not the optional components left out.
    const desk = await t.login('motcua.thudaumot@cqs.demo');
    expect((await desk.post(`/api/dossiers/${id}/accept`, {})).statusCode).toBe(200);
    const receipt = (await pdfText((await desk.get(`/api/dossiers/${id}/documents/01`)).rawPayload)).replace(
      /\s+/g,
      ' ',
    );
    expect(receipt).toContain('Tờ khai đăng ký khai sinh theo mẫu (biểu mẫu điện tử)');
    for (const c of birth.components.filter((c) => !c.required && !c.eForm))
      expect(receipt).not.toContain(c.name.slice(0, 40));
  });
});
