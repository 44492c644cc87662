/**
 * `calendar_spec_normalize()` and `calendar_spec_valid()`: two-digit years,
 * sorted and de-duplicated lists, ranges trimmed to whole repetitions, and
 * the range checks that make systemd refuse a spec that parsed.
 */
import { BITS_WEEKDAYS, type CalendarSpec, type Chain, type Component, MAX_YEAR, MIN_YEAR, USEC_PER_SEC } from "./spec.js";

function fixYear(chain: Chain): void {
  for (const c of chain ?? []) {
    if (c.start >= 0 && c.start < 70) c.start += 2000;
    if (c.stop >= 0 && c.stop < 70) c.stop += 2000;
    if (c.start >= 70 && c.start < 100) c.start += 1900;
    if (c.stop >= 70 && c.stop < 100) c.stop += 1900;
  }
}

const compare = (a: Component, b: Component) => a.start - b.start || a.stop - b.stop || a.repeat - b.repeat;

function normalizeChain(chain: Chain): Chain {
  if (!chain) return chain;
  for (const c of chain) {
    if (c.stop > c.start && c.repeat > 0) c.stop -= (c.stop - c.start) % c.repeat;
    // A repetition that cannot happen even once, or a range of one value, is a single value.
    if ((c.stop > c.start && c.repeat > 0 && c.start + c.repeat > c.stop) || c.start === c.stop) {
      c.repeat = 0;
      c.stop = -1;
    }
  }
  if (chain.length <= 1) return chain;
  const sorted = [...chain].sort(compare);
  return sorted.filter((c, i) => i === sorted.length - 1 || compare(c, sorted[i + 1] as Component) !== 0);
}

export function normalizeSpec(spec: CalendarSpec): void {
  if (spec.timezone === "UTC") {
    spec.utc = true;
    spec.timezone = undefined;
  }
  if (spec.weekdaysBits <= 0 || spec.weekdaysBits >= BITS_WEEKDAYS) spec.weekdaysBits = -1;
  if (spec.endOfMonth && !spec.day) spec.endOfMonth = false;
  fixYear(spec.year);
  spec.year = normalizeChain(spec.year);
  spec.month = normalizeChain(spec.month);
  spec.day = normalizeChain(spec.day);
  spec.hour = normalizeChain(spec.hour);
  spec.minute = normalizeChain(spec.minute);
  spec.microsecond = normalizeChain(spec.microsecond);
}

interface FieldInfo {
  name: string;
  from: number;
  to: number;
  /** Shows a value as written (seconds are stored in microseconds). */
  show: (v: number) => string;
}

const showSeconds = (v: number) => {
  const s = Math.floor(v / USEC_PER_SEC);
  const f = v % USEC_PER_SEC;
  return f ? `${s}.${String(f).padStart(6, "0").replace(/0+$/, "")}` : String(s);
};

function checkChain(chain: Chain, field: FieldInfo, endOfMonth: boolean): { reason: string; from: number; to: number } | undefined {
  const from = field.from;
  let to = field.to;
  for (const [k, c] of (chain ?? []).entries()) {
    // With '~', systemd lowers the upper bound by 3 for each element of the list in turn (it counts
    // back at most 28 days for the first element, 25 for the second, ...).
    if (endOfMonth) to -= 3;
    const range = `${field.show(from)}..${field.show(to)}`;
    const at = { from: c.from, to: c.to };
    const what = endOfMonth ? `'~${field.show(c.start)}'` : `${field.name} ${field.show(c.start)}`;
    if (c.start < from || c.start > to) {
      const reason = !endOfMonth
        ? `${what} is out of range ${range}`
        : k === 0
          ? `${what} is out of range: '~' counts 1..28 days back from the end of the month`
          : `${what} is out of range: after '~', systemd allows element ${k + 1} of a sorted list only up to ${to}`;
      return { reason, ...at };
    }
    if (c.repeat > to - from)
      return { reason: `the repetition /${field.show(c.repeat)} is longer than the whole ${field.name} range ${range}`, ...at };
    if (c.stop >= 0) {
      if (c.stop < from || c.stop > to) {
        const after = endOfMonth && k > 0 ? `: after '~', systemd allows element ${k + 1} of a sorted list only up to ${to}` : ` ${range}`;
        return { reason: `${field.name} ${field.show(c.stop)} is out of range${after}`, ...at };
      }
      if (c.start + c.repeat > c.stop) {
        return { reason: `the range ${field.show(c.start)}..${field.show(c.stop)} runs backwards; write the smaller value first`, ...at };
      }
    } else if (endOfMonth && c.start - c.repeat < from) {
      return { reason: `'~${field.show(c.start)}/${field.show(c.repeat)}' never repeats: it would pass the start of the month`, ...at };
    } else if (!endOfMonth && c.start + c.repeat > to) {
      return {
        reason: `'${field.show(c.start)}/${field.show(c.repeat)}' never repeats: ${field.show(c.start + c.repeat)} is past the largest ${field.name} (${field.show(to)})`,
        ...at,
      };
    }
  }
  return undefined;
}

const plain = (v: number) => String(v);

/** `calendar_spec_valid()`: undefined when systemd accepts the normalized spec, else why not. */
export function validateSpec(spec: CalendarSpec): { reason: string; from: number; to: number } | undefined {
  if (spec.weekdaysBits > BITS_WEEKDAYS) return { reason: "invalid weekdays", from: 0, to: 0 };
  return (
    checkChain(spec.year, { name: "year", from: MIN_YEAR, to: MAX_YEAR, show: plain }, false) ??
    checkChain(spec.month, { name: "month", from: 1, to: 12, show: plain }, false) ??
    checkChain(spec.day, { name: "day", from: 1, to: 31, show: plain }, spec.endOfMonth) ??
    checkChain(spec.hour, { name: "hour", from: 0, to: 23, show: plain }, false) ??
    checkChain(spec.minute, { name: "minute", from: 0, to: 59, show: plain }, false) ??
    checkChain(spec.microsecond, { name: "second", from: 0, to: 60 * USEC_PER_SEC - 1, show: showSeconds }, false)
  );
}
