// The setup the meetings integration tests share: a platform on the demo data, the demo officials signed
// in by a short name, their user ids, the root agency (the city People's Committee) and the Department
// of Construction (a presenting and responsible agency).
import { type SQL, sql } from 'drizzle-orm';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { signIn } from '../helpers/agents.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

/** The demo officials the meetings tests act as. */
export const OFFICIALS = {
  secretary: 'thuky.ubnd@cqs.demo',
  chair: 'lanhdao.ubnd@cqs.demo',
  m1: 'lanhdao.xaydung@cqs.demo',
  m2: 'lanhdao.taichinh@cqs.demo',
  m3: 'lanhdao.yte@cqs.demo',
  m4: 'lanhdao.tuphap@cqs.demo',
  m5: 'lanhdao.giaoduc@cqs.demo',
  sub: 'truongphong.tuphap@cqs.demo',
  outsider: 'lanhdao.congthuong@cqs.demo',
} as const;

export interface MeetingsBed<W extends string> {
  t: TestPlatform;
  as: Record<W, Agent>;
  /** user ids by short name, plus `root` (the city's agency) and `construction` */
  ids: Record<W | 'root' | 'construction', string>;
  rows: <T>(q: SQL) => Promise<T[]>;
  close: () => Promise<void>;
}

export async function meetingsBed<W extends string>(accounts: Record<W, string>): Promise<MeetingsBed<W>> {
  const t = await startTestPlatform();
  const rows = <T>(q: SQL) => queryRows<T>(t.platform.deps.db, q);
  const users = await rows<{ id: string; email: string }>(
    sql`select id, email from id_users where email = any(${`{${Object.values<string>(accounts).join(',')}}`}::text[])`,
  );
  const as = {} as Record<W, Agent>;
  const ids = {} as Record<W | 'root' | 'construction', string>;
  for (const who of Object.keys(accounts) as W[]) {
    ids[who] = users.find((u) => u.email === accounts[who])!.id;
    as[who] = await signIn(t, accounts[who]);
  }
  const [root] = await rows<{ id: string }>(sql`select id from id_agencies where parent_id is null`);
  ids.root = root!.id;
  const [xd] = await rows<{ id: string }>(sql`select id from id_agencies where code = '000.00.21.H29'`);
  ids.construction = xd!.id;
  return { t, as, ids, rows, close: () => t.close() };
}
