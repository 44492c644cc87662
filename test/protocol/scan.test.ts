/**
 * The workspace scan never keeps the bundled server from answering: in a
 * generated fleet repository of 3,000 units and drop-ins, a hover and the
 * diagnostics of a document opened right after `initialized` arrive before
 * the server logs that its scan is done (the order of messages on the wire,
 * not a timing), and those diagnostics already judge the unit with the
 * drop-in beside it, as `etcetera lint` does.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Hover } from "vscode-languageserver-protocol";
import { type EffectiveUnitResult, effectiveUnitRequest } from "../../server/src/protocol.js";
import { ensureBundle } from "../helpers/bundle.js";
import { type Fleet, writeFleetWorkspace } from "../helpers/fleet-workspace.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";
import { cliRules, serverRules } from "../helpers/rule-positions.js";

/** A unit whose ExecStart= comes from its drop-in: judged alone it would be refused. */
const unitText = "[Unit]\nDescription=Split unit\n\n[Service]\nType=simple\nUser=web\n";
const dropInText = "[Service]\nExecStart=/usr/bin/true\n";

const scanDone = (server: LspServer) => server.logMessages.some((m) => m.startsWith("workspace scan done"));

describe("language server: a large workspace scan", { timeout: 120_000 }, () => {
  let root: string;
  let fleet: Fleet;
  let unit: string;
  let hostDropIn: string;

  before(() => {
    ensureBundle();
    root = mkdtempSync(join(tmpdir(), "etcetera-fleet-"));
    fleet = writeFleetWorkspace(root, { files: 3000 });
    const unitDir = join(fleet.service, "..");
    unit = join(unitDir, "split.service");
    writeFileSync(unit, unitText);
    mkdirSync(`${unit}.d`);
    writeFileSync(join(`${unit}.d`, "exec.conf"), dropInText);
    // A host tree whose unit file (lib/) and drop-in (etc/) are in different directories of one unit set.
    const host = join(root, "zz-host");
    mkdirSync(join(host, "lib", "systemd", "system"), { recursive: true });
    writeFileSync(join(host, "lib", "systemd", "system", "web.service"), "[Unit]\nDescription=Web\n\n[Service]\nExecStart=/usr/bin/web\n");
    hostDropIn = join(host, "etc", "systemd", "system", "web.service.d", "override.conf");
    mkdirSync(join(hostDropIn, ".."), { recursive: true });
    writeFileSync(hostDropIn, "[Service]\nRestart=always\n");
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it("answers a hover and publishes a document's diagnostics before the scan is done", async () => {
    // No settings: the client cannot be asked for configuration, so nothing but the scan stands between request and answer.
    const server = LspServer.start({ workspaceFolders: [root] });
    try {
      await server.initialize();
      await server.open(uriOf(unit), unitText);
      const hover = await server.request<Hover | null>("textDocument/hover", {
        textDocument: { uri: uriOf(unit) },
        position: { line: 4, character: 1 },
      });
      const hoverBeforeScan = !scanDone(server);
      const first = await server.diagnostics(uriOf(unit), () => true, { timeoutMs: 60_000 });
      const diagnosticsBeforeScan = !scanDone(server);
      for (let i = 0; i < 1200 && !scanDone(server); i++) await new Promise((r) => setTimeout(r, 50));

      assert.ok(hover && JSON.stringify(hover.contents).includes("Type"), `no hover for Type=: ${JSON.stringify(hover)}`);
      assert.ok(scanDone(server), `the scan did not finish: ${server.logMessages.join("\n")}`);
      assert.match(server.logMessages.find((m) => m.startsWith("workspace scan done")) ?? "", /done: \d{4,} systemd files/);
      assert.ok(hoverBeforeScan, "the hover was answered only after the workspace scan was done: the scan blocks requests");
      assert.ok(diagnosticsBeforeScan, "the opened document's first diagnostics came only after the workspace scan was done");
      // Judged during the scan with its own directory, as the CLI judges it: the drop-in's ExecStart= counts.
      assert.deepEqual(serverRules(first), cliRules(unit));
      assert.ok(fleet.files >= 3000);
    } finally {
      server.kill();
    }
  });

  it("answers the effective unit of a drop-in asked for during the scan once the scan is done, with the unit file it found", async () => {
    const server = LspServer.start({ workspaceFolders: [root] });
    try {
      await server.initialize();
      await server.open(uriOf(hostDropIn), "[Service]\nRestart=always\n");
      const r = await server.request<EffectiveUnitResult>(effectiveUnitRequest, { uri: uriOf(hostDropIn) });
      // The answer waited for the scan: its log line is on the wire before the response.
      assert.ok(scanDone(server), "the effective unit was answered before the scan was done: it may miss the unit file");
      assert.equal(r.found, true, r.text);
      assert.match(r.text, /Description=Web/);
    } finally {
      server.kill();
    }
  });
});
