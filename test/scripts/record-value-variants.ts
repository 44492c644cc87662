/**
 * Records what the real `systemd-analyze verify` says about every value
 * variant (test/scripts/value-variants-lib.ts) into
 * test/fixtures/value-variants/expected.json: for each variant unit, the
 * messages systemd prints about the variant's own line (only variants with
 * messages are listed).
 *
 *   node --import tsx test/scripts/record-value-variants.ts [--check]
 *
 * --check: do not write; exit 1 when a live run differs from the recording.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { expectedValueVariants, type VariantRecording, verifyVariants } from "./value-variants-lib.js";
import { systemdVersion } from "./verify-lib.js";

const version = systemdVersion();
if (!version) throw new Error("systemd-analyze is not available");
const recording: VariantRecording = { systemd: version, findings: verifyVariants() };
if (process.argv.includes("--check")) {
  const old = JSON.parse(readFileSync(expectedValueVariants, "utf8")) as VariantRecording;
  if (JSON.stringify(old.findings) !== JSON.stringify(recording.findings)) {
    console.error(`${expectedValueVariants} is stale: re-run without --check`);
    process.exit(1);
  }
} else {
  writeFileSync(expectedValueVariants, `${JSON.stringify(recording, null, 1)}\n`);
  console.log(`${expectedValueVariants}: ${Object.keys(recording.findings).length} variants with findings, ${version.full}`);
}
