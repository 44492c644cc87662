/**
 * Reads a compiled time zone file (TZif, RFC 8536), the way glibc's
 * `__tzfile_read()` does: the 64-bit body of version 2+ files, the POSIX TZ
 * string of the footer, and nothing else.
 */
export interface ZoneType {
  /** Seconds east of UTC. */
  offset: number;
  isdst: boolean;
  abbreviation: string;
}

export interface LeapSecond {
  transition: number;
  change: number;
}

export interface TzifData {
  /** Transition times, seconds since the epoch, ascending. */
  transitions: number[];
  /** For each transition, the index of the type in effect after it. */
  typeIndexes: number[];
  types: ZoneType[];
  leaps: LeapSecond[];
  /** The footer's POSIX TZ string, for times after the last transition; undefined when absent or empty. */
  footer: string | undefined;
}

const MAGIC = [0x54, 0x5a, 0x69, 0x66]; // "TZif"

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  has(n: number): boolean {
    return this.pos + n <= this.bytes.length;
  }
  u8(): number {
    return this.bytes[this.pos++] as number;
  }
  i32(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) v = v * 256 + this.u8();
    return v >= 0x80000000 ? v - 0x100000000 : v;
  }
  i64(): number {
    const high = this.i32();
    let low = 0;
    for (let i = 0; i < 4; i++) low = low * 256 + this.u8();
    return high * 0x100000000 + low;
  }
}

export function isTzif(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b);
}

/** Parses TZif bytes; undefined for anything glibc would refuse to load. */
export function parseTzif(bytes: Uint8Array): TzifData | undefined {
  const r = new Reader(bytes);
  let header = readHeader(r);
  if (!header) return undefined;
  let wide = false;
  if (header.version !== 0) {
    // Skip the 32-bit body and read the 64-bit one.
    r.pos += header.timecnt * 5 + header.typecnt * 6 + header.charcnt + header.leapcnt * 8 + header.isstdcnt + header.isutcnt;
    header = readHeader(r);
    if (!header) return undefined;
    wide = true;
  }
  const { timecnt, typecnt, charcnt, leapcnt, isstdcnt, isutcnt } = header;
  const width = wide ? 8 : 4;
  if (!r.has(timecnt * (width + 1) + typecnt * 6 + charcnt + leapcnt * (width + 4) + isstdcnt + isutcnt)) return undefined;
  const transitions: number[] = [];
  for (let i = 0; i < timecnt; i++) transitions.push(wide ? r.i64() : r.i32());
  const typeIndexes: number[] = [];
  for (let i = 0; i < timecnt; i++) {
    const idx = r.u8();
    if (idx >= typecnt) return undefined;
    typeIndexes.push(idx);
  }
  const raw: { offset: number; isdst: number; idx: number }[] = [];
  for (let i = 0; i < typecnt; i++) {
    const offset = r.i32();
    const isdst = r.u8();
    const idx = r.u8();
    if (isdst > 1 || idx > charcnt) return undefined;
    raw.push({ offset, isdst, idx });
  }
  const chars = bytes.subarray(r.pos, r.pos + charcnt);
  r.pos += charcnt;
  const types = raw.map((t) => ({ offset: t.offset, isdst: t.isdst === 1, abbreviation: cString(chars, t.idx) }));
  const leaps: LeapSecond[] = [];
  for (let i = 0; i < leapcnt; i++) leaps.push({ transition: wide ? r.i64() : r.i32(), change: r.i32() });
  r.pos += isstdcnt + isutcnt;
  let footer: string | undefined;
  if (wide && r.has(1) && r.u8() === 0x0a) {
    const end = bytes.indexOf(0x0a, r.pos);
    if (end >= 0) footer = new TextDecoder("latin1").decode(bytes.subarray(r.pos, end));
  }
  return { transitions, typeIndexes, types, leaps, footer: footer === "" ? undefined : footer };
}

interface Header {
  version: number;
  isutcnt: number;
  isstdcnt: number;
  leapcnt: number;
  timecnt: number;
  typecnt: number;
  charcnt: number;
}

function readHeader(r: Reader): Header | undefined {
  if (!r.has(44)) return undefined;
  for (const b of MAGIC) if (r.u8() !== b) return undefined;
  const version = r.u8();
  r.pos += 15;
  const isutcnt = r.i32();
  const isstdcnt = r.i32();
  const leapcnt = r.i32();
  const timecnt = r.i32();
  const typecnt = r.i32();
  const charcnt = r.i32();
  if ([isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt].some((n) => n < 0) || isstdcnt > typecnt || isutcnt > typecnt)
    return undefined;
  return { version, isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt };
}

function cString(chars: Uint8Array, start: number): string {
  let end = start;
  while (end < chars.length && chars[end] !== 0) end++;
  return new TextDecoder("latin1").decode(chars.subarray(start, end));
}
