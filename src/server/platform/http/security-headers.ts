// Hardening headers, computed once. Documents (the web app, the API docs) get a strict
// Content-Security-Policy (no inline scripts, nothing from other origins) and the browser-isolation
// headers; JSON answers of the API get the short set OWASP recommends for REST APIs, because the
// document-only headers protect nothing on a response no browser renders, and every header costs on
// every answer (see docs/adr/0007-api-security-headers.md).
const CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // ECharts and React set inline style attributes; inline scripts stay forbidden.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

const HSTS = 'max-age=31536000; includeSubDomains';

/** For pages and static files: everything a browser rendering a document should obey. */
export function documentSecurityHeaders(): Record<string, string> {
  return {
    'content-security-policy': Object.entries(CSP)
      .map(([k, v]) => `${k} ${v.join(' ')}`)
      .join('; '),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': HSTS,
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
}

/**
 * For API answers (JSON, downloads, events): nothing may be rendered, framed, sniffed or cached —
 * answers carry personal data, so shared caches and the browser's disk must not keep them. A route
 * that serves public, cacheable data sets its own cache-control.
 */
export function apiSecurityHeaders(): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'strict-transport-security': HSTS,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
}
