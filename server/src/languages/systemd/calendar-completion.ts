/** Completion inside an OnCalendar= value: the shorthands, and weekday names where a weekday may go. */
import type { CompletionItem } from "../../core/language.js";
import { type Position, tailWhile } from "../../core/text.js";
import { checkCalendar } from "../calendar/calendar.js";
import { shorthands } from "../calendar/shorthands.js";
import { weekdayLongNames, weekdayNames } from "../calendar/spec.js";

/** `valueBefore` is the value's text left of the cursor. */
export function calendarCompletions(valueBefore: string, position: Position): CompletionItem[] {
  const token = tailWhile(valueBefore, (c) => !/[\s,.]/.test(c));
  const range = { start: { line: position.line, character: position.character - token.length }, end: position };
  const head = valueBefore.slice(0, valueBefore.length - token.length);
  const items: CompletionItem[] = [];
  // Shorthands stand alone; weekdays open the value or continue a weekday list or range.
  if (head.trim() === "") {
    for (const [i, s] of shorthands.filter((x) => !x.undocumented).entries()) {
      const normalized = checkCalendar(s.name);
      items.push({
        label: s.name,
        kind: "value",
        detail: normalized.ok ? normalized.normalized : undefined,
        range,
        sortText: `0${String(i).padStart(2, "0")}`,
      });
    }
  }
  if (head.trim() === "" || /^[A-Za-z]+(?:(?:,|\.\.|-)[A-Za-z]*)*(?:,|\.\.|-)$/.test(head)) {
    weekdayNames.forEach((name, i) => {
      items.push({ label: name, kind: "value", detail: weekdayLongNames[i], range, sortText: `1${i}` });
    });
  }
  return items;
}
