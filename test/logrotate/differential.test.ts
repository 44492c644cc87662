/**
 * Our verdicts against the real `logrotate -d` (Debian 12's 3.21.0, installed
 * when missing): every clean fixture is accepted, and every line logrotate
 * names in an "error: FILE:LINE" message of a broken fixture carries an error
 * of ours.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, it } from "node:test";
import { fixtureFiles } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";
import { ensureLogrotate, logrotateVerdict } from "./logrotate-tools.js";

const root = "test/fixtures/logrotate";
const present = ensureLogrotate();

describe("logrotate fixtures against logrotate -d", { skip: present ? false : "no logrotate and no apt-get to install it" }, () => {
  it("accepts every clean fixture", () => {
    for (const file of fixtureFiles(join(root, "clean"))) {
      const v = logrotateVerdict(readFileSync(file, "utf8"));
      assert.deepEqual(v.errors, [], file);
    }
  });

  it("flags every line logrotate names in an error", (t) => {
    let named = 0;
    let rejected = 0;
    const missed: string[] = [];
    for (const folder of readdirSync(root).filter((f) => f !== "clean")) {
      for (const file of fixtureFiles(join(root, folder))) {
        const text = readFileSync(file, "utf8");
        const v = logrotateVerdict(text);
        if (v.accepted) continue;
        rejected++;
        const ours = lintText(`/etc/logrotate.d/${basename(file)}`, text).filter((d) => d.severity === "error");
        assert.ok(ours.length > 0, `${file}: logrotate rejects it (${v.errors.join("; ")}) and we report no error`);
        for (const line of v.errorLines) {
          named++;
          if (!ours.some((d) => d.range.start.line === line - 1)) missed.push(`${file}:${line}: ${v.errors.join("; ")}`);
        }
      }
    }
    t.diagnostic(`${rejected} fixtures logrotate rejects, ${named} lines it names, ${named - missed.length} flagged by us on that line`);
    assert.deepEqual(missed, []);
  });
});
