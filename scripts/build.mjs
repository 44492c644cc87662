// Bundles the server (one file, also the `etcetera` CLI) and the client (one file, `vscode` external).
import { chmodSync, copyFileSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const common = { bundle: true, minify: true, platform: "node", target: "node20", format: "cjs", sourcemap: "linked", logLevel: "warning" };

await build({
  ...common,
  entryPoints: ["server/src/cli.ts"],
  outfile: "server/dist/etcetera.cjs",
  banner: { js: "#!/usr/bin/env node" },
});
chmodSync("server/dist/etcetera.cjs", 0o755);
await build({ ...common, entryPoints: ["client/src/extension.ts"], outfile: "dist/extension.cjs", external: ["vscode"] });
mkdirSync("dist", { recursive: true });
copyFileSync("server/dist/etcetera.cjs", "dist/server.cjs");
console.log("built server/dist/etcetera.cjs, dist/server.cjs, dist/extension.cjs");
