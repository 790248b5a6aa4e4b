// The authorization matrix: every route the app registers × every caller (anonymous and one account per
// role), then own-agency vs other-agency for an administrator scoped to one commune.
// A route added without a line in ROUTES fails "the matrix lists every registered route".
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../platform.ts';
import { agentFrom, DEMO, expectError, signIn } from '../helpers/agents.ts';
import { expectNoChange, rows } from '../helpers/db-state.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';

type Role = 'admin' | 'one_stop_officer' | 'specialist' | 'agency_leader' | 'city_leader' | 'citizen';
type Caller = 'anonymous' | Role;
const ROLES: Role[] = ['admin', 'one_stop_officer', 'specialist', 'agency_leader', 'city_leader', 'citizen'];
const CALLERS: Caller[] = ['anonymous', ...ROLES];
const OFFICIALS: Role[] = ROLES.filter((r) => r !== 'citizen');
/** the roles holding stats.read */
const STATS: Role[] = ['admin', 'agency_leader', 'city_leader'];
/** the roles holding operations.view; operations.operate and .manage are the administrator's here */
const OPS_VIEW: Role[] = ['admin', 'city_leader'];
const OPS_OPERATE: Role[] = ['admin'];
/** the roles holding feedback.handle (an agency's handlers); feedback.triage and portal.investment belong to
 * roles no matrix caller has (the feedback operator, the investment officer) */
const FEEDBACK_HANDLE: Role[] = ['specialist', 'agency_leader'];
const FEEDBACK_MANAGE: Role[] = ['admin'];
const NOBODY: Role[] = [];

/** What a reply looks like to the matrix (an inject response, or the head of an event stream). */
interface Reply {
  statusCode: number;
  body: string;
  json(): unknown;
}

interface Fixtures {
  rootId: string;
  citizenId: string;
  adminFileId: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** the route as registered */
  path: string;
  /** who gets past the route's access check */
  who: 'public' | 'signed-in' | readonly Role[];
  send(a: Agent, f: Fixtures): Promise<Reply>;
  /** the status for callers who get through (default 200): 400 where the test sends a body that fails validation */
  ok?: number | Partial<Record<Caller, number>>;
  /** the error code of that 400 (default the platform's `validation`; the OAuth token endpoint answers RFC 6749's) */
  badRequest?: string;
  /** the call ends the caller's session(s): make it on a throwaway sign-in */
  endsSession?: 'this' | 'all';
}

/** A body no strict schema accepts. */
const BAD = { notAField: true };
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

let t: TestPlatform;
let fx: Fixtures;
const agents = new Map<Caller, Agent>();

/** GET /api/events answers with a stream that never ends: read the status and headers, then hang up. */
async function openEvents(a: Agent): Promise<Reply> {
  const cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await t.platform.app.inject({
    method: 'GET',
    url: '/api/events',
    headers: cookie ? { cookie } : {},
    payloadAsStream: true,
  });
  const stream = res.stream();
  let body = '';
  if (res.statusCode === 200) {
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    stream.destroy();
  } else {
    for await (const chunk of stream) body += chunk;
  }
  return { statusCode: res.statusCode, body, json: () => JSON.parse(body) };
}

const pdfUpload = (a: Agent) => {
  const { body, contentType } = fileUpload('matrix.pdf', minimalPdf('matrix'));
  return a.post('/api/files', body, { 'content-type': contentType });
};

