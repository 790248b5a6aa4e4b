// The seeded demo accounts (demo mode only), listed on the login page so visitors can try each role.
export const DEMO_PASSWORD = 'Cqs@2026demo';

export const DEMO_ACCOUNTS = [
  { identifier: 'admin@cqs.demo', role: 'demo.role.admin' },
  { identifier: 'motcua.thudaumot@cqs.demo', role: 'demo.role.one_stop' },
  { identifier: 'motcua.ttpvhcc@cqs.demo', role: 'demo.role.service_centre' },
  { identifier: 'truongphong.thudaumot@cqs.demo', role: 'demo.role.commune_head' },
  { identifier: 'chuyenvien.thudaumot@cqs.demo', role: 'demo.role.commune_specialist' },
  { identifier: 'lanhdao.thudaumot@cqs.demo', role: 'demo.role.commune_leader' },
  { identifier: 'chuyenvien.xaydung@cqs.demo', role: 'demo.role.specialist' },
  { identifier: 'lanhdao.xaydung@cqs.demo', role: 'demo.role.department_leader' },
  { identifier: 'lanhdao.ubnd@cqs.demo', role: 'demo.role.city_leader' },
  { identifier: 'dieuhanh.ioc@cqs.demo', role: 'demo.role.ioc_operator' },
  { identifier: 'ketoan.ttpvhcc@cqs.demo', role: 'demo.role.finance' },
  { identifier: 'congdan@cqs.demo', role: 'demo.role.citizen' },
] as const;
