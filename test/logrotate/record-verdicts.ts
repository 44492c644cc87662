/**
 * Records what `logrotate -d` (the one installed here: Debian 12's 3.21.0)
 * says about every config of the differential test, into verdicts.json, so
 * that machines without logrotate (or not root) still compare against it and
 * machines with it notice when logrotate's verdicts change.
 * Usage: npx tsx test/logrotate/record-verdicts.ts   (after fetching the corpus)
 */
import { writeFileSync } from "node:fs";
import { corpusInputs, type RecordedVerdict, recordedVerdicts, repositoryInputs, verdictsFile } from "./inputs.js";
import { ensureLogrotate, logrotateVerdicts } from "./logrotate-tools.js";

if (!ensureLogrotate()) throw new Error("logrotate is not installed and cannot be");
const inputs = [...repositoryInputs(), ...corpusInputs()];
const verdicts = logrotateVerdicts(inputs);
const out: Record<string, RecordedVerdict> = { ...recordedVerdicts() };
inputs.forEach((x, i) => {
  const v = verdicts[i];
  if (v) out[x.key] = { sha: x.sha, accepted: v.accepted, errorLines: v.errorLines, notes: v.notes.length };
});
const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(verdictsFile, `${JSON.stringify(sorted, null, 1)}\n`);
console.log(`${inputs.length} verdicts, ${inputs.filter((_, i) => verdicts[i]?.accepted).length} accepted`);