const ROUTES: RouteCase[] = [
  // Citizen feedback (with Open311) and the portal: public pages and reports; agency handling and
  // editing for officials, each command checking the report's or item's agency.
  {
    method: 'GET',
    path: '/api/feedback/categories',
    who: 'public',
    send: (a) => a.get('/api/feedback/categories'),
  },
  {
    method: 'GET',
    path: '/api/feedback/nearby',
    who: 'public',
    send: (a) => a.get('/api/feedback/nearby'),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/photos',
    who: 'public',
    send: (a) => a.post('/api/feedback/photos', BAD),
    ok: 415,
  },
  {
    method: 'POST',
    path: '/api/feedback/videos',
    who: 'public',
    send: (a) => a.post('/api/feedback/videos', BAD),
    ok: 415,
  },
  {
    method: 'POST',
    path: '/api/feedback/reports',
    who: 'public',
    send: (a) => a.post('/api/feedback/reports', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/reports/:code/join',
    who: 'public',
    send: (a) => a.post('/api/feedback/reports/PA-261207-ZZZZZZ/join', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/reports/:code/rating',
    who: 'public',
    send: (a) => a.post('/api/feedback/reports/PA-261207-ZZZZZZ/rating', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/reports/:code/follow-up',
    who: 'public',
    send: (a) => a.post('/api/feedback/reports/PA-261207-ZZZZZZ/follow-up', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/api/feedback/stats', who: 'public', send: (a) => a.get('/api/feedback/stats') },
  {
    method: 'GET',
    path: '/api/feedback/stats/hotspots',
    who: 'public',
    send: (a) => a.get('/api/feedback/stats/hotspots'),
  },
  {
    method: 'GET',
    path: '/api/feedback/reports',
    who: 'public',
    send: (a) => a.get('/api/feedback/reports'),
  },
  {
    method: 'GET',
    path: '/api/feedback/map',
    who: 'public',
    send: (a) => a.get('/api/feedback/map'),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/feedback/reports/:code',
    who: 'public',
    send: (a) => a.get('/api/feedback/reports/PA-261207-ZZZZZZ'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/feedback/media/:id',
    who: 'public',
    send: (a) => a.get(`/api/feedback/media/${NO_SUCH_ID}`),
    ok: 404,
  },
  { method: 'GET', path: '/api/feedback/queue', who: NOBODY, send: (a) => a.get('/api/feedback/queue') },
  {
    method: 'POST',
    path: '/api/feedback/intake',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/intake', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/import',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/import', BAD),
    ok: 415,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/correct',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/correct', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/reject',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/reject', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/merge',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/merge', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/route',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/route', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/publish',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/publish', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/send-back',
    who: NOBODY,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/send-back', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/feedback/manage/:code',
    who: OFFICIALS,
    send: (a) => a.get('/api/feedback/manage/PA-261207-ZZZZZZ'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/feedback/inbox',
    who: FEEDBACK_HANDLE,
    send: (a) => a.get('/api/feedback/inbox'),
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/accept',
    who: OFFICIALS,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/accept', {}),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/return',
    who: OFFICIALS,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/return', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/transfer',
    who: OFFICIALS,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/transfer', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/extend',
    who: OFFICIALS,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/extend', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/manage/:code/reply',
    who: OFFICIALS,
    send: (a) => a.post('/api/feedback/manage/PA-261207-ZZZZZZ/reply', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/feedback/api-keys',
    who: FEEDBACK_MANAGE,
    send: (a) => a.post('/api/feedback/api-keys', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/feedback/api-keys',
    who: FEEDBACK_MANAGE,
    send: (a) => a.get('/api/feedback/api-keys'),
  },
  {
    method: 'POST',
    path: '/api/feedback/api-keys/:id/revoke',
    who: FEEDBACK_MANAGE,
    send: (a) => a.post(`/api/feedback/api-keys/${NO_SUCH_ID}/revoke`),
    ok: 404,
  },
  { method: 'GET', path: '/open311/v2/*', who: 'public', send: (a) => a.get('/open311/v2/services.json') },
  {
    method: 'POST',
    path: '/open311/v2/*',
    who: 'public',
    send: (a) => a.post('/open311/v2/requests.json', {}),
    ok: 403,
  },
  { method: 'GET', path: '/api/portal/sections', who: OFFICIALS, send: (a) => a.get('/api/portal/sections') },
  { method: 'GET', path: '/api/portal/editions', who: OFFICIALS, send: (a) => a.get('/api/portal/editions') },
  {
    method: 'GET',
    path: '/api/portal/items/:id',
    who: OFFICIALS,
    send: (a) => a.get(`/api/portal/items/${NO_SUCH_ID}`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/portal/items',
    who: OFFICIALS,
    send: (a) => a.post('/api/portal/items', BAD),
    ok: 400,
  },
  {
    method: 'PUT',
    path: '/api/portal/items/:id/editions/:lang',
    who: OFFICIALS,
    send: (a) => a.put(`/api/portal/items/${NO_SUCH_ID}/editions/vi`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/portal/items/:id/editions/:lang/:action',
    who: OFFICIALS,
    send: (a) => a.post(`/api/portal/items/${NO_SUCH_ID}/editions/vi/submit`, {}),
    ok: 400,
  },
  { method: 'GET', path: '/api/portal/enquiries', who: NOBODY, send: (a) => a.get('/api/portal/enquiries') },
  {
    method: 'POST',
    path: '/api/portal/enquiries/:id/move',
    who: NOBODY,
    send: (a) => a.post(`/api/portal/enquiries/${NO_SUCH_ID}/move`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/portal/enquiries/report',
    who: NOBODY,
    send: (a) => a.get('/api/portal/enquiries/report'),
  },
  {
    method: 'GET',
    path: '/api/portal/enquiries/:id',
    who: NOBODY,
    send: (a) => a.get(`/api/portal/enquiries/${NO_SUCH_ID}`),
    ok: 404,
  },
  { method: 'GET', path: '/api/portal/questions', who: NOBODY, send: (a) => a.get('/api/portal/questions') },
  {
    method: 'POST',
    path: '/api/portal/questions/:id/:action',
    who: NOBODY,
    send: (a) => a.post(`/api/portal/questions/${NO_SUCH_ID}/answer`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/portal/conformity',
    who: NOBODY,
    send: (a) => a.get('/api/portal/conformity'),
  },
  {
    method: 'POST',
    path: '/api/portal/investment-figures/import',
    who: NOBODY,
    send: (a) => a.post('/api/portal/investment-figures/import', BAD),
    ok: 415,
  },
  { method: 'GET', path: '/portal.css', who: 'public', send: (a) => a.get('/portal.css') },
  { method: 'GET', path: '/sitemap.xml', who: 'public', send: (a) => a.get('/sitemap.xml') },
  {
    method: 'GET',
    path: '/open-data/catalog.json',
    who: 'public',
    send: (a) => a.get('/open-data/catalog.json'),
  },
  {
    method: 'GET',
    path: '/open-data/:file',
    who: 'public',
    send: (a) => a.get('/open-data/industrial-parks.json'),
  },
  { method: 'GET', path: '/vi', who: 'public', send: (a) => a.get('/vi') },
  { method: 'GET', path: '/vi/feed.xml', who: 'public', send: (a) => a.get('/vi/feed.xml') },
  {
    method: 'GET',
    path: '/vi/feed/:section.xml',
    who: 'public',
    send: (a) => a.get('/vi/feed/khong-co.xml'),
    ok: 404,
  },
  { method: 'GET', path: '/vi/du-an-dau-tu', who: 'public', send: (a) => a.get('/vi/du-an-dau-tu') },
  {
    method: 'GET',
    path: '/vi/du-an-dau-tu/:slug',
    who: 'public',
    send: (a) => a.get('/vi/du-an-dau-tu/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/vi/du-an-dau-tu/:slug/enquiry',
    who: 'public',
    send: (a) => a.post('/vi/du-an-dau-tu/khong-co/enquiry', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/vi/khu-cong-nghiep', who: 'public', send: (a) => a.get('/vi/khu-cong-nghiep') },
  { method: 'GET', path: '/vi/su-kien', who: 'public', send: (a) => a.get('/vi/su-kien') },
  {
    method: 'GET',
    path: '/vi/su-kien/:slug',
    who: 'public',
    send: (a) => a.get('/vi/su-kien/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/vi/su-kien/:slug/register',
    who: 'public',
    send: (a) => a.post('/vi/su-kien/khong-co/register', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/vi/so-lieu-dau-tu', who: 'public', send: (a) => a.get('/vi/so-lieu-dau-tu') },
  {
    method: 'GET',
    path: '/vi/huong-dan-nha-dau-tu',
    who: 'public',
    send: (a) => a.get('/vi/huong-dan-nha-dau-tu'),
  },
  { method: 'GET', path: '/vi/tim-kiem', who: 'public', send: (a) => a.get('/vi/tim-kiem?q=giay+phep') },
  { method: 'GET', path: '/vi/tin-tuc', who: 'public', send: (a) => a.get('/vi/tin-tuc') },
  {
    method: 'GET',
    path: '/vi/tin-tuc/:slug',
    who: 'public',
    send: (a) => a.get('/vi/tin-tuc/khong-co'),
    ok: 404,
  },
  { method: 'GET', path: '/vi/van-ban', who: 'public', send: (a) => a.get('/vi/van-ban') },
  {
    method: 'GET',
    path: '/vi/van-ban/:id',
    who: 'public',
    send: (a) => a.get(`/vi/van-ban/${NO_SUCH_ID}`),
    ok: 404,
  },
  { method: 'GET', path: '/vi/to-chuc', who: 'public', send: (a) => a.get('/vi/to-chuc') },
  { method: 'GET', path: '/vi/chuyen-doi-so', who: 'public', send: (a) => a.get('/vi/chuyen-doi-so') },
  { method: 'GET', path: '/vi/du-lieu-mo', who: 'public', send: (a) => a.get('/vi/du-lieu-mo') },
  { method: 'GET', path: '/vi/hoi-dap', who: 'public', send: (a) => a.get('/vi/hoi-dap') },
  {
    method: 'POST',
    path: '/vi/hoi-dap',
    who: 'public',
    send: (a) => a.post('/vi/hoi-dap', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/vi/danh-gia', who: 'public', send: (a) => a.get('/vi/danh-gia') },
  {
    method: 'POST',
    path: '/vi/danh-gia',
    who: 'public',
    send: (a) => a.post('/vi/danh-gia', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/vi/kiem-tra-nghi-dinh-42',
    who: NOBODY,
    send: (a) => a.get('/vi/kiem-tra-nghi-dinh-42'),
  },
  { method: 'GET', path: '/vi/thu-tuc', who: 'public', send: (a) => a.get('/vi/thu-tuc') },
  {
    method: 'GET',
    path: '/vi/thu-tuc/:code',
    who: 'public',
    send: (a) => a.get('/vi/thu-tuc/khong-co'),
    ok: 404,
  },
  { method: 'GET', path: '/en', who: 'public', send: (a) => a.get('/en') },
  { method: 'GET', path: '/en/feed.xml', who: 'public', send: (a) => a.get('/en/feed.xml') },
  {
    method: 'GET',
    path: '/en/feed/:section.xml',
    who: 'public',
    send: (a) => a.get('/en/feed/khong-co.xml'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/en/investment-projects',
    who: 'public',
    send: (a) => a.get('/en/investment-projects'),
  },
  {
    method: 'GET',
    path: '/en/investment-projects/:slug',
    who: 'public',
    send: (a) => a.get('/en/investment-projects/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/en/investment-projects/:slug/enquiry',
    who: 'public',
    send: (a) => a.post('/en/investment-projects/khong-co/enquiry', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/en/industrial-parks', who: 'public', send: (a) => a.get('/en/industrial-parks') },
  { method: 'GET', path: '/en/events', who: 'public', send: (a) => a.get('/en/events') },
  {
    method: 'GET',
    path: '/en/events/:slug',
    who: 'public',
    send: (a) => a.get('/en/events/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/en/events/:slug/register',
    who: 'public',
    send: (a) => a.post('/en/events/khong-co/register', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/en/investment-figures',
    who: 'public',
    send: (a) => a.get('/en/investment-figures'),
  },
  { method: 'GET', path: '/en/investor-guide', who: 'public', send: (a) => a.get('/en/investor-guide') },
  { method: 'GET', path: '/en/search', who: 'public', send: (a) => a.get('/en/search?q=giay+phep') },
  { method: 'GET', path: '/en/news', who: 'public', send: (a) => a.get('/en/news') },
  { method: 'GET', path: '/en/news/:slug', who: 'public', send: (a) => a.get('/en/news/khong-co'), ok: 404 },
  { method: 'GET', path: '/en/legal-documents', who: 'public', send: (a) => a.get('/en/legal-documents') },
  {
    method: 'GET',
    path: '/en/legal-documents/:id',
    who: 'public',
    send: (a) => a.get(`/en/legal-documents/${NO_SUCH_ID}`),
    ok: 404,
  },
  { method: 'GET', path: '/en/organisation', who: 'public', send: (a) => a.get('/en/organisation') },
  {
    method: 'GET',
    path: '/en/digital-transformation',
    who: 'public',
    send: (a) => a.get('/en/digital-transformation'),
  },
  { method: 'GET', path: '/en/open-data', who: 'public', send: (a) => a.get('/en/open-data') },
  { method: 'GET', path: '/en/questions', who: 'public', send: (a) => a.get('/en/questions') },
  {
    method: 'POST',
    path: '/en/questions',
    who: 'public',
    send: (a) => a.post('/en/questions', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/en/rate-this-portal', who: 'public', send: (a) => a.get('/en/rate-this-portal') },
  {
    method: 'POST',
    path: '/en/rate-this-portal',
    who: 'public',
    send: (a) => a.post('/en/rate-this-portal', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/en/decree-42-conformity',
    who: NOBODY,
    send: (a) => a.get('/en/decree-42-conformity'),
  },
  { method: 'GET', path: '/en/procedures', who: 'public', send: (a) => a.get('/en/procedures') },
  {
    method: 'GET',
    path: '/en/procedures/:code',
    who: 'public',
    send: (a) => a.get('/en/procedures/khong-co'),
    ok: 404,
  },
  { method: 'GET', path: '/ja', who: 'public', send: (a) => a.get('/ja') },
  { method: 'GET', path: '/ja/feed.xml', who: 'public', send: (a) => a.get('/ja/feed.xml') },
  {
    method: 'GET',
    path: '/ja/feed/:section.xml',
    who: 'public',
    send: (a) => a.get('/ja/feed/khong-co.xml'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/ja/investment-projects',
    who: 'public',
    send: (a) => a.get('/ja/investment-projects'),
  },
  {
    method: 'GET',
    path: '/ja/investment-projects/:slug',
    who: 'public',
    send: (a) => a.get('/ja/investment-projects/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/ja/investment-projects/:slug/enquiry',
    who: 'public',
    send: (a) => a.post('/ja/investment-projects/khong-co/enquiry', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/ja/industrial-parks', who: 'public', send: (a) => a.get('/ja/industrial-parks') },
  { method: 'GET', path: '/ja/events', who: 'public', send: (a) => a.get('/ja/events') },
  {
    method: 'GET',
    path: '/ja/events/:slug',
    who: 'public',
    send: (a) => a.get('/ja/events/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/ja/events/:slug/register',
    who: 'public',
    send: (a) => a.post('/ja/events/khong-co/register', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/ja/investment-figures',
    who: 'public',
    send: (a) => a.get('/ja/investment-figures'),
  },
  { method: 'GET', path: '/ja/investor-guide', who: 'public', send: (a) => a.get('/ja/investor-guide') },
  { method: 'GET', path: '/ja/search', who: 'public', send: (a) => a.get('/ja/search?q=giay+phep') },
  { method: 'GET', path: '/ko', who: 'public', send: (a) => a.get('/ko') },
  { method: 'GET', path: '/ko/feed.xml', who: 'public', send: (a) => a.get('/ko/feed.xml') },
  {
    method: 'GET',
    path: '/ko/feed/:section.xml',
    who: 'public',
    send: (a) => a.get('/ko/feed/khong-co.xml'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/ko/investment-projects',
    who: 'public',
    send: (a) => a.get('/ko/investment-projects'),
  },
  {
    method: 'GET',
    path: '/ko/investment-projects/:slug',
    who: 'public',
    send: (a) => a.get('/ko/investment-projects/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/ko/investment-projects/:slug/enquiry',
    who: 'public',
    send: (a) => a.post('/ko/investment-projects/khong-co/enquiry', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/ko/industrial-parks', who: 'public', send: (a) => a.get('/ko/industrial-parks') },
  { method: 'GET', path: '/ko/events', who: 'public', send: (a) => a.get('/ko/events') },
  {
    method: 'GET',
    path: '/ko/events/:slug',
    who: 'public',
    send: (a) => a.get('/ko/events/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/ko/events/:slug/register',
    who: 'public',
    send: (a) => a.post('/ko/events/khong-co/register', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/ko/investment-figures',
    who: 'public',
    send: (a) => a.get('/ko/investment-figures'),
  },
  { method: 'GET', path: '/ko/investor-guide', who: 'public', send: (a) => a.get('/ko/investor-guide') },
  { method: 'GET', path: '/ko/search', who: 'public', send: (a) => a.get('/ko/search?q=giay+phep') },
  { method: 'GET', path: '/zh', who: 'public', send: (a) => a.get('/zh') },
  { method: 'GET', path: '/zh/feed.xml', who: 'public', send: (a) => a.get('/zh/feed.xml') },
  {
    method: 'GET',
    path: '/zh/feed/:section.xml',
    who: 'public',
    send: (a) => a.get('/zh/feed/khong-co.xml'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/zh/investment-projects',
    who: 'public',
    send: (a) => a.get('/zh/investment-projects'),
  },
  {
    method: 'GET',
    path: '/zh/investment-projects/:slug',
    who: 'public',
    send: (a) => a.get('/zh/investment-projects/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/zh/investment-projects/:slug/enquiry',
    who: 'public',
    send: (a) => a.post('/zh/investment-projects/khong-co/enquiry', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/zh/industrial-parks', who: 'public', send: (a) => a.get('/zh/industrial-parks') },
  { method: 'GET', path: '/zh/events', who: 'public', send: (a) => a.get('/zh/events') },
  {
    method: 'GET',
    path: '/zh/events/:slug',
    who: 'public',
    send: (a) => a.get('/zh/events/khong-co'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/zh/events/:slug/register',
    who: 'public',
    send: (a) => a.post('/zh/events/khong-co/register', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/zh/investment-figures',
    who: 'public',
    send: (a) => a.get('/zh/investment-figures'),
  },
  { method: 'GET', path: '/zh/investor-guide', who: 'public', send: (a) => a.get('/zh/investor-guide') },
  { method: 'GET', path: '/zh/search', who: 'public', send: (a) => a.get('/zh/search?q=giay+phep') },
  { method: 'GET', path: '/api/operations/wall', who: OPS_VIEW, send: (a) => a.get('/api/operations/wall') },
  {
    method: 'GET',
    path: '/api/operations/leader',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/leader'),
  },
  {
    method: 'GET',
    path: '/api/operations/leader/communes/:code',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/leader/communes/25747'),
  },
  {
    // operations.view opens the route; the dossiers need stats.read too (both leaders here hold it)
    method: 'GET',
    path: '/api/operations/leader/communes/:code/dossiers',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/leader/communes/25747/dossiers?figure=overdue'),
  },
  {
    method: 'GET',
    path: '/api/operations/leader/briefing.pdf',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/leader/briefing.pdf'),
  },
  {
    method: 'GET',
    path: '/api/operations/dashboards',
    who: OPS_OPERATE,
    send: (a) => a.get('/api/operations/dashboards'),
  },
  {
    method: 'PUT',
    path: '/api/operations/dashboards/:role',
    who: OPS_OPERATE,
    send: (a) => a.put('/api/operations/dashboards/city_leader', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/operations/commune-sets',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/commune-sets'),
  },
  {
    method: 'GET',
    path: '/api/operations/indicators/:code/sets/:set',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/indicators/eco.investment_capital/sets/binh-duong-cu'),
  },
  {
    method: 'GET',
    path: '/api/operations/network',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/network'),
  },
  {
    method: 'GET',
    path: '/api/operations/alerts',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/alerts'),
  },
  {
    method: 'GET',
    path: '/api/operations/alerts/:id',
    who: OPS_VIEW,
    send: (a) => a.get(`/api/operations/alerts/${NO_SUCH_ID}`),
    ok: 404,
  },
  ...(['acknowledge', 'assign', 'comment', 'resolve'] as const).map(
    (action): RouteCase => ({
      method: 'POST',
      path: `/api/operations/alerts/:id/${action}`,
      who: OPS_OPERATE,
      send: (a) =>
        a.post(
          `/api/operations/alerts/${NO_SUCH_ID}/${action}`,
          action === 'assign' ? { assigneeId: null } : action === 'acknowledge' ? {} : { note: 'Ghi chú' },
        ),
      ok: 404,
    }),
  ),
  {
    method: 'GET',
    path: '/api/operations/silences',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/silences'),
  },
  {
    method: 'POST',
    path: '/api/operations/silences',
    who: OPS_OPERATE,
    send: (a) => a.post('/api/operations/silences', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/operations/silences/:id/end',
    who: OPS_OPERATE,
    send: (a) => a.post(`/api/operations/silences/${NO_SUCH_ID}/end`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/operations/indicators',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/indicators'),
  },
  {
    method: 'GET',
    path: '/api/operations/indicators/:code',
    who: OPS_VIEW,
    send: (a) => a.get('/api/operations/indicators/no.such'),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/operations/indicators/:code/template',
    who: OPS_OPERATE,
    send: (a) => a.get('/api/operations/indicators/no.such/template'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/operations/indicators/:code/import',
    who: OPS_OPERATE,
    send: (a) => a.post('/api/operations/indicators/no.such/import', {}),
    ok: 415,
  },
  {
    method: 'PATCH',
    path: '/api/operations/things/:id/status',
    who: OPS_OPERATE,
    send: (a) => a.patch(`/api/operations/things/${NO_SUCH_ID}/status`, { status: 'measuring' }),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/operations/things/:id/rejections',
    who: OPS_VIEW,
    send: (a) => a.get(`/api/operations/things/${NO_SUCH_ID}/rejections`),
  },
  {
    method: 'POST',
    path: '/iot/json',
    who: 'public',
    send: (a) => a.post('/iot/json?k=none&i=none', {}),
    ok: 404,
  },
  // Operations and documentation: public.
  { method: 'GET', path: '/healthz', who: 'public', send: (a) => a.get('/healthz') },
  { method: 'GET', path: '/readyz', who: 'public', send: (a) => a.get('/readyz') },
  // Metrics answer only this host or the bearer of METRICS_TOKEN (test/platform/http.test.ts); the
  // matrix's callers come from elsewhere.
  { method: 'GET', path: '/metrics', who: 'public', send: (a) => a.get('/metrics'), ok: 401 },
  { method: 'GET', path: '/api/openapi.json', who: 'public', send: (a) => a.get('/api/openapi.json') },
  { method: 'GET', path: '/api/docs', who: 'public', send: (a) => a.get('/api/docs') },
  { method: 'GET', path: '/api/docs/json', who: 'public', send: (a) => a.get('/api/docs/json') },
  { method: 'GET', path: '/api/docs/yaml', who: 'public', send: (a) => a.get('/api/docs/yaml') },
  {
    method: 'GET',
    path: '/api/docs/static/index.html',
    who: 'public',
    send: (a) => a.get('/api/docs/static/index.html'),
    ok: 302,
  },
  {
    method: 'GET',
    path: '/api/docs/static/swagger-initializer.js',
    who: 'public',
    send: (a) => a.get('/api/docs/static/swagger-initializer.js'),
  },
  {
    method: 'GET',
    path: '/api/docs/static/*',
    who: 'public',
    send: (a) => a.get('/api/docs/static/swagger-ui.css'),
  },

  // Authentication: public except logging out.
  { method: 'GET', path: '/api/auth/session', who: 'public', send: (a) => a.get('/api/auth/session') },
  {
    method: 'POST',
    path: '/api/auth/login',
    who: 'public',
    send: (a) => a.post('/api/auth/login', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/auth/register',
    who: 'public',
    send: (a) => a.post('/api/auth/register', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/auth/register/confirm',
    who: 'public',
    send: (a) => a.post('/api/auth/register/confirm', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/request',
    who: 'public',
    send: (a) => a.post('/api/auth/password-reset/request', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/confirm',
    who: 'public',
    send: (a) => a.post('/api/auth/password-reset/confirm', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    who: 'signed-in',
    send: (a) => a.post('/api/auth/logout'),
    endsSession: 'this',
  },
  {
    method: 'POST',
    path: '/api/auth/logout-all',
    who: 'signed-in',
    send: (a) => a.post('/api/auth/logout-all'),
    endsSession: 'all',
  },

  // One's own account: any signed-in user.
  { method: 'GET', path: '/api/account/me', who: 'signed-in', send: (a) => a.get('/api/account/me') },
  { method: 'PATCH', path: '/api/account', who: 'signed-in', send: (a) => a.patch('/api/account', {}) },
  {
    method: 'POST',
    path: '/api/account/password',
    who: 'signed-in',
    send: (a) => a.post('/api/account/password', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/account/totp/setup',
    who: 'signed-in',
    send: (a) => a.post('/api/account/totp/setup'),
  },
  {
    method: 'POST',
    path: '/api/account/totp/enable',
    who: 'signed-in',
    send: (a) => a.post('/api/account/totp/enable', {}),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/account/totp/disable',
    who: 'signed-in',
    send: (a) => a.post('/api/account/totp/disable', {}),
    ok: 400,
  },

  // Agencies: the active list for officials; administration for agencies.manage.
  { method: 'GET', path: '/api/agencies', who: OFFICIALS, send: (a) => a.get('/api/agencies') },
  { method: 'GET', path: '/api/roles', who: OFFICIALS, send: (a) => a.get('/api/roles') },
  { method: 'GET', path: '/api/admin/agencies', who: ['admin'], send: (a) => a.get('/api/admin/agencies') },
  {
    method: 'POST',
    path: '/api/admin/agencies',
    who: ['admin'],
    send: (a) => a.post('/api/admin/agencies', BAD),
    ok: 400,
  },
  {
    method: 'PATCH',
    path: '/api/admin/agencies/:id',
    who: ['admin'],
    send: (a, f) => a.patch(`/api/admin/agencies/${f.rootId}`, BAD),
    ok: 400,
  },

  // Users, roles, audit and messages: administrators.
  { method: 'GET', path: '/api/admin/users', who: ['admin'], send: (a) => a.get('/api/admin/users') },
  {
    method: 'GET',
    path: '/api/admin/users/:id',
    who: ['admin'],
    send: (a, f) => a.get(`/api/admin/users/${f.citizenId}`),
  },
  {
    method: 'POST',
    path: '/api/admin/users',
    who: ['admin'],
    send: (a) => a.post('/api/admin/users', BAD),
    ok: 400,
  },
  {
    method: 'PATCH',
    path: '/api/admin/users/:id',
    who: ['admin'],
    send: (a, f) => a.patch(`/api/admin/users/${f.citizenId}`, BAD),
    ok: 400,
  },
  { method: 'GET', path: '/api/admin/roles', who: ['admin'], send: (a) => a.get('/api/admin/roles') },
  // Resumable uploads: any signed-in user, each upload only its owner's.
  {
    method: 'POST',
    path: '/api/uploads',
    who: 'signed-in',
    send: (a) => a.post('/api/uploads', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/uploads/:id',
    who: 'signed-in',
    send: (a) => a.get(`/api/uploads/${NO_SUCH_ID}`),
    ok: 404,
  },
  {
    method: 'PATCH',
    path: '/api/uploads/:id',
    who: 'signed-in',
    send: (a) => a.patch(`/api/uploads/${NO_SUCH_ID}`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/uploads/:id/complete',
    who: 'signed-in',
    send: (a) => a.post(`/api/uploads/${NO_SUCH_ID}/complete`, {}),
    ok: 404,
  },
  // Document and notification templates (procedures.manage).
  {
    method: 'GET',
    path: '/api/admin/templates/documents/:form',
    who: ['admin'],
    send: (a) => a.get('/api/admin/templates/documents/01'),
  },
  {
    method: 'PUT',
    path: '/api/admin/templates/documents/:form',
    who: ['admin'],
    send: (a) => a.put('/api/admin/templates/documents/01', BAD),
    ok: 400,
  },
  {
    method: 'DELETE',
    path: '/api/admin/templates/documents/:form',
    who: ['admin'],
    send: (a) => a.delete('/api/admin/templates/documents/01'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/admin/templates/documents/:form/preview',
    who: ['admin'],
    send: (a) => a.post('/api/admin/templates/documents/01/preview', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/admin/templates/notification',
    who: ['admin'],
    send: (a) => a.get('/api/admin/templates/notification?lang=vi'),
  },
  {
    method: 'PUT',
    path: '/api/admin/templates/notification',
    who: ['admin'],
    send: (a) => a.put('/api/admin/templates/notification', BAD),
    ok: 400,
  },
  // Integration administration (integration.manage): DVCQG sync.
  {
    method: 'GET',
    path: '/api/admin/dvcqg/sync',
    who: ['admin'],
    send: (a) => a.get('/api/admin/dvcqg/sync'),
  },
  {
    method: 'POST',
    path: '/api/admin/dvcqg/sync/resend',
    who: ['admin'],
    send: (a) => a.post('/api/admin/dvcqg/sync/resend', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/admin/dvcqg/reconcile',
    who: ['admin'],
    send: (a) => a.post('/api/admin/dvcqg/reconcile', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/admin/dvcqg/reconciliations',
    who: ['admin'],
    send: (a) => a.get('/api/admin/dvcqg/reconciliations'),
  },
  // API clients and webhooks (integration.manage); the client API takes bearer tokens only.
  {
    method: 'GET',
    path: '/api/admin/api-clients',
    who: ['admin'],
    send: (a) => a.get('/api/admin/api-clients'),
  },
  {
    method: 'POST',
    path: '/api/admin/api-clients',
    who: ['admin'],
    send: (a) => a.post('/api/admin/api-clients', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/admin/api-clients/:id/revoke',
    who: ['admin'],
    send: (a) => a.post(`/api/admin/api-clients/${NO_SUCH_ID}/revoke`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/admin/api-clients/:id/webhooks',
    who: ['admin'],
    send: (a) => a.get(`/api/admin/api-clients/${NO_SUCH_ID}/webhooks`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/admin/api-clients/:id/webhooks',
    who: ['admin'],
    send: (a) => a.post(`/api/admin/api-clients/${NO_SUCH_ID}/webhooks`, BAD),
    ok: 400,
  },
  {
    method: 'DELETE',
    path: '/api/admin/webhooks/:id',
    who: ['admin'],
    send: (a) => a.delete(`/api/admin/webhooks/${NO_SUCH_ID}`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/admin/webhooks/deliveries',
    who: ['admin'],
    send: (a) => a.get('/api/admin/webhooks/deliveries'),
  },
  {
    method: 'POST',
    path: '/api/admin/webhooks/deliveries/:id/replay',
    who: ['admin'],
    send: (a) => a.post('/api/admin/webhooks/deliveries/999999999/replay'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/oauth/token',
    who: 'public',
    send: (a) => a.post('/api/oauth/token', BAD),
    ok: 400,
    badRequest: 'invalid_request',
  },
  { method: 'GET', path: '/api/v1/procedures', who: [], send: (a) => a.get('/api/v1/procedures') },
  { method: 'GET', path: '/api/v1/dossiers', who: [], send: (a) => a.get('/api/v1/dossiers') },
  {
    method: 'GET',
    path: '/api/v1/dossiers/:code',
    who: [],
    send: (a) => a.get('/api/v1/dossiers/000.00.00.H29-261126-0001'),
  },
  {
    method: 'GET',
    path: '/api/v1/dossiers/:code/timeline',
    who: [],
    send: (a) => a.get('/api/v1/dossiers/000.00.00.H29-261126-0001/timeline'),
  },
  {
    method: 'GET',
    path: '/api/v1/stats/overview',
    who: [],
    send: (a) => a.get('/api/v1/stats/overview?period=2026-11'),
  },
  {
    method: 'GET',
    path: '/api/v1/stats/breakdown',
    who: [],
    send: (a) => a.get('/api/v1/stats/breakdown?period=2026-11&by=unit'),
  },
  // Procedure catalogue and calendar administration (procedures.manage).
  {
    method: 'POST',
    path: '/api/admin/procedures',
    who: ['admin'],
    send: (a) => a.post('/api/admin/procedures', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/admin/procedures',
    who: ['admin'],
    send: (a) => a.get('/api/admin/procedures'),
  },
  {
    method: 'GET',
    path: '/api/admin/procedures/:code/versions',
    who: ['admin'],
    send: (a) => a.get('/api/admin/procedures/1.001193/versions'),
  },
  {
    method: 'GET',
    path: '/api/admin/procedures/:code/export',
    who: ['admin'],
    send: (a) => a.get('/api/admin/procedures/1.001193/export'),
  },
  {
    method: 'GET',
    path: '/api/admin/calendar/notices',
    who: ['admin'],
    send: (a) => a.get('/api/admin/calendar/notices'),
  },
  {
    method: 'GET',
    path: '/api/admin/calendar/year/:year',
    who: ['admin'],
    send: (a) => a.get('/api/admin/calendar/year/2026'),
  },
  {
    method: 'PUT',
    path: '/api/admin/calendar/notices',
    who: ['admin'],
    send: (a) => a.put('/api/admin/calendar/notices', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/admin/deadline-settings',
    who: ['admin'],
    send: (a) => a.get('/api/admin/deadline-settings'),
  },
  {
    method: 'PUT',
    path: '/api/admin/deadline-settings',
    who: ['admin'],
    send: (a) => a.put('/api/admin/deadline-settings', BAD),
    ok: 400,
  },
  {
    method: 'DELETE',
    path: '/api/admin/calendar/notices/:date',
    who: ['admin'],
    send: (a) => a.delete('/api/admin/calendar/notices/2030-01-01'),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/admin/roles',
    who: ['admin'],
    send: (a) => a.post('/api/admin/roles', BAD),
    ok: 400,
  },
  {
    method: 'PATCH',
    path: '/api/admin/roles/:code',
    who: ['admin'],
    send: (a) => a.patch('/api/admin/roles/specialist', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/api/admin/audit', who: ['admin'], send: (a) => a.get('/api/admin/audit') },
  { method: 'GET', path: '/api/admin/messages', who: ['admin'], send: (a) => a.get('/api/admin/messages') },

  // Reference data: public.
  { method: 'GET', path: '/api/units', who: 'public', send: (a) => a.get('/api/units?parent=79') },
  { method: 'GET', path: '/api/units/geo', who: 'public', send: (a) => a.get('/api/units/geo') },

  // Files: any signed-in user uploads; only the owner (or a module's rule) reads.
  { method: 'POST', path: '/api/files', who: 'signed-in', send: pdfUpload },
  {
    method: 'GET',
    path: '/api/files/:id',
    who: 'signed-in',
    send: (a, f) => a.get(`/api/files/${f.adminFileId}`),
    ok: {
      admin: 200,
      one_stop_officer: 404,
      specialist: 404,
      agency_leader: 404,
      city_leader: 404,
      citizen: 404,
    },
  },

  // Real-time events: any signed-in user (each sees only what concerns them).
  { method: 'GET', path: '/api/events', who: 'signed-in', send: openEvents },

  // Public services: the procedure catalogue and tracking are public; dossiers need a session, and each
  // dossier command decides in its handler who may act (not covered here: route level only).
  { method: 'GET', path: '/api/procedures', who: 'public', send: (a) => a.get('/api/procedures') },
  {
    method: 'GET',
    path: '/api/procedures/:code',
    who: 'public',
    send: (a) => a.get('/api/procedures/khong-co-thu-tuc-nay'),
    ok: 404,
  },
  { method: 'GET', path: '/api/track', who: 'public', send: (a) => a.get('/api/track'), ok: 400 },
  {
    method: 'POST',
    path: '/api/dossiers',
    who: 'signed-in',
    send: (a) => a.post('/api/dossiers', BAD),
    ok: 400,
  },
  { method: 'GET', path: '/api/dossiers/mine', who: ['citizen'], send: (a) => a.get('/api/dossiers/mine') },
  { method: 'GET', path: '/api/dossiers/inbox', who: OFFICIALS, send: (a) => a.get('/api/dossiers/inbox') },
  {
    method: 'GET',
    path: '/api/dossiers/search',
    who: OFFICIALS,
    send: (a) => a.get('/api/dossiers/search?q=Nguy%E1%BB%85n'),
  },
  {
    method: 'GET',
    path: '/api/dossiers/:id/declaration.pdf',
    who: 'signed-in',
    send: (a) => a.get(`/api/dossiers/${NO_SUCH_ID}/declaration.pdf`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/dossiers/:id',
    who: 'signed-in',
    send: (a) => a.get(`/api/dossiers/${NO_SUCH_ID}`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/dossiers/:id/documents/:form',
    who: 'signed-in',
    send: (a) => a.get(`/api/dossiers/${NO_SUCH_ID}/documents/99`),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/register',
    who: OFFICIALS,
    send: (a) => a.get('/api/register?from=2026-11-01&to=2026-11-30'),
  },
  // Meetings: officials only; each command authorizes per meeting (secretariat, chair, participant).
  {
    method: 'GET',
    path: '/api/meetings/kinds',
    who: OFFICIALS,
    send: (a) => a.get('/api/meetings/kinds'),
  },
  {
    method: 'GET',
    path: '/api/meetings',
    who: OFFICIALS,
    send: (a) => a.get('/api/meetings'),
  },
  {
    method: 'POST',
    path: '/api/meetings',
    who: OFFICIALS,
    send: (a) => a.post('/api/meetings', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/draft',
    who: OFFICIALS,
    send: (a) => a.get('/api/meetings/draft?agencyId=not-an-id'),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/report',
    who: OFFICIALS,
    send: (a) => a.get('/api/meetings/report?from=not-a-date'),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/report.csv',
    who: OFFICIALS,
    send: (a) => a.get('/api/meetings/report.csv?from=not-a-date'),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/baseline',
    who: OFFICIALS,
    send: (a) => a.post('/api/meetings/baseline', BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/tasks',
    who: OFFICIALS,
    send: (a) => a.get('/api/meetings/tasks'),
  },
  {
    method: 'POST',
    path: '/api/meetings/tasks/:id/complete',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/tasks/${NO_SUCH_ID}/complete`, BAD),
    ok: 400,
  },
  // The secretariat's list (meeting secretaries, none among these callers).
  {
    method: 'GET',
    path: '/api/meetings/tasks/overdue',
    who: [],
    send: (a) => a.get('/api/meetings/tasks/overdue'),
  },
  {
    method: 'POST',
    path: '/api/meetings/tasks/:id/progress',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/tasks/${NO_SUCH_ID}/progress`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/documents',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/documents`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/documents/:docId/file',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/documents/${NO_SUCH_ID}/file`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/documents/:docId/notes',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/documents/${NO_SUCH_ID}/notes`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/documents/:docId/notes',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/documents/${NO_SUCH_ID}/notes`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/documents/:docId/approve',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/documents/${NO_SUCH_ID}/approve`, BAD),
    ok: 404,
  },
  {
    method: 'PATCH',
    path: '/api/meetings/:id/notes/:noteId',
    who: OFFICIALS,
    send: (a) => a.patch(`/api/meetings/${NO_SUCH_ID}/notes/${NO_SUCH_ID}`, BAD),
    ok: 400,
  },
  {
    method: 'DELETE',
    path: '/api/meetings/:id/notes/:noteId',
    who: OFFICIALS,
    send: (a) => a.delete(`/api/meetings/${NO_SUCH_ID}/notes/${NO_SUCH_ID}`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/documents',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/documents`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/minutes',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/minutes`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/minutes',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/minutes`, BAD),
    ok: 400,
  },
  {
    method: 'PUT',
    path: '/api/meetings/:id/minutes',
    who: OFFICIALS,
    send: (a) => a.put(`/api/meetings/${NO_SUCH_ID}/minutes`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/minutes/sign',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/minutes/sign`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/cancel',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/cancel`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/update',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/update`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/figures',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/figures`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/notice.pdf',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/notice.pdf`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/notice',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/notice`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/questions',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/questions`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/questions',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/questions`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/meetings/:id/rounds',
    who: OFFICIALS,
    send: (a) => a.get(`/api/meetings/${NO_SUCH_ID}/rounds`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/rounds',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/rounds`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/rounds/:roundId/answers',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/rounds/${NO_SUCH_ID}/answers`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/rounds/:roundId/close',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/rounds/${NO_SUCH_ID}/close`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/consent-block',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/consent-block`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/order',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/order`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/defer',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/defer`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/withdraw',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/withdraw`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/open',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/open`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/close',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/close`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/items/:itemId/conclusion',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/items/${NO_SUCH_ID}/conclusion`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/invitations',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/invitations`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/reply',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/reply`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/check-in',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/check-in`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/check-out',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/check-out`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/start',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/start`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/pause',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/pause`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/resume',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/resume`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/end',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/end`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/speeches',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/speeches`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/speeches/next',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/speeches/next`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/speeches/:speechId/end',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/speeches/${NO_SUCH_ID}/end`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/polls',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/polls`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/polls/:pollId/ballot',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/polls/${NO_SUCH_ID}/ballot`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/meetings/:id/polls/:pollId/close',
    who: OFFICIALS,
    send: (a) => a.post(`/api/meetings/${NO_SUCH_ID}/polls/${NO_SUCH_ID}/close`),
    ok: 404,
  },
  // Statistics: stats.read over an agency subtree; the public figures are open to all.
  {
    method: 'GET',
    path: '/api/stats/overview',
    who: STATS,
    send: (a) => a.get('/api/stats/overview?period=2026-11'),
  },
  {
    method: 'GET',
    path: '/api/stats/breakdown',
    who: STATS,
    send: (a) => a.get('/api/stats/breakdown?period=2026-11&by=unit'),
  },
  {
    method: 'GET',
    path: '/api/stats/ranking',
    who: STATS,
    send: (a) => a.get('/api/stats/ranking?period=2026-11&level=commune'),
  },
  {
    method: 'GET',
    path: '/api/stats/dossiers',
    who: STATS,
    send: (a) => a.get('/api/stats/dossiers?period=2026-11&figure=late'),
  },
  {
    method: 'GET',
    path: '/api/stats/export',
    who: STATS,
    send: (a) => a.get('/api/stats/export?period=2026-11&by=status&format=csv'),
  },
  {
    method: 'GET',
    path: '/api/public/stats',
    who: 'public',
    send: (a) => a.get('/api/public/stats?period=2026-11'),
  },
  {
    method: 'POST',
    path: '/api/dossiers/:id/rating',
    who: 'signed-in',
    send: (a) => a.post(`/api/dossiers/${NO_SUCH_ID}/rating`, BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/dossiers/bulk/accept',
    who: ['one_stop_officer'],
    send: (a) => a.post('/api/dossiers/bulk/accept', { ids: [NO_SUCH_ID] }),
  },
  {
    method: 'POST',
    path: '/api/dossiers/bulk/hand-over',
    who: ['one_stop_officer'],
    send: (a) => a.post('/api/dossiers/bulk/hand-over', { ids: [NO_SUCH_ID], method: 'counter' }),
  },
  {
    method: 'POST',
    path: '/api/dossiers/:id/consultations/:step',
    who: 'signed-in',
    send: (a) => a.post(`/api/dossiers/${NO_SUCH_ID}/consultations/consult_tax`, BAD),
    ok: 400,
  },
  // Payments: the quote and the gateway's notification are public (the IPN is believed only when signed;
  // this platform has no gateway configured); each handler checks the dossier and request itself.
  {
    method: 'POST',
    path: '/api/payments/quote',
    who: 'public',
    send: (a) => a.post('/api/payments/quote', BAD),
    ok: 400,
  },
  {
    method: 'POST',
    path: '/api/payments/ipn',
    who: 'public',
    send: (a) => a.post('/api/payments/ipn', { reference: 'LP000000AAAAAAAA' }),
    ok: 409,
  },
  {
    method: 'GET',
    path: '/api/dossiers/:id/payments',
    who: 'signed-in',
    send: (a) => a.get(`/api/dossiers/${NO_SUCH_ID}/payments`),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/payments/requests/:id/pay-online',
    who: ['citizen'],
    send: (a) => a.post(`/api/payments/requests/${NO_SUCH_ID}/pay-online`, {}),
    ok: 409,
  },
  {
    method: 'POST',
    path: '/api/payments/requests/:id/refresh',
    who: 'signed-in',
    send: (a) => a.post(`/api/payments/requests/${NO_SUCH_ID}/refresh`, {}),
    ok: 404,
  },
  {
    method: 'POST',
    path: '/api/payments/requests/:id/counter',
    who: OFFICIALS,
    send: (a) => a.post(`/api/payments/requests/${NO_SUCH_ID}/counter`, BAD),
    ok: 400,
  },
  {
    method: 'GET',
    path: '/api/payments/:id/receipt',
    who: 'signed-in',
    send: (a) => a.get(`/api/payments/${NO_SUCH_ID}/receipt`),
    ok: 404,
  },
  {
    method: 'GET',
    path: '/api/payments/reconciliation',
    who: ['admin'],
    send: (a) => a.get('/api/payments/reconciliation?from=2026-11-01&to=2026-11-30'),
  },
  ...[
    'accept',
    'refuse',
    'request-supplement',
    'supplement',
    'step',
    'hand-over',
    'withdraw',
    'stop',
    'apology',
    'request-payment',
    'confirm-payment',
  ].map(
    (action): RouteCase => ({
      method: 'POST',
      path: `/api/dossiers/:id/${action}`,
      who: 'signed-in',
      send: (a) => a.post(`/api/dossiers/${NO_SUCH_ID}/${action}`, BAD),
      ok: 400,
    }),
  ),
];

/**
 * The routes listed by Fastify itself (HEAD routes mirror GET ones and are checked separately), read
 * from the radix tree: each node prints the part of the path it adds to its parent. (The flat listing
 * drops a parent that has no route of its own, such as "/open311/v2/" above its wildcard.)
 */
function registeredRoutes(): string[] {
  const tree = t.platform.app.printRoutes({ commonPrefix: true });
  const stack: string[] = [];
  const found: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') found.push(`${method} ${path}`);
  }
  return found.sort();
}

const expected = (c: RouteCase, caller: Caller): { status: number; code?: string } => {
  const through =
    c.who === 'public' || (caller !== 'anonymous' && (c.who === 'signed-in' || c.who.includes(caller)));
  if (!through)
    return caller === 'anonymous'
      ? { status: 401, code: 'unauthenticated' }
      : { status: 403, code: 'forbidden' };
  const ok = c.ok ?? 200;
  return { status: typeof ok === 'number' ? ok : (ok[caller] ?? 200) };
};

async function signInAs(caller: Caller): Promise<Agent> {
  return caller === 'anonymous' ? agentFrom(t) : signIn(t, DEMO[caller]);
}

beforeAll(async () => {
  t = await startTestPlatform();
  for (const caller of CALLERS) agents.set(caller, await signInAs(caller));
  const admin = agents.get('admin')!;
  const agencies = (await admin.get('/api/admin/agencies')).json().items as {
    id: string;
    parentId: string | null;
  }[];
  const [citizen] = await rows<{ id: string }>(
    t.platform.deps.db,
    sql`select id from id_users where email = ${DEMO.citizen}`,
  );
  const upload = await pdfUpload(admin);
  expect(upload.statusCode, upload.body).toBe(200);
  fx = {
    rootId: agencies.find((a) => a.parentId === null)!.id,
    citizenId: citizen!.id,
    adminFileId: upload.json().id,
  };
});
afterAll(() => t.close());

describe('route × caller', () => {
  it('the matrix lists every registered route, and only those', () => {
    const listed = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(registeredRoutes()).toEqual(listed);
  });

  describe.each(ROUTES)('$method $path', (c) => {
    it.each(CALLERS)('%s', async (caller) => {
      const want = expected(c, caller);
      const throwaway = c.endsSession && caller !== 'anonymous';
      const agent = throwaway ? await signInAs(caller) : agents.get(caller)!;
      const refused = want.status === 401 || want.status === 403;
      const res = refused
        ? await expectNoChange(t.platform.deps.db, () => c.send(agent, fx))
        : await c.send(agent, fx);
      if (want.code) {
        expect(res.statusCode, res.body).toBe(want.status);
        expect((res.json() as { error: { code: string } }).error.code).toBe(want.code);
      } else {
        expect(res.statusCode, res.body.slice(0, 500)).toBe(want.status);
        if (want.status === 400) {
          const body = res.json() as { error: string | { code: string } };
          const code = typeof body.error === 'string' ? body.error : body.error.code;
          expect(code).toBe(c.badRequest ?? 'validation');
        }
      }
      // logout-all also ended the shared session of this user: sign it in again.
      if (throwaway && c.endsSession === 'all' && !refused) agents.set(caller, await signInAs(caller));
    });
  });

  it('HEAD on a protected GET route is refused like GET', async () => {
    for (const c of ROUTES.filter((r) => r.method === 'GET' && r.who !== 'public')) {
      const url = c.path.replace(':id', fx.adminFileId);
      const res = await t.platform.app.inject({ method: 'HEAD', url });
      expect(res.statusCode, `HEAD ${url}`).toBe(401);
      expect(res.body).toBe('');
    }
  });
});

describe('an administrator scoped to one commune (Phường Thủ Dầu Một)', () => {
  let scoped: Agent;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    const root = agents.get('admin')!;
    const agencies = (await root.get('/api/admin/agencies')).json().items as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((a) => a.code === code)!.id;
    id.pc = byCode('000.01.40.H29'); // People's Committee of Phường Thủ Dầu Một (unit 25747)
    id.desk = byCode('000.01.41.H29'); // its one-stop desk
    id.otherPc = byCode('000.02.40.H29');
    id.otherDesk = byCode('000.02.41.H29');
    id.department = byCode('000.00.21.H29');
    id.root = fx.rootId;
    const userId = async (email: string) =>
      (
        await rows<{ id: string }>(t.platform.deps.db, sql`select id from id_users where email = ${email}`)
      )[0]!.id;
    id.ownOfficer = await userId(DEMO.one_stop_officer);
    id.specialist = await userId(DEMO.specialist);
    id.rootAdmin = await userId(DEMO.admin);
    id.citizen = fx.citizenId;
    const make = async (email: string, agencyId: string, roleCode: string) => {
      const res = await root.post('/api/admin/users', {
        fullName: 'Cán Bộ Phạm Vi',
        email,
        password: DEMO_PASSWORD,
        memberships: [{ agencyId, roleCode }],
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().id as string;
    };
    id.scopedAdmin = await make('quantri.thudaumot@example.vn', id.pc, 'admin');
    id.otherOfficer = await make('motcua.phuloi@example.vn', id.otherDesk, 'one_stop_officer');
    scoped = await signIn(t, 'quantri.thudaumot@example.vn');
    // API clients of the city (root) and of the commune, each with a webhook and one delivery logged.
    const client = async (agencyKey: string) => {
      const res = await root.post('/api/admin/api-clients', {
        name: `Ứng dụng ${agencyKey}`,
        agencyId: id[agencyKey]!,
        scopes: ['dossiers:read'],
      });
      expect(res.statusCode, res.body).toBe(200);
      const hook = await root.post(`/api/admin/api-clients/${res.json().id}/webhooks`, {
        url: `https://203.0.113.7/hooks/${agencyKey}`,
        eventTypes: ['dossier.changed'],
      });
      expect(hook.statusCode, hook.body).toBe(200);
      const [delivery] = await rows<{ id: string }>(
        t.platform.deps.db,
        sql`insert into int_webhook_deliveries (subscription_id, event_id, event_type, payload, status)
            values (${hook.json().id}, ${`ev-${agencyKey}`}, 'dossier.changed', '{}'::jsonb, 'failed') returning id`,
      );
      return { client: res.json().id as string, hook: hook.json().id as string, delivery: delivery!.id };
    };
    const city = await client('root');
    const own = await client('pc');
    Object.assign(id, {
      cityClient: city.client,
      cityHook: city.hook,
      cityDelivery: city.delivery,
      ownClient: own.client,
      ownHook: own.hook,
      ownDelivery: own.delivery,
    });
    // A password-reset link for the city administrator now sits in the outbox.
    expect(
      (await agentFrom(t).post('/api/auth/password-reset/request', { identifier: DEMO.admin })).statusCode,
    ).toBe(200);
  });

  const agencyPath = async (agencyId: string) =>
    (
      await rows<{ path: string }>(
        t.platform.deps.db,
        sql`select path from id_agencies where id = ${agencyId}`,
      )
    )[0]!.path;
  const newUser = (email: string, ...memberships: [string, string][]) => ({
    fullName: 'Người Mới Tạo',
    email,
    password: DEMO_PASSWORD,
    memberships: memberships.map(([agencyKey, roleCode]) => ({ agencyId: id[agencyKey]!, roleCode })),
  });
  // unitCode 79 (the city): a commune code such as 25747 is refused by a bug covered in admin.test.ts.
  const newAgency = (code: string, parentKey: string) => ({
    code,
    name: 'Phòng Văn hóa - Xã hội',
    kind: 'division',
    parentId: id[parentKey]!,
    unitCode: '79',
  });

  interface ScopeCase {
    name: string;
    send(a: Agent): Promise<Reply>;
    status: number;
    code?: string;
  }
  const CASES: ScopeCase[] = [
    // Inside the commune: allowed.
    {
      name: 'reads an official of its commune',
      send: (a) => a.get(`/api/admin/users/${id.ownOfficer}`),
      status: 200,
    },
    {
      name: 'creates an official at its one-stop desk',
      send: (a) =>
        a.post('/api/admin/users', newUser('motcua2.thudaumot@example.vn', ['desk', 'one_stop_officer'])),
      status: 200,
    },
    {
      name: 'edits an official of its commune',
      send: (a) => a.patch(`/api/admin/users/${id.ownOfficer}`, { title: 'Cán bộ Một cửa phường' }),
      status: 200,
    },
    {
      name: 'creates an agency under its People’s Committee',
      send: (a) => a.post('/api/admin/agencies', newAgency('000.01.42.H29', 'pc')),
      status: 200,
    },
    {
      name: 'renames its one-stop desk',
      send: (a) =>
        a.patch(`/api/admin/agencies/${id.desk}`, { name: 'Bộ phận Một cửa Phường Thủ Dầu Một (mới)' }),
      status: 200,
    },

    {
      name: 'creates an API client bound to its People’s Committee',
      send: (a) =>
        a.post('/api/admin/api-clients', {
          name: 'Ứng dụng phường',
          agencyId: id.pc,
          scopes: ['dossiers:read'],
        }),
      status: 200,
    },
    {
      name: 'lists the webhooks of its own client',
      send: (a) => a.get(`/api/admin/api-clients/${id.ownClient}/webhooks`),
      status: 200,
    },
    {
      name: 'adds a webhook to its own client',
      send: (a) =>
        a.post(`/api/admin/api-clients/${id.ownClient}/webhooks`, {
          url: 'https://203.0.113.8/hooks',
          eventTypes: ['dossier.changed'],
        }),
      status: 200,
    },
    {
      name: 'replays a delivery of its own client',
      send: (a) => a.post(`/api/admin/webhooks/deliveries/${id.ownDelivery}/replay`),
      status: 200,
    },
    {
      name: 'reads the procedure catalogue',
      send: (a) => a.get('/api/admin/procedures'),
      status: 200,
    },
    {
      name: 'reads the working calendar',
      send: (a) => a.get('/api/admin/calendar/year/2026'),
      status: 200,
    },

    // Outside the commune: not found for reads by id, forbidden for writes.
    {
      name: 'reads an official of another commune',
      send: (a) => a.get(`/api/admin/users/${id.otherOfficer}`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'reads an official of a department',
      send: (a) => a.get(`/api/admin/users/${id.specialist}`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'reads the city administrator',
      send: (a) => a.get(`/api/admin/users/${id.rootAdmin}`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'reads a citizen',
      send: (a) => a.get(`/api/admin/users/${id.citizen}`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'edits an official of another commune',
      send: (a) => a.patch(`/api/admin/users/${id.otherOfficer}`, { title: 'Đổi tên' }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'disables an official of a department',
      send: (a) => a.patch(`/api/admin/users/${id.specialist}`, { disabled: true }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'disables the city administrator',
      send: (a) => a.patch(`/api/admin/users/${id.rootAdmin}`, { disabled: true }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'disables a citizen',
      send: (a) => a.patch(`/api/admin/users/${id.citizen}`, { disabled: true }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates an official in another commune',
      send: (a) => a.post('/api/admin/users', newUser('x1@example.vn', ['otherDesk', 'one_stop_officer'])),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates an official at the city People’s Committee',
      send: (a) => a.post('/api/admin/users', newUser('x2@example.vn', ['root', 'admin'])),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates an official with one own and one foreign membership',
      send: (a) =>
        a.post(
          '/api/admin/users',
          newUser('x3@example.vn', ['desk', 'one_stop_officer'], ['department', 'specialist']),
        ),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'moves its own official to another commune',
      send: (a) =>
        a.patch(`/api/admin/users/${id.ownOfficer}`, {
          memberships: [{ agencyId: id.otherDesk, roleCode: 'one_stop_officer' }],
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'grants itself administration of the city',
      send: (a) =>
        a.patch(`/api/admin/users/${id.scopedAdmin}`, {
          memberships: [
            { agencyId: id.pc, roleCode: 'admin' },
            { agencyId: id.root, roleCode: 'admin' },
          ],
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates an agency under the city People’s Committee',
      send: (a) => a.post('/api/admin/agencies', newAgency('000.01.43.H29', 'root')),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates an agency under another commune',
      send: (a) => a.post('/api/admin/agencies', newAgency('000.02.43.H29', 'otherPc')),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'renames another commune’s People’s Committee',
      send: (a) => a.patch(`/api/admin/agencies/${id.otherPc}`, { name: 'Tên khác' }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'deactivates a department',
      send: (a) => a.patch(`/api/admin/agencies/${id.department}`, { active: false }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'moves its one-stop desk under another commune',
      send: (a) => a.patch(`/api/admin/agencies/${id.desk}`, { parentId: id.otherPc }),
      status: 403,
      code: 'forbidden',
    },
    // Integration: another agency's clients, webhooks and deliveries are not found; binding a client
    // outside the commune is forbidden.
    {
      name: 'creates an API client bound to the city’s root agency',
      send: (a) =>
        a.post('/api/admin/api-clients', {
          name: 'Ứng dụng TP',
          agencyId: id.root,
          scopes: ['dossiers:read'],
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates an API client bound to another commune',
      send: (a) =>
        a.post('/api/admin/api-clients', {
          name: 'Ứng dụng khác',
          agencyId: id.otherPc,
          scopes: ['dossiers:read'],
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'revokes the city’s API client',
      send: (a) => a.post(`/api/admin/api-clients/${id.cityClient}/revoke`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'lists the webhooks of the city’s client',
      send: (a) => a.get(`/api/admin/api-clients/${id.cityClient}/webhooks`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'adds a webhook to the city’s client',
      send: (a) =>
        a.post(`/api/admin/api-clients/${id.cityClient}/webhooks`, {
          url: 'https://203.0.113.9/hooks',
          eventTypes: ['dossier.changed'],
        }),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'stops the city’s webhook',
      send: (a) => a.delete(`/api/admin/webhooks/${id.cityHook}`),
      status: 404,
      code: 'not_found',
    },
    {
      name: 'replays a delivery of the city’s client',
      send: (a) => a.post(`/api/admin/webhooks/deliveries/${id.cityDelivery}/replay`),
      status: 404,
      code: 'not_found',
    },
    // City-wide objects: the national sync, procedure versions, the working calendar, templates of the
    // whole deployment.
    {
      name: 'reads the national sync state',
      send: (a) => a.get('/api/admin/dvcqg/sync'),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'reads the national reconciliations',
      send: (a) => a.get('/api/admin/dvcqg/reconciliations'),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 're-sends dossiers to the national portal',
      send: (a) => a.post('/api/admin/dvcqg/sync/resend', { allFailed: true }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'reconciles with the national portal',
      send: (a) => a.post('/api/admin/dvcqg/reconcile', { from: '2026-11-01', to: '2026-11-30' }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'publishes a procedure version for the whole city',
      send: async (a) => {
        const exported = await a.get('/api/admin/procedures/1.001193/export');
        return a.post('/api/admin/procedures', {
          definition: exported.json().definition,
          effectiveFrom: '2031-01-01T00:00:00.000Z',
        });
      },
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'changes a deadline rule of the whole city',
      send: (a) =>
        a.put('/api/admin/deadline-settings', {
          key: 'sameDayCutoff',
          value: '15:00',
          source: 'Quyết định số 1/QĐ-UBND',
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'sets a day of the city’s working calendar',
      send: (a) =>
        a.put('/api/admin/calendar/notices', {
          date: '2026-12-31',
          kind: 'day_off',
          nameKey: 'holiday.new_year',
          source: 'Thông báo số 1/TB-UBND',
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'removes a day of the city’s working calendar',
      send: (a) => a.delete('/api/admin/calendar/notices/2026-12-31'),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'changes the deployment-wide notification template',
      send: (a) =>
        a.put('/api/admin/templates/notification', {
          lang: 'vi',
          subject: 'Hồ sơ {{code}}',
          body: 'Hồ sơ {{code}}: {{status}}',
          sms: 'Hồ sơ {{code}}',
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'creates a role (roles.manage applies at the root only)',
      send: (a) =>
        a.post('/api/admin/roles', {
          code: 'tro_ly',
          name: 'Trợ lý',
          nameEn: 'Assistant',
          permissions: ['stats.read'],
        }),
      status: 403,
      code: 'forbidden',
    },
    {
      name: 'edits a role',
      send: (a) =>
        a.patch('/api/admin/roles/specialist', { permissions: ['dossiers.process', 'users.manage'] }),
      status: 403,
      code: 'forbidden',
    },
  ];

  it.each(CASES)('$name → $status', async (c) => {
    const refused = c.status >= 400;
    const res = refused
      ? await expectNoChange(t.platform.deps.db, () => c.send(scoped))
      : await c.send(scoped);
    if (c.code) expectError(res as Parameters<typeof expectError>[0], c.status, c.code);
    else expect(res.statusCode, res.body).toBe(c.status);
  });

  it('lists only the agencies of its commune', async () => {
    const res = await scoped.get('/api/admin/agencies');
    expect(res.statusCode).toBe(200);
    const codes = (res.json().items as { code: string }[]).map((a) => a.code).sort();
    expect(codes).toEqual(['000.01.40.H29', '000.01.41.H29', '000.01.42.H29']);
  });

  it('lists only the officials of its commune (no citizens, no city staff)', async () => {
    const res = await scoped.get('/api/admin/users?limit=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { email: string; memberships: { agencyCode: string }[] }[];
    // Exactly the people with a membership inside the commune's subtree, as the database says.
    const inCommune = await rows<{ email: string }>(
      t.platform.deps.db,
      sql`select distinct u.email from id_users u join id_memberships m on m.user_id = u.id
          join id_agencies a on a.id = m.agency_id
          where a.path like ${`${await agencyPath(id.pc!)}%`}`,
    );
    expect(items.map((u) => u.email).sort()).toEqual(inCommune.map((r) => r.email).sort());
    expect(items.map((u) => u.email)).toEqual(
      expect.arrayContaining([
        DEMO.one_stop_officer,
        'motcua2.thudaumot@example.vn',
        'quantri.thudaumot@example.vn',
      ]),
    );
    expect(items.map((u) => u.email)).not.toContain(DEMO.admin);
    expect(items.map((u) => u.email)).not.toContain('motcua.phuloi@example.vn');
    expect(res.json().total).toBe(items.length);
    for (const u of items) for (const m of u.memberships) expect(m.agencyCode).toMatch(/^000\.01\.4\d\.H29$/);
    const citizens = await scoped.get('/api/admin/users?kind=citizen');
    expect(citizens.json()).toEqual({ items: [], total: 0 });
  });

  it('lists only the API clients and webhook deliveries of its commune', async () => {
    const clients = await scoped.get('/api/admin/api-clients');
    expect(clients.statusCode).toBe(200);
    const ids = (clients.json().items as { id: string; agencyId: string }[]).map((c) => c.id);
    expect(ids).toContain(id.ownClient);
    expect(ids).not.toContain(id.cityClient);
    const deliveries = await scoped.get('/api/admin/webhooks/deliveries?limit=200');
    expect(deliveries.statusCode).toBe(200);
    const subs = (deliveries.json().items as { subscriptionId: string }[]).map((d) => d.subscriptionId);
    expect(subs).toContain(id.ownHook);
    expect(subs).not.toContain(id.cityHook);
    const byClient = await scoped.get(`/api/admin/webhooks/deliveries?clientId=${id.cityClient}`);
    expect(byClient.json().items).toEqual([]);
  });

  it('reads the audit trail of its commune only', async () => {
    const res = await scoped.get('/api/admin/audit?limit=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string; targetId: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    // The root administrator created an official in another commune: not this administrator's business.
    expect(items.filter((i) => i.targetId === id.otherOfficer)).toEqual([]);
    expect(items.filter((i) => i.action.startsWith('auth.'))).toEqual([]);
  });

  it('cannot read messages sent to people outside its commune (the city administrator’s reset link)', async () => {
    const res = await scoped.get('/api/admin/messages');
    // Either refused, or the list leaves out what is not theirs; never the reset link of someone else.
    if (res.statusCode === 200) {
      const items = res.json().items as { recipient: string; body: string }[];
      expect(items.filter((m) => m.recipient === DEMO.admin)).toEqual([]);
      expect(items.filter((m) => /token=/.test(m.body))).toEqual([]);
    } else {
      expectError(res, 403, 'forbidden');
    }
  });
});
