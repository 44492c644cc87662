/**
 * The bundled server (server/dist/etcetera.cjs) over stdio, spoken to with
 * real JSON-RPC the way an editor speaks to it. The tests in the first suite
 * run in order against one server and one document, as an editing session
 * would: open, ask, fix, change, reconfigure, shut down.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  Range,
  TextEdit,
} from "vscode-languageserver-protocol";
import { ensureBundle } from "../helpers/bundle.js";
import { cursor } from "../helpers/lint.js";
import { LspServer, parseFrames, uriOf } from "../helpers/lsp-client.js";

const unitText = [
  "[Unit]", // 0
  "Description=App",
  "After=network.target",
  "",
  "[Service]", // 4
  "Type=simpel",
  "ExecStart=/usr/bin/app",
  "Restrat=always",
  "RestartSteps=5",
  "TimeoutStartSec=90",
  "",
  "[Install]", // 11
  "WantedBy=multi-user.target",
  "",
].join("\n");

function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** Applies LSP text edits (non-overlapping) to a text, as an editor does. */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const codesOf = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);

describe("language server over stdio", () => {
  let server: LspServer;
  let dir: string;
  let uri: string;
  let text = unitText;
  let version = 1;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-lsp-"));
    // A unit that exists only in the workspace folder, never opened: completion must find it by scanning.
    writeFileSync(join(dir, "db-backup.service"), "[Unit]\nDescription=Back up the database\n");
    uri = uriOf(join(dir, "app.service"));
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
  });

  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("initializes and announces its features", async () => {
    const result = await server.initialize();
    assert.equal(result.serverInfo?.name, "etcetera");
    const caps = result.capabilities;
    assert.equal(caps.textDocumentSync, 2, "incremental sync");
    assert.ok(caps.completionProvider?.triggerCharacters?.includes("["));
    assert.ok(caps.completionProvider?.triggerCharacters?.includes("%"));
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.ok(caps.codeActionProvider);
  });

  it("publishes diagnostics for an opened unit, with rule codes and exact token ranges", async () => {
    await server.open(uri, text, version);
    const published = await server.diagnostics(uri, (p) => p.version === version);
    assert.deepEqual(codesOf(published.diagnostics), ["systemd/invalid-value@5:5-11", "systemd/unknown-directive@7:0-7"]);
    const typo = published.diagnostics[1] as Diagnostic;
    assert.equal(typo.severity, 1);
    assert.equal(typo.source, "etcetera");
    assert.match(String(typo.message), /Did you mean 'Restart'\?/);
    assert.ok(server.configurationRequests > 0, "the server asked the client for its settings");
  });

  it("checks a file as the language the editor says, whatever its name (a language set by hand wins)", async () => {
    const notes = uriOf(join(dir, "notes.txt"));
    await server.open(notes, "[Service]\nExecStart=/bin/true\nRestrat=always\n", 1, "systemd-unit");
    const published = await server.diagnostics(notes, (p) => p.version === 1);
    assert.deepEqual(codesOf(published.diagnostics), ["systemd/unknown-directive@2:0-7"]);
  });

  describe("completion", () => {
    let n = 0;
    async function complete(markedText: string): Promise<{ items: CompletionItem[]; line: number; character: number }> {
      const { text: t, position } = cursor(markedText);
      const docUri = uriOf(join(dir, `completion-${++n}.service`));
      await server.open(docUri, t);
      const items = await server.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri: docUri }, position });
      return { items, ...position };
    }
    const labels = (items: CompletionItem[]) => items.map((i) => i.label);

    it("offers the sections of the unit type after '['", async () => {
      const { items, line } = await complete("[Unit]\nDescription=x\n[|");
      assert.ok(labels(items).includes("[Service]"), labels(items).join(" "));
      assert.ok(labels(items).includes("[Install]"));
      assert.ok(!labels(items).includes("[Timer]"), "a .service has no [Timer] section");
      const service = items.find((i) => i.label === "[Service]");
      assert.deepEqual(service?.textEdit, { range: range(line, 0, 1), newText: "[Service]" });
    });

    it("offers the directives of [Service], replacing the word typed so far", async () => {
      const { items, line, character } = await complete("[Service]\nExecStart=/bin/true\nRest|");
      for (const name of ["Restart", "RestartSec", "RemainAfterExit", "User"]) assert.ok(labels(items).includes(name), name);
      assert.ok(!labels(items).includes("Description"), "Description= belongs to [Unit]");
      const restart = items.find((i) => i.label === "Restart");
      assert.deepEqual(restart?.textEdit, { range: range(line, 0, character), newText: "Restart=" });
    });

    it("offers the enum values after 'Type='", async () => {
      const { items } = await complete("[Service]\nType=|\nExecStart=/bin/true");
      for (const value of ["simple", "exec", "forking", "oneshot", "dbus", "notify", "idle"])
        assert.ok(labels(items).includes(value), value);
      assert.ok(!labels(items).includes("yes"));
    });

    it("offers unit names after 'After=', including a unit found in the workspace folder", async () => {
      const marked = "[Unit]\nAfter=network.target |\n[Service]\nExecStart=/bin/true";
      // The folder is scanned in the background after `initialized`; give it a moment.
      let items: CompletionItem[] = [];
      for (let tries = 0; tries < 50 && !labels(items).includes("db-backup.service"); tries++) {
        if (tries > 0) await new Promise((r) => setTimeout(r, 100));
        ({ items } = await complete(marked));
      }
      assert.ok(labels(items).includes("db-backup.service"), labels(items).join(" "));
      assert.ok(labels(items).includes("network-online.target"));
      assert.ok(!labels(items).includes(`completion-${n}.service`), "not the unit itself");
    });

    it("offers specifiers after '%'", async () => {
      const { items, line, character } = await complete("[Service]\nExecStart=/usr/bin/app --name=%|");
      for (const spec of ["%n", "%N", "%i", "%h"]) assert.ok(labels(items).includes(spec), spec);
      assert.deepEqual(items.find((i) => i.label === "%n")?.textEdit, { range: range(line, character - 1, character), newText: "%n" });
    });
  });

  it("explains a directive on hover: value kind and a link to the man page anchor", async () => {
    const hover = await server.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 9, character: 4 } });
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, "markdown");
    assert.deepEqual(hover.range, range(9, 0, 15));
    assert.match(value, /TimeoutStartSec=/);
    assert.match(value, /time span/);
    assert.match(value, /\(https:\/\/www\.freedesktop\.org\/software\/systemd\/man\/[^)]*systemd\.service\.html#TimeoutStartSec=\)/);
  });

  it("shows the total of a time span on hover over the value", async () => {
    const hover = await server.request<Hover>("textDocument/hover", { textDocument: { uri }, position: { line: 9, character: 17 } });
    assert.deepEqual(hover.range, range(9, 16, 18));
    assert.match((hover.contents as MarkupContent).value, /1min 30s/);
  });

  it("offers a quick fix for a misspelled directive that gives the right text", async () => {
    const published = await server.diagnostics(uri, (p) => p.version === version);
    const typo = published.diagnostics.find((d) => d.code === "systemd/unknown-directive") as Diagnostic;
    const actions = await server.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: typo.range,
      context: { diagnostics: [typo], only: ["quickfix"] },
    });
    const fix = actions.find((a) => a.title.includes("Restart="));
    assert.ok(fix, `no fix among: ${actions.map((a) => a.title).join(", ")}`);
    assert.equal(fix.kind, "quickfix");
    const edits = fix.edit?.changes?.[uri] ?? [];
    assert.equal(applyEdits(text, edits), text.replace("Restrat=always", "Restart=always"));
  });

  it("lists sections and directives as document symbols", async () => {
    const symbols = await server.request<DocumentSymbol[]>("textDocument/documentSymbol", { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.range, s.selectionRange]),
      [
        ["[Unit]", range(0, 0, 20, 2), range(0, 1, 5)],
        ["[Service]", range(4, 0, 18, 9), range(4, 1, 8)],
        ["[Install]", range(11, 0, 26, 12), range(11, 1, 8)],
      ],
    );
    const service = symbols[1] as DocumentSymbol;
    assert.deepEqual(
      service.children?.map((c) => c.name),
      ["Type", "ExecStart", "Restrat", "RestartSteps", "TimeoutStartSec"],
    );
    assert.deepEqual(service.children?.[0]?.selectionRange, range(5, 0, 4));
  });

  it("folds sections", async () => {
    const folds = await server.request<FoldingRange[]>("textDocument/foldingRange", { textDocument: { uri } });
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine]),
      [
        [0, 2],
        [4, 9],
        [11, 12],
      ],
    );
  });

  it("updates diagnostics after incremental changes", async () => {
    // Fix the typo in place.
    const from = server.published.length;
    await server.change(uri, ++version, [{ range: range(7, 0, 7), text: "Restart" }]);
    text = text.replace("Restrat=", "Restart=");
    let published = await server.diagnostics(uri, (p) => p.version === version, { from });
    assert.deepEqual(codesOf(published.diagnostics), ["systemd/invalid-value@5:5-11"]);

    // Insert a line into [Unit]: a new mistake there, and the old one moves down.
    await server.change(uri, ++version, [{ range: range(1, 0, 0), text: "Descripton=typo\n" }]);
    text = text.replace("Description=App", "Descripton=typo\nDescription=App");
    published = await server.diagnostics(uri, (p) => p.version === version, { from });
    assert.deepEqual(codesOf(published.diagnostics), ["systemd/unknown-directive@1:0-10", "systemd/invalid-value@6:5-11"]);
  });

  it("re-reads its settings on didChangeConfiguration: systemd.version 252 flags a newer directive", async () => {
    const asked = server.configurationRequests;
    const from = server.published.length;
    server.settings = { systemd: { version: 252 } };
    await server.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    const published = await server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "systemd/newer-than-target"), { from });
    assert.ok(server.configurationRequests > asked, "the server asked for the configuration again");
    const newer = published.diagnostics.filter((d) => d.code === "systemd/newer-than-target");
    assert.deepEqual(
      newer.map((d) => d.range),
      [range(9, 0, 12)],
    );
    assert.match(String(newer[0]?.message), /RestartSteps=.*252/);
    assert.equal(newer[0]?.severity, 2);
  });

  it("shuts down and exits with status 0", async () => {
    const status = await server.shutdown();
    assert.deepEqual(status, { code: 0, signal: null });
  });

  it("wrote nothing but protocol messages to stdout", () => {
    const frames = parseFrames(server.stdoutBytes()) as { method?: string }[];
    assert.ok(frames.length > 10);
    assert.equal(frames.filter((f) => f.method === "textDocument/publishDiagnostics").length, server.published.length);
  });
});

describe("language server process lifetime", () => {
  before(() => ensureBundle());

  it("ends when the client closes its stdin without shutting it down", async () => {
    const server = LspServer.start();
    try {
      await server.initialize();
      server.process.stdin.end();
      const status = await server.waitForExit(5000);
      assert.notEqual(status.code, null, `ended by signal ${status.signal}`);
    } finally {
      server.kill();
    }
  });

  it("exits with status 1 on exit without shutdown, as the protocol says", async () => {
    const server = LspServer.start();
    try {
      await server.initialize();
      await server.connection.sendNotification("exit");
      assert.deepEqual(await server.waitForExit(5000), { code: 1, signal: null });
    } finally {
      server.kill();
    }
  });
});
