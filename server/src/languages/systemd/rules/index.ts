import type { UnitRule } from "../rule.js";
import { calendarNeverElapses } from "./calendar-never-elapses.js";
import { commentAfterValue } from "./comment-after-value.js";
import { deprecatedDirective } from "./deprecated-directive.js";
import { deprecatedValue } from "./deprecated-value.js";
import { dropinExecStart } from "./dropin-exec-start.js";
import { duplicateDirective } from "./duplicate-directive.js";
import { exposureAbove } from "./exposure-above.js";
import { ignoredLine } from "./ignored-line.js";
import { invalidUnitName } from "./invalid-unit-name.js";
import { invalidValue } from "./invalid-value.js";
import { maskedUnit } from "./masked-unit.js";
import { networkOnlineWithoutWants } from "./network-online-without-wants.js";
import { newerThanTarget } from "./newer-than-target.js";
import { nonportableUserName } from "./nonportable-user-name.js";
import { persistentWithoutCalendar } from "./persistent-without-calendar.js";
import { removedDirective } from "./removed-directive.js";
import { syntaxError } from "./syntax-error.js";
import { timerUnitMissing } from "./timer-unit-missing.js";
import { timerWithoutTrigger } from "./timer-without-trigger.js";
import { timespanAsCalendar } from "./timespan-as-calendar.js";
import { unitRefused } from "./unit-refused.js";
import { unknownDirective } from "./unknown-directive.js";
import { unknownSection } from "./unknown-section.js";

export const systemdRules: readonly UnitRule[] = [
  syntaxError,
  ignoredLine,
  unknownSection,
  unknownDirective,
  invalidValue,
  commentAfterValue,
  deprecatedDirective,
  removedDirective,
  newerThanTarget,
  duplicateDirective,
  unitRefused,
  invalidUnitName,
  dropinExecStart,
  networkOnlineWithoutWants,
  nonportableUserName,
  deprecatedValue,
  maskedUnit,
  exposureAbove,
  // Timers and their calendar events
  timespanAsCalendar,
  calendarNeverElapses,
  timerWithoutTrigger,
  persistentWithoutCalendar,
  timerUnitMissing,
];
