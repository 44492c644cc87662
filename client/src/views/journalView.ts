import {
  type Disposable,
  EventEmitter,
  type ExtensionContext,
  TabInputText,
  type TextDocumentContentProvider,
  type TextEditor,
  type TextEditorDecorationType,
  ThemeColor,
  Uri,
  window,
  workspace,
} from "vscode";
import type { JournalEntry } from "../../../server/src/remote/types";
import { type CliRun, runCli } from "../remote/cliRunner";

export const journalScheme = "etcetera-journal";

interface Journal {
  host: string;
  unit: string;
  lines: string[];
  priorities: number[];
  run: CliRun;
}

/**
 * "Show Logs": the unit's journal (`journalctl -u UNIT -o json`, recent lines
 * then follow) in a read-only editor, one line per entry with its time, colored
 * by priority. Closing the editor stops following (the CLI's stdin closes,
 * which ends journalctl on the host).
 */
export class JournalView implements TextDocumentContentProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly journals = new Map<string, Journal>();
  private readonly decorations: { error: TextEditorDecorationType; warning: TextEditorDecorationType; debug: TextEditorDecorationType };
  private readonly pendingRender = new Set<string>();

  constructor(private readonly context: ExtensionContext) {
    this.decorations = {
      error: window.createTextEditorDecorationType({ color: new ThemeColor("errorForeground"), fontWeight: "bold" }),
      warning: window.createTextEditorDecorationType({ color: new ThemeColor("editorWarning.foreground") }),
      debug: window.createTextEditorDecorationType({ color: new ThemeColor("disabledForeground") }),
    };
    context.subscriptions.push(
      this,
      workspace.registerTextDocumentContentProvider(journalScheme, this),
      window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) this.decorate(e);
      }),
      window.tabGroups.onDidChangeTabs(() => this.stopClosed()),
      workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === journalScheme) this.stop(d.uri.toString());
      }),
    );
  }

  async show(host: string, unit: string): Promise<void> {
    const uri = Uri.from({ scheme: journalScheme, path: `/${host}/${unit}.log` });
    const key = uri.toString();
    if (!this.journals.has(key)) {
      const journal: Journal = { host, unit, lines: [], priorities: [], run: undefined as unknown as CliRun };
      journal.run = runCli(this.context, "logs", [`--host=${host}`, "-f", "-n", "200", "--format=json"], [unit], (line) => {
        let e: JournalEntry | { type: "error"; message: string };
        try {
          e = JSON.parse(line);
        } catch {
          return;
        }
        if ("type" in e) {
          journal.lines.push(`-- ${e.message}`);
          journal.priorities.push(3);
        } else {
          journal.lines.push(`${e.time.replace("T", " ").replace("Z", "")} ${e.identifier}${e.pid ? `[${e.pid}]` : ""}: ${e.message}`);
          journal.priorities.push(e.priority);
        }
        this.render(uri);
      });
      void journal.run.done.then(({ code, stderr }) => {
        if (!this.journals.has(key)) return;
        const why = code
          ? `${stderr.trim().split("\n").pop() || `the log command exited with ${code}`}`
          : `${host} closed the journal (the connection ended or journalctl stopped)`;
        journal.lines.push(`-- following ${unit} on ${host} ended: ${why}`);
        journal.priorities.push(code ? 3 : 7);
        this.render(uri);
      });
      this.journals.set(key, journal);
    }
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc, { preview: false });
  }

  /** Batches renders: a burst of journal lines becomes one document change. */
  private render(uri: Uri): void {
    const key = uri.toString();
    if (this.pendingRender.has(key)) return;
    this.pendingRender.add(key);
    setTimeout(() => {
      this.pendingRender.delete(key);
      this.changed.fire(uri);
      setTimeout(() => {
        for (const e of window.visibleTextEditors) if (e.document.uri.toString() === key) this.decorate(e);
      }, 50);
    }, 100);
  }

  provideTextDocumentContent(uri: Uri): string {
    const j = this.journals.get(uri.toString());
    return j ? `${j.lines.join("\n")}\n` : "-- not following: open Show Logs again\n";
  }

  private decorate(editor: TextEditor): void {
    const j = this.journals.get(editor.document.uri.toString());
    if (!j) return;
    const ranges = { error: [] as number[], warning: [] as number[], debug: [] as number[] };
    j.priorities.forEach((p, i) => {
      if (p <= 3) ranges.error.push(i);
      else if (p === 4) ranges.warning.push(i);
      else if (p >= 7) ranges.debug.push(i);
    });
    for (const k of ["error", "warning", "debug"] as const)
      editor.setDecorations(
        this.decorations[k],
        ranges[k].filter((i) => i < editor.document.lineCount).map((i) => editor.document.lineAt(i).range),
      );
  }

  private stopClosed(): void {
    const open = new Set(
      window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input instanceof TabInputText ? t.input.uri.toString() : ""))),
    );
    for (const key of this.journals.keys()) if (!open.has(key)) this.stop(key);
  }

  private stop(key: string): void {
    const j = this.journals.get(key);
    if (!j) return;
    this.journals.delete(key);
    j.run.child.stdin?.end();
    setTimeout(() => j.run.child.exitCode === null && j.run.child.kill("SIGTERM"), 3000).unref();
  }

  dispose(): void {
    for (const key of [...this.journals.keys()]) this.stop(key);
    for (const d of Object.values(this.decorations)) d.dispose();
  }
}
