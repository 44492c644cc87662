import { entryRule } from "../entry-rule.js";
import { execCommandsOf, runsShell } from "../exec-lines.js";
import type { ExecCommand } from "../values/command.js";

/** `$NAME` that is not a whole word and not `$$`-escaped: systemd leaves it as it is (or, at a word's start, looks up a variable named after the whole word). */
const braceless = /(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)/g;

export const bracelessVariableInWord = entryRule({
  meta: {
    id: "systemd/braceless-variable-in-word",
    severity: "warning",
    doc: `$NAME inside a word of a command line (--opt=$NAME, $DIR/file): systemd expands $NAME only as a word of its own; inside a word write \${NAME}.`,
  },
  checkEntry(entry, ctx, report) {
    for (const command of execCommandsOf(entry, ctx)) {
      for (const { name, offset, length, effect } of bracelessOf(command)) {
        const start = entry.positionAt(offset);
        const end = entry.positionAt(offset + length);
        report({ start, end }, `$${name} is expanded only as a word of its own: here ${effect}. Write \${${name}} inside a word.`, [
          { title: `Change to \${${name}}`, preferred: true, edits: [{ range: { start, end }, newText: `\${${name}}` }] },
        ]);
      }
    }
  },
});

interface Braceless {
  name: string;
  /** Into the value. */
  offset: number;
  length: number;
  effect: string;
}

/** Per command (commands are kept by value across checks, see parseExecValue). */
const findings = new WeakMap<ExecCommand, readonly Braceless[]>();

function bracelessOf(command: ExecCommand): readonly Braceless[] {
  let found = findings.get(command);
  if (!found) {
    found = findBraceless(command);
    findings.set(command, found);
  }
  return found;
}

function findBraceless(command: ExecCommand): Braceless[] {
  if (runsShell(command)) return [];
  const out: Braceless[] = [];
  for (const word of command.args) {
    const text = word.text;
    if (/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(text)) continue; // a whole word: expanded and split at spaces
    if (text !== word.raw.replace(/^["']|["']$/g, "") && word.raw.includes("\\")) continue;
    // In single quotes a shell writer expects $NAME to stay as it is, and mid-word systemd does leave it
    // (swaymsg 'workspace $ws1' hands sway its own variable): no surprise to report there.
    const singleQuoted = word.raw.startsWith("'");
    for (const m of text.matchAll(braceless)) {
      if (singleQuoted && m.index > 0) continue;
      const name = m[1] as string;
      const at = word.raw.indexOf(m[0]);
      if (at < 0) continue;
      const effect =
        m.index === 0
          ? `systemd reads the whole word '${text}' as the name of one variable, finds none, and drops the word`
          : `systemd passes '$${name}' to the program literally`;
      out.push({ name, offset: word.start + at, length: m[0].length, effect });
    }
  }
  return out;
}
