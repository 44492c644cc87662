/**
 * The .vsix holds exactly what the extension needs at run time: bundles,
 * grammars, snippets, walkthrough pages, manifest, README, licence, icon.
 * The test reads the archive `npm run package` builds, not a listing.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

const allowed = [
  /^extension\/dist\/extension\.cjs$/,
  /^extension\/dist\/server\.cjs$/,
  /^extension\/dist\/etcetera\.mjs$/,
  /^extension\/dist\/chunks\/[\w-]+\.mjs$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.json$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/images\/lang-[\w-]+\.svg$/,
  /^extension\/media\/walkthrough\/[\w-]+\.md$/,
  /^extension\/docs\/rules\/([\w-]+\/)?[\w-]+\.md$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls\.json$/,
  /^extension\/l10n\/bundle\.l10n\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
];

/** The names in a zip's central directory. */
function zipEntries(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "not a zip archive");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, "corrupt central directory");
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

describe("packaged extension", () => {
  it("holds only allowed files, and the ones it needs", () => {
    execFileSync(process.execPath, ["scripts/package.mjs", "dist/test.vsix"], { stdio: "pipe" });
    const zip = readFileSync("dist/test.vsix");
    const files = zipEntries(zip);
    console.log(`vsix: ${files.length} files, ${(zip.length / 1024).toFixed(1)} KiB`);
    assert.deepEqual(
      files.filter((f) => !allowed.some((re) => re.test(f))),
      [],
      "files that must not ship",
    );
    for (const needed of [
      "extension/dist/extension.cjs",
      "extension/dist/server.cjs",
      "extension/dist/etcetera.mjs",
      "extension/package.json",
      "extension/syntaxes/systemd-unit.tmLanguage.json",
      "extension/docs/rules/systemd/unknown-directive.md",
    ])
      assert.ok(files.includes(needed), `${needed} missing`);
  });
});
