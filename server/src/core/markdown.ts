/**
 * User text placed in hover Markdown must show as written: a calendar event
 * `*-*-* 06:30` is not emphasis, a key `__init__` is not bold, a section
 * `[Foo](x)` is not a link.
 */

/** Backslash-escapes every character CommonMark could read as markup; newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`);
}

/** An inline code span that holds `text` exactly, whatever backticks it contains. */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  let fence = "`";
  while (flat.includes(fence)) fence += "`";
  const pad = flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
