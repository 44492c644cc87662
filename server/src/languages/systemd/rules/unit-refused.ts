import type { Range } from "../../../core/text.js";
import type { Entry, Section } from "../parser.js";
import type { Report, UnitCheckContext, UnitRule } from "../rule.js";
import { unitNameFromPath } from "../unit-path-escape.js";
import { parseExecValue } from "../values/command.js";

/**
 * Whole-unit checks that make systemd refuse to load a unit ("... Refusing."),
 * for complete unit files only: a drop-in sees just part of the unit.
 */
export const unitRefused: UnitRule = {
  meta: {
    id: "systemd/unit-refused",
    severity: "error",
    doc: "A unit systemd refuses to load: a service without ExecStart=, a timer without a trigger, a mount whose name does not match Where=, ...",
  },
  check(ctx, report) {
    // A drop-in is only part of a unit; a file with a fatal syntax error is refused for that reason already.
    if (
      ctx.info.isDropIn ||
      !ctx.type ||
      ctx.unit.problems.some((p) => p.kind !== "missing-equals" && p.kind !== "missing-key" && p.kind !== "assignment-outside-section")
    )
      return;
    const checks: Partial<Record<string, (ctx: UnitCheckContext, report: Report) => void>> = {
      service: checkService,
      socket: (c, r) =>
        requireOne(
          c,
          r,
          "Socket",
          /^Listen/,
          "A socket unit needs a Listen…= setting (ListenStream=, ListenDatagram=, ...); systemd refuses it.",
        ),
      timer: (c, r) =>
        requireOne(
          c,
          r,
          "Timer",
          /^On(ActiveSec|BootSec|StartupSec|UnitActiveSec|UnitInactiveSec|Calendar|ClockChange|TimezoneChange)$/,
          "A timer needs a trigger (OnCalendar=, OnBootSec=, OnUnitActiveSec=, ...); systemd refuses it.",
        ),
      path: (c, r) =>
        requireOne(
          c,
          r,
          "Path",
          /^(PathExists|PathExistsGlob|PathChanged|PathModified|DirectoryNotEmpty)$/,
          "A path unit needs a path to watch (PathExists=, PathChanged=, ...); systemd refuses it.",
        ),
      mount: (c, r) => checkNameMatchesPath(c, r, "Mount", "Where", ".mount", true),
      automount: (c, r) => checkNameMatchesPath(c, r, "Automount", "Where", ".automount", false),
      swap: (c, r) => checkNameMatchesPath(c, r, "Swap", "What", ".swap", false),
    };
    checks[ctx.type]?.(ctx, report);
  },
};

function sectionOf(ctx: UnitCheckContext, name: string): Section | undefined {
  return ctx.unit.sections.find((s) => s.name === name);
}

function anchor(ctx: UnitCheckContext, section: string): Range {
  return (
    sectionOf(ctx, section)?.nameRange ??
    ctx.unit.sections[0]?.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
  );
}

/** The effective assignments of a key: an empty assignment resets those before it. */
function effective(ctx: UnitCheckContext, section: string, key: string): Entry[] {
  let out: Entry[] = [];
  for (const s of ctx.unit.sections) {
    if (s.name !== section) continue;
    for (const e of s.entries) if (e.key === key) out = e.value === "" ? [] : [...out, e];
  }
  return out;
}

function last(ctx: UnitCheckContext, section: string, key: string): string | undefined {
  const all = effective(ctx, section, key);
  return all[all.length - 1]?.value;
}

function requireOne(ctx: UnitCheckContext, report: Report, section: string, keys: RegExp, message: string): void {
  const has = ctx.unit.sections.some((s) => s.name === section && s.entries.some((e) => keys.test(e.key) && e.value !== ""));
  if (!has) report(anchor(ctx, section), message);
}

function checkService(ctx: UnitCheckContext, report: Report): void {
  const starts = effective(ctx, "Service", "ExecStart").filter((e) => parseExecValue(e.value).ok);
  const commands = starts.flatMap((e) => {
    const p = parseExecValue(e.value);
    return p.ok ? p.commands.map(() => e) : [];
  });
  const stops = effective(ctx, "Service", "ExecStop");
  const successAction = last(ctx, "Unit", "SuccessAction");
  const type = last(ctx, "Service", "Type") ?? (commands.length > 0 ? "simple" : "oneshot");
  const at = anchor(ctx, "Service");
  if (commands.length === 0 && stops.length === 0 && (!successAction || successAction === "none")) {
    report(at, "The service has no ExecStart=, ExecStop= or SuccessAction=; systemd refuses to load it.");
    return;
  }
  if (commands.length === 0 && type !== "oneshot") {
    report(at, `A Type=${type} service needs ExecStart=; only Type=oneshot may go without. systemd refuses to load it.`);
  }
  const second = commands[1];
  if (second && type !== "oneshot") {
    report(
      second.keyRange,
      `A second ExecStart= is only allowed for Type=oneshot services; this is Type=${type}. systemd refuses to load the unit.`,
    );
  }
  const restart = last(ctx, "Service", "Restart");
  if (type === "oneshot" && (restart === "always" || restart === "on-success")) {
    const entry = effective(ctx, "Service", "Restart").pop();
    report(
      entry?.valueRange ?? at,
      `Restart=${restart} is not allowed for Type=oneshot services; systemd refuses to load the unit. Use on-failure.`,
    );
  }
  if (type === "dbus" && !last(ctx, "Service", "BusName")) {
    report(at, "A Type=dbus service needs BusName=; systemd refuses to load it.");
  }
  const pam = last(ctx, "Service", "PAMName");
  const killMode = last(ctx, "Service", "KillMode") ?? "control-group";
  if (pam && killMode !== "control-group" && killMode !== "mixed") {
    const entry = effective(ctx, "Service", "KillMode").pop();
    report(
      entry?.valueRange ?? at,
      `With PAMName= set, KillMode= must be control-group or mixed, not ${killMode}; systemd refuses to load the unit.`,
    );
  }
}

function checkNameMatchesPath(
  ctx: UnitCheckContext,
  report: Report,
  section: string,
  key: string,
  suffix: string,
  requireWhat: boolean,
): void {
  const entry = effective(ctx, section, key).pop();
  if (requireWhat && !last(ctx, "Mount", "What")) report(anchor(ctx, section), "A mount unit needs What=; systemd refuses to load it.");
  if (!entry || /%/.test(entry.value) || !entry.value.startsWith("/") || ctx.info.isTemplate) return;
  const expected = unitNameFromPath(entry.value, suffix);
  if (ctx.info.unitName && expected !== ctx.info.unitName) {
    report(
      entry.valueRange,
      `${key}=${entry.value} means this unit must be named '${expected}', not '${ctx.info.unitName}'; systemd refuses it.`,
    );
  }
}
