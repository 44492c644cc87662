/**
 * The exposure score of a service as `systemd-analyze security --offline`
 * computes it, from the unit file and its drop-ins alone. A unit systemd
 * would refuse gets its refusal instead, and a unit that is not a service
 * gets a plain "not a service".
 */
import { defaultSettings, type Settings } from "../../../core/settings.js";
import { unitContext } from "../context.js";
import { parseUnitFile, type UnitFile } from "../parser.js";
import { isEmptyFile } from "../rules/masked-unit.js";
import { refusalsOf } from "../rules/unit-refused.js";
import { describeUnitPath } from "../unit-name.js";
import { securityInfo } from "./effective.js";
import type { SecurityPolicy } from "./policy.js";
import { type Score, scoreInfo } from "./score.js";
import type { Scope, SecurityInfo } from "./types.js";

export interface SecurityInput {
  /** The unit file's path; its name decides the unit name (a template is scored as instance `i`, as systemd-analyze does). */
  path: string;
  text: string;
  /** Its drop-ins, already in systemd's order. */
  dropIns?: { path: string; text: string }[];
  scope?: Scope;
  policy?: SecurityPolicy;
  settings?: Settings;
}

export type SecurityOutcome =
  | { kind: "score"; unit: string; score: Score; info: SecurityInfo }
  | { kind: "refused"; unit: string; reason: string }
  | { kind: "not-a-service"; unit: string; reason: string };

export const notAServiceReason = "only services have an exposure score";

/** The name systemd-analyze gives the unit: a template `foo@.service` becomes `foo@i.service`. */
export function scoredUnitName(path: string): string {
  const info = describeUnitPath(path);
  const name = info.unitName ?? info.fileName;
  return info.isTemplate ? name.replace(/@\./, "@i.") : name;
}

export function scoreService(input: SecurityInput, parsed?: UnitFile): SecurityOutcome {
  const unit = scoredUnitName(input.path);
  const info = describeUnitPath(input.path);
  if (info.type !== "service") return { kind: "not-a-service", unit, reason: notAServiceReason };
  const main = parsed ?? parseUnitFile(input.text);
  const dropIns = (input.dropIns ?? []).map((d) => parseUnitFile(d.text));
  const all = [main, ...dropIns];
  if (isEmptyFile(main)) return { kind: "refused", unit, reason: "The unit file is empty, so systemd treats the unit as masked." };
  const fatal = all
    .flatMap((u) => u.problems)
    .find((p) => p.kind === "invalid-section-header" || p.kind === "invalid-utf8" || p.kind === "line-too-long");
  if (fatal) return { kind: "refused", unit, reason: `systemd cannot parse the unit file: ${fatal.message}` };
  const sections = all.flatMap((u) => u.sections);
  const ctx = unitContext(main, { path: input.path, settings: input.settings ?? defaultSettings, workspace: { unitNames: () => [] } });
  const refusal = refusalsOf(ctx, sections)[0];
  if (refusal) return { kind: "refused", unit, reason: refusal };
  const built = securityInfo(sections, unit, input.scope ?? "system");
  if (built.fatal) {
    return {
      kind: "refused",
      unit,
      reason: `${built.fatal.key}=${built.fatal.value} is not a user name systemd accepts; it refuses to load the unit.`,
    };
  }
  return { kind: "score", unit, score: scoreInfo(built.info, input.policy), info: built.info };
}

export { checks } from "./checks.js";
export { parsePolicy, type SecurityPolicy } from "./policy.js";
export { type CheckResult, type Level, levelOf, type Score } from "./score.js";
