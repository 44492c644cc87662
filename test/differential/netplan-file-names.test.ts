/**
 * netplan/ignored-file-name against the real generator: every file of the rule's fixture folder is
 * placed alone in <tmp>/etc/netplan under its own name and `netplan generate --root-dir` runs. A file
 * we say netplan never reads must produce no networkd configuration; the same file renamed to what
 * the message suggests, and each clean fixture, must produce one.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { lintText } from "../helpers/lint.js";
import { netplanBinary } from "../scripts/netplan-lib.js";

const dir = "test/fixtures/netplan/ignored-file-name";

/** The .network files netplan writes for one file named `name` in /etc/netplan. */
function generated(name: string, text: string): string[] {
  const root = mkdtempSync(join(tmpdir(), "netplan-names-"));
  try {
    mkdirSync(join(root, "etc/netplan"), { recursive: true });
    writeFileSync(join(root, "etc/netplan", name), text);
    chmodSync(join(root, "etc/netplan", name), 0o600);
    const r = spawnSync(netplanBinary, ["--root-dir", root], { encoding: "utf8", timeout: 30_000 });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    const out = join(root, "run/systemd/network");
    return existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".network")) : [];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("netplan reads only *.yaml (live netplan generate)", {
  skip: existsSync(netplanBinary) ? false : `${netplanBinary} is not installed (Debian package netplan.io)`,
}, () => {
  for (const name of readdirSync(dir).sort()) {
    it(name, () => {
      const text = readFileSync(join(dir, name), "utf8");
      const flagged = lintText(`/etc/netplan/${name}`, text, undefined, "netplan").find((d) => d.rule === "netplan/ignored-file-name");
      const written = generated(name, text);
      if (!flagged) {
        assert.ok(written.length > 0, `${name}: netplan reads it, so it must configure something`);
        return;
      }
      assert.deepEqual(written, [], `${name}: we say netplan never reads it, yet it wrote ${written.join(", ")}`);
      const suggested = /Rename it to '([^']+)'/.exec(flagged.message)?.[1];
      if (suggested) assert.ok(generated(suggested, text).length > 0, `${name}: renamed to ${suggested} netplan must read it`);
    });
  }
});
