import { execLines, runsShell } from "../exec-lines.js";
import type { UnitCheckContext, UnitRule } from "../rule.js";
import { entriesOf } from "../unit-query.js";
import { splitWords } from "../values/words.js";

/** A `${…}` systemd substitutes: not escaped as `$${…}`. */
interface BracedReference {
  /** Offset of the `$` in the word's text. */
  at: number;
  /** The whole reference, `${name}` or `${name#x}`. */
  text: string;
  name: string;
  /** What follows the name inside the braces: "" for a plain reference, else a shell operator ('#', '%', ':-', …). */
  operator: string;
}

function bracedReferences(text: string): BracedReference[] {
  const out: BracedReference[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$") continue;
    if (text[i + 1] === "$") {
      i++; // '$$' is systemd's escape for a literal '$'
      continue;
    }
    if (text[i + 1] !== "{") continue;
    const close = text.indexOf("}", i + 2);
    if (close < 0) break;
    const inner = text.slice(i + 2, close);
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0] ?? "";
    out.push({ at: i, text: text.slice(i, close + 1), name, operator: inner.slice(name.length) });
    i = close;
  }
  return out;
}

/** Names the unit itself gives the service: Environment= assignments in this file and in the other layers of the unit. */
function namesSetByUnit(ctx: UnitCheckContext): Set<string> {
  const names = new Set<string>();
  const files = ctx.effective()?.layers.map((l) => l.file) ?? [];
  for (const file of [ctx.unit, ...files]) {
    for (const entry of entriesOf(file, "Service", "Environment")) {
      const split = splitWords(entry.value);
      if (!split.ok) continue;
      for (const word of split.words) names.add(word.text.split("=")[0] as string);
    }
  }
  return names;
}

function mayComeFromOutside(ctx: UnitCheckContext): boolean {
  const files = [ctx.unit, ...(ctx.effective()?.layers.map((l) => l.file) ?? [])];
  return files.some((f) => entriesOf(f, "Service", "EnvironmentFile").length + entriesOf(f, "Service", "PassEnvironment").length > 0);
}

const escapeForRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the shell script assigns the variable itself (name=…, for name in, read name): then the shell's own variable is meant. */
function assignedInScript(script: string, name: string): boolean {
  const n = escapeForRegExp(name);
  return (
    new RegExp(`(^|[\\s;&|(])(local\\s+|export\\s+)?${n}=`).test(script) ||
    new RegExp(`(^|[\\s;&|(])for\\s+${n}\\s+in\\b`).test(script) ||
    new RegExp(`(^|[\\s;&|(])read(\\s+-[a-zA-Z]+)*(\\s+[A-Za-z_][A-Za-z0-9_]*)*\\s+${n}\\b`).test(script)
  );
}

export const shellVariableSubstituted: UnitRule = {
  meta: {
    id: "systemd/shell-variable-substituted",
    severity: "warning",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is about systemd's own ${…} syntax
    doc: "${name} in a shell script on a command line (sh -c '…${f}…'): systemd substitutes ${…} itself before the shell runs, with its own environment (empty when unset), so the shell's variable or expansion never reaches the shell. Write $${name}.",
  },
  check(ctx, report) {
    if (ctx.type !== "service") return;
    let setByUnit: Set<string> | undefined;
    let outside: boolean | undefined;
    for (const line of execLines(ctx)) {
      if (!runsShell(line.command)) continue;
      for (const word of line.command.args) {
        const refs = bracedReferences(word.text);
        if (refs.length === 0) continue;
        setByUnit ??= namesSetByUnit(ctx);
        outside ??= mayComeFromOutside(ctx);
        let searchFrom = 0;
        for (const ref of refs) {
          const rawAt = word.raw.indexOf(ref.text, searchFrom);
          if (rawAt < 0) continue;
          searchFrom = rawAt + ref.text.length;
          // systemd 252 leaves a reference with ':' in it (${X:-default}, ${X:=y}) alone on command lines.
          if (ref.operator.includes(":")) continue;
          const shellOnly = ref.name === "" || ref.operator !== "";
          let why: string | undefined;
          if (shellOnly) why = `systemd does not know the expansion '${ref.text}' and replaces it with an empty string`;
          else if (!setByUnit.has(ref.name) && assignedInScript(word.text, ref.name))
            why = `the script sets ${ref.name} itself, but systemd has already replaced '${ref.text}' with its own (unset, so empty) variable`;
          else if (!setByUnit.has(ref.name) && !outside && /[a-z]/.test(ref.name))
            why = `no Environment= of this unit sets ${ref.name}, so systemd replaces '${ref.text}' with an empty string`;
          if (!why) continue;
          const start = line.entry.positionAt(word.start + rawAt);
          const end = line.entry.positionAt(word.start + rawAt + ref.text.length);
          report(
            { start, end },
            `systemd expands \${…} on command lines before the shell sees them: ${why}. Write '$${ref.text}' to hand it to the shell.`,
            [{ title: `Escape as $${ref.text}`, preferred: true, edits: [{ range: { start, end }, newText: `$${ref.text}` }] }],
          );
        }
      }
    }
  },
};
