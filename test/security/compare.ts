/**
 * Scores a recorded unit with our engine and compares it with systemd's
 * verdict: the overall exposure, and per check the mark and exposure.
 */
import { readFileSync } from "node:fs";
import { dropInsBeside } from "../../server/src/cli/security-files.js";
import { type SecurityOutcome, scoredUnitName, scoreService } from "../../server/src/languages/systemd/security/index.js";
import type { Scope } from "../../server/src/languages/systemd/security/types.js";
import { encodeResults, type RecordedUnit } from "./recording.js";

export interface Comparison {
  overallMatches: boolean;
  checksCompared: number;
  checksMatching: number;
  /** Human-readable differences, empty when everything agrees. */
  differences: string[];
}

export function ourOutcome(path: string, scope: Scope): SecurityOutcome {
  const text = readFileSync(path, "utf8");
  return scoreService({ path, text, dropIns: dropInsBeside(path, scoredUnitName(path)), scope });
}

export function compareUnit(path: string, recorded: RecordedUnit): Comparison {
  const ours = ourOutcome(path, recorded.scope);
  if (recorded.refused !== undefined || !recorded.checks) {
    const ok = ours.kind === "refused";
    return {
      overallMatches: ok,
      checksCompared: 0,
      checksMatching: 0,
      differences: ok ? [] : [`systemd refuses it (${recorded.refused}), we score it`],
    };
  }
  if (ours.kind !== "score")
    return {
      overallMatches: false,
      checksCompared: 0,
      checksMatching: 0,
      differences: [`systemd scores it ${recorded.overall}, we say: ${ours.reason}`],
    };
  const overall = (ours.score.exposureTenths / 10).toFixed(1);
  const differences: string[] = [];
  if (overall !== recorded.overall) differences.push(`overall ${overall}, systemd ${recorded.overall}`);
  const theirs = recorded.checks.split(" ");
  const mine = encodeResults(ours.score.results).split(" ");
  let matching = 0;
  mine.forEach((token, i) => {
    if (token === theirs[i]) matching++;
    else differences.push(`${ours.score.results[i]?.check.id}: ours ${token}, systemd ${theirs[i]}`);
  });
  for (const extra of theirs.slice(mine.length)) differences.push(`systemd has a check we lack: ${extra}`);
  return { overallMatches: overall === recorded.overall, checksCompared: mine.length, checksMatching: matching, differences };
}
