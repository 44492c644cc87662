/**
 * Exposure-score throughput over every service of the Debian corpus, beside
 * `systemd-analyze security --offline=yes` on the same units in the same run:
 * services scored per second. Ours: in-process, warm, reading each unit and
 * its drop-ins included. systemd-analyze: one process per unit directory (as
 * the differential test runs it), start-up included. Measured, never asserted.
 *
 *   import { benchSecurity, formatSecurityBench } from "./security-bench.js";
 *   console.log(formatSecurityBench(await benchSecurity()));
 */
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { dropInsBeside } from "../../server/src/cli/security-files.js";
import { scoredUnitName, scoreService } from "../../server/src/languages/systemd/security/index.js";
import { type CorpusService, corpusServices } from "../security/corpus-services.js";
import { scoreWithSystemd } from "../security/recording.js";
import { systemdAnalyze } from "../security/systemd-security.js";

export interface SecurityBench {
  services: number;
  oursPerSecond: number;
  oursMedianMs: number;
  systemdPerSecond: number | undefined;
  systemdSeconds: number | undefined;
}

function scoreAll(services: CorpusService[]): number {
  let scored = 0;
  for (const s of services) {
    const text = readFileSync(s.path, "utf8");
    const o = scoreService({ path: s.path, text, dropIns: dropInsBeside(s.path, scoredUnitName(s.path)), scope: s.scope });
    if (o.kind === "score") scored++;
  }
  return scored;
}

export async function benchSecurity(runs = 3): Promise<SecurityBench | undefined> {
  const { services } = corpusServices();
  if (services.length === 0) return undefined;
  scoreAll(services); // warm up: the first passes run before the JIT has compiled the engine
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    scoreAll(services);
    times.push(performance.now() - t0);
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
  let systemdSeconds: number | undefined;
  if (existsSync(systemdAnalyze)) {
    const t0 = performance.now();
    await scoreWithSystemd(
      services.map((s) => ({ key: s.key, path: s.path, scope: s.scope })),
      1,
    );
    systemdSeconds = (performance.now() - t0) / 1000;
  }
  return {
    services: services.length,
    oursPerSecond: services.length / (median / 1000),
    oursMedianMs: median,
    systemdPerSecond: systemdSeconds === undefined ? undefined : services.length / systemdSeconds,
    systemdSeconds,
  };
}

export function formatSecurityBench(b: SecurityBench | undefined): string {
  if (!b) return "exposure score: no corpus (run test/corpus/fetch-debian-units.sh)";
  const ratio = b.systemdPerSecond ? ` (${(b.oursPerSecond / b.systemdPerSecond).toFixed(0)}× systemd-analyze)` : "";
  return [
    `exposure score over ${b.services} corpus services`,
    `  etcetera            ${b.oursPerSecond.toFixed(0).padStart(7)} services/s  in-process, warm, median of 3 (${b.oursMedianMs.toFixed(0)} ms)${ratio}`,
    b.systemdPerSecond === undefined
      ? "  systemd-analyze     not installed"
      : `  systemd-analyze     ${b.systemdPerSecond.toFixed(0).padStart(7)} services/s  security --offline=yes, one process per unit directory, ${b.systemdSeconds?.toFixed(1)} s`,
  ].join("\n");
}
