import { type Document, isCollection, isScalar, visit } from "yaml";

/**
 * Where libyaml (the YAML reader netplan is built on) is stricter than the YAML library we parse with, which accepts
 * both of these silently: a tab used as indentation, and an alias (`*name`) whose anchor (`&name`) does not come
 * before it. Offsets into the text; the caller turns them into syntax problems.
 */
export interface LibyamlProblem {
  start: number;
  end: number;
  message: string;
}

/** The spans of flow collections and block scalars, where a tab after a line's start is content, not indentation. */
function exemptSpans(doc: Document.Parsed): [number, number][] {
  const spans: [number, number][] = [];
  visit(doc, (_key, node) => {
    if (isCollection(node) && node.flow && node.range) spans.push([node.range[0], node.range[1]]);
    else if (isScalar(node) && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") && node.range)
      spans.push([node.range[0], node.range[1]]);
  });
  return spans;
}

/**
 * libyaml skips a tab only where no block key can start: so a tab in a line's leading blanks (even on a blank or
 * comment line) or right after a block sequence's `- ` fails, while `key:\tvalue` and a trailing tab pass (as
 * measured with netplan 0.106's generator).
 */
function tabProblems(text: string, doc: Document.Parsed): LibyamlProblem[] {
  const spans = exemptSpans(doc);
  const inside = (offset: number) => spans.some(([s, e]) => offset > s && offset < e);
  const out: LibyamlProblem[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    // The leading blanks, then any `- ` sequence indicators with their blanks.
    const lead = /^(?:[ \t]*-(?=[ \t]))*[ \t]*/.exec(line)?.[0] ?? "";
    const tab = lead.indexOf("\t");
    if (tab >= 0 && !inside(lineStart + tab)) {
      out.push({
        start: lineStart + tab,
        end: lineStart + tab + 1,
        message: "a tab is used as indentation; libyaml, which netplan reads YAML with, allows only spaces there",
      });
      if (out.length >= 20) break;
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

/** Aliases whose anchor is not defined before them: libyaml refuses the document. */
function aliasProblems(doc: Document.Parsed): LibyamlProblem[] {
  const out: LibyamlProblem[] = [];
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined || !node.range) return;
      out.push({
        start: node.range[0],
        end: node.range[1],
        message: `the alias *${node.source} has no anchor &${node.source} before it; libyaml, which netplan reads YAML with, refuses the file`,
      });
    },
  });
  return out;
}

export function libyamlProblems(text: string, doc: Document.Parsed): LibyamlProblem[] {
  if (!text.includes("\t") && !text.includes("*")) return [];
  return [...(text.includes("\t") ? tabProblems(text, doc) : []), ...aliasProblems(doc)];
}
