import type { Range } from "../../../core/text.js";
import type { Entry, Section, UnitFile } from "../parser.js";
import type { Report, UnitCheckContext, UnitRule } from "../rule.js";
import { unitNameFromPath } from "../unit-path-escape.js";
import { entriesOf, indexSections, type KeyIndex } from "../unit-query.js";
import type { UnitLayer } from "../unit-set.js";
import { parseExecValue } from "../values/command.js";
import { validateValue } from "../values/index.js";
import { parseBoolean } from "../values/scalars.js";
import { isEmptyFile } from "./masked-unit.js";

/**
 * Whole-unit checks that make systemd refuse to load a unit ("... Refusing."),
 * on the unit as systemd assembles it from the workspace's unit set (unit
 * file and all its drop-ins); each file reports its own share.
 */
export const unitRefused: UnitRule = {
  meta: {
    id: "systemd/unit-refused",
    severity: "error",
    doc: "A unit systemd refuses to load: a service without ExecStart=, a timer without a trigger, a mount whose name does not match Where=, ...",
  },
  check(ctx, report) {
    // A file with a fatal syntax error is refused for that reason already.
    const fatal = ctx.unit.problems.some(
      (p) => p.kind === "invalid-section-header" || p.kind === "invalid-utf8" || p.kind === "line-too-long",
    );
    // A file in a drop-in directory without .conf is never loaded at all (systemd/dropin-not-conf says so).
    if (!ctx.type || fatal || isEmptyFile(ctx.unit) || ctx.info.strayInDropInDir) return;
    const check = checks[ctx.type];
    if (!check) return;
    const loaded = ctx.effective();
    const self = ctx.selfLayer();
    if (!loaded?.fragment || !self) {
      // Without its unit file a drop-in says nothing about refusal; a unit file is judged alone.
      if (!ctx.info.isDropIn) check(viewOf(ctx, ctx.unit.sections, [ctx.unit]), (range, message) => report(range, message));
      return;
    }
    // Mounts, automounts and swaps are checked by name against their own file only.
    if (self.role === "drop-in" && (ctx.type === "mount" || ctx.type === "automount" || ctx.type === "swap")) return;
    judgeEffective(ctx, check, loaded.layers, self, loaded.name, report);
  },
};

/** What systemd says when it refuses the unit these sections make up (its unit file, then its drop-ins); empty when it loads. */
export function refusalsOf(ctx: UnitCheckContext, sections: Section[]): string[] {
  const out: string[] = [];
  if (ctx.type) checks[ctx.type]?.(viewOf(ctx, sections), (_range, message) => out.push(message));
  return out;
}

/** The sections of a unit as systemd assembles it (unit file, then drop-ins), and where to report. */
interface UnitView {
  ctx: UnitCheckContext;
  sections: Section[];
  /** Where a finding without a line of its own goes. */
  anchor(section: string): Range;
  /** The assignments of `key` in the sections named `section`, in order: from an index, not a walk over all. */
  assignments(section: string, key: string): readonly Entry[];
}

type Check = (view: UnitView, report: Report) => void;

const triggerKeys = {
  Socket: new Set([
    "ListenStream",
    "ListenDatagram",
    "ListenSequentialPacket",
    "ListenFIFO",
    "ListenSpecial",
    "ListenNetlink",
    "ListenMessageQueue",
    "ListenUSBFunction",
  ]),
  Timer: new Set([
    "OnActiveSec",
    "OnBootSec",
    "OnStartupSec",
    "OnUnitActiveSec",
    "OnUnitInactiveSec",
    "OnCalendar",
    "OnClockChange",
    "OnTimezoneChange",
  ]),
  Path: new Set(["PathExists", "PathExistsGlob", "PathChanged", "PathModified", "DirectoryNotEmpty"]),
};

