/**
 * The exposure score in the editor, over the real bundled server: the code
 * lens on [Service] with its command, the hover on [Service], the hardening
 * refactorings (each lowers the score by what its title says) and the
 * etcetera/securityReport request behind the full-table command.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeAction, CodeLens, Hover, MarkupContent, TextEdit } from "vscode-languageserver-protocol";
import { scoreService } from "../../server/src/languages/systemd/security/index.js";
import { securityReportRequest, showSecurityTableCommand } from "../../server/src/protocol.js";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

const text = "[Unit]\nDescription=App\n\n[Service]\nExecStart=/usr/bin/app\nUser=app\n\n[Install]\nWantedBy=multi-user.target\n";
const serviceHeader = { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } };

function applyEdit(source: string, edit: TextEdit): string {
  const lines = source.split("\n");
  const line = lines[edit.range.start.line] ?? "";
  lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
  return lines.join("\n");
}

const tenths = (path: string, source: string) => {
  const o = scoreService({ path, text: source });
  return o.kind === "score" ? o.score.exposureTenths : Number.NaN;
};

describe("exposure score over the language server", () => {
  let server: LspServer;
  let dir: string;
  let path: string;
  let uri: string;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-security-lsp-"));
    path = join(dir, "app.service");
    uri = uriOf(path);
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    const init = await server.initialize();
    assert.ok(init.capabilities.codeLensProvider, "announces code lenses");
    await server.open(uri, text);
  });

  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("puts a lens on [Service] with the score, the open checks and the table command", async () => {
    const lenses = await server.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.deepEqual(lens?.range, serviceHeader);
    assert.equal(lens?.command?.title, `exposure ${(tenths(path, text) / 10).toFixed(1)} UNSAFE — 75 checks open`);
    assert.equal(lens?.command?.command, showSecurityTableCommand);
    assert.deepEqual(lens?.command?.arguments, [uri]);
  });

  it("explains on hover what weighs most", async () => {
    const hover = await server.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 3, character: 3 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*\\\[Service\\\]\*\*/);
    assert.match(value, /\*\*Exposure 9\.2 UNSAFE\*\*/);
    assert.match(value, /Has access to the host's network — `PrivateNetwork=` \+0\.5/);
    assert.match(value, /Largest single gains: `\S+=\S+` −\d\.\d/);
  });

  it("offers hardening settings on [Service], each taking off what its title says", async () => {
    const actions = await server.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: serviceHeader,
      context: { diagnostics: [] },
    });
    const harden = actions.filter((a) => a.title.startsWith("Harden: "));
    assert.ok(harden.length >= 5, actions.map((a) => a.title).join(", "));
    for (const action of harden) {
      const m = /^Harden: (\S+=.*): −(\d+\.\d)$/.exec(action.title);
      assert.ok(m, action.title);
      const change = action.edit?.documentChanges?.[0];
      const edit = change && "edits" in change ? (change.edits[0] as TextEdit | undefined) : undefined;
      assert.ok(edit);
      const after = applyEdit(text, edit);
      assert.ok(after.includes(`User=app\n${m[1]}\n`), after);
      assert.equal(tenths(path, text) - tenths(path, after), Math.round(Number(m[2]) * 10), action.title);
    }
  });

  it("answers etcetera/securityReport with the full table", async () => {
    const report = await server.request<{ text: string }>(securityReportRequest, { uri });
    assert.match(report.text, /^ {2}NAME +DESCRIPTION +EXPOSURE/);
    assert.match(report.text, /→ Overall exposure level for app\.service: 9\.2 UNSAFE/);
  });

  it("has no lens on a timer and says so for the table", async () => {
    const timer = uriOf(join(dir, "app.timer"));
    await server.open(timer, "[Timer]\nOnCalendar=daily\n");
    assert.deepEqual(await server.request<CodeLens[]>("textDocument/codeLens", { textDocument: { uri: timer } }), []);
    const report = await server.request<{ text: string }>(securityReportRequest, { uri: timer });
    assert.match(report.text, /only services have an exposure score/);
  });
});
