import type { Diagnostic } from "./diagnostic.js";

/**
 * Inline suppressions in comments:
 *   # etcetera-disable-next-line systemd/unknown-directive
 *   # etcetera-disable systemd/comment-after-value     (whole file)
 * Without rule ids, all rules are suppressed.
 */
const directive = /etcetera-disable(-next-line)?(?:\s+([\w/,\s-]+))?/;

export interface CommentLine {
  line: number;
  text: string;
}

export function applySuppressions(diagnostics: Diagnostic[], comments: CommentLine[]): Diagnostic[] {
  const fileRules = new Set<string>();
  let fileAll = false;
  const lineRules = new Map<number, Set<string> | "all">();
  for (const c of comments) {
    const m = directive.exec(c.text);
    if (!m) continue;
    const ids = (m[2] ?? "").split(/[\s,]+/).filter((s) => s.includes("/"));
    if (m[1]) lineRules.set(c.line + 1, ids.length > 0 ? new Set(ids) : "all");
    else if (ids.length === 0) fileAll = true;
    else for (const id of ids) fileRules.add(id);
  }
  if (!fileAll && fileRules.size === 0 && lineRules.size === 0) return diagnostics;
  return diagnostics.filter((d) => {
    if (fileAll || fileRules.has(d.rule)) return false;
    const onLine = lineRules.get(d.range.start.line);
    return !(onLine === "all" || onLine?.has(d.rule));
  });
}
