// The bench's transport floor (lsp-bench.ts, measureTransportFloor): a language server that checks nothing.
// It answers each open or change with empty diagnostics after one turn of the event loop, as ours does
// without a debounce, over the same JSON-RPC library, so a round trip to it is what no check can go below.
import { createConnection, ProposedFeatures, TextDocumentSyncKind, TextDocuments } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent(({ document }) => {
  setImmediate(() => connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] }));
});
documents.listen(connection);
connection.listen();
