/**
 * The part of glibc's strptime() that systemd's time stamp parser uses:
 * %y %Y %m %d %H %M %S %b in the C locale, with glibc's rules for white
 * space and digit counts, and its computation of the weekday.
 */
import { daysFromCivil, type Tm } from "./broken-down.js";
import { isCSpace, isDigit, startsWithNoCase } from "./text.js";

const monthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Parses `input` against `format` into `tm`; returns the offset where parsing stopped, or undefined. */
export function strptime(input: string, format: string, tm: Tm): number | undefined {
  let rp = 0;
  let fp = 0;
  let wantXday = false;
  const number = (from: number, to: number, digits: number): number | undefined => {
    while (isCSpace(input[rp])) rp++;
    if (!isDigit(input[rp])) return undefined;
    let val = 0;
    let n = digits;
    do {
      val = val * 10 + Number(input[rp++]);
    } while (--n > 0 && val * 10 <= to && isDigit(input[rp]));
    return val < from || val > to ? undefined : val;
  };
  while (fp < format.length) {
    const f = format[fp] as string;
    if (isCSpace(f)) {
      while (isCSpace(input[rp])) rp++;
      fp++;
      continue;
    }
    if (f !== "%") {
      if (input[rp] !== f) return undefined;
      rp++;
      fp++;
      continue;
    }
    const conversion = format[fp + 1];
    fp += 2;
    let v: number | undefined;
    switch (conversion) {
      case "y":
        v = number(0, 99, 2);
        if (v === undefined) return undefined;
        tm.year = v >= 69 ? v : v + 100;
        wantXday = true;
        break;
      case "Y":
        v = number(0, 9999, 4);
        if (v === undefined) return undefined;
        tm.year = v - 1900;
        wantXday = true;
        break;
      case "m":
        v = number(1, 12, 2);
        if (v === undefined) return undefined;
        tm.mon = v - 1;
        wantXday = true;
        break;
      case "d":
        v = number(1, 31, 2);
        if (v === undefined) return undefined;
        tm.mday = v;
        wantXday = true;
        break;
      case "H":
        v = number(0, 23, 2);
        if (v === undefined) return undefined;
        tm.hour = v;
        break;
      case "M":
        v = number(0, 59, 2);
        if (v === undefined) return undefined;
        tm.min = v;
        break;
      case "S":
        v = number(0, 61, 2);
        if (v === undefined) return undefined;
        tm.sec = v;
        break;
      case "b": {
        let longest = -1;
        let month = -1;
        monthNames.forEach((name, i) => {
          for (const candidate of [name, name.slice(0, 3)]) {
            if (startsWithNoCase(input, candidate, rp) && rp + candidate.length > longest) {
              longest = rp + candidate.length;
              month = i;
            }
          }
        });
        if (month < 0) return undefined;
        rp = longest;
        tm.mon = month;
        wantXday = true;
        break;
      }
      default:
        return undefined;
    }
  }
  if (wantXday && tm.year >= -1900) {
    const days = daysFromCivil(tm.year + 1900, tm.mon + 1, 1) + tm.mday - 1;
    tm.wday = (((4 + days) % 7) + 7) % 7;
  }
  return rp;
}
