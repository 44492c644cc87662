/**
 * A grammar-based generator of calendar expressions for the differential
 * test: mostly well-formed specs built from systemd's grammar (weekdays,
 * dates, times, lists, ranges, repetitions, `~`, fractions, shorthands,
 * `@EPOCH`, zone suffixes), with values reaching past every bound, and a
 * share of them mutated into near-misses. Deterministic for a given seed.
 */

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** xorshift32: small, fast, the same everywhere. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const longWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export const shorthandWords = [
  "minutely",
  "hourly",
  "daily",
  "weekly",
  "monthly",
  "yearly",
  "annually",
  "anually",
  "quarterly",
  "semiannually",
  "semi-annually",
  "biannually",
  "bi-annually",
];
/** Zones for suffixes: valid ones, and names that look like zones but are not. */
const zones = [
  "UTC",
  "utc",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Etc/GMT+5",
  "Europe/London",
  "America/Sao_Paulo",
  "Mars/Olympus",
  "Europe/berlin",
  "CET",
  "EST",
  "GMT",
  "Etc/UTC",
];

function caseVariant(r: Random, word: string): string {
  if (!r.chance(0.15)) return word;
  return r.chance(0.5) ? word.toLowerCase() : word.toUpperCase();
}

function weekdayName(r: Random, i: number): string {
  return caseVariant(r, r.chance(0.25) ? (longWeekdays[i] as string) : (weekdays[i] as string));
}

function weekdayPart(r: Random): string {
  const items: string[] = [];
  const n = r.int(1, 3);
  for (let k = 0; k < n; k++) {
    const a = r.int(0, 6);
    if (r.chance(0.4)) {
      const b = r.chance(0.85) ? r.int(a, 6) : r.int(0, 6);
      items.push(`${weekdayName(r, a)}${r.chance(0.8) ? ".." : "-"}${weekdayName(r, b)}`);
    } else {
      items.push(weekdayName(r, a));
    }
  }
  return items.join(",") + (r.chance(0.03) ? "," : "");
}

interface Field {
  min: number;
  max: number;
  width: number;
}

function number(r: Random, f: Field): string {
  let v: number;
  const roll = r.next();
  if (roll < 0.93) v = r.int(f.min, f.max);
  else if (roll < 0.97) v = r.pick([f.min, f.max, f.max + 1, Math.max(0, f.min - 1)]);
  else v = r.int(0, f.max + 5);
  const digits = String(v);
  return r.chance(0.7) ? digits.padStart(f.width, "0") : digits;
}

function item(r: Random, f: Field, fraction: boolean): string {
  const fractionOf = () => (fraction && r.chance(0.15) ? `.${String(r.int(0, 9999999)).slice(0, r.int(1, 8))}` : "");
  const a = number(r, f);
  const value = () => a + fractionOf();
  const later = () => {
    const start = Number(a);
    const end = r.chance(0.9) && start < f.max ? r.int(start + 1, f.max) : r.int(f.min, f.max + 1);
    return String(end).padStart(a.length, "0") + fractionOf();
  };
  const roll = r.next();
  if (roll < 0.55) return value();
  if (roll < 0.75) return `${value()}..${later()}`;
  if (roll < 0.92) return `${value()}/${r.int(1, Math.max(2, Math.ceil((f.max - f.min) / 2) + 2))}`;
  return `${value()}..${later()}/${r.int(1, Math.max(2, Math.ceil((f.max - f.min) / 3)))}`;
}

function component(r: Random, f: Field, fraction = false): string {
  if (r.chance(0.3)) return "*";
  const n = r.chance(0.75) ? 1 : r.int(2, 4);
  return Array.from({ length: n }, () => item(r, f, fraction)).join(",");
}

const year: Field = { min: 2020, max: 2040, width: 4 };
const twoDigitYear: Field = { min: 0, max: 99, width: 2 };
const month: Field = { min: 1, max: 12, width: 2 };
const day: Field = { min: 1, max: 31, width: 2 };
const hour: Field = { min: 0, max: 23, width: 2 };
const minute: Field = { min: 0, max: 59, width: 2 };
const second: Field = { min: 0, max: 59, width: 2 };

function datePart(r: Random): string {
  const sep = r.chance(0.15) ? "~" : "-";
  const md = `${component(r, month)}${sep}${component(r, day)}`;
  if (r.chance(0.35)) return md;
  const y = r.chance(0.1) ? component(r, twoDigitYear) : r.chance(0.04) ? String(r.int(1965, 2205)) : component(r, year);
  return `${y}-${md}`;
}

function timePart(r: Random): string {
  const hm = `${component(r, hour)}:${component(r, minute)}`;
  return r.chance(0.6) ? `${hm}:${component(r, second, true)}` : hm;
}

/** One well-formed-looking expression. */
export function generateExpression(r: Random): string {
  const roll = r.next();
  if (roll < 0.06) return caseVariant(r, r.pick(shorthandWords)) + (r.chance(0.3) ? ` ${r.pick(zones)}` : "");
  if (roll < 0.09) {
    const epoch = r.pick([r.int(0, 4102444800), r.int(1700000000, 1800000000), 7258118400, 7258118399, r.int(0, 99)]);
    return `${r.chance(0.1) ? `${weekdayPart(r)} ` : ""}@${epoch}${r.chance(0.2) ? ` ${r.pick(zones)}` : ""}`;
  }
  const parts: string[] = [];
  if (r.chance(0.35)) parts.push(weekdayPart(r));
  const hasDate = r.chance(0.7);
  if (hasDate) parts.push(datePart(r));
  if (!hasDate || r.chance(0.8)) parts.push(timePart(r));
  if (r.chance(0.15)) parts.push(r.pick(zones));
  return parts.join(r.chance(0.03) ? "  " : " ");
}

const noise = ["", " ", "*", "-", "~", ":", ".", "..", ",", "/", "0", "9", "a", "@", "x", "_"];

/** A small edit that often (not always) makes the expression invalid. */
export function mutate(r: Random, expression: string): string {
  const at = r.int(0, expression.length);
  switch (r.int(0, 3)) {
    case 0:
      return expression.slice(0, at) + r.pick(noise) + expression.slice(at);
    case 1:
      return expression.slice(0, at) + expression.slice(at + r.int(1, 2));
    case 2:
      return expression.slice(0, at) + r.pick(noise) + expression.slice(at + 1);
    default:
      return expression + r.pick([" ", ",", ":00", ":", ".5", "/0", " foo", "~"]);
  }
}

/** `count` expressions from `seed`; about one in seven is mutated. Duplicates are dropped. */
export function generateExpressions(seed: number, count: number): string[] {
  const r = new Random(seed);
  const out = new Set<string>();
  while (out.size < count) {
    const e = generateExpression(r);
    out.add(r.chance(0.14) ? mutate(r, e) : e);
  }
  return [...out];
}
