import type { LanguageContext, WorkspaceFile, WorkspaceIndex } from "../../server/src/core/language.js";
import { defaultSettings } from "../../server/src/core/settings.js";
import "../../server/src/core/languages.js";
import { analyze } from "../../server/src/features/documents.js";
import { cursor } from "./lint.js";

/** A file of an in-memory tree: its text, or a symbolic link (`{ link: "/dev/null" }` masks). */
export type TreeFile = string | { link: string };

/** A workspace of unit files held in memory, as the unit-set model reads one (systemdFiles + textOf). */
export function memoryWorkspace(tree: Record<string, TreeFile>): WorkspaceIndex {
  const files: WorkspaceFile[] = Object.entries(tree).map(([path, f]) => (typeof f === "string" ? { path } : { path, link: f.link }));
  return {
    unitNames: () => files.map((f) => f.path.slice(f.path.lastIndexOf("/") + 1)),
    systemdFiles: () => files,
    textOf: (path) => {
      const f = tree[path];
      return typeof f === "string" ? f : undefined;
    },
  };
}

/** Hover at the `|` in the file at `path` of a tree, the other files of the tree around it. */
export function hoverInTree(tree: Record<string, TreeFile>, path: string) {
  const marked = tree[path];
  if (typeof marked !== "string") throw new Error(`${path} is not a text of the tree`);
  const { text, position } = cursor(marked);
  const workspace = memoryWorkspace({ ...tree, [path]: text });
  const analysis = analyze(path, text);
  if (!analysis) throw new Error(`no language for ${path}`);
  const ctx: LanguageContext = { path, settings: defaultSettings, workspace };
  return analysis.language.hover(analysis.doc, position, ctx);
}
