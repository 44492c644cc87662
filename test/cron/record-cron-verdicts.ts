/**
 * Records Debian cron's verdicts on the broken files of
 * test/fixtures/cron-differential and on the corpus (.cache/corpus-cron)
 * into test/fixtures/cron-differential/verdicts.json (system crontabs by the
 * daemon, user crontabs and user-format documentation examples by crontab -n). Run as root on a
 * machine with Debian's cron: node --import tsx test/cron/record-cron-verdicts.ts
 */
import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { corpusFiles, corpusUsers } from "./corpus.js";
import { type CronVerdict, canRunDaemon, crontabVerdict, cronVersion, daemonVerdicts } from "./cron-tools.js";
import { runEnvProbe } from "./env-probe.js";
import { mistakeFiles } from "./mistakes.js";
import { brokenFiles, type Recording, verdictsFile } from "./our-verdicts.js";

const version = cronVersion();
if (!version || !canRunDaemon()) {
  console.error("record-cron-verdicts: needs root, unshare and Debian's cron (apt-get install cron)");
  process.exit(2);
}
const user = Object.fromEntries(Object.entries(brokenFiles("user")).map(([name, text]) => [name, crontabVerdict(text)]));
const corpus = existsSync(".cache/corpus-cron/manifest.tsv") ? corpusFiles() : [];
const system = daemonVerdicts(brokenFiles("system"));
const corpusVerdicts: Record<string, CronVerdict> = {
  ...daemonVerdicts(Object.fromEntries(corpus.filter((f) => f.kind === "system").map((f) => [f.key, f.text])), corpusUsers(corpus)),
  ...Object.fromEntries(corpus.filter((f) => f.kind === "user").map((f) => [f.key, crontabVerdict(f.text)])),
};
const mistakes = mistakeFiles();
const mistakeVerdicts: Record<string, CronVerdict> = {
  ...daemonVerdicts(Object.fromEntries(mistakes.filter((f) => f.kind === "system").map((f) => [f.key, f.text])), ["postgres"]),
  ...Object.fromEntries(mistakes.filter((f) => f.kind === "user").map((f) => [f.key, crontabVerdict(f.text)])),
};
const recording: Recording = {
  cron: version,
  user,
  system,
  corpus: Object.fromEntries(
    corpus.map((f) => [f.key, { sha1: createHash("sha1").update(f.text).digest("hex"), verdict: corpusVerdicts[f.key] as never }]),
  ),
  mistakes: Object.fromEntries(mistakes.map((f) => [f.key, mistakeVerdicts[f.key] as CronVerdict])),
  // Runs jobs for real: the daemon is kept until the next minute.
  envProbe: runEnvProbe(join(import.meta.dirname, "run-cron-daemon.sh")),
};
writeFileSync(verdictsFile, `${JSON.stringify(recording, null, 1)}\n`);
console.log(
  `recorded cron ${version}: ${Object.keys(user).length} user, ${Object.keys(recording.system).length} system, ${corpus.length} corpus files, ${mistakes.length} mistake files`,
);
