import { isIPv4, isIPv6 } from "node:net";

/**
 * netplan's value grammars, as its parser reads them (src/parse.c and
 * src/validation.c): addresses through inet_pton, unsigned integers through
 * g_ascii_strtoull in base 10, MAC addresses by a fixed pattern.
 */

/** inet_pton(AF_INET6) takes no zone index (`fe80::1%eth0`), which Node's isIPv6 does. */
export const isIp4 = (s: string): boolean => isIPv4(s);
export const isIp6 = (s: string): boolean => !s.includes("%") && isIPv6(s);

export type Family = 4 | 6;

/** The family of an address with or without `/prefix` (netplan strips from the last `/`), or undefined. */
export function familyOf(text: string): Family | undefined {
  const slash = text.lastIndexOf("/");
  const ip = slash >= 0 ? text.slice(0, slash) : text;
  return isIp4(ip) ? 4 : isIp6(ip) ? 6 : undefined;
}

const maxUint = 4294967295;

/**
 * The value of an unsigned int as g_ascii_strtoull reads it, or undefined when netplan rejects it: leading blanks and a
 * sign are read, the rest must be decimal digits, and the result must fit 32 bits (so `-1`, `1e3` and `0x10` fail; an
 * empty value reads as 0).
 */
export function parseUint(text: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)$/.exec(text);
  if (!m) return undefined;
  const digits = m[2] ?? "";
  if (digits === "" && m[1]) return undefined;
  const n = digits === "" ? 0 : Number(digits.replace(/^0+(?=\d)/, ""));
  if (m[1] === "-" && n !== 0) return undefined;
  return n <= maxUint ? n : undefined;
}

/** The prefix length as netplan reads it after the last `/`: leading digits, 0 when there are none. */
export function prefixNumber(text: string): number {
  const m = /^\s*\+?(\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

const macPattern = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}((:[0-9a-fA-F]{2}){14})?$/;
/** 6 bytes (Ethernet) or 20 bytes (InfiniBand), colon-separated hex. */
export const isMac = (s: string): boolean => macPattern.test(s);

/** An address with a prefix: the parsed parts, or the reason netplan rejects it (for `addresses:`). */
export function checkAddressWithPrefix(text: string): string | undefined {
  const slash = text.lastIndexOf("/");
  if (slash < 0) return "missing-prefix";
  const ip = text.slice(0, slash);
  const prefix = prefixNumber(text.slice(slash + 1));
  if (isIp4(ip)) return prefix === 0 || prefix > 32 ? "bad-prefix" : undefined;
  if (isIp6(ip)) return prefix === 0 || prefix > 128 ? "bad-prefix" : undefined;
  return "malformed";
}

/** IPv4 as a 32-bit number (the caller checked isIp4). */
function ip4Number(ip: string): bigint {
  return ip.split(".").reduce((n, part) => (n << 8n) + BigInt(Number(part)), 0n);
}

/** IPv6 as a 128-bit number (the caller checked isIp6); an embedded IPv4 tail counts as two groups. */
function ip6Number(ip: string): bigint {
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ip4Number(v4[1] as string);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const h = (head ?? "").split(":").filter(Boolean);
  const t = tail === undefined ? [] : tail.split(":").filter(Boolean);
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((n, g) => (n << 16n) + BigInt(Number.parseInt(g, 16)), 0n);
}

export interface Cidr {
  family: Family;
  address: bigint;
  prefix: number;
}

/** An `IP/prefix` (or a bare IP, as a host prefix) as numbers; undefined when not both valid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.lastIndexOf("/");
  const ip = slash >= 0 ? text.slice(0, slash) : text;
  const family = isIp4(ip) ? 4 : isIp6(ip) ? 6 : undefined;
  if (!family) return undefined;
  const bits = family === 4 ? 32 : 128;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) return undefined;
    prefix = Number(p);
  }
  return { family, address: family === 4 ? ip4Number(ip) : ip6Number(ip), prefix };
}

const bitsOf = (f: Family) => (f === 4 ? 32 : 128);

/** The network part of an address for a prefix length. */
export function networkOf(address: bigint, family: Family, prefix: number): bigint {
  const host = bitsOf(family) - prefix;
  return (address >> BigInt(host)) << BigInt(host);
}

/** Whether `ip` lies inside `net` (same family). */
export function contains(net: Cidr, ip: Cidr): boolean {
  return net.family === ip.family && networkOf(net.address, net.family, net.prefix) === networkOf(ip.address, ip.family, net.prefix);
}

/** Formats a network address back to text. */
export function formatAddress(address: bigint, family: Family): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join(".");
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => ((address >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as people write IPv6.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

/** A WireGuard key as netplan recognises one: 44 characters of base64 ending in a single `=`. */
export function isWireguardKey(key: string): boolean {
  return key.length === 44 && key[43] === "=" && key[42] !== "=" && /^[A-Za-z0-9+/]{43}=$/.test(key);
}
