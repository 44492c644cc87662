import { directiveInfo } from "./data.js";
import type { Block, Directive, LogrotateFile } from "./parser.js";

/**
 * What is in force in a block: the directives of the global section read
 * before it (in this file), then its own; for each keyword and its partners
 * (`compress`/`nocompress`, the rotation criteria) the last one wins, as in
 * config.c where each keyword sets or clears a flag.
 */
export interface Effective {
  /** The last directive of this name or its partners, when it is this name. */
  get(name: string): Directive | undefined;
  /** The directive itself or a partner that ended up in force. */
  winner(name: string): Directive | undefined;
  block?: Block;
}

export function effective(file: LogrotateFile, block: Block | undefined): Effective {
  const start = block?.startLine ?? Number.POSITIVE_INFINITY;
  const list = file.directives.filter((d) => (block ? (!d.block && d.line < start) || d.block === block : !d.block));
  const winner = (name: string) => {
    const family = new Set([name, ...(directiveInfo(name)?.partners ?? [])]);
    for (let i = list.length - 1; i >= 0; i--) if (family.has((list[i] as Directive).name.text)) return list[i];
    return undefined;
  };
  return {
    winner,
    get: (name) => {
      const w = winner(name);
      return w?.name.text === name ? w : undefined;
    },
    ...(block ? { block } : {}),
  };
}

/** Each block with what is in force in it, and the global section of the file as a scope of its own. */
export function scopes(file: LogrotateFile): { block?: Block; eff: Effective; own: Directive[] }[] {
  const out: { block?: Block; eff: Effective; own: Directive[] }[] = file.blocks.map((b) => ({
    block: b,
    eff: effective(file, b),
    own: b.directives,
  }));
  out.push({ eff: effective(file, undefined), own: file.directives.filter((d) => !d.block) });
  return out;
}

/** Whether the path is a file of a logrotate.d directory (read after logrotate.conf, in a sequence of other files). */
export function inSnippetDir(path: string): boolean {
  return /(^|\/)logrotate\.d\/[^/]+$/.test(path);
}
