import { type DirectiveInfo, parserInfo } from "./data.js";

/** Value kinds that hold one value: a second assignment silently replaces the first. */
const singleKinds = new Set([
  "bool",
  "tristate",
  "timespan",
  "timespan-ns",
  "enum",
  "uint",
  "int",
  "percent",
  "size-iec",
  "size-or-percent",
  "uint-or-percent",
  "mode",
  "string",
  "path",
  "unit",
  "user",
  "signal",
  "fdname",
  "ifname",
  "dbus-name",
  "errno",
  "hex-or-path",
  "base64-or-path",
  "rlimit",
]);
/** Parsers of those kinds that nonetheless accumulate. */
const accumulating = new Set([
  "config_parse_path_spec",
  "config_parse_exec_input_text",
  "config_parse_unit_condition_path",
  "config_parse_unit_condition_string",
]);

/** Whether a second assignment of the directive replaces the first (rather than adding to a list). */
export function isSingleValued(d: DirectiveInfo): boolean {
  if (accumulating.has(d.parser)) return false;
  const kind = parserInfo(d.parser)?.kind;
  return kind !== undefined && singleKinds.has(kind);
}
