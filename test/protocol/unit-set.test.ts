/**
 * The editor agrees with the CLI about units whose verdict depends on other
 * files: the bundled server over stdio re-checks a unit when its drop-in is
 * opened, edited, closed, created or deleted (workspace/didChangeWatchedFiles),
 * ends with what `etcetera lint` says about the same files, and says so when
 * its workspace scan stops at its budget.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";
import { cliRules, serverRules } from "../helpers/rule-positions.js";

const unitText = "[Unit]\nDescription=Web\n\n[Service]\nType=simple\n";
const dropInText = "[Service]\nExecStart=/bin/true\n";
const refused = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === "systemd/unit-refused");

describe("language server: a unit and its drop-ins", () => {
  let server: LspServer;
  let dir: string;
  let unit: string;
  let dropIn: string;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-unitset-"));
    unit = join(dir, "web.service");
    dropIn = join(dir, "web.service.d", "command.conf");
    mkdirSync(join(dir, "web.service.d"));
    writeFileSync(unit, unitText);
    writeFileSync(dropIn, dropInText);
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    await server.initialize();
  });

  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("judges a unit with the drop-in on disk that gives it ExecStart=, as etcetera lint does", async () => {
    await server.open(uriOf(unit), unitText);
    const first = await server.diagnostics(uriOf(unit));
    assert.ok(!refused(first), JSON.stringify(first.diagnostics));
    assert.deepEqual(serverRules(first), cliRules(unit));
  });

  it("re-checks the unit when its drop-in is opened and edited (unsaved text)", async () => {
    await server.open(uriOf(dropIn), dropInText, 1);
    const from = server.published.length;
    await server.change(uriOf(dropIn), 2, [{ text: "[Service]\nEnvironment=A=1\n" }]);
    await server.diagnostics(uriOf(unit), refused, { from });
  });

  it("re-checks the unit when the drop-in is closed: the file on disk counts again, and agrees with the CLI", async () => {
    const from = server.published.length;
    await server.connection.sendNotification("textDocument/didClose", { textDocument: { uri: uriOf(dropIn) } });
    const after = await server.diagnostics(uriOf(unit), (p) => !refused(p), { from });
    assert.deepEqual(serverRules(after), cliRules(unit));
  });

  it("registers a file watcher and re-checks the unit when a drop-in is deleted or created on disk", async () => {
    assert.ok(server.registrations.includes("workspace/didChangeWatchedFiles"), server.registrations.join(", "));
    let from = server.published.length;
    unlinkSync(dropIn);
    await server.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(dropIn), type: 3 }] });
    const deleted = await server.diagnostics(uriOf(unit), refused, { from });
    assert.deepEqual(serverRules(deleted), cliRules(unit));
    from = server.published.length;
    writeFileSync(dropIn, dropInText);
    await server.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(dropIn), type: 1 }] });
    const created = await server.diagnostics(uriOf(unit), (p) => !refused(p), { from });
    assert.deepEqual(serverRules(created), cliRules(unit));
  });

  it("re-checks a drop-in when its unit is edited", async () => {
    await server.open(uriOf(dropIn), dropInText, 1);
    const from = server.published.length;
    // The unit now has an ExecStart= of its own: the drop-in's (no reset) makes two.
    await server.change(uriOf(unit), 2, [{ text: `${unitText}ExecStart=/bin/false\n` }]);
    await server.diagnostics(uriOf(dropIn), refused, { from });
  });
});

describe("language server: a workspace scan that stops at its budget", () => {
  it("says so instead of reporting units as missing", async () => {
    ensureBundle();
    const dir = mkdtempSync(join(tmpdir(), "etcetera-budget-"));
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `other${i}.service`), "[Service]\nExecStart=/bin/true\n");
    const timer = join(dir, "job.timer");
    writeFileSync(timer, "[Timer]\nOnCalendar=daily\n");
    const server = LspServer.start({ workspaceFolders: [dir], settings: {}, env: { ETCETERA_SCAN_LIMIT: "2" } });
    try {
      await server.initialize();
      await server.open(uriOf(timer), "[Timer]\nOnCalendar=daily\n");
      const published = await server.diagnostics(uriOf(timer));
      for (let i = 0; i < 50 && server.shownMessages.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(
        server.shownMessages.some((m) => /scan stopped after 2 entries/.test(m)),
        server.shownMessages.join("\n"),
      );
      const later = await server
        .diagnostics(uriOf(timer), () => true, { from: server.published.indexOf(published) + 1 })
        .catch(() => published);
      assert.ok(!later.diagnostics.some((d) => d.code === "systemd/timer-unit-missing"), JSON.stringify(later.diagnostics));
    } finally {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
