/**
 * After a directive is accepted (`Restart=`), the value list should open at
 * once, as YAML's extension does after `key: `. The server stays editor-neutral:
 * it marks the items after which it has values to offer (`data.valueFollows`),
 * and the VS Code client adds the editor's own "trigger suggest" command to them.
 */
// l10n-ignore: VS Code never shows the title of a completion item's command (and tests import this file without vscode).
export const triggerSuggest = { title: "Suggest values", command: "editor.action.triggerSuggest" }; // l10n-ignore

interface ItemLike {
  command?: unknown;
  data?: unknown;
}

export function valueFollows(item: ItemLike): boolean {
  const data = item.data as { valueFollows?: unknown } | undefined;
  return typeof data === "object" && data !== null && data.valueFollows === true;
}

/** Adds the suggest command to the items the server marked (leaving any command an item already has). */
export function withValueRetrigger<T extends ItemLike>(items: T[]): T[] {
  for (const item of items) if (item.command === undefined && valueFollows(item)) item.command = triggerSuggest;
  return items;
}
