/**
 * Differential test of the exposure score against the real
 * `systemd-analyze security --offline=yes` (Debian 12's systemd 252).
 *
 * test/fixtures/security-differential/ records systemd's verdicts
 * (test/scripts/record-security.ts): `units.json` for the hand-written units
 * of units/ (each scored as a system and as a user unit), `debian-corpus.json`
 * for every service of the Debian corpus. Our engine must give the same
 * overall exposure for every unit and the same mark and exposure per check,
 * and refuse the units systemd refuses. Where systemd-analyze is installed,
 * the recordings are compared with live runs too (all hand-written units, and
 * SECURITY_LIVE_DIRS unit directories of the corpus, 25 by default, "all" for
 * every one), and corpus services the recording lacks are scored live.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { type Comparison, compareUnit } from "./compare.js";
import { corpusRoot, corpusServices, repo } from "./corpus-services.js";
import { fixtureDir, type Job, type RecordedUnit, readRecording, scoreWithSystemd } from "./recording.js";
import { systemdAnalyze } from "./systemd-security.js";

const unitsDir = join(fixtureDir, "units");
const hasSystemd = existsSync(systemdAnalyze);

interface Tally {
  services: number;
  overall: number;
  checks: number;
  checksMatching: number;
  refused: number;
  differences: string[];
}

function tally(entries: [string, string, RecordedUnit][]): Tally {
  const t: Tally = { services: 0, overall: 0, checks: 0, checksMatching: 0, refused: 0, differences: [] };
  for (const [key, path, recorded] of entries) {
    const c: Comparison = compareUnit(path, recorded);
    t.services++;
    if (c.overallMatches) t.overall++;
    if (recorded.refused !== undefined) t.refused++;
    t.checks += c.checksCompared;
    t.checksMatching += c.checksMatching;
    for (const d of c.differences) t.differences.push(`${key}: ${d}`);
  }
  return t;
}

function report(name: string, t: Tally): void {
  console.log(
    `${name}: ${t.services} services (${t.refused} refused by systemd), same overall exposure for ${t.overall}, same verdict on ${t.checksMatching} of ${t.checks} checks`,
  );
}

function assertAgreement(t: Tally): void {
  assert.deepEqual(t.differences.slice(0, 40), [], `${t.differences.length} differences from systemd`);
  assert.equal(t.overall, t.services);
  assert.equal(t.checksMatching, t.checks);
}

describe("exposure score: hand-written units", () => {
  const recording = readRecording(join(fixtureDir, "units.json"));
  const unitPath = (key: string) => join(unitsDir, key.replace(/^(system|user)\//, ""));

  it("has a recording for every unit, as system and as user unit", () => {
    assert.ok(recording, "units.json is missing: run test/scripts/record-security.ts");
    const files = readdirSync(unitsDir).filter((f) => f.endsWith(".service"));
    for (const f of files)
      for (const scope of ["system", "user"]) assert.ok(recording.units[`${scope}/${f}`], `${scope}/${f} is not recorded`);
  });

  it("agrees with the recorded verdicts of systemd", () => {
    assert.ok(recording);
    const t = tally(Object.entries(recording.units).map(([k, u]) => [k, unitPath(k), u]));
    report("hand-written units", t);
    assertAgreement(t);
    assert.ok(t.refused > 0 && t.services > 40, "the hand-written units include refused ones");
  });

  it("the recording matches a live run", { skip: hasSystemd ? false : `${systemdAnalyze} is not installed` }, async () => {
    assert.ok(recording);
    const jobs: Job[] = Object.entries(recording.units).map(([key, u]) => ({ key, path: unitPath(key), scope: u.scope }));
    const live = await scoreWithSystemd(jobs);
    for (const [key, u] of Object.entries(recording.units)) {
      const l = live[key];
      assert.deepEqual([l?.overall, l?.checks, l?.refused === undefined], [u.overall, u.checks, u.refused === undefined], key);
    }
  });
});

function ensureCorpus(): void {
  if (existsSync(corpusRoot) && !process.env.SECURITY_REFETCH) return;
  const script = join(repo, "test/corpus/fetch-debian-units.sh");
  const r = spawnSync("bash", [script], { cwd: repo, stdio: ["ignore", "inherit", "inherit"], timeout: 20 * 60_000 });
  if (r.status !== 0)
    throw new Error(`${script} failed: the Debian corpus could not be fetched (needs apt-get, dpkg-deb and Debian's archive)`);
}

describe("exposure score: every service of the Debian corpus", () => {
  const recording = readRecording(join(fixtureDir, "debian-corpus.json"));

  it("agrees with systemd on every service, system and user units", async () => {
    assert.ok(recording, "debian-corpus.json is missing: run test/scripts/record-security.ts");
    ensureCorpus();
    const listing = corpusServices();
    const missing = listing.services.filter((s) => !recording.units[s.key]);
    const entries: [string, string, RecordedUnit][] = listing.services
      .filter((s) => recording.units[s.key])
      .map((s) => [s.key, s.path, recording.units[s.key] as RecordedUnit]);
    const t = tally(entries);
    const users = entries.filter(([, , u]) => u.scope === "user").length;
    console.log(
      `corpus: ${listing.packages} packages, ${listing.services.length} services (${users} user units), ${listing.symlinks} symlinked aliases not scored separately`,
    );
    report("debian corpus (recorded)", t);
    assertAgreement(t);
    assert.ok(t.services > 400, `only ${t.services} corpus services compared`);
    if (missing.length > 0) {
      if (!hasSystemd)
        assert.fail(
          `${missing.length} corpus services are not recorded and systemd-analyze is missing: re-run test/scripts/record-security.ts`,
        );
      const live = await scoreWithSystemd(missing.map((s) => ({ key: s.key, path: s.path, scope: s.scope })));
      const lt = tally(missing.map((s) => [s.key, s.path, live[s.key] as RecordedUnit]));
      report("debian corpus (not recorded, scored live)", lt);
      assertAgreement(lt);
    }
  });

  it("the recording matches live runs of systemd-analyze", {
    skip: hasSystemd ? false : `${systemdAnalyze} is not installed`,
  }, async () => {
    assert.ok(recording);
    ensureCorpus();
    const listing = corpusServices().services.filter((s) => recording.units[s.key]);
    const dirs = [...new Set(listing.map((s) => `${s.scope} ${s.dir}`))];
    const wanted = process.env.SECURITY_LIVE_DIRS === "all" ? dirs.length : Number(process.env.SECURITY_LIVE_DIRS ?? 25);
    // An even spread over the corpus, the same every run.
    const step = Math.max(1, Math.floor(dirs.length / wanted));
    const sample = new Set(dirs.filter((_, i) => i % step === 0).slice(0, wanted));
    const jobs = listing.filter((s) => sample.has(`${s.scope} ${s.dir}`)).map((s) => ({ key: s.key, path: s.path, scope: s.scope }));
    const live = await scoreWithSystemd(jobs);
    for (const j of jobs) {
      const r = recording.units[j.key] as RecordedUnit;
      assert.deepEqual([live[j.key]?.overall, live[j.key]?.checks], [r.overall, r.checks], j.key);
    }
    console.log(`live: ${jobs.length} corpus services in ${sample.size} unit directories agree with the recording`);
  });
});
