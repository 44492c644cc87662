/**
 * Records what the real `systemd-analyze security --offline=yes` says about
 * every service of the Debian corpus and of the hand-written units in
 * test/fixtures/security-differential/units/, into
 * test/fixtures/security-differential/{debian-corpus,units}.json.
 * Run on Debian 12 after test/corpus/fetch-debian-units.sh:
 *   node --import tsx test/scripts/record-security.ts
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusServices } from "../security/corpus-services.js";
import { commandLine, fixtureDir, type Job, type Recording, scoreWithSystemd, systemdVersionLine } from "../security/recording.js";

async function record(name: string, jobs: Job[]): Promise<void> {
  const systemd = systemdVersionLine();
  if (!systemd) throw new Error("systemd-analyze is not installed");
  const units = await scoreWithSystemd(jobs);
  const sorted = Object.fromEntries(Object.entries(units).sort(([a], [b]) => (a < b ? -1 : 1)));
  const recording: Recording = { systemd, command: commandLine, units: sorted };
  writeFileSync(join(fixtureDir, name), `${JSON.stringify(recording, null, 1)}\n`);
  const scored = Object.values(units).filter((u) => u.overall).length;
  console.log(`${name}: ${jobs.length} services, ${scored} scored, ${jobs.length - scored} refused`);
}

const listing = corpusServices();
await record(
  "debian-corpus.json",
  listing.services.map((s) => ({ key: s.key, path: s.path, scope: s.scope })),
);
const unitsDir = join(fixtureDir, "units");
await record(
  "units.json",
  readdirSync(unitsDir)
    .filter((f) => f.endsWith(".service"))
    .sort()
    .flatMap((f) => [
      { key: `system/${f}`, path: join(unitsDir, f), scope: "system" as const },
      { key: `user/${f}`, path: join(unitsDir, f), scope: "user" as const },
    ]),
);