const checks: Partial<Record<string, Check>> = {
  service: checkService,
  socket: checkSocket,
  timer: (v, r) =>
    requireValid(
      v,
      r,
      "Timer",
      triggerKeys.Timer,
      "A timer needs a valid trigger (OnCalendar=, OnBootSec=, OnUnitActiveSec=, ...); systemd refuses it.",
    ),
  path: (v, r) =>
    requireValid(
      v,
      r,
      "Path",
      triggerKeys.Path,
      "A path unit needs a valid path to watch (PathExists=, PathChanged=, ...); systemd refuses it.",
    ),
  mount: (v, r) => checkNameMatchesPath(v, r, "Mount", "Where", ".mount", true),
  automount: (v, r) => checkNameMatchesPath(v, r, "Automount", "Where", ".automount", false),
  swap: (v, r) => checkNameMatchesPath(v, r, "Swap", "What", ".swap", false),
};

function defaultAnchor(ctx: UnitCheckContext, sections: Section[], name: string): Range {
  return (
    sections.find((s) => s.name === name)?.nameRange ??
    ctx.unit.sections[0]?.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
  );
}

/** `files`: the files the sections come from, in order, whose indexes are kept with their parse. */
function viewOf(ctx: UnitCheckContext, sections: Section[], files?: readonly UnitFile[]): UnitView {
  let index: KeyIndex | undefined;
  const assignments = files
    ? (section: string, key: string) =>
        files.length === 1 ? entriesOf(files[0] as UnitFile, section, key) : files.flatMap((f) => entriesOf(f, section, key))
    : (section: string, key: string) => {
        index ??= indexSections(sections);
        return index.get(section)?.get(key) ?? [];
      };
  return { ctx, sections, anchor: (name) => defaultAnchor(ctx, sections, name), assignments };
}

function isValid(view: UnitView, entry: Entry): boolean {
  const d = view.ctx.directiveOf(entry);
  return !d || validateValue(d, entry.value, view.ctx.targetVersion, view.ctx.type).length === 0;
}

/** The effective assignments of a key: an empty assignment resets those before it; invalid ones are ignored as systemd does. */
function effective(view: UnitView, section: string, key: string): Entry[] {
  const out: Entry[] = [];
  for (const e of view.assignments(section, key)) {
    if (e.value === "") out.length = 0;
    else if (isValid(view, e)) out.push(e);
  }
  return out;
}

function last(view: UnitView, section: string, key: string): Entry | undefined {
  const all = effective(view, section, key);
  return all[all.length - 1];
}

function requireValid(view: UnitView, report: Report, section: string, keys: Set<string>, message: string): void {
  const has = [...keys].some((key) => view.assignments(section, key).some((e) => e.value !== "" && isValid(view, e)));
  if (!has) report(view.anchor(section), message);
}

function checkService(view: UnitView, report: Report): void {
  const starts = effective(view, "Service", "ExecStart").flatMap((e) => {
    const p = parseExecValue(e.value);
    return p.ok ? p.commands.map(() => e) : [];
  });
  const anyStart = view.assignments("Service", "ExecStart").some((e) => e.value !== "");
  const stops = effective(view, "Service", "ExecStop");
  const successAction = last(view, "Unit", "SuccessAction")?.value;
  const type = last(view, "Service", "Type")?.value ?? (starts.length > 0 ? "simple" : "oneshot");
  const at = view.anchor("Service");
  if (starts.length === 0 && stops.length === 0 && (!successAction || successAction === "none")) {
    report(
      at,
      anyStart
        ? "The service has no valid ExecStart= (the one given is invalid), no ExecStop= and no SuccessAction=; systemd refuses to load it."
        : "The service has no ExecStart=, ExecStop= or SuccessAction=; systemd refuses to load it.",
    );
    return;
  }
  if (starts.length === 0 && type !== "oneshot") {
    report(at, `A Type=${type} service needs ExecStart=; only Type=oneshot may go without. systemd refuses to load it.`);
  }
  const second = starts[1];
  if (second && type !== "oneshot") {
    report(
      second.keyRange,
      `A second ExecStart= is only allowed for Type=oneshot services; this is Type=${type}. systemd refuses to load the unit.`,
    );
  }
  const restart = last(view, "Service", "Restart");
  if (type === "oneshot" && (restart?.value === "always" || restart?.value === "on-success")) {
    report(
      restart.valueRange,
      `Restart=${restart.value} is not allowed for Type=oneshot services; systemd refuses to load the unit. Use on-failure.`,
    );
  }
  if (type === "dbus" && !last(view, "Service", "BusName")) {
    report(at, "A Type=dbus service needs BusName=; systemd refuses to load it.");
  }
  const killMode = last(view, "Service", "KillMode");
  if (last(view, "Service", "PAMName") && killMode && killMode.value !== "control-group" && killMode.value !== "mixed") {
    report(
      killMode.valueRange,
      `With PAMName= set, KillMode= must be control-group or mixed, not ${killMode.value}; systemd refuses to load the unit.`,
    );
  }
}

