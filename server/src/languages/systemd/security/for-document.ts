/**
 * The score of the unit file open in the editor or linted from the command
 * line: a user unit when it lives in a systemd/user directory, the policy and
 * target from the settings. A drop-in is scored with its unit when the
 * workspace has the unit file; other drop-ins of the unit are not seen yet.
 */
import type { LanguageContext } from "../../../core/language.js";
import type { UnitFile } from "../parser.js";
import { describeUnitPath } from "../unit-name.js";
import { unitTextFrom } from "../unit-set.js";
import { type SecurityInput, type SecurityOutcome, scoreService } from "./index.js";
import type { Scope } from "./types.js";

export function scopeOfPath(path: string): Scope {
  return /[\\/]systemd[\\/]user[\\/]/.test(path) ? "user" : "system";
}

export function documentSecurity(unit: UnitFile, ctx: LanguageContext): { input: SecurityInput; outcome: SecurityOutcome } | undefined {
  const info = describeUnitPath(ctx.path);
  if (info.type !== "service" || !unit.sections.some((s) => s.name === "Service")) return undefined;
  const text = unit.lines.join("\n");
  const common = { scope: scopeOfPath(ctx.path), settings: ctx.settings };
  if (!info.isDropIn) {
    const input: SecurityInput = { path: ctx.path, text, ...common };
    return { input, outcome: scoreService(input, unit) };
  }
  // A drop-in is scored as what it makes of its unit, when the workspace has the unit file.
  const base = info.unitName ? unitTextFrom(ctx.workspace, info.unitName, ctx.path) : undefined;
  if (!info.unitName || base === undefined) return undefined;
  const unitPath = ctx.path.replace(/[^\\/]+[\\/][^\\/]+$/, info.unitName);
  const input: SecurityInput = { path: unitPath, text: base, dropIns: [{ path: ctx.path, text }], ...common };
  return { input, outcome: scoreService(input) };
}
