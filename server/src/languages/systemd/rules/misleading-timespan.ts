import { formatTimespan, parseTimespan } from "../../calendar/timespan.js";
import { parserInfo } from "../data.js";
import { entryRule } from "../entry-rule.js";
import type { Entry } from "../parser.js";
import type { UnitCheckContext } from "../rule.js";

const monotonicTriggers = new Set(["OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec"]);
/** Units after which a bare number reads like the next smaller unit to a person, but systemd takes it as seconds. */
const biggerThanMinutes = /^(h|hr|hour|hours|d|day|days|w|week|weeks)$/;

function isTimespan(ctx: UnitCheckContext, entry: Entry): boolean {
  const d = ctx.directiveOf(entry);
  if (!d) return false;
  return monotonicTriggers.has(entry.key) || (parserInfo(d.parser)?.kind === "timespan" && d.parser !== "config_parse_nsec");
}

export const misleadingTimespan = entryRule({
  meta: {
    id: "systemd/misleading-timespan",
    severity: "warning",
    doc: "A time span whose unit is not what it looks like: 'M' is months (15M is fifteen months, minutes are 'min' or 'm'), and a bare number after hours or days is seconds (1h30 is 1 h 30 s).",
  },
  checkEntry(entry, ctx, report) {
    if (entry.value === "" || !isTimespan(ctx, entry)) return;
    const parsed = parseTimespan(entry.value);
    if (!parsed.ok) return;
    const total = formatTimespan(parsed.value);
    const parts = [...entry.value.matchAll(/(\d+(?:\.\d+)?)\s*([A-Za-zµμ]*)/g)];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as RegExpMatchArray;
      const unit = part[2] as string;
      const at = part.index ?? 0;
      const range = { start: entry.positionAt(at), end: entry.positionAt(at + part[0].length) };
      if (unit === "M") {
        report(
          range,
          `'${part[0].trim()}' is ${part[1]} month${part[1] === "1" ? "" : "s"} ('M' is months), so ${entry.key}= is ${total}. Minutes are 'min' or 'm'.`,
          [
            {
              title: `Change to ${part[1]}min`,
              preferred: true,
              edits: [{ range: { start: entry.positionAt(at + part[0].length - 1), end: range.end }, newText: "min" }],
            },
          ],
        );
      } else if (unit === "" && i > 0 && biggerThanMinutes.test((parts[i - 1] as RegExpMatchArray)[2] as string)) {
        const smaller = /^(h|hr|hour|hours)$/.test((parts[i - 1] as RegExpMatchArray)[2] as string) ? "min" : "h";
        report(
          range,
          `The ${part[1]} after '${(parts[i - 1] as RegExpMatchArray)[0].trim()}' has no unit, so it is seconds: ${entry.key}= is ${total}. Write '${part[1]}${smaller}' if that is what you mean.`,
          [{ title: `Change to ${part[1]}${smaller}`, edits: [{ range: { start: range.end, end: range.end }, newText: smaller }] }],
        );
      }
    }
  },
});
