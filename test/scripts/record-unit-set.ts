/** Records what the real systemd loads for every case of test/fixtures/unit-set/ into verdicts.json. Run: node --import tsx test/scripts/record-unit-set.ts */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { caseNames, recordCase, unitSetDir, type Verdicts, verdictsFile } from "./unit-set-lib.js";
import { systemdVersion } from "./verify-lib.js";

const version = systemdVersion();
if (!version) throw new Error("systemd-analyze is missing: install Debian's systemd package");
const verdicts: Verdicts = {};
for (const name of caseNames()) verdicts[name] = recordCase(join(unitSetDir, name));
writeFileSync(verdictsFile, `${JSON.stringify({ systemd: version.full, verdicts }, null, 2)}\n`);
console.log(`recorded ${Object.keys(verdicts).length} cases with ${version.full}`);
