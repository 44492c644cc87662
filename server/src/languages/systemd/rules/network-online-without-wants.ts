import type { Entry } from "../parser.js";
import { parseUnitFile } from "../parser.js";
import { allEntries, type UnitCheckContext, type UnitRule } from "../rule.js";
import { unitTextFrom } from "../unit-set.js";

const pulling = new Set(["Wants", "Requires", "BindsTo"]);
/** Whether a command line runs a wait-online helper: a word containing `wait-online`, or `nm-online` by name or path. */
const runsWaitOnline = (command: string) =>
  command.split(/\s+/).some((w) => w.includes("wait-online") || w === "nm-online" || w.endsWith("/nm-online"));
const pullsNetworkOnline = (key: string, value: string) => pulling.has(key) && /(^|\s)network-online\.target(\s|$)/.test(value);
/** The keys that make After=network-online.target mean something in the unit itself (or its drop-ins). */
const satisfying = ["Wants", "Requires", "BindsTo", "Requisite"];

/**
 * Whether a unit this one pulls in (Wants=, Requires=, BindsTo=), as the
 * workspace has it, wants network-online.target itself: then the target is
 * part of the same start transaction and After= orders against it (Debian's
 * drbd@.target requires drbd@%i.service, which wants the target).
 */
function pullsInViaDependency(ctx: UnitCheckContext): boolean {
  for (const e of allEntries(ctx.unit)) {
    if (e.section.name !== "Unit" || !pulling.has(e.key)) continue;
    for (const name of e.value.split(/\s+/)) {
      // drbd@%i.service (the same instance of another template) is configured by that template's file, drbd@.service.
      const file = name.replace(/@%[iI](\.[a-z]+)$/, "@$1");
      if (file === "" || file.includes("%")) continue;
      const text =
        unitTextFrom(ctx.workspace, file, ctx.path) ?? unitTextFrom(ctx.workspace, file.replace(/@[^@.]+(\.[a-z]+)$/, "@$1"), ctx.path);
      if (!text) continue;
      const other = parseUnitFile(text);
      if (other.sections.some((s) => s.name === "Unit" && s.entries.some((x) => pullsNetworkOnline(x.key, x.value)))) return true;
    }
  }
  return false;
}

export const networkOnlineWithoutWants: UnitRule = {
  meta: {
    id: "systemd/network-online-without-wants",
    severity: "warning",
    doc: "After=network-online.target only orders; without Wants= (or Requires=) network-online.target nothing pulls it in and the unit may start before the network is up.",
  },
  check(ctx, report) {
    if (ctx.info.isDropIn) return;
    const mentions = (key: string) =>
      [...allEntries(ctx.unit)].filter(
        (e) => e.section.name === "Unit" && e.key === key && /(^|\s)network-online\.target(\s|$)/.test(e.value),
      );
    const after = mentions("After")[0];
    if (!after || satisfying.some((k) => mentions(k).length > 0)) return;
    // A drop-in of the unit may pull the target in (`app.service.d/network.conf` with Wants=network-online.target).
    const dropIns = ctx.effective()?.dropIns ?? [];
    const inDropIn = (e: Entry) =>
      e.section.name === "Unit" && satisfying.includes(e.key) && /(^|\s)network-online\.target(\s|$)/.test(e.value);
    if (dropIns.some((d) => allEntries(d.file).some(inDropIn))) return;
    if (pullsInViaDependency(ctx)) return;
    // A service that runs a wait-online helper before it starts waits for the network itself (Debian's apt-daily.service).
    if ([...allEntries(ctx.unit)].some((e) => e.section.name === "Service" && e.key === "ExecStartPre" && runsWaitOnline(e.value))) return;
    // An inetd-style service runs only for a connection its socket accepted: the network is up by then.
    if ([...allEntries(ctx.unit)].some((e) => e.section.name === "Service" && e.key === "StandardInput" && e.value === "socket")) return;
    // Insert after the After= line; at the end of a file without a final newline, start a new line first.
    const endLine = after.range.end.line;
    const atEnd = endLine + 1 >= ctx.unit.lines.length;
    const at = atEnd ? { line: endLine, character: (ctx.unit.lines[endLine] ?? "").length } : { line: endLine + 1, character: 0 };
    report(
      after.valueRange,
      "After=network-online.target without Wants=network-online.target: nothing starts that target, so this unit may run before the network is up.",
      [
        {
          title: "Add Wants=network-online.target",
          preferred: true,
          edits: [{ range: { start: at, end: at }, newText: atEnd ? "\nWants=network-online.target" : "Wants=network-online.target\n" }],
        },
      ],
    );
  },
};
