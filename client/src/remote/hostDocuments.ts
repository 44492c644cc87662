import { type Disposable, EventEmitter, type ExtensionContext, l10n, type TextDocumentContentProvider, Uri, workspace } from "vscode";
import type { UnitPage } from "../../../server/src/remote/types";
import { unitPageText } from "../../../server/src/remote/unit-page-text";
import { lastJson, runCli } from "./cliRunner";

export const hostScheme = "etcetera-host";

/**
 * What a document of the host shows, read-only, always fetched through the
 * bundled CLI (the code path the remote tests run against a real host):
 *   etcetera-host:/unit/HOST/UNIT            the unit as the host has it (`etcetera cat`)
 *   etcetera-host:/page/HOST/UNIT.md         the unit's page (`etcetera status --details`)
 *   etcetera-host:/installed/HOST/NAME?FILE  the host's copy of workspace FILE (`etcetera diff`)
 */
export type HostDocument =
  | { kind: "unit"; host: string; unit: string }
  | { kind: "page"; host: string; unit: string }
  | { kind: "installed"; host: string; file: string };

export function hostDocumentUri(d: HostDocument): Uri {
  if (d.kind === "installed")
    return Uri.from({ scheme: hostScheme, path: `/installed/${d.host}/${d.file.split(/[\\/]/).pop()}`, query: d.file });
  return Uri.from({ scheme: hostScheme, path: `/${d.kind}/${d.host}/${d.unit}${d.kind === "page" ? ".md" : ""}` });
}

export function parseHostDocument(uri: Uri): HostDocument | undefined {
  if (uri.scheme !== hostScheme) return undefined;
  const [, kind, host, name] = uri.path.split("/");
  if (!host || !name) return undefined;
  if (kind === "unit") return { kind, host, unit: name };
  if (kind === "page") return { kind, host, unit: name.replace(/\.md$/, "") };
  if (kind === "installed" && uri.query) return { kind, host, file: uri.query };
  return undefined;
}

type CliError = { type: "error"; code?: string; message: string };

/** The error a CLI run reported (its JSON error line, else its first stderr line), or undefined. */
export function cliError(stdout: string, stderr: string, code: number): string | undefined {
  const parsed = lastJson<CliError | Record<string, unknown>>(stdout);
  if (parsed && (parsed as CliError).type === "error") return (parsed as CliError).message;
  if (parsed === undefined) return stderr.trim().split("\n")[0] || l10n.t("the command failed (exit {0})", code);
  return undefined;
}

/** Fetches and keeps the text of host documents; `load` says why one could not be fetched. */
export class HostDocuments implements TextDocumentContentProvider, Disposable {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();
  /** The last unit page fetched, per page URI: the actions read the state from it. */
  readonly pages = new Map<string, UnitPage>();

  constructor(private readonly context: ExtensionContext) {
    context.subscriptions.push(this, workspace.registerTextDocumentContentProvider(hostScheme, this));
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Fetches the document's text; resolves with the reason when the host could not give it. */
  async load(uri: Uri): Promise<string | undefined> {
    const d = parseHostDocument(uri);
    if (!d) return `not a host document: ${uri.toString()}`;
    const key = uri.toString();
    const host = `--host=${d.host}`;
    if (d.kind === "unit") {
      const { code, stdout, stderr } = await runCli(this.context, "cat", [host, "--format=json"], [d.unit]).done;
      const error = cliError(stdout, stderr, code);
      if (error) return error;
      const r = lastJson<{ found: boolean; text: string; message: string }>(stdout);
      if (!r?.found)
        return r?.message
          ? l10n.t("{0} has no file for {1}: {2}", d.host, d.unit, r.message)
          : l10n.t("{0} has no file for {1}", d.host, d.unit);
      this.texts.set(key, r.text);
    } else if (d.kind === "page") {
      const { code, stdout, stderr } = await runCli(this.context, "status", [host, "--details", "--format=json"], [d.unit]).done;
      const error = cliError(stdout, stderr, code);
      if (error) return error;
      const page = lastJson<UnitPage>(stdout) as UnitPage;
      this.pages.set(key, page);
      this.texts.set(key, unitPageText(page, d.host));
    } else {
      const { code, stdout, stderr } = await runCli(this.context, "diff", [host, "--format=json"], [d.file]).done;
      const error = cliError(stdout, stderr, code);
      if (error) return error;
      // A file the host does not have compares as empty.
      this.texts.set(key, lastJson<{ installed?: string }>(stdout)?.installed ?? "");
    }
    this.changed.fire(uri);
    return undefined;
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const error = await this.load(uri);
    return error ? `# ${error}\n` : (this.texts.get(uri.toString()) ?? "");
  }
}
