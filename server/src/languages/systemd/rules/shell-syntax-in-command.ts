import type { Fix } from "../../../core/diagnostic.js";
import { entryRule } from "../entry-rule.js";
import { execCommandsOf, programName, runsShell } from "../exec-lines.js";
import type { Entry } from "../parser.js";
import type { ExecCommand } from "../values/command.js";
import type { Word } from "../values/words.js";

/** What a shell would have done with a word, and what systemd does instead; undefined for an ordinary word. */
function shellMeaning(word: Word, isLast: boolean): string | undefined {
  const raw = word.raw;
  if (raw !== word.text) return undefined; // quoted or escaped: meant literally
  if (raw === "|" || raw === "|&") return "pipe";
  if (raw === "&&" || raw === "||") return "command chain";
  if (/^([0-9]*|&)(>>?|<)(&[0-9-])?$/.test(raw) || /^([0-9]*|&)(>>?|<)&?[^\s=]+$/.test(raw)) return "redirection";
  if (raw === "&" || (isLast && raw.endsWith("&") && !raw.endsWith("&&"))) return "background job";
  if (raw.length > 1 && raw.endsWith(";") && !raw.endsWith("\\;"))
    return "command separator (systemd separates commands only by a ';' standing alone)";
  if (raw.includes("$(") || raw.includes("`")) return "command substitution";
  if (raw === "~" || raw.startsWith("~/")) return "home directory (only shells expand '~')";
  return undefined;
}

/** Wraps the whole command line in `/bin/sh -c '…'`, when it has no single quote to escape. */
function wrapInShell(entry: Entry): Fix[] {
  const value = entry.value;
  if (value.includes("'") || value.includes(";") || /^[-@:+!|]/.test(value)) return [];
  return [
    {
      title: "Run the command line through /bin/sh -c",
      edits: [{ range: entry.valueRange, newText: `/bin/sh -c '${value}'` }],
    },
  ];
}

export const shellSyntaxInCommand = entryRule({
  meta: {
    id: "systemd/shell-syntax-in-command",
    severity: "warning",
    doc: "Shell syntax in a command line (|, >, 2>&1, &&, a trailing &, $(…), ~, 'cmd;'): systemd runs the program directly, without a shell, and passes these characters to it as arguments.",
  },
  checkEntry(entry, ctx, report) {
    for (const command of execCommandsOf(entry, ctx)) {
      const found = shellWordOf(command);
      if (!found) continue;
      const { word, meaning } = found;
      report(
        { start: entry.positionAt(word.start), end: entry.positionAt(word.end) },
        `systemd runs ${programName(command)} directly, without a shell: '${word.raw}' is not a ${meaning} here but an argument passed to ${programName(command)}. Write the shell in: ${entry.key}=/bin/sh -c '…'.`,
        wrapInShell(entry),
      );
    }
  },
});

/** Per command (commands are kept by value across checks, see parseExecValue): its first word with shell syntax. */
const shellWords = new WeakMap<ExecCommand, { word: Word; meaning: string } | null>();

function shellWordOf(command: ExecCommand): { word: Word; meaning: string } | undefined {
  let found = shellWords.get(command);
  if (found === undefined) {
    found = firstShellWord(command) ?? null;
    shellWords.set(command, found);
  }
  return found ?? undefined;
}

/** One finding per command: the rest of the line is equally literal. */
function firstShellWord(command: ExecCommand): { word: Word; meaning: string } | undefined {
  if (runsShell(command)) return undefined;
  // The executable too: '/usr/bin/prepare;' names a program that does not exist.
  const words = [{ ...command.executable, raw: command.executable.text }, ...command.args];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const meaning = shellMeaning(word, i === words.length - 1);
    // A program path with '~' or '$(' in it is already refused as a path; only a glued ';' or '&' is news there.
    if (!meaning || (i === 0 && !/separator|background/.test(meaning))) continue;
    return { word, meaning };
  }
  return undefined;
}
