// `npm start`: lints the bundled examples/ and prints what it finds. Findings are
// the point of the run, so exit 1 (lint errors) still counts as success; a usage
// or I/O error (exit 2) or a crash fails.
import { spawnSync } from "node:child_process";

const result = spawnSync(process.execPath, ["server/dist/etcetera.cjs", "lint", "examples"], { stdio: "inherit" });
process.exit(result.status === 0 || result.status === 1 ? 0 : (result.status ?? 2));
