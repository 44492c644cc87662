/** Records what the real systemd says about ordering cycles in every case of test/fixtures/ordering-cycle/ into verdicts.json. Run: node --import tsx test/scripts/record-ordering-cycles.ts */

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cycleVerdictsFile, recordCycleCases } from "./ordering-cycle-lib.js";
import { systemdAnalyze } from "./verify-lib.js";

const version = spawnSync(systemdAnalyze, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0] ?? "";
const verdicts = recordCycleCases();
writeFileSync(cycleVerdictsFile, `${JSON.stringify({ systemd: version, verdicts }, null, 2)}\n`);
for (const [name, v] of Object.entries(verdicts)) console.log(`${name}: ${v.cycles.map((c) => c.join(" ")).join(" | ") || "no cycle"}`);
