// The SMS gateway client: a real HTTP client of the contract in docs/contracts/sms-gateway.md.
import type { SmsGateway } from './index.ts';

export class SmsRejectedError extends Error {
  /** the gateway refused the request itself: retrying will not help */
  readonly permanent = true;
}

/** 0912345678 or +84912345678 → 84912345678 */
export function toGatewayNumber(phone: string): string {
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.startsWith('84')) return digits;
  if (digits.startsWith('0')) return `84${digits.slice(1)}`;
  return digits;
}

/** Vietnamese SMS are sent without diacritics (GSM 03.38): "Hồ sơ" → "Ho so". */
export function unaccent(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function httpSmsGateway(baseUrl: string, token: string, timeoutMs = 10_000): SmsGateway {
  const url = `${baseUrl.replace(/\/$/, '')}/messages`;
  return {
    async send(to, text, reference) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ to: toGatewayNumber(to), text: unaccent(text).slice(0, 612), reference }),
        signal: AbortSignal.timeout(timeoutMs),
        // A redirect could lead anywhere (the bearer token with it): the operator's URL is final.
        redirect: 'error',
      });
      if (res.status === 202 || res.status === 409) return;
      const body = await res.text().catch(() => '');
      if (res.status === 400)
        throw new SmsRejectedError(`SMS gateway refused the message: ${body.slice(0, 200)}`);
      throw new Error(`SMS gateway answered ${res.status}: ${body.slice(0, 200)}`);
    },
  };
}
