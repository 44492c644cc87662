/** The .vsix holds exactly what the extension needs at run time: bundles, grammars, snippets, manifest, README, icon. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { describe, it } from "node:test";

const allowed = [
  /^dist\/extension\.cjs$/,
  /^dist\/server\.cjs$/,
  /^syntaxes\/[\w.-]+\.json$/,
  /^snippets\/[\w.-]+\.json$/,
  /^images\/icon\.png$/,
  /^media\/walkthrough\/[\w-]+\.md$/,
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
];

describe("packaged extension", () => {
  it("lists only allowed files", () => {
    const out = execFileSync(process.execPath, ["node_modules/@vscode/vsce/vsce", "ls", "--no-dependencies"], { encoding: "utf8" });
    const files = out
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
    const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
    assert.deepEqual(unexpected, [], "files that must not ship");
    for (const needed of ["dist/extension.cjs", "dist/server.cjs", "package.json", "README.md"])
      assert.ok(files.includes(needed), `${needed} missing`);
  });

  it("builds a .vsix", () => {
    execFileSync(process.execPath, ["node_modules/@vscode/vsce/vsce", "package", "--no-dependencies", "--out", "dist/test.vsix"], {
      stdio: "pipe",
    });
    const size = statSync("dist/test.vsix").size;
    console.log(`vsix size: ${(size / 1024).toFixed(1)} KiB`);
    assert.ok(size > 10_000);
  });
});
