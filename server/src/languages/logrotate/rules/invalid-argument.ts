import type { Range } from "../../../core/text.js";
import { badAddress, badCount, badPath, readOwner, sizeProblem } from "../arguments.js";
import { directiveInfo } from "../data.js";
import { consequence, type Directive, type LogrotateFile, type Token } from "../parser.js";
import type { LogrotateRule, Report } from "../rule.js";
import { logrotateVersion } from "../version.js";

const counts: Record<string, { min: number; what: string }> = {
  rotate: { min: -1, what: "rotation count (an integer from -1)" },
  start: { min: 0, what: "start count (an integer from 0)" },
  minage: { min: 0, what: "minimum age in days (an integer from 0)" },
  maxage: { min: 0, what: "maximum age in days (an integer from 0)" },
  shredcycles: { min: 0, what: "number of shred passes (an integer from 0)" },
};

/** Directives whose missing argument logrotate only reports (the line is ignored, the block kept). */
const missingOnlyReported = new Set(["size", "minsize", "maxsize", "dateformat", "tabooext", "taboopat"]);

/** Whether an earlier `su` in the global section or the same block already set a group (a later `su user` keeps it). */
function suGroupBefore(file: LogrotateFile, d: Directive): boolean {
  return file.directives.some(
    (x) =>
      x !== d &&
      x.name.text === "su" &&
      x.line < d.line &&
      (x.block === undefined || x.block === d.block) &&
      (x.value?.text.trim().split(/\s+/).length ?? 0) >= 2,
  );
}

function span(from: Token, to: Token): Range {
  return { start: from.range.start, end: to.range.end };
}

function checkOwner(ctx: { file: LogrotateFile; version: "3.21.0" | "3.22.0" }, d: Directive, report: Report) {
  const name = d.name.text;
  const v = d.value;
  const then = consequence(d);
  if (!v) {
    if (name === "su" && !suGroupBefore(ctx.file, d)) report(d.name.range, `'su' needs a user and a group (\`su root adm\`): ${then}.`);
    return;
  }
  const r = readOwner(name, v, ctx.version);
  const p = r.problem;
  if (p?.kind === "extra") {
    report(
      span(p.from, p.to),
      `Extra arguments for '${name}': it takes ${name === "su" ? "a user and a group" : "a mode, an owner and a group"}. ${then}.`,
    );
  } else if (p?.kind === "unterminated") {
    report(v.range, `An unclosed quote in the arguments of '${name}': ${then}.`);
  } else if (p?.kind === "mode") {
    report(p.word.range, `'${p.word.text}' is not an octal mode (such as 0640): ${then}.`);
  } else if (name === "su" && !r.group && !suGroupBefore(ctx.file, d)) {
    report(v.range, `'su' needs a group after the user (\`su ${r.user?.text ?? "root"} adm\`): ${then}.`);
  } else if (ctx.version === "3.22.0" && r.group !== undefined && r.mode === undefined && /^0[0-7]{3}$/.test(r.user?.text ?? "")) {
    report(
      v.range,
      `With two words logrotate 3.22 reads an owner and a group, so '${r.user?.text}' is taken as a user, not as the mode: ${then}. Write all three: \`${name} ${r.user?.text} root ${r.group?.text}\`.`,
    );
  }
}

export const invalidArgument: LogrotateRule = {
  meta: {
    id: "logrotate/invalid-argument",
    severity: "error",
    doc: "An argument logrotate cannot read: a missing one, a count that is not an integer, a size with an unknown unit (`100MB`), a mode that is not octal, a path with blanks, extra words, a word after a directive that takes none: logrotate skips the block (or stops reading the file when it is outside a block).",
  },
  check(ctx, report) {
    const version = logrotateVersion(ctx.settings);
    for (const p of ctx.file.problems) {
      if (p.code === "not-separated") report(p.range, p.message);
      if (p.code === "not-a-statement" && p.after)
        report(p.range, `'${p.after.name.text}' takes no argument; logrotate reads this as a new statement: ${consequence(p.after)}.`);
    }
    for (const d of ctx.file.directives) {
      const info = directiveInfo(d.name.text);
      if (!info) continue;
      const name = info.name;
      const v = d.value;
      const then = consequence(d);
      if (info.argType === "mode owner group" || info.argType === "owner group") {
        checkOwner({ file: ctx.file, version }, d, report);
        continue;
      }
      const needsValue = ["int", "size", "path", "word", "word list"].includes(info.argType) && name !== "errors";
      if (!v) {
        if (needsValue)
          report(
            d.name.range,
            `'${name}' needs an argument (${info.detail ?? info.argType}): ${missingOnlyReported.has(name) ? "logrotate reports an error and ignores the line" : then}.`,
          );
        continue;
      }
      const count = counts[name];
      if (count) {
        if (badCount(v.text, count.min))
          report(
            v.range,
            `'${v.text}' is not a valid ${count.what}: ${then}.${/#/.test(v.text) ? " A comment cannot follow an argument on the same line." : ""}`,
          );
        continue;
      }
      switch (info.argType) {
        case "optional int": {
          // weekly: sscanf("%u%c") must read one number from 0 to 7 and nothing else; a bad one ends the whole file.
          if (!/^\+?\d+$/.test(v.text) || Number(v.text) > 7)
            report(
              v.range,
              `'${v.text}' is not a weekday: \`weekly\` takes 0-6 (0 = Sunday) or 7 (every 7 days). logrotate stops reading the file here, this block included.`,
            );
          break;
        }
        case "size": {
          const sp = sizeProblem(v.text);
          if (sp?.unit !== undefined) {
            const fixed = /^[0-9]+[kKMG][bB]$/.test(v.text) ? v.text.slice(0, -1) : undefined;
            report(
              v.range,
              `Unknown unit '${sp.unit}' in '${v.text}': \`${name}\` takes bytes or a number with k, K, M or G (\`100M\`). ${then}.`,
              fixed ? [{ title: `Write '${fixed}'`, edits: [{ range: v.range, newText: fixed }], preferred: true }] : undefined,
            );
          } else if (sp?.bad)
            report(
              v.range,
              `'${v.text}' is not a size: \`${name}\` takes a whole number of bytes, or with k, K, M or G (\`100M\`). ${then}.`,
            );
          break;
        }
        case "path": {
          if (name !== "include" && badPath(v.text))
            report(v.range, `'${v.text}' is not a valid ${name} argument: it may not contain blanks or control characters. ${then}.`);
          break;
        }
        case "word": {
          if (name === "mail" && badAddress(v.text))
            report(v.range, `'${v.text}' is not a mail address: it may not contain blanks or non-ASCII characters. ${then}.`);
          if (name === "compressext" && badPath(v.text))
            report(v.range, `'${v.text}' is not a valid compressext argument: it may not contain blanks. ${then}.`);
          break;
        }
      }
    }
  },
};
