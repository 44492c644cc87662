/**
 * cron/file-skipped: the owner, mode and link checks Debian's cron applies to
 * /etc/cron.d files, as plain data (file-checks.ts) and as read from this
 * machine's file system (core/file-facts.ts). Live, as root: a scratch
 * cron.d with every kind of file is shown to the daemon (run-cron-daemon.sh,
 * in a private mount namespace) and the files it skips must be exactly the
 * ones we say it skips.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, linkSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readFileFacts, wantsFileFacts } from "../../server/src/core/file-facts.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";
import { cronFileSkipReasons } from "../../server/src/languages/cron/file-checks.js";
import { canRunDaemon, ensureCron } from "./cron-tools.js";

const job = "0 0 * * * root /bin/true\n";
const nobody = 65534;

describe("cron files cron skips for their owner or mode", () => {
  it("says why from plain data (what the deploy helper gets from stat on a host)", () => {
    assert.deepEqual(cronFileSkipReasons({ uid: 0, mode: 0o100644, links: 1 }), []);
    assert.deepEqual(cronFileSkipReasons({ uid: 0, mode: 0o600, links: 1 }), []);
    assert.deepEqual(cronFileSkipReasons({ uid: 0, mode: 0o755, links: 1 }), []);
    const codes = (f: Parameters<typeof cronFileSkipReasons>[0]) => cronFileSkipReasons(f).map((r) => r.code);
    assert.deepEqual(codes({ uid: 0, mode: 0o664, links: 1 }), ["insecure-mode"]);
    assert.deepEqual(codes({ uid: 0, mode: 0o646, links: 1 }), ["insecure-mode"]);
    assert.deepEqual(codes({ uid: 1000, mode: 0o644, links: 1 }), ["wrong-owner"]);
    assert.deepEqual(codes({ uid: 0, mode: 0o644, links: 2 }), ["hard-links"]);
    assert.deepEqual(codes({ uid: 0, mode: 0o644, links: 1, symlink: { uid: 1000, dangling: false } }), ["wrong-symlink-owner"]);
    assert.deepEqual(codes({ uid: 0, mode: 0o777, links: 1, symlink: { uid: 0, dangling: true } }), ["dangling-symlink"]);
  });

  it("reads facts only for the live system crontabs", () => {
    assert.ok(wantsFileFacts("/etc/cron.d/backup"));
    assert.ok(wantsFileFacts("/etc/crontab"));
    assert.ok(!wantsFileFacts("/home/me/infra/etc/cron.d/backup"));
    assert.ok(!wantsFileFacts("/etc/cron.d/sub/x"));
  });

  it("reports on the first job line when the context carries the file's facts", () => {
    const text = "# backups\nMAILTO=root\n0 2 * * * root /opt/backup.sh\n";
    const base = { path: "/etc/cron.d/backup", settings: defaultSettings, workspace: { unitNames: () => [] } };
    // A fresh analysis each time: an analysis keeps its diagnostics for its document version.
    const lint = (ctx: typeof base & { fileFacts?: { uid: number; mode: number; links: number } }) =>
      analyze("/etc/cron.d/backup", text, "cron")?.diagnostics(ctx) ?? [];
    const skipped = lint({ ...base, fileFacts: { uid: 1000, mode: 0o664, links: 1 } });
    assert.deepEqual(
      skipped.map((d) => [d.rule, d.severity, d.range.start.line]),
      [["cron/file-skipped", "error", 1]],
    );
    assert.match(skipped[0]?.message ?? "", /uid 1000, not root.*mode 0664 lets the group write it/);
    assert.deepEqual(lint({ ...base, fileFacts: { uid: 0, mode: 0o644, links: 1 } }), []);
    assert.deepEqual(lint(base), []);
  });

  const live = process.getuid?.() === 0 && ensureCron() && canRunDaemon();
  it("skips exactly the files Debian's cron skips (live)", { skip: live ? false : "needs root, unshare and Debian's cron" }, (t) => {
    const dir = mkdtempSync(join(tmpdir(), "etcetera-crond-"));
    const elsewhere = mkdtempSync(join(tmpdir(), "etcetera-targets-"));
    try {
      const file = (name: string, mode = 0o644, uid = 0) => {
        writeFileSync(join(dir, name), job);
        chmodSync(join(dir, name), mode);
        chownSync(join(dir, name), uid, 0);
      };
      const target = (name: string, mode = 0o644, uid = 0) => {
        writeFileSync(join(elsewhere, name), job);
        chmodSync(join(elsewhere, name), mode);
        chownSync(join(elsewhere, name), uid, 0);
        return join(elsewhere, name);
      };
      file("plain");
      file("readonly", 0o600);
      file("executable", 0o755);
      file("groupwritable", 0o664);
      file("worldwritable", 0o646);
      file("notroot", 0o644, nobody);
      file("hardlinked");
      linkSync(join(dir, "hardlinked"), join(dir, "hardlinked2"));
      symlinkSync(target("t1"), join(dir, "linkok"));
      symlinkSync(target("t2", 0o644, nobody), join(dir, "linktonobody"));
      symlinkSync(target("t3", 0o664), join(dir, "linktowritable"));
      symlinkSync(target("t4"), join(dir, "linkownednobody"));
      execFileSync("chown", ["-h", String(nobody), join(dir, "linkownednobody")]);
      symlinkSync(join(elsewhere, "missing"), join(dir, "dangling"));
      const names = ["plain", "readonly", "executable", "groupwritable", "worldwritable", "notroot", "hardlinked", "hardlinked2"];
      names.push("linkok", "linktonobody", "linktowritable", "linkownednobody", "dangling");
      const log = execFileSync(join(import.meta.dirname, "run-cron-daemon.sh"), [dir], { encoding: "utf8", timeout: 120_000 });
      const theirs = new Set([...log.matchAll(/^\(\*system\*(\S+)\) (?!ERROR)[A-Z][A-Z' ]+/gm)].map((m) => m[1] as string));
      const ours = new Set(
        names.filter((n) => cronFileSkipReasons(readFileFacts(join(dir, n)) ?? { uid: 0, mode: 0, links: 1 }).length > 0),
      );
      assert.deepEqual([...ours].sort(), [...theirs].sort(), log);
      t.diagnostic(`${names.length} files, cron skips ${theirs.size}: ${[...theirs].sort().join(" ")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
