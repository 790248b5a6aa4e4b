// The guard on addresses the server itself calls when someone else chose them (webhook URLs): only
// http(s), only public unicast addresses, only web ports. Checked when the URL is saved and again when
// the connection is made (a name may resolve to a public address at save time and to 127.0.0.1 later:
// DNS rebinding). An operator lets local contract servers through with an explicit allow-list.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
/** host name → its addresses (the system resolver by default; tests pass a stub) */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** Why a URL or an address is refused (kept coarse: no more than the caller needs to fix the URL). */
export type Refusal = 'scheme' | 'credentials' | 'port' | 'address' | 'unresolved';

export class AddressRefused extends Error {
  constructor(readonly reason: Refusal) {
    super(`address refused: ${reason}`);
  }
}

export interface AddressGuard {
  /** at save time: throws AddressRefused unless every address the URL's host resolves to may be called */
  checkUrl(url: string | URL): Promise<void>;
  /** before a request: scheme, port and an IP-literal host (a name is checked by `lookup` at connect) */
  checkTarget(url: string | URL): URL;
  /** a `lookup` for node:http / node:net that refuses forbidden addresses at connect time */
  lookup: LookupFunction;
  /** whether the URL's host and port are on the operator's allow-list (then no address check applies) */
  allowed(url: URL): boolean;
}

/** Web ports: other ports of a public host are not for webhooks (no scanning the server's own host). */
const WEB_PORTS = new Set(['', '80', '443', '8080', '8443']);

/**
 * Ranges no webhook may reach: this host, private networks, link-local (cloud metadata 169.254.169.254),
 * carrier-grade NAT, multicast, reserved, and the IPv6 forms that embed or tunnel to IPv4 (NAT64,
 * 6to4, Teredo). IPv4-mapped IPv6 (::ffff:127.0.0.1) is checked against the IPv4 ranges by BlockList.
 */
const REFUSED = (() => {
  const b = new BlockList();
  for (const [net, bits] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const)
    b.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [
    ['::', 96], // unspecified, loopback and IPv4-compatible
    ['64:ff9b::', 96], // NAT64
    ['64:ff9b:1::', 48],
    ['100::', 64], // discard
    ['2001::', 32], // Teredo
    ['2002::', 16], // 6to4
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ] as const)
    b.addSubnet(net, bits, 'ipv6');
  return b;
})();

/** Whether an IP address (v4, v6, or IPv4-mapped v6) is one a webhook must not reach. */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/** "[::1]" → "::1" (URL keeps the brackets of an IPv6 literal). */
const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');

/**
 * `allow`: host names, IP addresses or CIDR ranges, each optionally with `:port` for one port only
 * ("127.0.0.1:4010", "localhost", "10.1.0.0/16"). Empty by default: nothing local is reachable.
 */
export function createAddressGuard(
  opts: { allow?: readonly string[]; resolve?: Resolver } = {},
): AddressGuard {
  const resolve = opts.resolve ?? systemResolver;
  const entries = (opts.allow ?? []).map((entry) => {
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.trim().toLowerCase())!;
    // "::1" alone has colons but no port: an IPv6 entry is written in brackets to give a port.
    const raw = isIP(entry.trim()) === 6 ? entry.trim().toLowerCase() : m[1]!;
    const port = isIP(entry.trim()) === 6 ? undefined : m[2];
    const [net, bits] = bare(raw).split('/');
    const family = isIP(net!);
    const range = new BlockList();
    if (family)
      range.addSubnet(net!, Number(bits ?? (family === 4 ? 32 : 128)), family === 4 ? 'ipv4' : 'ipv6');
    return { host: family ? null : bare(raw), range: family ? range : null, port };
  });
  /** `port` undefined: any port (at connect time, after the URL's port was checked) */
  const allowedAddress = (address: string, port: string | undefined) =>
    entries.some(
      (e) =>
        e.range &&
        (e.port === undefined || port === undefined || e.port === port) &&
        e.range.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4'),
    );
  const allowed = (url: URL) => {
    const host = bare(url.hostname);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return (
      entries.some((e) => e.host === host && (e.port === undefined || e.port === port)) ||
      (isIP(host) !== 0 && allowedAddress(host, port))
    );
  };
  const checkAddress = (address: string, port: string) => {
    if (isRefusedAddress(address) && !allowedAddress(address, port)) throw new AddressRefused('address');
  };
  const checkTarget = (input: string | URL): URL => {
    let url: URL;
    try {
      url = typeof input === 'string' ? new URL(input) : input;
    } catch {
      throw new AddressRefused('scheme');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AddressRefused('scheme');
    if (url.username || url.password) throw new AddressRefused('credentials');
    if (allowed(url)) return url;
    if (!WEB_PORTS.has(url.port)) throw new AddressRefused('port');
    const host = bare(url.hostname);
    if (isIP(host)) checkAddress(host, portOf(url));
    return url;
  };

  return {
    allowed,
    checkTarget,
    async checkUrl(input) {
      const url = checkTarget(input);
      const host = bare(url.hostname);
      if (allowed(url) || isIP(host)) return;
      // A name that does not resolve yet (a receiver being set up) is no danger now; the connection
      // is checked again when it is made.
      const addresses = await resolve(host).catch(() => [] as ResolvedAddress[]);
      for (const a of addresses) checkAddress(a.address, portOf(url));
    },
    // Connect time: the resolver is asked again and every answer checked before a socket is opened.
    lookup: (hostname, options, callback) => {
      const host = bare(hostname);
      const all = typeof options === 'object' && options !== null && options.all === true;
      const done = (addresses: ResolvedAddress[]) => {
        const first = addresses[0]!;
        if (all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        else callback(null, first.address, first.family);
      };
      const fail = (reason: Refusal) =>
        (callback as (e: NodeJS.ErrnoException) => void)(
          Object.assign(new AddressRefused(reason), { code: 'EREFUSED_ADDRESS' }),
        );
      // A host name on the allow-list is looked up without the address check.
      const listed = entries.some((e) => e.host === host);
      (isIP(host) ? Promise.resolve([{ address: host, family: isIP(host) as 4 | 6 }]) : resolve(host)).then(
        (addresses) => {
          if (addresses.length === 0) return fail('unresolved');
          // The port is not known here: an allow-list entry with a port admits its address on any port
          // at connect time; the URL's port was checked before the request was made.
          const refused = (a: ResolvedAddress) =>
            isRefusedAddress(a.address) && !allowedAddress(a.address, undefined);
          if (!listed && addresses.some(refused)) return fail('address');
          done(addresses);
        },
        () => fail('unresolved'),
      );
    },
  };
}
