// Writes l10n/bundle.l10n.json: every message the client passes to vscode.l10n.t, keyed by itself,
// which is the English bundle translators copy to bundle.l10n.<locale>.json. The manifest's strings
// live in package.nls.json (package.nls.<locale>.json for a translation).
// Usage: node scripts/l10n-bundle.mjs [--check]   (--check: exit 1 when the file is stale)
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith(".ts") ? [full] : [];
  });
}

/** The first argument of each l10n.t call, a plain string literal (JSON-compatible escapes). */
export function clientMessages() {
  const messages = new Set();
  const call = /l10n\.t\(\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;
  for (const file of sources(join(root, "client/src"))) {
    for (const m of readFileSync(file, "utf8").matchAll(call)) {
      const literal = m[1];
      const body = literal.slice(1, -1);
      messages.add(literal.startsWith("'") ? JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) : JSON.parse(literal));
    }
  }
  return [...messages].sort();
}

export function bundleText() {
  return `${JSON.stringify(Object.fromEntries(clientMessages().map((m) => [m, m])), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = join(root, "l10n/bundle.l10n.json");
  const text = bundleText();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {}
    if (current !== text) {
      console.error("l10n/bundle.l10n.json is stale: run node scripts/l10n-bundle.mjs");
      process.exit(1);
    }
  } else writeFileSync(path, text);
}
