import { fileURLToPath } from "node:url";
import {
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { readFileFacts, wantsFileFacts } from "./core/file-facts.js";
import { type FileKind, kindOfLanguageId, kindTable, unitTypes } from "./core/kinds.js";
import { emptyWorkspace, type LanguageContext } from "./core/language.js";
import { detectKind, loadedLanguageOf, loadLanguages } from "./core/registry.js";
import { semanticTokenTypes } from "./core/semantic-tokens.js";
import { defaultSettings, type Settings, settingsFromConfiguration } from "./core/settings.js";
import { checkTiming } from "./features/check-timing.js";
import { fixesInRange, kindRequested, suppressionFixes } from "./features/code-actions.js";
import { dependenciesOf } from "./features/dependencies.js";
import { dependentsOf } from "./features/dependents.js";
import { type Analysis, AnalysisCache } from "./features/documents.js";
import { newEffectiveUnit } from "./features/effective-unit-request.js";
import {
  toLspCodeAction,
  toLspCodeLens,
  toLspCompletion,
  toLspDiagnostic,
  toLspFolding,
  toLspHover,
  toLspRefactoring,
  toLspSemanticTokens,
  toLspSymbol,
} from "./features/lsp-convert.js";
import { newSecurityReport } from "./features/security-report.js";
import { DEFAULT_SCAN_BUDGET, UnitNameIndex } from "./features/workspace-index.js";
import { newestKnownVersion } from "./languages/systemd/data.js";
import {
  type DependenciesParams,
  type DocumentInfo,
  type DocumentInfoParams,
  dependenciesRequest,
  documentInfoRequest,
  type EffectiveUnitParams,
  type EffectiveUnitResult,
  effectiveUnitRequest,
  effectiveUnitScheme,
  type SecurityReport,
  type SecurityReportParams,
  securityReportRequest,
  type UnitDependencies,
} from "./protocol.js";

/** The only file that touches the LSP connection: it wires the language features to it. */

function pathOf(uri: string): string {
  // An effective-unit view is named by its unit (`etcetera-effective:/foo.service?SOURCE`): the name gives the unit type.
  const named = isEffectiveView(uri) ? uri.replace(/[?#].*$/s, "") : uri;
  try {
    return named.startsWith("file:") ? fileURLToPath(named) : decodeURIComponent(named.replace(/^[a-z-]+:\/*/i, "/"));
  } catch {
    return uri;
  }
}

/** The read-only effective-unit documents the client shows: highlighted and hovered, but no file of the workspace. */
function isEffectiveView(uri: string): boolean {
  return uri.startsWith(`${effectiveUnitScheme}:`);
}

/**
 * How long a change waits for the next keystroke before it is checked. A small
 * document is checked at once (a check takes well under a millisecond per 50
 * lines); a large one waits so that typing is not checked key by key.
 * ETCETERA_VALIDATION_DELAY_MS overrides it (the bench sets 0 to time the checks alone).
 */
const LARGE_DOCUMENT_LINES = 1000;
const LARGE_DOCUMENT_DELAY_MS = 40;
const fixedDelay = process.env.ETCETERA_VALIDATION_DELAY_MS === undefined ? undefined : Number(process.env.ETCETERA_VALIDATION_DELAY_MS);

function validationDelay(doc: TextDocument): number {
  if (fixedDelay !== undefined && Number.isFinite(fixedDelay)) return fixedDelay;
  return doc.lineCount > LARGE_DOCUMENT_LINES ? LARGE_DOCUMENT_DELAY_MS : 0;
}

/** The languages with a formatter: only they claim "Format Document" (netplan's YAML keeps the user's YAML formatter). */
const formattedLanguages = kindTable.filter((k) => k.formatted).map((k) => ({ language: k.languageId }));

/** The systemd files whose creation, change or deletion on disk matters to open documents. */
const systemdWatchGlobs = [
  `**/*.{${unitTypes.join(",")}}`,
  `**/*.{${unitTypes.join(",")}}.d/*.conf`,
  `**/{${unitTypes.join(",")}}.d/*.conf`,
];

export function startServer(): void {
  const connection: Connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const index = new UnitNameIndex();
  const settingsByUri = new Map<string, Promise<Settings>>();
  /** The pending check of each document, by URI: how to cancel it. */
  const pending = new Map<string, () => void>();
  let canAskConfiguration = false;
  let canWatchFiles = false;
  let canRegisterFormatting = false;
  // Settings pushed by clients that cannot be asked (initializationOptions or didChangeConfiguration).
  let pushedSettings: Settings = defaultSettings;
  let workspaceRoots: string[] = [];

  const log = (message: string) => connection.console.log(message);
  let timing = checkTiming(false, process, "message", log);

  function settingsFor(uri: string): Promise<Settings> {
    if (!canAskConfiguration) return Promise.resolve(pushedSettings);
    let s = settingsByUri.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: "etcetera" })
        .then(settingsFromConfiguration, () => defaultSettings);
      settingsByUri.set(uri, s);
    }
    return s;
  }

  async function contextFor(uri: string): Promise<LanguageContext> {
    const path = pathOf(uri);
    if (isEffectiveView(uri)) return { path, settings: await settingsFor(uri), workspace: emptyWorkspace, log };
    const fileFacts = uri.startsWith("file:") && wantsFileFacts(path) ? readFileFacts(path) : undefined;
    return { path, settings: await settingsFor(uri), workspace: index, log, ...(fileFacts ? { fileFacts } : {}) };
  }

  function kindOf(doc: TextDocument): FileKind | undefined {
    return kindOfLanguageId(doc.languageId) ?? detectKind(pathOf(doc.uri), doc.getText());
  }

  /**
   * The analysis of an open document. Each language is a bundle chunk of its own, loaded when the first
   * document of its kind needs it: a session of unit files never loads netplan's YAML parser and schema.
   */
  async function analysisOf(doc: TextDocument): Promise<Analysis | undefined> {
    const kind = kindOf(doc);
    if (kind && !loadedLanguageOf(kind)) await loadLanguages([kind]);
    return cachedAnalysisOf(doc, kind);
  }

  /** The analysis if the document's language is loaded; one still loading is checked when it is (validate awaits it). */
  function loadedAnalysisOf(doc: TextDocument): Analysis | undefined {
    const kind = kindOf(doc);
    return kind && !loadedLanguageOf(kind) ? undefined : cachedAnalysisOf(doc, kind);
  }

  function cachedAnalysisOf(doc: TextDocument, kind: FileKind | undefined): Analysis | undefined {
    return cache.get(doc.uri, doc.version, pathOf(doc.uri), () => doc.getText(), kind);
  }

  async function validate(doc: TextDocument): Promise<void> {
    // A merged view repeats settings on purpose; judging it would only repeat the files' own diagnostics.
    if (isEffectiveView(doc.uri)) return;
    const analysis = await analysisOf(doc);
    const version = doc.version;
    const diagnostics = analysis ? analysis.diagnostics(await contextFor(doc.uri)) : [];
    if (documents.get(doc.uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: diagnostics.map(toLspDiagnostic) });
    timing.published(doc.uri, version);
  }

  function scheduleValidation(doc: TextDocument, delay = validationDelay(doc)): void {
    pending.get(doc.uri)?.();
    const run = () => {
      pending.delete(doc.uri);
      validate(doc).catch((e) => log(`validation of ${doc.uri} failed: ${e instanceof Error ? e.stack : String(e)}`));
    };
    // Without a delay, after the messages already read (changes that came together are checked once): a timer
    // of 0 ms waits at least a millisecond, a third of the whole check of a small unit.
    if (delay <= 0) {
      const immediate = setImmediate(run);
      pending.set(doc.uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delay);
      pending.set(doc.uri, () => clearTimeout(timer));
    }
  }

  connection.onInitialize((params) => {
    canAskConfiguration = Boolean(params.capabilities.workspace?.configuration);
    canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    canRegisterFormatting = Boolean(params.capabilities.textDocument?.formatting?.dynamicRegistration);
    const initial = (params.initializationOptions as { etcetera?: unknown } | undefined)?.etcetera ?? params.initializationOptions;
    if (initial) pushedSettings = settingsFromConfiguration(initial);
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri));
    if (workspaceRoots.length === 0 && params.rootUri) workspaceRoots = [pathOf(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ["[", "=", "%", " "] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ["quickfix", "refactor.rewrite"] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        // Registered per language in onInitialized when the client can; statically (for every document) otherwise.
        ...(canRegisterFormatting ? {} : { documentFormattingProvider: true, documentRangeFormattingProvider: true }),
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [] }, full: true },
      },
      serverInfo: { name: "etcetera", version: "0.1.0" },
    };
  });

  /**
   * The workspace scan: requests that show the whole unit set (the effective unit, its dependencies) wait for it,
   * since a unit file the scan has not reached yet would be shown as missing; diagnostics do not wait (they say less).
   */
  let scanned: Promise<void> = Promise.resolve();

  connection.onInitialized(() => {
    if (canAskConfiguration)
      connection.client.register(DidChangeConfigurationNotification.type, { section: "etcetera" }).catch(() => undefined);
    // Files created, changed or deleted outside the editor change what units exist; clients that can be asked watch them for us.
    if (canWatchFiles)
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: systemdWatchGlobs.map((globPattern) => ({ globPattern })) })
        .catch(() => undefined);
    if (canRegisterFormatting) {
      connection.client.register(DocumentFormattingRequest.type, { documentSelector: formattedLanguages }).catch(() => undefined);
      connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector: formattedLanguages }).catch(() => undefined);
    }
    const budget = Number(process.env.ETCETERA_SCAN_LIMIT) || DEFAULT_SCAN_BUDGET;
    scanned = index
      .scan(workspaceRoots, budget)
      .then(() => {
        // Clients and tests may wait for this line before trusting "missing unit" verdicts.
        log(`workspace scan done: ${index.systemdFiles().length} systemd files`);
        const stopped = index.incomplete();
        if (stopped) {
          // Rules that look for other units cannot tell "missing" from "not scanned": they stay quiet, and the user is told why.
          log(stopped);
          // A notification, not a request: a client that cannot answer requests must not take the server down.
          connection
            .sendNotification(ShowMessageNotification.type, {
              type: MessageType.Warning,
              message: `Etcetera: ${stopped}. Checks that look for other units (a timer's service) are off.`,
            })
            .catch(() => undefined);
        }
        for (const doc of documents.all()) scheduleValidation(doc, 0);
      })
      .catch((e) => log(`workspace scan failed: ${String(e)}`));
  });

  /** Re-checks the open documents that depend on a file that changed (opened, edited, closed, created or deleted). */
  function recheckDependents(changedPath: string): void {
    // Parsed only when asked: the changed document itself is skipped, and its parse waits for the (debounced) check.
    const open = documents.all().map((d) => ({
      uri: d.uri,
      path: pathOf(d.uri),
      get analysis() {
        return loadedAnalysisOf(d);
      },
    }));
    for (const uri of dependentsOf(changedPath, open)) {
      const doc = documents.get(uri);
      if (!doc) continue;
      cache.delete(uri);
      scheduleValidation(doc);
    }
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (change.type === FileChangeType.Deleted) index.removePath(path);
      else index.addPath(path);
      recheckDependents(path);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    // Clients that cannot be asked push the whole section instead (Neovim 0.7 does this).
    const pushed = (change.settings as { etcetera?: unknown } | null | undefined)?.etcetera;
    if (pushed !== undefined) pushedSettings = settingsFromConfiguration(pushed);
    settingsByUri.clear();
    cache.clear();
    for (const doc of documents.all()) scheduleValidation(doc, 0);
  });

  documents.onDidOpen((e) => {
    if (isEffectiveView(e.document.uri)) return;
    // Opened while the scan runs: its own directory first, so its unit and drop-ins are judged together at once.
    index.addDirectoryOf(pathOf(e.document.uri));
    index.addOpen(e.document.uri, pathOf(e.document.uri), () => documents.get(e.document.uri)?.getText() ?? "");
    recheckDependents(pathOf(e.document.uri));
  });
  documents.onDidChangeContent((e) => {
    if (isEffectiveView(e.document.uri)) return;
    timing.changed(e.document.uri, e.document.version);
    scheduleValidation(e.document);
    if (e.document.version > 1) recheckDependents(pathOf(e.document.uri));
  });
  documents.onDidClose((e) => {
    if (isEffectiveView(e.document.uri)) return;
    pending.get(e.document.uri)?.();
    pending.delete(e.document.uri);
    cache.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    index.removeOpen(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
    // The file on disk (or its absence) is what other documents see now.
    recheckDependents(pathOf(e.document.uri));
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    if (!doc || !analysis) return [];
    return analysis.language.complete(analysis.doc, position, await contextFor(doc.uri)).map(toLspCompletion);
  });

  connection.onHover(async ({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    if (!doc || !analysis) return null;
    const hover = analysis.language.hover(analysis.doc, position, await contextFor(doc.uri));
    return hover ? toLspHover(hover) : null;
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    if (!doc || !analysis) return [];
    const ctx = await contextFor(doc.uri);
    const diagnostics = analysis.diagnostics(ctx);
    const quickfixes = kindRequested("quickfix", context.only)
      ? [...fixesInRange(diagnostics, range), ...suppressionFixes(doc.getText(), diagnostics, range)]
      : [];
    const refactorings = kindRequested("refactor.rewrite", context.only)
      ? (analysis.language.refactorings?.(analysis.doc, range, ctx) ?? [])
      : [];
    return [
      ...quickfixes.map(({ fix, diagnostic }) => toLspCodeAction(doc.uri, fix, [diagnostic])),
      ...refactorings.map((r) => toLspRefactoring(doc.uri, r)),
    ];
  });

  connection.onDocumentSymbol(async ({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    return analysis ? analysis.language.symbols(analysis.doc).map(toLspSymbol) : [];
  });

  connection.onFoldingRanges(async ({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    return analysis ? analysis.language.folding(analysis.doc).map(toLspFolding) : [];
  });

  connection.onCodeLens(async ({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    if (!doc || !analysis?.language.codeLenses) return [];
    return analysis.language.codeLenses(analysis.doc, await contextFor(doc.uri)).map((l) => toLspCodeLens(doc.uri, l));
  });

  connection.onDocumentFormatting(async ({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    return doc && analysis?.language.format ? analysis.language.format(doc.getText()) : [];
  });

  connection.onDocumentRangeFormatting(async ({ textDocument, range }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    return doc && analysis?.language.format ? analysis.language.format(doc.getText(), range) : [];
  });

  connection.languages.semanticTokens.on(async ({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const analysis = doc && (await analysisOf(doc));
    if (!doc || !analysis?.language.semanticTokens) return { data: [] };
    return toLspSemanticTokens(analysis.language.semanticTokens(analysis.doc, await contextFor(doc.uri)));
  });

  connection.onRequest(securityReportRequest, async (params: SecurityReportParams): Promise<SecurityReport> => {
    const doc = documents.get(params.uri);
    const analysis = doc && (await analysisOf(doc));
    return newSecurityReport(analysis, await contextFor(params.uri));
  });

  connection.onRequest(effectiveUnitRequest, async (params: EffectiveUnitParams): Promise<EffectiveUnitResult> => {
    await scanned;
    const doc = documents.get(params.uri);
    return newEffectiveUnit(pathOf(params.uri), doc && (await analysisOf(doc)), index);
  });

  connection.onRequest(documentInfoRequest, async (params: DocumentInfoParams): Promise<DocumentInfo> => {
    const doc = documents.get(params.uri);
    const analysis = doc && (await analysisOf(doc));
    const settings = await settingsFor(params.uri);
    return { kind: analysis?.kind ?? null, targetVersion: settings.systemd.version, newestKnownVersion };
  });

  connection.onRequest(dependenciesRequest, async (params: DependenciesParams): Promise<UnitDependencies> => {
    await scanned;
    const doc = documents.get(params.uri);
    const analysis = doc && (await analysisOf(doc));
    return dependenciesOf(analysis, pathOf(params.uri), index);
  });

  documents.listen(connection);
  connection.listen();
  // After listen: the transport's own listener is in place before this one is put ahead of it.
  const stdio = process.argv.includes("--stdio");
  timing = checkTiming(process.env.ETCETERA_TRACE_TIMING === "1", stdio ? process.stdin : process, stdio ? "data" : "message", log);
}
