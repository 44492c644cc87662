import type { CompletionItem, LanguageContext } from "../../core/language.js";
import { type Position, tailWhile } from "../../core/text.js";
import { calendarCompletions } from "./calendar-completion.js";
import { unitContext } from "./context.js";
import { allSections, type DirectiveInfo, directivesOfSection, parserInfo, sectionsForType, specifiers } from "./data.js";
import { directiveMarkdown, valueKindText } from "./docs.js";
import { sectionAt, type UnitFile } from "./parser.js";
import { isSingleValued } from "./single-valued.js";
import { valueDocs } from "./value-docs.js";

/** Targets and services worth offering in dependency lists even when the workspace has none. */
const wellKnownUnits = [
  "multi-user.target",
  "network.target",
  "network-online.target",
  "graphical.target",
  "default.target",
  "sysinit.target",
  "basic.target",
  "timers.target",
  "sockets.target",
  "paths.target",
  "local-fs.target",
  "remote-fs.target",
  "nss-lookup.target",
  "time-sync.target",
  "shutdown.target",
  "syslog.socket",
  "dbus.socket",
];

const unitListParsers = new Set([
  "config_parse_unit_deps",
  "config_parse_strv",
  "config_parse_also",
  "config_parse_trigger_unit",
  "config_parse_unit_slice",
  "config_parse_service_sockets",
  "config_parse_socket_service",
  "config_parse_obsolete_unit_deps",
]);

/** Value kinds whose values completion can list. */
const enumerableKinds = new Set([
  "enum",
  "bool",
  "tristate",
  "bool-or-list",
  "signal",
  "capability-list",
  "af-list",
  "syscall-list",
  "arch-list",
  "namespace-list",
  "fs-list",
  "flags",
  "controller-list",
  "exit-status-list",
  "open-file",
]);

/** Whether completion has values to offer right after `Name=` (so the editor may open the list at once). */
function offersValues(d: DirectiveInfo): boolean {
  return d.name === "OnCalendar" || unitListParsers.has(d.parser) || enumerableKinds.has(parserInfo(d.parser)?.kind ?? "");
}

export function completeUnit(unit: UnitFile, position: Position, lctx: LanguageContext): CompletionItem[] {
  const ctx = unitContext(unit, lctx);
  const line = unit.lines[position.line] ?? "";
  const before = line.slice(0, position.character);
  const trimmed = before.trimStart();
  const indent = before.length - trimmed.length;
  if (trimmed.startsWith("#") || trimmed.startsWith(";")) return [];

  if (trimmed.startsWith("[")) {
    const present = new Set(unit.sections.map((s) => s.name));
    const range = { start: { line: position.line, character: indent }, end: { line: position.line, character: line.length } };
    return (ctx.type ? sectionsForType(ctx.type) : allSections).map((name, i) => ({
      label: `[${name}]`,
      kind: "section",
      insertText: `[${name}]`,
      range,
      sortText: `${present.has(name) ? 1 : 0}${i}`,
    }));
  }

  const eq = before.indexOf("=");
  const section = sectionAt(unit, position.line);
  if (eq < 0) {
    if (!section) return [];
    const range = { start: { line: position.line, character: indent }, end: { line: position.line, character: position.character } };
    // A directive that holds one value and is already set in this section would only replace it.
    const alreadySet = new Set(section.entries.filter((e) => e.range.start.line !== position.line && e.value !== "").map((e) => e.key));
    return directivesOfSection(section.name, ctx.type)
      .filter((d) => d.status !== "legacy-alias" && d.status !== "removed-ignored")
      .filter((d) => !(alreadySet.has(d.name) && isSingleValued(d)))
      .map((d) => ({
        label: d.name,
        kind: "directive" as const,
        detail: `[${d.section}] ${valueKindText(d)}${d.status === "current" ? "" : ` (${d.status})`}`,
        documentation: directiveMarkdown(d),
        insertText: `${d.name}=`,
        range,
        valueFollows: offersValues(d),
        sortText: `${d.status === "current" ? 0 : 1}${d.name}`,
      }));
  }

  if (!section) return [];
  const key = before.slice(0, eq).trim();
  const directive = directivesOfSection(section.name, ctx.type).find((d) => d.name === key);
  const valueSoFar = before.slice(eq + 1);
  const wordStart = position.character - tailWhile(valueSoFar, (c) => !/\s/.test(c)).length;
  const word = before.slice(wordStart);
  const wordRange = { start: { line: position.line, character: wordStart }, end: { line: position.line, character: position.character } };

  const percent = word.lastIndexOf("%");
  if (percent >= 0 && percent === word.length - 1) {
    const at = wordStart + percent;
    return specifiers
      .filter((s) => s.inUnitFiles && !s.deprecated)
      .map((s) => ({
        label: s.specifier,
        kind: "specifier",
        detail: s.meaning,
        insertText: s.specifier,
        range: { start: { line: position.line, character: at }, end: { line: position.line, character: position.character } },
      }));
  }
  if (!directive) return [];
  // OnCalendar=: shorthands and weekday names.
  if (directive.name === "OnCalendar") return calendarCompletions(valueSoFar.trimStart(), position);
  const parser = parserInfo(directive.parser);
  if (unitListParsers.has(directive.parser)) {
    const own = ctx.info.unitName;
    const names = new Set([...lctx.workspace.unitNames(), ...wellKnownUnits]);
    return [...names]
      .filter((n) => n !== own)
      .map((n) => ({ label: n, kind: "unit" as const, range: wordRange, sortText: `${wellKnownUnits.includes(n) ? 1 : 0}${n}` }));
  }
  const kind = parser?.kind;
  const values =
    kind === "bool" || kind === "tristate" || kind === "bool-or-list"
      ? ["yes", "no"]
      : (parser?.allowed ?? []).filter((v) => !v.includes("+n") && !v.includes("-n") && !v.endsWith("()"));
  if (enumerableKinds.has(kind ?? "")) {
    const docs = valueDocs[directive.name];
    return values.map((v) => ({
      label: v,
      kind: "value" as const,
      range: wordRange,
      detail: `${directive.name}=${v}`,
      documentation: docs?.[v] ?? directiveMarkdown(directive),
    }));
  }
  return [];
}
