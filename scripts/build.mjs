// Bundles the server (also the `etcetera` CLI) and the client (one file, `vscode` external).
//
// The server is split by command: etcetera.mjs is the dispatcher and each command (lint, the
// remote commands, the language server) is a chunk under chunks/ that is imported when it runs,
// so `etcetera --version` loads almost nothing and `etcetera lint` loads neither the remote code
// nor the language server. Splitting needs ES modules; etcetera.cjs (the `bin`, and
// dist/server.cjs, which VS Code starts) is a two-line CommonJS entry that imports it.
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { build } from "esbuild";

const common = { bundle: true, minify: true, platform: "node", target: "node20", sourcemap: "linked", logLevel: "warning" };

const server = await build({
  ...common,
  format: "esm",
  splitting: true,
  entryPoints: { etcetera: "server/src/cli.ts" },
  outdir: "server/dist",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  metafile: true,
  // The CommonJS packages bundled in (vscode-languageserver, yaml) call require() for Node's own modules.
  banner: { js: 'import { createRequire as __etcCreateRequire } from "node:module"; const require = __etcCreateRequire(import.meta.url);' },
});
// Chunks of earlier builds go once the new ones are written (tests may be running the old ones meanwhile).
const current = new Set(Object.keys(server.metafile.outputs).map((f) => basename(f)));
const prune = (dir) => {
  for (const f of readdirSync(dir)) if (!current.has(f) && !current.has(f.replace(/\.map$/, ""))) rmSync(`${dir}/${f}`);
};
prune("server/dist/chunks");
const entry = `#!/usr/bin/env node
"use strict";
import("./etcetera.mjs");
`;
writeFileSync("server/dist/etcetera.cjs", entry);
chmodSync("server/dist/etcetera.cjs", 0o755);
await build({ ...common, format: "cjs", entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.cjs", external: ["vscode"] });
mkdirSync("dist", { recursive: true });
cpSync("server/dist/chunks", "dist/chunks", { recursive: true });
prune("dist/chunks");
cpSync("server/dist/etcetera.mjs", "dist/etcetera.mjs");
cpSync("server/dist/etcetera.mjs.map", "dist/etcetera.mjs.map");
writeFileSync("dist/server.cjs", entry);
console.log("built server/dist/etcetera.cjs (+ etcetera.mjs, chunks/), dist/server.cjs (the same), dist/extension.cjs");
