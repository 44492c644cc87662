/**
 * Document formatting and semantic tokens over stdio, as an editor asks for
 * them: formatting edits for units and drop-ins (registered for the
 * systemd-unit language only, where the client can be told), and the tokens
 * that make specifiers, $VAR, calendar events, time spans, sections and keys
 * stand out, decoded from the LSP's relative encoding.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { InitializeResult, SemanticTokens, TextEdit } from "vscode-languageserver-protocol";
import { applyTextEdits } from "../../server/src/languages/systemd/format.js";
import { ensureBundle } from "../helpers/bundle.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

/** The tokens as (text, type) pairs, decoded with the legend the server announced. */
function decode(text: string, tokens: SemanticTokens, legend: string[]): [string, string][] {
  const lines = text.split("\n");
  const out: [string, string][] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, length, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
    character = dl === 0 ? character + dc : dc;
    line += dl;
    out.push([(lines[line] ?? "").slice(character, character + length), legend[type] ?? `?${type}`]);
  }
  return out;
}

describe("formatting and semantic tokens over stdio", { timeout: 120_000 }, () => {
  let server: LspServer;
  let dynamic: LspServer;
  let init: InitializeResult;
  let dir: string;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-format-"));
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    init = await server.initialize();
    dynamic = LspServer.start({ workspaceFolders: [dir], settings: {}, textDocument: { formatting: { dynamicRegistration: true } } });
    await dynamic.initialize();
  });
  after(() => {
    server.kill();
    dynamic.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("formats a unit: Key=value, no trailing blanks, one blank line before each section, a final newline", async () => {
    const text = "[Unit]\nDescription = Web  \n[Service]\nExecStart = /usr/bin/web \\\n    --port 80\n\n\n\nRestart=always";
    const uri = uriOf(join(dir, "web.service"));
    await server.open(uri, text);
    const edits = await server.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(
      applyTextEdits(text, edits),
      "[Unit]\nDescription=Web\n\n[Service]\nExecStart=/usr/bin/web \\\n    --port 80\n\nRestart=always\n",
    );
  });

  it("formats a range of lines only", async () => {
    const text = "[Service]\nType = simple\nExecStart = /bin/true\n";
    const uri = uriOf(join(dir, "range.service"));
    await server.open(uri, text);
    const edits = await server.request<TextEdit[]>("textDocument/rangeFormatting", {
      textDocument: { uri },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(applyTextEdits(text, edits), "[Service]\nType = simple\nExecStart=/bin/true\n");
  });

  it("formats a drop-in, and leaves crontabs alone", async () => {
    const uri = uriOf(join(dir, "web.service.d/override.conf"));
    await server.open(uri, "[Service]\nExecStart=\nExecStart = /usr/bin/web\n");
    const edits = await server.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(edits.length, 1);
    const cron = uriOf(join(dir, "jobs.crontab"));
    await server.open(cron, "0 3 * * *   /usr/bin/backup   \n", 1, "crontab");
    assert.deepEqual(
      await server.request("textDocument/formatting", { textDocument: { uri: cron }, options: { tabSize: 4, insertSpaces: true } }),
      [],
    );
  });

  it("registers the formatter for systemd units only where the client can be told", () => {
    assert.equal(init.capabilities.documentFormattingProvider, true, "static for a client without dynamic registration");
    assert.deepEqual(dynamic.registrationOptions.get("textDocument/formatting"), { documentSelector: [{ language: "systemd-unit" }] });
    assert.deepEqual(dynamic.registrationOptions.get("textDocument/rangeFormatting"), { documentSelector: [{ language: "systemd-unit" }] });
  });

  it("marks sections, keys, specifiers, $VAR, calendar events and time spans", async () => {
    const legend = init.capabilities.semanticTokensProvider?.legend.tokenTypes ?? [];
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${MORE} is systemd's syntax, not a template
    const service = "[Service]\nExecStart=/usr/bin/app --name %i $OPTS ${MORE} $$HOME\nTimeoutStartSec=1min 30s\nEnvironment=OPTS=$X\n";
    const uri = uriOf(join(dir, "app@.service"));
    await server.open(uri, service);
    const tokens = decode(service, await server.request("textDocument/semanticTokens/full", { textDocument: { uri } }), legend);
    assert.deepEqual(tokens, [
      ["Service", "namespace"],
      ["ExecStart", "property"],
      ["%i", "macro"],
      ["$OPTS", "variable"],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: systemd's syntax
      ["${MORE}", "variable"],
      ["TimeoutStartSec", "property"],
      ["1min 30s", "number"],
      ["Environment", "property"],
    ]);

    const timer = "[Timer]\nOnCalendar=Mon..Fri *-*-* 06:30:00\nOnBootSec=15min\nPersistent=true\n";
    const timerUri = uriOf(join(dir, "app.timer"));
    await server.open(timerUri, timer);
    const timerTokens = decode(
      timer,
      await server.request("textDocument/semanticTokens/full", { textDocument: { uri: timerUri } }),
      legend,
    );
    assert.deepEqual(timerTokens, [
      ["Timer", "namespace"],
      ["OnCalendar", "property"],
      ["Mon..Fri *-*-* 06:30:00", "regexp"],
      ["OnBootSec", "property"],
      ["15min", "number"],
      ["Persistent", "property"],
    ]);
  });
});
