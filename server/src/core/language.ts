import type { Diagnostic, Fix, RuleMeta, TextEdit } from "./diagnostic.js";
import type { FileFacts } from "./file-facts.js";
import type { FileKind } from "./kinds.js";
import type { SemanticToken } from "./semantic-tokens.js";
import type { Settings } from "./settings.js";
import type { Position, Range } from "./text.js";

export type { FileKind };

/** A file of the workspace as the unit-set model sees it: its path and, for a symbolic link, where it points. */
export interface WorkspaceFile {
  path: string;
  /** The link's target as written (`/dev/null` masks; another unit's name makes an alias). */
  link?: string;
}

/** What a language feature may know beyond the document itself. */
export interface WorkspaceIndex {
  /** File names (not paths) of the unit files in the workspace or on the command line. */
  unitNames(): readonly string[];
  /** The text of a unit file by name, when the workspace has it (a drop-in is checked together with its unit). */
  unitText?(name: string): string | undefined;
  /**
   * The netplan YAML files netplan reads together with the one at `path` (its folder, and /lib, /etc and /run/netplan
   * beside each other), with their current text; absent: the netplan language reads them from disk.
   */
  netplanFolder?(path: string): readonly { path: string; text: string }[];
  /** The logrotate configs in the workspace (logrotate.conf and logrotate.d files), for checks across files. */
  logrotateConfigs?(): readonly { path: string; text: string }[];
  /**
   * Every systemd file the workspace knows (units, drop-ins, links), by path, for the unit-set
   * model (languages/systemd/unit-set.ts). The same array until something changes.
   */
  systemdFiles?(): readonly WorkspaceFile[];
  /** The text of a file by path: an open document's unsaved text wins over the file on disk. */
  textOf?(path: string): string | undefined;
  /** Why the workspace's list of files may be incomplete (a scan stopped at its budget): absence then proves nothing. */
  incomplete?(): string | undefined;
}

export const emptyWorkspace: WorkspaceIndex = { unitNames: () => [] };

export interface LanguageContext {
  /** The document's path (or URI path); the file name decides the unit type. */
  path: string;
  settings: Settings;
  workspace: WorkspaceIndex;
  /** Where internal errors go (the server's log, or stderr in the CLI). */
  log?: (message: string) => void;
  /** Owner, mode and links of the file on this machine, when it is a real file a rule asks about (core/file-facts.ts). */
  fileFacts?: FileFacts;
}

export type CompletionKind = "section" | "directive" | "value" | "unit" | "specifier" | "snippet";

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText?: string;
  /** The text the completion replaces; the word at the cursor when absent. */
  range?: Range;
  sortText?: string;
  /** Whether insertText uses snippet syntax ($1, ${2:x}). */
  snippet?: boolean;
  /** Accepting the item leaves the cursor where completion has values to offer (editors may open the list at once). */
  valueFollows?: boolean;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
}

export type SymbolKind = "section" | "directive";

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: "comment" | "region";
}

/** A line of information above a range, optionally running a client command when clicked. */
export interface CodeLens {
  range: Range;
  title: string;
  command?: { id: string; arguments: unknown[] };
}

/**
 * An action that is not the fix of a diagnostic (a refactoring such as
 * turning a crontab line into a systemd timer): edits to the document and
 * files to create next to it, or the reason it cannot be done here.
 */
export interface Refactoring {
  title: string;
  edits: TextEdit[];
  createFiles?: { path: string; text: string }[];
  /** Set when the action does not apply; editors show it greyed out with this reason. */
  disabled?: string;
}

export interface CodeAction extends Fix {
  /** The diagnostics this action resolves. */
  diagnostics: Diagnostic[];
}

/**
 * The shape every language exports. `features/*` dispatch to it and never
 * change when a language is added. `Doc` is the language's own parse tree.
 */
export interface LanguageModule<Doc> {
  kind: FileKind;
  rules: readonly RuleMeta[];
  parse(text: string): Doc;
  /**
   * The parse of `text` from the parse of `previousText` (optional): an editor's change re-reads only what it
   * touched. Must equal parse(text); `previous` is used up.
   */
  reparse?(previous: Doc, previousText: string, text: string): Doc;
  /**
   * The parse of a file as saved (optional), which checks of other files that read it may share: the CLI checks
   * files that the checks of others read before. Never given to reparse(): it may be shared.
   */
  parseSaved?(path: string, text: string): Doc;
  diagnose(doc: Doc, ctx: LanguageContext): Diagnostic[];
  complete(doc: Doc, position: Position, ctx: LanguageContext): CompletionItem[];
  hover(doc: Doc, position: Position, ctx: LanguageContext): Hover | undefined;
  symbols(doc: Doc): DocumentSymbol[];
  folding(doc: Doc): FoldingRange[];
  /** Code lenses over the document (optional). */
  codeLenses?(doc: Doc, ctx: LanguageContext): CodeLens[];
  /** Names under which other files of this language may depend on the file at `path` (a unit's name; the unit a drop-in configures). */
  providedNames?(path: string): string[];
  /** Names of the files whose change may change this document's diagnostics (see features/dependents.ts). */
  dependencyNames?(doc: Doc, path: string): string[];
  /** The edits that format the document, or the lines of `range` (optional: a language without a formatter leaves the file alone). */
  format?(text: string, range?: Range): TextEdit[];
  /** Tokens that stand out beyond the TextMate grammar (optional). */
  semanticTokens?(doc: Doc, ctx: LanguageContext): SemanticToken[];
  /** Refactorings offered for a range (optional: most languages only have the fixes of their diagnostics). */
  refactorings?(doc: Doc, range: Range, ctx: LanguageContext): Refactoring[];
}
