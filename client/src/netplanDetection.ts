import { type ExtensionContext, languages, type TextDocument, window, workspace } from "vscode";

/** The first key at column 0 that is not a comment, a document marker or a blank line. */
export function topLevelKey(text: string): string | undefined {
  for (const line of text.split(/\r?\n/, 200)) {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("---") || line.startsWith("%")) continue;
    return /^([A-Za-z_][\w-]*)\s*:/.exec(line)?.[1];
  }
  return undefined;
}

/**
 * With etcetera.netplan.detectByContent on, a YAML file whose root is
 * `network:` becomes netplan. Only files VS Code opened as plain YAML are
 * touched, and each only once: a user who switches it back to YAML by hand
 * keeps YAML.
 */
export function registerNetplanDetection(context: ExtensionContext): void {
  const switched = new Set<string>();
  const consider = (document: TextDocument) => {
    const uri = document.uri.toString();
    if (document.languageId !== "yaml" || switched.has(uri)) return;
    if (!workspace.getConfiguration("etcetera", document.uri).get<boolean>("netplan.detectByContent", false)) return;
    if (topLevelKey(document.getText()) !== "network") return;
    switched.add(uri);
    void languages.setTextDocumentLanguage(document, "netplan");
  };
  context.subscriptions.push(
    workspace.onDidOpenTextDocument(consider),
    window.onDidChangeActiveTextEditor((editor) => editor && consider(editor.document)),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("etcetera.netplan.detectByContent")) for (const document of workspace.textDocuments) consider(document);
    }),
  );
  for (const document of workspace.textDocuments) consider(document);
}
