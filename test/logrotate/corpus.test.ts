/**
 * The logrotate configs Debian packages ship (fetched by
 * test/corpus/fetch-debian-logrotate.sh into .cache/corpus-logrotate when
 * missing): on every file `logrotate -d` accepts we must report nothing.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";
import { ensureLogrotate, logrotateVerdict } from "./logrotate-tools.js";

const corpusDir = ".cache/corpus-logrotate";

/**
 * Real mistakes logrotate accepts silently, reported on purpose: a time
 * criterion and `size` in one block, where the last one wins (the package
 * probably meant `maxsize`, which rotates on either).
 */
const knownRealMistakes = new Set([
  "apertium-apy/etc/logrotate.d/apertium-apy:2: logrotate/conflicting-directives",
  "openqa/etc/logrotate.d/openqa:3: logrotate/conflicting-directives",
]);

function ensureCorpus(): boolean {
  if (existsSync(join(corpusDir, "manifest.tsv"))) return true;
  if (!existsSync("/usr/bin/apt-get") || process.getuid?.() !== 0) return false;
  const r = spawnSync("bash", ["test/corpus/fetch-debian-logrotate.sh", corpusDir], { stdio: "inherit", timeout: 900_000 });
  return r.status === 0 && existsSync(join(corpusDir, "manifest.tsv"));
}

describe("logrotate corpus from Debian packages", () => {
  const ready = ensureCorpus() && ensureLogrotate();
  it("no false alarms on the files logrotate -d accepts", { skip: ready ? false : "no corpus or no logrotate" }, (t) => {
    const rows = readFileSync(join(corpusDir, "manifest.tsv"), "utf8").split("\n").filter(Boolean);
    const alarms: string[] = [];
    let accepted = 0;
    let found = 0;
    const packages = new Set<string>();
    for (const row of rows) {
      const [pkg, , rel] = row.split("\t") as [string, string, string];
      packages.add(pkg);
      const text = readFileSync(join(corpusDir, "files", pkg, rel), "utf8");
      const diagnostics = lintText(`/${rel}`, text);
      if (!logrotateVerdict(text).accepted) continue;
      accepted++;
      for (const d of diagnostics) {
        const key = `${pkg}/${rel}:${d.range.start.line + 1}: ${d.rule}`;
        if (knownRealMistakes.has(key)) found++;
        else alarms.push(`${key}: ${d.message}`);
      }
    }
    t.diagnostic(
      `${packages.size} packages, ${rows.length} files, ${accepted} accepted by logrotate -d, ${found} known real mistakes found, ${alarms.length} false alarms`,
    );
    assert.equal(found, knownRealMistakes.size, "a known real mistake is no longer reported");
    assert.ok(packages.size >= 20, "the corpus has fewer than 20 packages");
    assert.deepEqual(alarms, []);
  });
});
