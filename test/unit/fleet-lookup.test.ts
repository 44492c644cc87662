/**
 * A fleet repository holds many hosts' trees side by side (test/fixtures/fleet/hosts/{web,db}/etc/systemd/system).
 * A host never reads another host's units, so rules that look a unit up by name must stay within the tree of the
 * file they check. The fixture is built so that looking in the other host's tree gives wrong answers both ways:
 * it hides real findings (web's backup.timer has no backup.service; web's app.service drop-in has no base, where
 * db's app.service is a oneshot) and invents others (db's restarting sync.service is not started by web's
 * sync.timer; web's cache.service and db's status.service order after each other, a cycle only when the trees are
 * merged). Each file's comments say what it gets, linted as `etcetera lint DIR` and as the server's scan see the
 * fleet; the real systemd, given one host's directory, agrees.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";
import { kindOfPath } from "../../server/src/core/kinds.js";
import type { WorkspaceIndex } from "../../server/src/core/language.js";
import { UnitNameIndex } from "../../server/src/features/workspace-index.js";
import { readExpectations } from "../helpers/expectations.js";
import { assertDiagnosticsMatch } from "../helpers/fixtures.js";
import { lintText } from "../helpers/lint.js";
import { systemdAnalyze } from "../scripts/verify-lib.js";

const fleet = "test/fixtures/fleet";
const hostDir = (host: string) => resolve(fleet, "hosts", host, "etc/systemd/system");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const files = walk(fleet).filter((f) => kindOfPath(f) === "systemd");

/** Every file gets what its comments say; all files are checked before failing, so one run shows every wrong lookup. */
function checkEveryFile(workspace: WorkspaceIndex): void {
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    try {
      assertDiagnosticsMatch(lintText(file, text, undefined, "systemd", workspace), readExpectations(text));
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
    }
  }
  assert.deepEqual(problems, []);
}

describe("a fleet repository: lookups by unit name stay within the file's host tree", () => {
  it("covers both hosts", () => {
    assert.ok(files.some((f) => f.includes("/web/")) && files.some((f) => f.includes("/db/")));
  });

  it("as `etcetera lint DIR` sees the fleet", async () => {
    checkEveryFile(await UnitNameIndex.forFiles(files));
  });

  it("as the server's workspace scan sees it", async () => {
    const index = new UnitNameIndex();
    await index.scan([fleet]);
    checkEveryFile(index);
  });

  const verify = (unitPath: string, unit: string) =>
    spawnSync(systemdAnalyze, ["verify", "--man=no", "--generators=no", "--no-pager", unit], {
      encoding: "utf8",
      // Debug: the failed load of a missing unit is said only there. A trailing ':' keeps this machine's own unit directories (sysinit.target, ...) after the host's.
      env: {
        PATH: process.env.PATH,
        LC_ALL: "C.UTF-8",
        SYSTEMD_LOG_LEVEL: "debug",
        SYSTEMD_LOG_TARGET: "console",
        SYSTEMD_UNIT_PATH: `${unitPath}:`,
      },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  const noSystemd = existsSync(systemdAnalyze) ? false : `${systemdAnalyze} is not installed`;

  it("systemd agrees: each host alone lacks the units the other has, and only merged trees form the cycle", { skip: noSystemd }, () => {
    const web = hostDir("web");
    const db = hostDir("db");
    const timer = verify(web, join(web, "backup.timer"));
    assert.match(`${timer.stdout}${timer.stderr}`, /backup\.service: Failed to load configuration: No such file or directory/);
    const app = verify(web, "app.service");
    assert.match(`${app.stdout}${app.stderr}`, /Unit app\.service not found/);
    for (const [dir, unit] of [
      [web, "cache.service"],
      [db, "status.service"],
    ] as const) {
      const alone = verify(dir, join(dir, unit));
      assert.doesNotMatch(`${alone.stdout}${alone.stderr}`, /ordering cycle/, `${unit} alone`);
    }
    // The control: the same unit with both hosts' directories on one search path does meet the cycle.
    const merged = verify(`${web}:${db}`, join(web, "cache.service"));
    assert.match(`${merged.stdout}${merged.stderr}`, /Found ordering cycle on (status|cache)\.service\/start/);
  });
});