function checkSocket(view: UnitView, report: Report): void {
  requireValid(
    view,
    report,
    "Socket",
    triggerKeys.Socket,
    "A socket unit needs a valid Listen…= setting (ListenStream=, ListenDatagram=, ...); systemd refuses it.",
  );
  // Neither an empty Accept= (an empty boolean) nor an empty Service= resets anything: systemd ignores both lines.
  const lastSet = (key: string) => {
    let found: Entry | undefined;
    for (const e of view.assignments("Socket", key)) if (e.value !== "" && isValid(view, e)) found = e;
    return found;
  };
  const accept = lastSet("Accept");
  const service = lastSet("Service");
  if (!accept || !service || parseBoolean(accept.value) !== true) return;
  report(
    service.valueRange,
    'With Accept=yes systemd starts an instance of the template NAME@.service for each connection and refuses a socket that names its service ("Explicit service configuration for accepting socket units not supported"). Remove Service= and provide the template, or set Accept=no.',
  );
}

function checkNameMatchesPath(view: UnitView, report: Report, section: string, key: string, suffix: string, requireWhat: boolean): void {
  const { info } = view.ctx;
  const entry = effective(view, section, key).pop();
  if (requireWhat && !last(view, "Mount", "What")) report(view.anchor(section), "A mount unit needs What=; systemd refuses to load it.");
  if (!entry || /%/.test(entry.value) || !entry.value.startsWith("/") || info.isTemplate) return;
  const expected = unitNameFromPath(entry.value, suffix);
  if (info.unitName && expected !== info.unitName) {
    report(
      entry.valueRange,
      `${key}=${entry.value} means this unit must be named '${expected}', not '${info.unitName}'; systemd refuses it.`,
    );
  }
}

/**
 * Judges the unit as systemd loads it (fragment and every drop-in, in order)
 * and reports in this file what this file is responsible for: in the unit
 * file, what it gets wrong on its own and no drop-in repairs (a packaged
 * drop-in may supply the ExecStart=); in a drop-in, what the unit would not
 * suffer without it.
 */
function judgeEffective(ctx: UnitCheckContext, check: Check, layers: UnitLayer[], self: UnitLayer, name: string, report: Report): void {
  const anchor = (section: string) => defaultAnchor(ctx, ctx.unit.sections, section);
  const findings = (of: UnitLayer[]) => {
    const out = new Map<string, Range>();
    const view = viewOf(
      ctx,
      of.flatMap((l) => l.file.sections),
      of.map((l) => l.file),
    );
    check({ ...view, anchor }, (range, message) => {
      if (!out.has(message)) out.set(message, range);
    });
    return out;
  };
  // Built only when there is a finding to place: most units have none.
  let own: Set<Range> | undefined;
  const place = (range: Range) => {
    own ??= new Set(ctx.unit.sections.flatMap((s) => [s.nameRange, ...s.entries.flatMap((e) => [e.keyRange, e.valueRange, e.range])]));
    return own.has(range) ? range : anchor("Service");
  };
  const all = findings(layers);
  if (self.role === "fragment") {
    const alone = findings([self]);
    for (const [message, range] of all) if (alone.has(message)) report(place(range), message);
    return;
  }
  const without = findings(layers.filter((l) => l !== self));
  for (const [message, range] of all) if (!without.has(message)) report(place(range), `With this drop-in, ${name} is refused: ${message}`);
}
