import { scopes } from "../effective.js";
import type { Directive } from "../parser.js";
import type { LogrotateRule } from "../rule.js";

/** Directives that only matter when another is in force (`needs`), with what happens without it. */
const dependents: { name: string; needs: string; why: string }[] = [
  { name: "dateformat", needs: "dateext", why: "rotated names use numbers, not dates" },
  { name: "dateyesterday", needs: "dateext", why: "rotated names use numbers, not dates" },
  { name: "datehourago", needs: "dateext", why: "rotated names use numbers, not dates" },
  { name: "shredcycles", needs: "shred", why: "old logs are deleted, not shredded" },
  { name: "compresscmd", needs: "compress", why: "nothing is compressed" },
  { name: "compressoptions", needs: "compress", why: "nothing is compressed" },
  { name: "compressext", needs: "compress", why: "nothing is compressed" },
  { name: "createolddir", needs: "olddir", why: "there is no olddir to create" },
];

export const noEffect: LogrotateRule = {
  meta: {
    id: "logrotate/no-effect",
    severity: "info",
    doc: "A directive that does nothing where it stands: `dateformat` without `dateext`, `shredcycles` without `shred`, `compresscmd`/`compressoptions`/`compressext` without `compress`, `createolddir` without `olddir`, `minsize` when `size` is the criterion, the retired `errors`.",
  },
  check(ctx, report) {
    const reported = new Set<Directive>();
    for (const s of scopes(ctx.file)) {
      if (!s.block && ctx.file.blocks.length > 0) continue; // global lines are judged in the blocks that inherit them
      for (const d of s.own) {
        if (reported.has(d)) continue;
        if (d.name.text === "errors") {
          reported.add(d);
          report(d.name.range, "'errors' is retired: logrotate warns and ignores it. Use 'mail' to send errors, or remove the line.");
          continue;
        }
        const dep = dependents.find((x) => x.name === d.name.text);
        if (dep && s.eff.get(d.name.text) === d && !s.eff.get(dep.needs)) {
          reported.add(d);
          report(d.name.range, `'${d.name.text}' does nothing here without '${dep.needs}': ${dep.why}.`);
        }
        if (d.name.text === "minsize" && s.eff.winner("daily")?.name.text === "size") {
          reported.add(d);
          report(d.name.range, "'minsize' does nothing when 'size' is the rotation criterion: it only holds back a time-based rotation.");
        }
      }
    }
  },
};
