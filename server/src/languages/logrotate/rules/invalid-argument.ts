import type { Range } from "../../../core/text.js";
import { directiveInfo } from "../data.js";
import type { Directive, Token } from "../parser.js";
import type { LogrotateRule, Report } from "../rule.js";

/** What strtol/strtoul with base 0 read completely: decimal, 0x hex, 0 octal. */
const cInteger = /^[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

function cValue(s: string): number {
  const neg = s.startsWith("-");
  const body = s.replace(/^[+-]/, "");
  const v = /^0[xX]/.test(body) ? Number.parseInt(body.slice(2), 16) : /^0/.test(body) ? Number.parseInt(body, 8) || 0 : Number(body);
  return neg ? -v : v;
}

const minimum: Record<string, number> = { rotate: -1, maxage: 0, minage: 0, start: 0, shredcycles: 0 };

/** Splits an argument the way readModeUidGid() does: blanks separate words, a word may be quoted. */
export function modeWords(value: Token): { words: Token[]; unterminated: boolean } {
  const words: Token[] = [];
  const t = value.text;
  let i = 0;
  while (i < t.length) {
    while (/\s/.test(t[i] ?? "x")) i++;
    if (i >= t.length) break;
    const q = t[i] === "'" || t[i] === '"' ? t[i] : "";
    const s = i;
    if (q) {
      const close = t.indexOf(q, i + 1);
      if (close < 0) return { words, unterminated: true };
      i = close + 1;
      words.push(sub(value, s, i, t.slice(s + 1, close)));
    } else {
      while (i < t.length && !/\s/.test(t[i] as string)) i++;
      words.push(sub(value, s, i, t.slice(s, i)));
    }
  }
  return { words, unterminated: false };
}

function sub(value: Token, s: number, e: number, text: string): Token {
  const { line, character } = value.range.start;
  return { text, offset: value.offset + s, range: { start: { line, character: character + s }, end: { line, character: character + e } } };
}

function checkModeOwnerGroup(d: Directive, value: Token, report: Report) {
  const name = d.name.text;
  const { words, unterminated } = modeWords(value);
  if (unterminated) {
    report(value.range, `An unclosed quote in the arguments of '${name}': logrotate rejects the block.`);
    return;
  }
  if (name === "su") {
    if (words.length === 1)
      report(value.range, `'su' needs a user and a group (\`su ${words[0]?.text} adm\`): logrotate rejects the block.`);
    else if (words.length > 2)
      report(extra(words, 2), "Extra arguments for 'su': it takes a user and a group. logrotate rejects the block.");
    return;
  }
  if (words.length > 3) {
    report(extra(words, 3), `Extra arguments for '${name}': it takes a mode, an owner and a group. logrotate rejects the block.`);
    return;
  }
  if (words.length === 1 || words.length === 3) {
    const mode = words[0] as Token;
    const ok = /^[0-7]+$/.test(mode.text) && Number.parseInt(mode.text, 8) < 2 ** 31 - 1;
    if (!ok) {
      report(
        mode.range,
        words.length === 1 && /^[A-Za-z_]/.test(mode.text)
          ? `'${mode.text}' is not an octal mode; with one word '${name}' reads a mode (\`${name} 0640 root adm\`). logrotate rejects the block.`
          : `'${mode.text}' is not an octal mode (such as 0640): logrotate rejects the block.`,
      );
    }
  } else if (words.length === 2 && /^0[0-7]{3}$/.test(words[0]?.text ?? "")) {
    report(
      value.range,
      `With two words '${name}' reads an owner and a group, so '${words[0]?.text}' is taken as a user id, not as the mode. Write all three: \`${name} ${words[0]?.text} ${words[1]?.text} ${words[1]?.text}\`.`,
    );
  }
}

function extra(words: Token[], from: number): Range {
  return { start: (words[from] as Token).range.start, end: (words[words.length - 1] as Token).range.end };
}

export const invalidArgument: LogrotateRule = {
  meta: {
    id: "logrotate/invalid-argument",
    severity: "error",
    doc: "An argument logrotate cannot read: a missing one, a count that is not an integer, a size with an unknown unit (`100MB`), a mode that is not octal, extra words, a word after a directive that takes none: logrotate rejects the block (or the file).",
  },
  check(ctx, report) {
    for (const p of ctx.file.problems) {
      if (p.code === "not-separated") report(p.range, p.message);
      if (p.code === "not-a-statement" && p.after)
        report(p.range, `'${p.after.name.text}' takes no argument; logrotate reads this as a new statement and rejects it.`);
    }
    for (const d of ctx.file.directives) {
      const info = directiveInfo(d.name.text);
      if (!info) continue;
      const name = info.name;
      const v = d.value;
      const needsValue = ["int", "size", "path", "word", "word list"].includes(info.argType) && name !== "compressoptions";
      if (!v) {
        if (needsValue || name === "su")
          report(d.name.range, `'${name}' needs an argument (${info.detail ?? info.argType}): logrotate reports an error.`);
        continue;
      }
      switch (info.argType) {
        case "int": {
          if (!cInteger.test(v.text) || cValue(v.text) < (minimum[name] ?? 0))
            report(
              v.range,
              `'${v.text}' is not a valid ${name === "rotate" ? "rotation count (an integer from -1)" : "count (an integer from 0)"}: logrotate rejects the block.${/#/.test(v.text) ? " A comment cannot follow an argument on the same line." : ""}`,
            );
          break;
        }
        case "optional int": {
          const m = /^\d+$/.exec(v.text);
          if (!m || Number(v.text) > 7)
            report(
              v.range,
              `'${v.text}' is not a weekday: \`weekly\` takes 0-6 (0 = Sunday) or 7 (every 7 days). logrotate rejects the block.`,
            );
          break;
        }
        case "size": {
          const last = v.text[v.text.length - 1] as string;
          const digits = /[kKMG]$/.test(last) ? v.text.slice(0, -1) : v.text;
          if (!/[0-9kKMG]/.test(last))
            report(
              v.range,
              `Unknown unit '${last}' in '${v.text}': \`${name}\` takes bytes or a number with k, M or G (\`100M\`). logrotate rejects the block.`,
            );
          else if (!cInteger.test(digits) || digits.startsWith("-"))
            report(
              v.range,
              `'${v.text}' is not a size: \`${name}\` takes a whole number of bytes, or with k, M or G (\`100M\`). logrotate rejects the block.`,
            );
          break;
        }
        case "path": {
          if (name !== "include" && /\s/.test(v.text))
            report(v.range, `'${v.text}' is not a valid ${name} argument: it may not contain blanks. logrotate rejects the block.`);
          break;
        }
        case "word": {
          if (name === "mail" && /\s/.test(v.text))
            report(v.range, `'${v.text}' is not a mail address: it may not contain blanks. logrotate rejects the block.`);
          break;
        }
        case "mode owner group":
        case "owner group":
          checkModeOwnerGroup(d, v, report);
          break;
      }
    }
  },
};
