// Constants shared by the demo procedure catalogue: the demo city's agency codes (see the identity
// seed) and the official roles a workflow step may name.

/** Roles an official can hold; every workflow step's `role` is one of these. */
export const ROLE_CODES = [
  'admin',
  'one_stop_officer',
  'specialist',
  'division_head',
  'agency_leader',
  'city_leader',
] as const;

/** Electronic identifier codes (mã định danh điện tử) of the demo city's fixed agencies. */
export const AGENCY = {
  cityCommittee: '000.00.00.H29',
  construction: '000.00.21.H29',
  agricultureEnvironment: '000.00.22.H29',
  justice: '000.00.23.H29',
  finance: '000.00.24.H29',
  industryTrade: '000.00.25.H29',
  health: '000.00.26.H29',
  education: '000.00.27.H29',
  serviceCentre: '000.00.30.H29',
} as const;

/** Every code a procedure may name as a fixed agency (`{ code }` or `competent: { kind: 'fixed' }`). */
export const DEMO_AGENCY_CODES: readonly string[] = Object.values(AGENCY);

/** The departments (sở): the competent agencies of department-level procedures. */
export const DEPARTMENT_CODES: readonly string[] = [
  AGENCY.construction,
  AGENCY.agricultureEnvironment,
  AGENCY.justice,
  AGENCY.finance,
  AGENCY.industryTrade,
  AGENCY.health,
  AGENCY.education,
];

/** Số định danh cá nhân / số thẻ Căn cước (công dân): 12 digits. */
export const PERSONAL_ID_PATTERN = '^[0-9]{12}$';

/** Vietnamese mobile or landline number: 10–11 digits starting with 0. */
export const PHONE_PATTERN = '^0[0-9]{9,10}$';
