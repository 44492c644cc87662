/**
 * A minimal LSP client for protocol tests and the bench: it starts the bundled
 * server over stdio and speaks JSON-RPC to it with vscode-jsonrpc, as an
 * editor would. It answers the server's requests (workspace/configuration
 * from a settings object the test controls, client/registerCapability) and
 * keeps every byte the server wrote to stdout, so that a test can check that
 * nothing but protocol messages went there.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { pathToFileURL } from "node:url";
import { createMessageConnection, type MessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import type {
  ConfigurationParams,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol";
import { bundlePath } from "./bundle.js";

export interface StartOptions {
  /** Folders the client reports as workspaceFolders. */
  workspaceFolders?: string[];
  /** The `etcetera` section answered to workspace/configuration; undefined means the client cannot be asked. */
  settings?: Record<string, unknown>;
  /** Client capabilities under textDocument besides the defaults (formatting: { dynamicRegistration: true }, ...). */
  textDocument?: Record<string, unknown>;
  /** Extra environment for the server process (ETCETERA_SCAN_LIMIT, ...). */
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the bundle (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /** Another server script to run instead of the bundle (the bench's transport floor). */
  entry?: string;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class LspServer {
  readonly connection: MessageConnection;
  /** The `etcetera` section the client answers with; tests change it before a didChangeConfiguration. */
  settings: Record<string, unknown>;
  /** How often the server asked for configuration. */
  configurationRequests = 0;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logMessages: string[] = [];
  /** window/showMessage notifications, as "type: message". */
  readonly shownMessages: string[] = [];
  /** Methods the server registered dynamically (client/registerCapability). */
  readonly registrations: string[] = [];
  /** Their options (a documentSelector, watchers), by method. */
  readonly registrationOptions = new Map<string, unknown>();
  readonly exited: Promise<ExitStatus>;
  private readonly stdoutChunks: Buffer[] = [];
  private readonly stderrChunks: Buffer[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    private readonly options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    process.stdout.on("data", (b: Buffer) => this.stdoutChunks.push(b));
    process.stderr.on("data", (b: Buffer) => this.stderrChunks.push(b));
    this.exited = new Promise((resolveExit) => process.on("exit", (code, signal) => resolveExit({ code, signal })));
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout), new StreamMessageWriter(process.stdin));
    this.connection.onRequest("workspace/configuration", (params: ConfigurationParams) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === "etcetera" ? structuredClone(this.settings) : null));
    });
    this.connection.onRequest("client/registerCapability", (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      for (const r of p.registrations) {
        this.registrations.push(r.method);
        this.registrationOptions.set(r.method, r.registerOptions);
      }
      return null;
    });
    this.connection.onNotification("window/showMessage", (p: { type: number; message: string }) => {
      this.shownMessages.push(`${p.type}: ${p.message}`);
    });
    this.connection.onNotification("window/logMessage", (p: { message: string }) => {
      this.logMessages.push(p.message);
    });
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const wake of [...this.waiters]) wake();
    });
    // A server that dies mid-test must fail the test, not leave it waiting on a closed pipe.
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** Spawns `node server/dist/etcetera.cjs lsp --stdio`. */
  static start(options: StartOptions = {}): LspServer {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? bundlePath, "lsp", "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    return new LspServer(child, options);
  }

  async initialize(): Promise<InitializeResult> {
    const folders = (this.options.workspaceFolders ?? []).map((dir) => ({ uri: pathToFileURL(dir).href, name: dir }));
    const result = await this.connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      capabilities: {
        workspace: {
          configuration: this.options.settings !== undefined,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...this.options.textDocument,
        },
      },
    });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = "systemd-unit"): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version, text } });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /**
   * The first diagnostics published for `uri` at or after index `from` of
   * `published` that satisfy `accept` (by default: any).
   */
  diagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    { from = 0, timeoutMs = 5000 } = {},
  ): Promise<PublishDiagnosticsParams> {
    const find = () => this.published.slice(from).find((p) => p.uri === uri && accept(p));
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return new Promise((resolveWait, reject) => {
      const wake = () => {
        const found = find();
        if (!found) return;
        cleanup();
        resolveWait(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.published
          .filter((p) => p.uri === uri)
          .map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code).join(", ")}`);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; seen:\n  ${seen.join("\n  ")}\n${this.stderr()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  /** shutdown, then exit; resolves with how the process ended (killed after `timeoutMs`). */
  async shutdown(timeoutMs = 5000): Promise<ExitStatus> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    return this.waitForExit(timeoutMs);
  }

  async waitForExit(timeoutMs = 5000): Promise<ExitStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), timeoutMs);
    });
    const status = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    this.connection.dispose();
    if (status === "timeout") {
      this.kill();
      throw new Error(`the server did not exit within ${timeoutMs} ms`);
    }
    return status;
  }

  /** Ends the server process if it still runs (cleanup after a failed test). */
  kill(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill("SIGKILL");
    this.connection.dispose();
  }

  stdoutBytes(): Buffer {
    return Buffer.concat(this.stdoutChunks);
  }

  stderr(): string {
    return Buffer.concat(this.stderrChunks).toString("utf8");
  }
}

/**
 * Splits a byte stream into LSP base-protocol frames. Throws, naming the
 * offset and the bytes found, where anything but a well-formed
 * `Content-Length` frame with a JSON-RPC 2.0 body appears.
 */
export function parseFrames(bytes: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf("\r\n\r\n", at);
    const show = () => JSON.stringify(bytes.subarray(at, at + 80).toString("utf8"));
    if (headerEnd < 0) throw new Error(`stdout byte ${at}: no header terminator: ${show()}`);
    const headers = bytes.subarray(at, headerEnd).toString("ascii").split("\r\n");
    let length = -1;
    for (const h of headers) {
      const m = /^([A-Za-z-]+): *(.*)$/.exec(h);
      if (!m) throw new Error(`stdout byte ${at}: not a header line: ${show()}`);
      if ((m[1] as string).toLowerCase() === "content-length") length = Number(m[2]);
      else if ((m[1] as string).toLowerCase() !== "content-type") throw new Error(`stdout byte ${at}: unexpected header ${h}`);
    }
    if (!Number.isInteger(length) || length < 0) throw new Error(`stdout byte ${at}: no Content-Length: ${show()}`);
    const bodyStart = headerEnd + 4;
    if (bodyStart + length > bytes.length) throw new Error(`stdout byte ${at}: frame of ${length} bytes is cut short`);
    const body = JSON.parse(bytes.subarray(bodyStart, bodyStart + length).toString("utf8")) as { jsonrpc?: string };
    if (body.jsonrpc !== "2.0") throw new Error(`stdout byte ${at}: body is not JSON-RPC 2.0`);
    messages.push(body);
    at = bodyStart + length;
  }
  return messages;
}

/** A file: URI for a path. */
export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
