import type { UnitRule } from "../rule.js";
import { bracelessVariableInWord } from "./braceless-variable-in-word.js";
import { calendarAndMonotonic } from "./calendar-and-monotonic.js";
import { calendarLinesAddUp } from "./calendar-lines-add-up.js";
import { calendarNeverElapses } from "./calendar-never-elapses.js";
import { commentAfterValue } from "./comment-after-value.js";
import { continuationSwallowsDirective } from "./continuation-swallows-directive.js";
import { crlfLineEndings } from "./crlf-line-endings.js";
import { daemonModeVsType } from "./daemon-mode-vs-type.js";
import { deprecatedDirective } from "./deprecated-directive.js";
import { deprecatedValue } from "./deprecated-value.js";
import { dropinExecStart } from "./dropin-exec-start.js";
import { dropinNotConf } from "./dropin-not-conf.js";
import { droppedDependency } from "./dropped-dependency.js";
import { duplicateDirective } from "./duplicate-directive.js";
import { dynamicUserRoot } from "./dynamic-user-root.js";
import { emptyListElement } from "./empty-list-element.js";
import { environmentNoExpansion } from "./environment-no-expansion.js";
import { environmentOneVariable } from "./environment-one-variable.js";
import { execStopRightAfterStart } from "./exec-stop-right-after-start.js";
import { exposureAbove } from "./exposure-above.js";
import { ignoredLine } from "./ignored-line.js";
import { instanceInNonTemplate } from "./instance-in-non-template.js";
import { invalidUnitName } from "./invalid-unit-name.js";
import { invalidValue } from "./invalid-value.js";
import { maskedUnit } from "./masked-unit.js";
import { misleadingTimespan } from "./misleading-timespan.js";
import { networkOnlineWithoutWants } from "./network-online-without-wants.js";
import { newerThanTarget } from "./newer-than-target.js";
import { nonportableUserName } from "./nonportable-user-name.js";
import { orderingCycle } from "./ordering-cycle.js";
import { pathHiddenFromService } from "./path-hidden-from-service.js";
import { persistentWithoutCalendar } from "./persistent-without-calendar.js";
import { pidfileUnderVarRun } from "./pidfile-under-var-run.js";
import { quotedCommandLine } from "./quoted-command-line.js";
import { relativeFileArgument } from "./relative-file-argument.js";
import { removedDirective } from "./removed-directive.js";
import { repeatedSection } from "./repeated-section.js";
import { requirementWithoutOrdering } from "./requirement-without-ordering.js";
import { restartSecWithoutRestart } from "./restart-sec-without-restart.js";
import { settingForOtherType } from "./setting-for-other-type.js";
import { setuidProgramBlocked } from "./setuid-program-blocked.js";
import { shellBuiltinCommand } from "./shell-builtin-command.js";
import { shellSyntaxInCommand } from "./shell-syntax-in-command.js";
import { shellVariableSubstituted } from "./shell-variable-substituted.js";
import { socketServiceMissing } from "./socket-service-missing.js";
import { specifierInDateFormat } from "./specifier-in-date-format.js";
import { sudoInCommand } from "./sudo-in-command.js";
import { syntaxError } from "./syntax-error.js";
import { systemTargetInUserUnit } from "./system-target-in-user-unit.js";
import { timerServiceRestarts } from "./timer-service-restarts.js";
import { timerUnitMissing } from "./timer-unit-missing.js";
import { timerWantedByMultiUser } from "./timer-wanted-by-multi-user.js";
import { timerWithoutTrigger } from "./timer-without-trigger.js";
import { timespanAsCalendar } from "./timespan-as-calendar.js";
import { trailingBackslashAtEnd } from "./trailing-backslash-at-end.js";
import { triggerRequiresOwnUnit } from "./trigger-requires-own-unit.js";
import { unitActiveSecAlone } from "./unit-active-sec-alone.js";
import { unitRefused } from "./unit-refused.js";
import { unknownDirective } from "./unknown-directive.js";
import { unknownSection } from "./unknown-section.js";
import { userInUserUnit } from "./user-in-user-unit.js";
import { userNobody } from "./user-nobody.js";
import { wantedByTimersTarget } from "./wanted-by-timers-target.js";

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
  socketServiceMissing,
  // Mistakes systemd-analyze verify accepts: dependencies, settings without effect, command lines, schedules, files
  requirementWithoutOrdering,
  droppedDependency,
  orderingCycle,
  triggerRequiresOwnUnit,
  wantedByTimersTarget,
  timerWantedByMultiUser,
  restartSecWithoutRestart,
  unitActiveSecAlone,
  settingForOtherType,
  shellSyntaxInCommand,
  shellBuiltinCommand,
  sudoInCommand,
  bracelessVariableInWord,
  environmentNoExpansion,
  calendarLinesAddUp,
  calendarAndMonotonic,
  misleadingTimespan,
  dynamicUserRoot,
  repeatedSection,
  crlfLineEndings,
  trailingBackslashAtEnd,
  continuationSwallowsDirective,
  emptyListElement,
  pidfileUnderVarRun,
  userNobody,
  instanceInNonTemplate,
  systemTargetInUserUnit,
  userInUserUnit,
  shellVariableSubstituted,
  daemonModeVsType,
  execStopRightAfterStart,
  specifierInDateFormat,
  pathHiddenFromService,
  quotedCommandLine,
  environmentOneVariable,
  setuidProgramBlocked,
  relativeFileArgument,
  dropinNotConf,
  timerServiceRestarts,
];
