/**
 * The completion flow over stdio, and what the VS Code client does with it:
 * after accepting a directive whose values completion can list, the editor
 * opens the value list at once (the server marks the item, the client adds
 * VS Code's "trigger suggest" command to it).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { CompletionItem } from "vscode-languageserver-protocol";
import { triggerSuggest, withValueRetrigger } from "../../client/src/completionRetrigger.js";
import { ensureBundle } from "../helpers/bundle.js";
import { cursor } from "../helpers/lint.js";
import { LspServer, uriOf } from "../helpers/lsp-client.js";

describe("completion flow over stdio", { timeout: 120_000 }, () => {
  let server: LspServer;
  let dir: string;

  before(async () => {
    ensureBundle();
    dir = mkdtempSync(join(tmpdir(), "etcetera-completion-"));
    server = LspServer.start({ workspaceFolders: [dir], settings: {} });
    await server.initialize();
  });
  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("marks the directives after which values follow, and the client turns the mark into VS Code's suggest command", async () => {
    const { text, position } = cursor("[Service]\nExecStart=/bin/true\nRe|\n");
    const uri = uriOf(join(dir, "app.service"));
    await server.open(uri, text);
    const items = await server.request<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position });
    const restart = items.find((i) => i.label === "Restart");
    const requires = items.find((i) => i.label === "RemainAfterExit");
    const description = items.find((i) => i.label === "RestartSec");
    assert.deepEqual(restart?.data, { valueFollows: true }, "Restart= has values to list");
    assert.deepEqual(requires?.data, { valueFollows: true }, "a boolean has yes/no");
    assert.equal(description?.data, undefined, "a time span has nothing to list");
    withValueRetrigger(items);
    assert.deepEqual(restart?.command, triggerSuggest);
    assert.equal(description?.command, undefined);
  });
});
