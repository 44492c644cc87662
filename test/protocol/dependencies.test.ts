/**
 * The etcetera/dependencies request over real JSON-RPC to the bundled
 * server: for the unit in the editor, what it pulls in, what pulls it in and
 * its ordering, with the ordering cycle it is part of marked; the unsaved
 * text of the open document counts, and a document that is no unit gets none.
 */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { DependencyEntry, UnitDependencies } from "../../server/src/protocol.js";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

const names = (list: DependencyEntry[]) => list.map((e) => `${e.unit}${e.inCycle ? " (cycle)" : ""}`).sort();

describe("language server: the dependencies of the unit in the editor", () => {
  let server: LspServer;
  let dir: string;
  let web: string;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-deps-"));
    cpSync("test/fixtures/ordering-cycle/chain-of-three", dir, { recursive: true });
    cpSync("test/fixtures/ordering-cycle/service-before-its-timer", dir, { recursive: true, verbatimSymlinks: true });
    web = join(dir, "etc/systemd/system/web.service");
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    await server.initialize();
  });

  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Asks until the workspace scan has found the other units (it runs after initialization). */
  async function dependencies(uri: string, ready: (d: UnitDependencies) => boolean): Promise<UnitDependencies> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const answer = await server.request<UnitDependencies>("etcetera/dependencies", { uri });
      if (ready(answer) || Date.now() > deadline) return answer;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it("lists what the unit pulls in, what pulls it in, and its ordering, with the cycle marked", async () => {
    await server.open(uriOf(web), readFileSync(web, "utf8"));
    const deps = await dependencies(uriOf(web), (d) => d.cycles.length > 0);
    assert.equal(deps.unit, "web.service");
    assert.deepEqual(names(deps.pullsIn), ["cache.service (cycle)", "db.service (cycle)", "sysinit.target"]);
    assert.deepEqual(names(deps.orderedAfter), ["basic.target", "cache.service (cycle)", "sysinit.target"]);
    assert.deepEqual(names(deps.orderedBefore), ["db.service (cycle)", "shutdown.target"]);
    assert.deepEqual(deps.cycles, [["web.service", "cache.service", "db.service"]]);
    const cache = deps.pullsIn.find((e) => e.unit === "cache.service");
    assert.deepEqual(cache?.via, ["Wants="]);
    assert.equal(cache?.uri, uriOf(join(dir, "etc/systemd/system/cache.service")));
    assert.equal(deps.orderedBefore.find((e) => e.unit === "db.service")?.via[0], "After= in system/db.service");
  });

  it("shows what pulls a unit in: a .wants/ link and the [Install] section, and a timer's service", async () => {
    const report = join(dir, "etc/systemd/system/report.service");
    await server.open(uriOf(report), readFileSync(report, "utf8"));
    const deps = await dependencies(uriOf(report), (d) => d.pulledInBy.length > 0);
    assert.deepEqual(names(deps.pulledInBy), ["multi-user.target", "report.timer (cycle)"]);
    const by = deps.pulledInBy.find((e) => e.unit === "multi-user.target");
    assert.deepEqual(by?.via.sort(), ["WantedBy= (when enabled)", "multi-user.target.wants/report.service link"]);
    assert.equal(by?.known, "standard");
    assert.deepEqual(deps.cycles, [["report.service", "report.timer"]]);
  });

  it("follows the unsaved text: without After=cache.service the cycle is gone", async () => {
    const text = readFileSync(web, "utf8").replace(/^After=cache\.service\n.*\n/m, "");
    await server.change(uriOf(web), 2, [{ text }]);
    const deps = await dependencies(uriOf(web), (d) => d.cycles.length === 0);
    assert.deepEqual(deps.cycles, []);
    assert.deepEqual(names(deps.orderedAfter), ["basic.target", "sysinit.target"]);
    assert.deepEqual(names(deps.pullsIn), ["cache.service", "db.service", "sysinit.target"]);
  });

  it("answers with no unit for a document that is not one", async () => {
    const crontab = join(dir, "crontab");
    await server.open(uriOf(crontab), "0 3 * * * root true\n", 1, "crontab");
    const deps = await server.request<UnitDependencies>("etcetera/dependencies", { uri: uriOf(crontab) });
    assert.equal(deps.unit, null);
  });
});
