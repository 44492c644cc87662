/**
 * The score of the unit file open in the editor or linted from the command
 * line: a user unit when it lives in a systemd/user directory, the policy and
 * target from the settings. Drop-ins in other files are not seen here yet.
 */
import type { LanguageContext } from "../../../core/language.js";
import type { UnitFile } from "../parser.js";
import { describeUnitPath } from "../unit-name.js";
import { type SecurityInput, type SecurityOutcome, scoreService } from "./index.js";
import type { Scope } from "./types.js";

export function scopeOfPath(path: string): Scope {
  return /[\\/]systemd[\\/]user[\\/]/.test(path) ? "user" : "system";
}

export function documentSecurity(unit: UnitFile, ctx: LanguageContext): { input: SecurityInput; outcome: SecurityOutcome } | undefined {
  const info = describeUnitPath(ctx.path);
  if (info.isDropIn || info.type !== "service" || !unit.sections.some((s) => s.name === "Service")) return undefined;
  const input: SecurityInput = { path: ctx.path, text: unit.lines.join("\n"), scope: scopeOfPath(ctx.path), settings: ctx.settings };
  return { input, outcome: scoreService(input, unit) };
}
