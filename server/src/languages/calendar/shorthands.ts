/**
 * The words systemd accepts instead of a calendar spec (case-insensitive),
 * with the fields each one sets (`calendar_spec_from_string()` in
 * src/shared/calendarspec.c; listed in ../shared/data/systemd-time.tsv).
 * Fields not named stay `*`; a shorthand always sets the seconds.
 */
import { equalsNoCase } from "./text.js";

type Field = "month" | "day" | "hour" | "minute" | "microsecond";

export interface Shorthand {
  name: string;
  /** Not in the manual: a misspelling kept for compatibility. */
  undocumented?: boolean;
  chains: Partial<Record<Field, number[]>>;
  weekdaysBits?: number;
}

const midnight = { hour: [0], minute: [0], microsecond: [0] };

export const shorthands: readonly Shorthand[] = [
  { name: "minutely", chains: { microsecond: [0] } },
  { name: "hourly", chains: { minute: [0], microsecond: [0] } },
  { name: "daily", chains: midnight },
  { name: "monthly", chains: { day: [1], ...midnight } },
  { name: "weekly", chains: midnight, weekdaysBits: 1 },
  { name: "yearly", chains: { month: [1], day: [1], ...midnight } },
  { name: "annually", chains: { month: [1], day: [1], ...midnight } },
  { name: "anually", undocumented: true, chains: { month: [1], day: [1], ...midnight } },
  { name: "quarterly", chains: { month: [1, 4, 7, 10], day: [1], ...midnight } },
  { name: "semiannually", chains: { month: [1, 7], day: [1], ...midnight } },
  { name: "semi-annually", chains: { month: [1, 7], day: [1], ...midnight } },
  { name: "biannually", chains: { month: [1, 7], day: [1], ...midnight } },
  { name: "bi-annually", chains: { month: [1, 7], day: [1], ...midnight } },
];

export function shorthandChains(text: string): Shorthand | undefined {
  return shorthands.find((s) => equalsNoCase(s.name, text));
}
