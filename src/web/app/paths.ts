// Every route of the web app, in Vietnamese slugs. Links and the server's e-mails use these.
export const paths = {
  home: '/',
  login: '/dang-nhap',
  register: '/dang-ky',
  forgotPassword: '/quen-mat-khau',
  resetPassword: '/dat-lai-mat-khau',
  account: '/tai-khoan',
  workspace: '/lam-viec',
  myDossiers: '/ho-so-cua-toi',
  admin: '/quan-tri',
  adminUsers: '/quan-tri/nguoi-dung',
  adminUserNew: '/quan-tri/nguoi-dung/moi',
  adminUser: (id: string) => `/quan-tri/nguoi-dung/${id}`,
  adminAgencies: '/quan-tri/co-quan',
  adminRoles: '/quan-tri/vai-tro',
  adminUnits: '/quan-tri/don-vi-hanh-chinh',
  adminAudit: '/quan-tri/nhat-ky',
  adminMessages: '/quan-tri/thu-gui',
} as const;

/** A return path is only followed when it stays on this site. */
export function safeReturnPath(value: string | null): string | null {
  return value?.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;
}
