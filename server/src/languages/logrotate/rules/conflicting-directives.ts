import { directiveInfo } from "../data.js";
import type { Directive } from "../parser.js";
import type { LogrotateRule } from "../rule.js";

/** Groups of directives logrotate reads together: each block, and the global section between blocks. */
function scopes(directives: readonly Directive[]): Directive[][] {
  const out = new Map<unknown, Directive[]>();
  let segment = 0;
  let lastBlock: unknown;
  for (const d of directives) {
    if (d.block) lastBlock = d.block;
    else if (lastBlock !== undefined) {
      segment++;
      lastBlock = undefined;
    }
    const key = d.block ?? `global${segment}`;
    const list = out.get(key) ?? [];
    list.push(d);
    out.set(key, list);
  }
  return [...out.values()];
}

export const conflictingDirectives: LogrotateRule = {
  meta: {
    id: "logrotate/conflicting-directives",
    severity: "warning",
    doc: "Two directives that cancel each other in one block (`compress` and `nocompress`, or two rotation criteria such as `daily` and `weekly`): only the last one counts.",
  },
  check(ctx, report) {
    for (const list of scopes(ctx.file.directives)) {
      // From the end: the nearest later directive of each name, so that each line is looked at once.
      const nextOf = new Map<string, Directive>();
      for (let i = list.length - 1; i >= 0; i--) {
        const d = list[i] as Directive;
        const info = directiveInfo(d.name.text);
        let later: Directive | undefined;
        for (const p of info?.partners ?? []) {
          const x = nextOf.get(p);
          if (x && (!later || x.line < later.line || (x.line === later.line && x.name.offset < later.name.offset))) later = x;
        }
        nextOf.set(d.name.text, d);
        if (!later) continue;
        const where = d.block ? "in this block" : "in the global section";
        report(
          d.name.range,
          `'${d.name.text}' is overridden by '${later.name.text}' on line ${later.line + 1} ${where}: the last one wins, so this line has no effect. Remove one.`,
        );
      }
    }
  },
};
