/**
 * The effective unit over the real bundled server: etcetera/effectiveUnit
 * merges a unit file on disk with its drop-ins (an open drop-in's unsaved
 * text included), the code lens on a drop-in's first line runs the client
 * command with the document's URI, hover in a drop-in names what it
 * overrides, and an open effective-unit view is neither judged nor taken for
 * a unit file of the workspace.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeLens, Hover, MarkupContent } from "vscode-languageserver-protocol";
import {
  type EffectiveUnitResult,
  effectiveUnitRequest,
  effectiveUnitScheme,
  showEffectiveUnitCommand,
} from "../../server/src/protocol.js";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

const unitText = "[Unit]\nDescription=Web\n\n[Service]\nExecStart=/usr/bin/web\nRestart=on-failure\n";
const dropInText = "[Service]\nRestart=always\n";

describe("language server: the effective unit", () => {
  let server: LspServer;
  let dir: string;
  let unit: string;
  let dropIn: string;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-effective-"));
    unit = join(dir, "lib/systemd/system/web.service");
    dropIn = join(dir, "etc/systemd/system/web.service.d/override.conf");
    mkdirSync(join(dir, "lib/systemd/system"), { recursive: true });
    mkdirSync(join(dir, "etc/systemd/system/web.service.d"), { recursive: true });
    writeFileSync(unit, unitText);
    writeFileSync(dropIn, dropInText);
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    await server.initialize();
    await server.open(uriOf(dropIn), dropInText);
    await server.diagnostics(uriOf(dropIn));
  });

  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers etcetera/effectiveUnit with the unit file and the drop-in, each line with its source", async () => {
    const r = await server.request<EffectiveUnitResult>(effectiveUnitRequest, { uri: uriOf(dropIn) });
    assert.equal(r.unit, "web.service");
    assert.equal(r.found, true);
    assert.equal(
      r.text,
      `# ${unit}\n${unitText.replace("Restart=on-failure\n", `Restart=on-failure\n#   ^ No effect: overridden by Restart=always at ${dropIn}:2.\n`)}\n# ${dropIn}\n[Service]\nRestart=always\n#   ^ Overrides Restart=on-failure from ${unit}:6.\n`,
    );
    assert.deepEqual(
      r.lines.find((l) => l.text === "Restart=always"),
      { text: "Restart=always", role: "source", path: dropIn, line: 1 },
    );
  });

  it("reads an open drop-in's unsaved text", async () => {
    await server.change(uriOf(dropIn), 2, [{ text: "[Service]\nExecStart=\nExecStart=/usr/bin/web --debug\n" }]);
    const r = await server.request<EffectiveUnitResult>(effectiveUnitRequest, { uri: uriOf(unit) });
    assert.match(r.text, new RegExp(`ExecStart=\\n#   \\^ Resets the list of ExecStart=: drops ExecStart=/usr/bin/web \\(${unit}:5\\)\\.`));
    await server.change(uriOf(dropIn), 3, [{ text: dropInText }]);
  });

  it("puts a lens on the drop-in's first line that runs the command with its URI", async () => {
    const lenses = await server.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: uriOf(dropIn) } });
    const lens = lenses.find((l) => l.command?.command === showEffectiveUnitCommand);
    assert.ok(lens, JSON.stringify(lenses));
    assert.deepEqual(lens.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(lens.command?.title, "Effective web.service: unit file + 1 drop-in");
    assert.deepEqual(lens.command?.arguments, [uriOf(dropIn)]);
  });

  it("says on hover what a drop-in setting overrides", async () => {
    const hover = await server.request<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(dropIn) },
      position: { line: 1, character: 2 },
    });
    const value = (hover.contents as MarkupContent).value;
    assert.ok(value.startsWith("Overrides `Restart=on-failure` from ["), value);
    assert.match(value, new RegExp(`\\(${uriOf(unit)}#L6\\)`));
  });

  it("does not judge an open effective view, nor count it as a unit file", async () => {
    const view = `${effectiveUnitScheme}:/web.service?${encodeURIComponent(uriOf(dropIn))}`;
    const before = server.published.length;
    // Two Restart= in one text: as a file, systemd/duplicate-directive would warn.
    await server.open(view, "[Service]\nExecStart=/bin/a\nRestart=always\nRestart=no\n");
    await server.change(uriOf(dropIn), 4, [{ text: `${dropInText}\n` }]);
    await server.diagnostics(uriOf(dropIn), (p) => p.version === 4, { from: before });
    assert.deepEqual(
      server.published.slice(before).filter((p) => p.uri === view),
      [],
    );
    const r = await server.request<EffectiveUnitResult>(effectiveUnitRequest, { uri: uriOf(dropIn) });
    assert.deepEqual(
      r.lines.filter((l) => l.role === "header").map((l) => l.path),
      [unit, dropIn],
    );
    const hover = await server.request<Hover>("textDocument/hover", { textDocument: { uri: view }, position: { line: 2, character: 2 } });
    assert.match((hover.contents as MarkupContent).value, /\*\*Restart=\*\*/);
  });

  it("says when a file is not a unit", async () => {
    const r = await server.request<EffectiveUnitResult>(effectiveUnitRequest, { uri: uriOf(join(dir, "notes.txt")) });
    assert.equal(r.unit, null);
    assert.match(r.text, /is not a unit file or a drop-in of one/);
  });
});
