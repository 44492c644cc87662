/**
 * Code actions over stdio, as VS Code asks for them: each action comes only
 * under the kind the editor asked for (VS Code drops the others with a
 * warning), every diagnostic can be turned off for its line or its file, and
 * every diagnostic links to its rule's page.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CodeAction, Diagnostic, TextEdit } from "vscode-languageserver-protocol";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe("code actions over stdio", { timeout: 120_000 }, () => {
  let server: LspServer;
  let dir: string;
  let n = 0;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-actions-"));
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    await server.initialize();
  });
  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function openAndDiagnose(name: string, text: string, languageId: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = uriOf(join(dir, `${++n}-${name}`));
    await server.open(uri, text, 1, languageId);
    const published = await server.diagnostics(uri, (p) => p.version === 1);
    return { uri, diagnostics: published.diagnostics };
  }

  function actions(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    return server.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
    });
  }

  it("answers a quickfix request with quick fixes only, and a refactor request with refactorings only", async () => {
    const text = "SHELL=/bin/sh\n0 2 * * * /usr/bin/backup\n0 2 30 2 * /usr/bin/backup\n";
    const { uri, diagnostics } = await openAndDiagnose("crontab", text, "crontab");
    const never = diagnostics.find((d) => d.code === "cron/never-runs");
    assert.ok(never, JSON.stringify(diagnostics));
    const all = await actions(uri, never);
    assert.ok(
      all.some((a) => a.kind === "refactor.rewrite"),
      `without 'only' the cron line's timer refactoring is offered: ${all.map((a) => a.kind).join()}`,
    );
    const quick = await actions(uri, never, ["quickfix"]);
    assert.ok(quick.length > 0);
    assert.deepEqual([...new Set(quick.map((a) => a.kind))], ["quickfix"]);
    const refactor = await actions(uri, never, ["refactor"]);
    assert.ok(refactor.length > 0);
    assert.deepEqual([...new Set(refactor.map((a) => a.kind))], ["refactor.rewrite"]);
    const onFirstJob = await server.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [], only: ["refactor"] },
    });
    const convert = onFirstJob.find((a) => a.title.startsWith("Convert to a systemd timer"));
    assert.ok(convert, onFirstJob.map((a) => a.title).join(", "));
    assert.deepEqual(
      (convert.data as { openAfter?: string[] } | undefined)?.openAfter?.map((u) => u.replace(/^.*\//, "")),
      ["cron-backup.timer", "cron-backup.service"],
      "the client opens the files the refactoring creates",
    );
  });

  it("turns a rule off for one line: the comment goes above it, indented like it, and the finding goes away", async () => {
    const text = "network:\n  version: 2\n  ethernets:\n    eth0:\n      dhcp5: true\n";
    const { uri, diagnostics } = await openAndDiagnose("01-net.yaml", text, "netplan");
    const unknown = diagnostics.find((d) => d.code === "netplan/unknown-key") as Diagnostic;
    assert.ok(unknown, JSON.stringify(diagnostics));
    const list = await actions(uri, unknown, ["quickfix"]);
    const disable = list.find((a) => a.title === "Disable netplan/unknown-key for this line");
    assert.ok(disable, list.map((a) => a.title).join(", "));
    const fixed = applyEdits(text, disable.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, text.replace("      dhcp5", "      # etcetera-disable-next-line netplan/unknown-key\n      dhcp5"));
    await server.change(uri, 2, [{ text: fixed }]);
    const after = await server.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      [],
    );
  });

  it("turns a rule off for the whole file, adding to an existing marker rather than writing a second one", async () => {
    const text = "# etcetera-disable systemd/ignored-line\n[Service]\nExecStart=/bin/true\nRestrat=always\nProtectDevices=yes\n";
    const { uri, diagnostics } = await openAndDiagnose("app.service", text, "systemd-unit");
    assert.equal(diagnostics.length, 2, JSON.stringify(diagnostics));
    const list = await actions(uri, diagnostics[0] as Diagnostic, ["quickfix"]);
    const disable = list.find((a) => a.title === "Disable systemd/unknown-directive for this file");
    assert.ok(disable, list.map((a) => a.title).join(", "));
    const fixed = applyEdits(text, disable.edit?.changes?.[uri] ?? []);
    assert.equal(fixed.split("\n")[0], "# etcetera-disable systemd/ignored-line systemd/unknown-directive");
    await server.change(uri, 2, [{ text: fixed }]);
    const after = await server.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics, []);
  });

  it("links every diagnostic to its rule's page, which exists in the repository", async () => {
    const { diagnostics } = await openAndDiagnose("timer.timer", "[Timer]\nOnCalendar=daily\nPersistant=true\n", "systemd-unit");
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) {
      const href = d.codeDescription?.href ?? "";
      assert.match(href, /^https:\/\/github\.com\/etcetera-dev\/etcetera\/blob\/main\/docs\/rules\/[\w-]+\/[\w-]+\.md$/);
      const path = href.replace(/^.*\/blob\/main\//, "");
      assert.ok(existsSync(path), `${path} exists`);
      assert.ok(path.endsWith(`${String(d.code)}.md`));
    }
  });
});
