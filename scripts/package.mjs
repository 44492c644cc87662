// `npm run package`: builds dist/etcetera.vsix from a staging folder that holds
// only the files .vscodeignore allows, because vsce reads every file under its
// folder (.git, .cache, node_modules) before it applies the ignore file.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const stage = "dist/vsix-stage";
const out = process.argv[2] ?? "dist/etcetera.vsix";
const allowed = [
  "package.json",
  "README.md",
  "LICENSE",
  ".vscodeignore",
  "dist/extension.cjs",
  "dist/server.cjs",
  "dist/etcetera.mjs",
  ...readdirSync("dist/chunks")
    .filter((f) => f.endsWith(".mjs"))
    .map((f) => join("dist/chunks", f)),
  ...["images", "syntaxes", "snippets", "media/walkthrough"].flatMap((dir) => readdirSync(dir).map((f) => join(dir, f))),
  ...readdirSync("docs/rules", { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs/rules", f)),
];
rmSync(stage, { recursive: true, force: true });
for (const file of allowed) {
  mkdirSync(join(stage, dirname(file)), { recursive: true });
  cpSync(file, join(stage, file));
}
const vsce = join(process.cwd(), "node_modules/@vscode/vsce/vsce");
const command = process.argv.includes("--list")
  ? ["ls", "--no-dependencies"]
  : ["package", "--no-dependencies", "--out", join(process.cwd(), out)];
execFileSync(process.execPath, [vsce, ...command], { cwd: stage, stdio: "inherit" });
