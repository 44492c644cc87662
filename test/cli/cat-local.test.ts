/**
 * `etcetera cat --local`: the bundled CLI prints the unit merged from a local
 * tree, like `systemctl cat` on a host, with host paths under --root and the
 * notes of the editor's effective-unit view.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { bundlePath, ensureBundle } from "../helpers/bundle.js";

function cat(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bundlePath, "cat", "--local", ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("etcetera cat --local", () => {
  let root: string;

  before(() => {
    ensureBundle();
    root = mkdtempSync(join(tmpdir(), "etcetera-cat-"));
    mkdirSync(join(root, "lib/systemd/system"), { recursive: true });
    mkdirSync(join(root, "etc/systemd/system/web.service.d"), { recursive: true });
    writeFileSync(join(root, "lib/systemd/system/web.service"), "[Service]\nExecStart=/usr/bin/web\nRestart=on-failure\n");
    writeFileSync(join(root, "etc/systemd/system/web.service.d/override.conf"), "[Service]\nRestart=always\n");
    symlinkSync("/dev/null", join(root, "etc/systemd/system/old.service"));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it("prints a unit under --root with host paths, in systemd's order, with what overrides what", () => {
    const r = cat(["--root", root, "web.service"], tmpdir());
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `# /lib/systemd/system/web.service
[Service]
ExecStart=/usr/bin/web
Restart=on-failure
#   ^ No effect: overridden by Restart=always at /etc/systemd/system/web.service.d/override.conf:2.

# /etc/systemd/system/web.service.d/override.conf
[Service]
Restart=always
#   ^ Overrides Restart=on-failure from /lib/systemd/system/web.service:3.
`,
    );
  });

  it("takes a file, and reads its directory as etcetera lint does", () => {
    const r = cat(["lib/systemd/system/web.service"], root);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "# lib/systemd/system/web.service\n[Service]\nExecStart=/usr/bin/web\nRestart=on-failure\n");
  });

  it("gives the lines with their sources as JSON", () => {
    const r = cat(["--root", root, "--format", "json", "web.service"], tmpdir());
    const result = JSON.parse(r.stdout) as { unit: string; lines: { text: string; path?: string; line?: number }[] };
    assert.equal(result.unit, "web.service");
    assert.deepEqual(
      result.lines.find((l) => l.text === "Restart=always"),
      {
        text: "Restart=always",
        role: "source",
        path: join(root, "etc/systemd/system/web.service.d/override.conf"),
        line: 1,
      },
    );
  });

  it("says a unit is masked, and exits 1 for a unit the tree lacks", () => {
    assert.match(
      cat(["--root", root, "old.service"], tmpdir()).stdout,
      /^# old\.service is masked by \/etc\/systemd\/system\/old\.service/,
    );
    const missing = cat(["--root", root, "nope.service"], tmpdir());
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, `etcetera: No unit file or drop-in for nope.service under ${root}.\n`);
  });

  it("refuses a unit name without --root", () => {
    const r = cat(["web.service"], tmpdir());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a unit file|needs --root/);
  });
});
