/**
 * logrotate/file-skipped and logrotate/insecure-log-dir: what logrotate 3.21 checks on disk, as
 * plain data and live (as root, with logrotate installed): configs of every owner and mode in a
 * scratch include directory, and logs in directories of every mode and group, are shown to
 * `logrotate -d`; the files it ignores and the logs it refuses must be exactly the ones we name.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readFileFacts, wantsFileFacts } from "../../server/src/core/file-facts.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";
import { logrotateFileSkipReasons } from "../../server/src/languages/logrotate/file-checks.js";
import { ensureLogrotate } from "./logrotate-tools.js";

const nobody = 65534;
const live = process.getuid?.() === 0 && ensureLogrotate();
const skipLive = live ? false : "needs root and logrotate";

/** Our diagnostics for `text` as the live /etc/logrotate.d/app, with a logrotate.conf that sets no su. */
function lintLive(text: string, facts = { uid: 0, mode: 0o644, links: 1 }) {
  const conf = { path: "/etc/logrotate.conf", text: "weekly\nrotate 4\ninclude /etc/logrotate.d\n" };
  const ctx = {
    path: "/etc/logrotate.d/app",
    settings: defaultSettings,
    workspace: { unitNames: () => [], logrotateConfigs: () => [conf] },
    fileFacts: facts,
  };
  return analyze("/etc/logrotate.d/app", text, "logrotate")?.diagnostics(ctx) ?? [];
}

describe("logrotate's checks on disk", () => {
  it("says why a config is ignored from plain data", () => {
    const codes = (uid: number, mode: number, inDir: boolean) => logrotateFileSkipReasons({ uid, mode }, inDir).map((r) => r.code);
    assert.deepEqual(codes(0, 0o100644, true), []);
    assert.deepEqual(codes(0, 0o600, true), []);
    assert.deepEqual(codes(0, 0o755, true), []);
    assert.deepEqual(codes(0, 0o664, true), ["insecure-mode"]);
    assert.deepEqual(codes(0, 0o602, true), ["insecure-mode"]);
    assert.deepEqual(codes(0, 0o664, false), [], "logrotate.conf named on the command line: only a warning");
    assert.deepEqual(codes(1000, 0o644, false), ["wrong-owner"]);
    assert.deepEqual(codes(1000, 0o666, true), ["wrong-owner", "insecure-mode"]);
  });

  it("reads facts for the live logrotate configs only", () => {
    assert.ok(wantsFileFacts("/etc/logrotate.d/nginx"));
    assert.ok(wantsFileFacts("/etc/logrotate.conf"));
    assert.ok(!wantsFileFacts("/srv/infra/etc/logrotate.d/nginx"));
    assert.ok(!wantsFileFacts("/etc/logrotate.d/sub/x"));
  });

  it("reports the ignored file on its first block, and nothing without facts", () => {
    const text = "# app\n/var/log/app/*.log {\n    weekly\n}\n";
    const d = lintLive(text, { uid: 1000, mode: 0o664, links: 1 });
    assert.deepEqual(
      d.map((x) => [x.rule, x.severity, x.range.start.line]),
      [["logrotate/file-skipped", "error", 1]],
    );
    assert.match(d[0]?.message ?? "", /uid 1000, not root.*mode 0664 lets the group write it/);
    assert.deepEqual(lintLive(text), []);
  });

  it("ignores exactly the config files logrotate ignores (live)", { skip: skipLive }, (t) => {
    const dir = mkdtempSync(join(tmpdir(), "etcetera-logrotate-d-"));
    try {
      const files: [string, number, number][] = [
        ["plain", 0o644, 0],
        ["readonly", 0o600, 0],
        ["executable", 0o755, 0],
        ["groupwritable", 0o664, 0],
        ["groupwritableonly", 0o620, 0],
        ["worldwritable", 0o646, 0],
        ["notroot", 0o644, nobody],
      ];
      for (const [name, mode, uid] of files) {
        writeFileSync(join(dir, name), `/nonexistent/${name}.log {\n    missingok\n}\n`);
        chmodSync(join(dir, name), mode);
        chownSync(join(dir, name), uid, 0);
      }
      const r = spawnSync("logrotate", ["-d", "-s", join(dir, ".state"), dir], { encoding: "utf8", timeout: 60_000 });
      const theirs = new Set([...`${r.stdout}${r.stderr}`.matchAll(/Ignoring (\S+) because/g)].map((m) => m[1] as string));
      const ours = new Set(
        files.map(([n]) => n).filter((n) => logrotateFileSkipReasons(readFileFacts(join(dir, n)) ?? { uid: 0, mode: 0 }, true).length > 0),
      );
      assert.deepEqual([...ours].sort(), [...theirs].sort(), r.stderr);
      t.diagnostic(`${files.length} files, logrotate ignores ${theirs.size}: ${[...theirs].sort().join(" ")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses exactly the logs in the directories logrotate refuses (live)", { skip: skipLive }, (t) => {
    const root = mkdtempSync(join(tmpdir(), "etcetera-logdirs-"));
    chmodSync(root, 0o755);
    try {
      const adm = 4;
      const dirs: [string, number, number][] = [
        ["d0755", 0o755, 0],
        ["d0775-root", 0o775, 0],
        ["d0775-adm", 0o775, adm],
        ["d0770-adm", 0o770, adm],
        ["d2775-adm", 0o2775, adm],
        ["d0757", 0o757, 0],
        ["d1777", 0o1777, 0],
        ["d0755-nobody", 0o755, 0],
      ];
      for (const [name, mode, gid] of dirs) {
        mkdirSync(join(root, name));
        chownSync(join(root, name), name.endsWith("nobody") ? nobody : 0, gid);
        chmodSync(join(root, name), mode);
        writeFileSync(join(root, name, "app.log"), "x\n");
      }
      const blocks = (su: boolean) =>
        dirs.map(([name]) => `${join(root, name)}/app.log {\n    daily\n    rotate 2\n${su ? "    su root adm\n" : ""}}\n`).join("");
      for (const su of [false, true]) {
        const text = blocks(su);
        writeFileSync(join(root, "config"), text);
        const r = spawnSync("logrotate", ["-d", "-s", join(root, ".state"), join(root, "config")], { encoding: "utf8", timeout: 60_000 });
        const theirs = [...`${r.stdout}${r.stderr}`.matchAll(/skipping "([^"]+)" because parent directory has insecure permissions/g)].map(
          (m) => m[1] as string,
        );
        const ours = lintLive(text)
          .filter((d) => d.rule === "logrotate/insecure-log-dir")
          .map((d) => text.split("\n")[d.range.start.line]?.split(" ")[0] as string);
        assert.deepEqual(ours.sort(), theirs.sort(), `su: ${su}\n${r.stderr}`);
        if (!su) t.diagnostic(`${dirs.length} directories, logrotate refuses ${theirs.length}`);
        if (su) assert.deepEqual(theirs, [], "su lifts the check");
        else assert.ok(theirs.length >= 4, "the setup has insecure directories");
      }
    } finally {
      execFileSync("rm", ["-rf", root]);
    }
  });
});
