/**
 * Records Debian cron's verdicts on the variants of variants.ts into
 * test/fixtures/cron-differential/variants.json: user crontabs by crontab -n,
 * system crontabs by the daemon. Run as root on a machine with Debian's cron:
 * node --import tsx test/cron/record-cron-variants.ts   (about 30 s)
 */
import { writeFileSync } from "node:fs";
import { canRunDaemon, cronVersion } from "./cron-tools.js";
import { judgeVariants, type VariantRecording, variantsFile } from "./variants.js";

const version = cronVersion();
if (!version || !canRunDaemon()) {
  console.error("record-cron-variants: needs root, unshare and Debian's cron (apt-get install cron)");
  process.exit(2);
}
const recording: VariantRecording = { cron: version, ...judgeVariants() };
writeFileSync(variantsFile, `${JSON.stringify(recording, null, 2)}\n`);
console.log(
  `recorded cron ${version}: ${Object.keys(recording.user).length} user and ${Object.keys(recording.system).length} system variants`,
);
