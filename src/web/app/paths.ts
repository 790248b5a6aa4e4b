// Every route of the web app, in Vietnamese slugs. Links and the server's e-mails use these.
export const paths = {
  home: '/',
  login: '/dang-nhap',
  register: '/dang-ky',
  confirmRegistration: '/xac-nhan-dang-ky',
  forgotPassword: '/quen-mat-khau',
  resetPassword: '/dat-lai-mat-khau',
  account: '/tai-khoan',
  workspace: '/lam-viec',
  myDossiers: '/ho-so-cua-toi',
  myDossier: (id: string) => `/ho-so-cua-toi/${id}`,
  procedures: '/thu-tuc',
  procedure: (code: string) => `/thu-tuc/${codeSlug(code)}`,
  submitOnline: (code: string) => `/thu-tuc/${codeSlug(code)}/nop-truc-tuyen`,
  tracking: '/tra-cuu',
  feedback: '/phan-anh',
  feedbackNew: '/phan-anh/gui',
  feedbackStats: '/phan-anh/thong-ke',
  feedbackReport: (code: string) => `/phan-anh/${code}`,
  feedbackWork: '/lam-viec/phan-anh',
  feedbackManage: (code: string) => `/lam-viec/phan-anh/${code}`,
  inbox: '/lam-viec/ho-so',
  officialDossier: (id: string) => `/lam-viec/ho-so/${id}`,
  dossierSearch: '/lam-viec/tim-ho-so',
  counterIntake: '/lam-viec/tiep-nhan-tai-quay',
  dossierRegister: '/lam-viec/so-theo-doi',
  paymentReconciliation: '/lam-viec/doi-soat-thanh-toan',
  statistics: '/lam-viec/thong-ke',
  meetings: '/lam-viec/hop',
  operationsWall: '/lam-viec/dieu-hanh',
  operationsConsole: '/lam-viec/dieu-hanh/canh-bao',
  operationsLeader: '/lam-viec/dieu-hanh/lanh-dao',
  operationsNetwork: '/lam-viec/dieu-hanh/mang',
  operationsAreaSets: '/lam-viec/dieu-hanh/dia-ban-cu',
  operationsDashboards: '/lam-viec/dieu-hanh/bang-dieu-hanh',
  operationsCommune: (code: string) => `/lam-viec/dieu-hanh/lanh-dao/xa/${code}`,
  publicStatistics: '/thong-ke',
  portalEditor: '/lam-viec/cong-thong-tin',
  portalEdition: (itemId: string, lang: string) => `/lam-viec/cong-thong-tin/${itemId}/${lang}`,
  admin: '/quan-tri',
  adminUsers: '/quan-tri/nguoi-dung',
  adminUserNew: '/quan-tri/nguoi-dung/moi',
  adminUser: (id: string) => `/quan-tri/nguoi-dung/${id}`,
  adminAgencies: '/quan-tri/co-quan',
  adminRoles: '/quan-tri/vai-tro',
  adminUnits: '/quan-tri/don-vi-hanh-chinh',
  adminAudit: '/quan-tri/nhat-ky',
  adminMessages: '/quan-tri/thu-gui',
  adminProcedures: '/quan-tri/thu-tuc',
  adminProcedure: (code: string) => `/quan-tri/thu-tuc/${codeSlug(code)}`,
  adminProcedureImport: '/quan-tri/thu-tuc/nhap-tep',
  adminCalendar: '/quan-tri/lich-lam-viec',
  adminTemplates: '/quan-tri/mau-van-ban',
  adminDvcqg: '/quan-tri/dong-bo-dvcqg',
  adminApiClients: '/quan-tri/ung-dung-lien-thong',
  adminOpen311Keys: '/quan-tri/khoa-open311',
} as const;

/**
 * Procedure codes have dots (1.009994, 1.000494.000.00.00.H29), and the server answers paths with a
 * dot as files, not with the app: in a path the dots are written as underscores (codes have none).
 */
export function codeSlug(code: string): string {
  return encodeURIComponent(code.replaceAll('.', '_'));
}

export function codeFromSlug(slug: string | undefined): string | undefined {
  return slug?.replaceAll('_', '.');
}

/** A return path is only followed when it stays on this site. */
export function safeReturnPath(value: string | null): string | null {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;
}
