// The same headers on every response: a strict Content-Security-Policy (no inline scripts, nothing
// from other origins) and the usual hardening headers.
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

export function buildSecurityHeaders(): Record<string, string> {
  return {
    'content-security-policy': Object.entries(CSP)
      .map(([k, v]) => `${k} ${v.join(' ')}`)
      .join('; '),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  };
}
