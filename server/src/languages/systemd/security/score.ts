/**
 * The exposure arithmetic of `systemd-analyze security`: each applicable
 * check adds ceil(badness × weight / range) to a sum, the overall exposure is
 * ceil(sum × 100 / Σ weights) tenths, and a check's own share is shown as
 * ceil(ceil(badness × weight × 100 / range) / Σ weights) tenths.
 */
import { type Check, checks } from "./checks.js";
import type { SecurityPolicy } from "./policy.js";
import type { SecurityInfo } from "./types.js";

export interface CheckResult {
  check: Check;
  /** null: does not apply (root for RemoveIPC=, early-boot service, excluded by policy). */
  badness: number | null;
  weight: number;
  range: number;
  description: string;
  /** In tenths; null when it does not apply. */
  exposureTenths: number | null;
}

export interface Score {
  /** Tenths of a point: 96 is 9.6. */
  exposureTenths: number;
  level: Level;
  results: CheckResult[];
}

export type Level = "PERFECT" | "SAFE" | "OK" | "MEDIUM" | "EXPOSED" | "UNSAFE" | "DANGEROUS";

const levels: [number, Level][] = [
  [100, "DANGEROUS"],
  [90, "UNSAFE"],
  [75, "EXPOSED"],
  [50, "MEDIUM"],
  [10, "OK"],
  [1, "SAFE"],
  [0, "PERFECT"],
];

export function levelOf(tenths: number): Level {
  return (levels.find(([min]) => tenths >= min) ?? [0, "PERFECT"])[1];
}

const ceilDiv = (a: number, b: number) => Math.floor((a + b - 1) / b);

export function scoreInfo(info: SecurityInfo, policy?: SecurityPolicy): Score {
  const partial = checks.map((check) => judge(check, info, policy));
  let badnessSum = 0;
  let weightSum = 0;
  for (const r of partial) {
    if (r.badness === null) continue;
    badnessSum += ceilDiv(r.badness * r.weight, r.range);
    weightSum += r.weight;
  }
  const results = partial.map((r) => ({
    ...r,
    exposureTenths: r.badness === null || weightSum === 0 ? null : ceilDiv(ceilDiv(r.badness * r.weight * 100, r.range), weightSum),
  }));
  const exposureTenths = weightSum === 0 ? 0 : ceilDiv(badnessSum * 100, weightSum);
  return { exposureTenths, level: levelOf(exposureTenths), results };
}

function judge(check: Check, info: SecurityInfo, policy: SecurityPolicy | undefined): Omit<CheckResult, "exposureTenths"> {
  const own = policy?.[check.id];
  const weight = own?.weight ?? check.weight;
  const range = own?.range || check.range;
  if (check.defaultDependenciesOnly && !info.defaultDependencies) {
    return { check, badness: null, weight, range, description: "Does not apply to an early-boot service (DefaultDependencies=no)" };
  }
  if (weight === 0) return { check, badness: null, weight, range, description: "Left out by the security policy" };
  const v = check.assess(info);
  // Like systemd, the good/bad wording depends on the check's own range, not the policy's.
  const fallback =
    v.badness === null
      ? (own?.description_na ?? check.notApplicable)
      : v.badness === check.range
        ? (own?.description_bad ?? check.bad)
        : v.badness === 0
          ? (own?.description_good ?? check.good)
          : undefined;
  return { check, badness: v.badness, weight, range, description: v.description ?? fallback ?? "" };
}
