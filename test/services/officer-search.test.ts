// Issue 11 item 6: an official finds any dossier their agency has received, held, decided or been
// consulted on, in any status, by receipt number, code, phone, ID number or name — and no other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyLookup } from '../../src/server/modules/services/queries.ts';
import { DEMO_PROCEDURES } from '../../src/server/modules/services/catalogue/index.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

const birth = DEMO_PROCEDURES.find((p) => p.code === '1.001193')!;
let t: TestPlatform;
let id: string;
let receiptNo: string;
beforeAll(async () => {
  t = await startTestPlatform();
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
      fullName: 'Lê Hoàng Phúc Tìm Kiếm',
      phone: '+84903777888',
      idNumber: '079196054321',
    },
    formData: {
      childFullName: 'Lê Minh An',
      childSex: 'nam',
      childBirthDate: '2026-05-02',
      childBirthPlace: 'Bệnh viện Hùng Vương, Thành phố Hồ Chí Minh',
      childEthnicity: 'Kinh',
      childNationality: 'Việt Nam',
      motherFullName: 'Trần Thị Mai',
      declarantRelationship: 'cha',
    },
    components,
  });
  expect(res.statusCode, res.body).toBe(200);
  ({ id, receiptNo } = res.json() as { id: string; receiptNo: string });
});
afterAll(() => t.close());

async function upload(agent: Agent, name: string) {
  const { body, contentType } = fileUpload(name, minimalPdf(name), 'application/pdf');
  const res = await agent.post('/api/files', body, { 'content-type': contentType });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

const found = async (agent: Agent, q: string) => {
  const res = await agent.get(`/api/dossiers/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { kind: string; items: { id: string }[] };
  return { kind: body.kind, ids: body.items.map((d) => d.id) };
};

describe('an official finds a dossier', () => {
  it('reads what was typed as the one thing it can be', () => {
    expect(classifyLookup(' bn-261207-7k2m9qxa ')).toEqual({ kind: 'receipt', value: 'BN-261207-7K2M9QXA' });
    expect(classifyLookup('0903 777 888')).toEqual({ kind: 'phone', value: '903777888' });
    expect(classifyLookup('+84903777888')).toEqual({ kind: 'phone', value: '903777888' });
    expect(classifyLookup('079196054321')).toEqual({ kind: 'id_number', value: '079196054321' });
    expect(classifyLookup('000.01.40.h29-261126-0001')).toEqual({
      kind: 'code',
      value: '000.01.40.H29-261126-0001',
    });
    expect(classifyLookup('Lê  Hoàng')).toEqual({ kind: 'name', value: 'Lê Hoàng' });
    expect(classifyLookup(' x ')).toBeNull();
  });

  it('at its receiving agency, by receipt, phone in another form, ID number and name; then by code', async () => {
    const desk = await t.login('motcua.thudaumot@cqs.demo');
    expect(await found(desk, receiptNo.toLowerCase())).toEqual({ kind: 'receipt', ids: [id] });
    expect(await found(desk, '0903.777.888')).toEqual({ kind: 'phone', ids: [id] });
    expect(await found(desk, '079196054321')).toEqual({ kind: 'id_number', ids: [id] });
    expect((await found(desk, 'hoàng phúc tìm')).ids).toEqual([id]);
    // Accepted, then refused or finished: still found, by its code too.
    const accepted = await desk.post(`/api/dossiers/${id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const code = accepted.json().code as string;
    expect(await found(desk, code)).toEqual({ kind: 'code', ids: [id] });
  });

  it('not from an agency that never had it, and not as a citizen', async () => {
    const other = await t.login('motcua.ttpvhcc@cqs.demo');
    expect((await found(other, receiptNo)).ids).toEqual([]);
    expect((await found(other, '079196054321')).ids).toEqual([]);
    const citizen = await t.login('congdan@cqs.demo');
    expect((await citizen.get(`/api/dossiers/search?q=${receiptNo}`)).statusCode).toBe(403);
  });

  it('names a query too short to search', async () => {
    const desk = await t.login('motcua.thudaumot@cqs.demo');
    const res = await desk.get('/api/dossiers/search?q=%20a%20');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('query.q');
  });
});
