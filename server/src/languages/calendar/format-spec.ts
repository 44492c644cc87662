/** `calendar_spec_to_string()`: the normalized form systemd prints ("Normalized form:"). */
import { BITS_WEEKDAYS, type CalendarSpec, type Chain, USEC_PER_SEC, weekdayNames } from "./spec.js";

function formatWeekdays(bits: number): string {
  let out = "";
  let needComma = false;
  let l = -1;
  let x = 0;
  for (; x < weekdayNames.length; x++) {
    if (bits & (1 << x)) {
      if (l < 0) {
        if (needComma) out += ",";
        else needComma = true;
        out += weekdayNames[x];
        l = x;
      }
    } else if (l >= 0) {
      if (x > l + 1) out += (x > l + 2 ? ".." : ",") + weekdayNames[x - 1];
      l = -1;
    }
  }
  if (l >= 0 && x > l + 1) out += (x > l + 2 ? ".." : ",") + weekdayNames[x - 1];
  return out;
}

const pad = (v: number, width: number) => String(v).padStart(width, "0");
const micro = (v: number) => `.${pad(v, 6)}`;

function formatChain(chain: Chain, width: number, usec: boolean): string {
  if (!chain || (usec && chain.some((c) => c.start === 0 && c.stop < 0 && c.repeat === USEC_PER_SEC))) return "*";
  const d = usec ? USEC_PER_SEC : 1;
  return chain
    .map((c) => {
      let s = pad(Math.trunc(c.start / d), width);
      if (c.start % d > 0) s += micro(c.start % d);
      if (c.stop > 0) s += `..${pad(Math.trunc(c.stop / d), width)}`;
      if (c.stop % d > 0) s += micro(c.stop % d);
      if (c.repeat > 0 && !(c.stop > 0 && c.repeat === d)) s += `/${Math.trunc(c.repeat / d)}`;
      if (c.repeat % d > 0) s += micro(c.repeat % d);
      return s;
    })
    .join(",");
}

/** `tzname` is the local zone's pair of names at the moment of formatting (glibc's global). */
export function formatSpec(spec: CalendarSpec, tzname: readonly [string, string]): string {
  let out = "";
  if (spec.weekdaysBits > 0 && spec.weekdaysBits <= BITS_WEEKDAYS) out += `${formatWeekdays(spec.weekdaysBits)} `;
  out += `${formatChain(spec.year, 4, false)}-${formatChain(spec.month, 2, false)}${spec.endOfMonth ? "~" : "-"}`;
  out += `${formatChain(spec.day, 2, false)} ${formatChain(spec.hour, 2, false)}:${formatChain(spec.minute, 2, false)}:`;
  out += formatChain(spec.microsecond, 2, true);
  if (spec.utc) out += " UTC";
  else if (spec.timezone !== undefined) out += ` ${spec.timezone}`;
  else if (spec.dst === 0 || spec.dst === 1) {
    const name = tzname[spec.dst];
    if (name) out += ` ${name}`;
  }
  return out;
}
