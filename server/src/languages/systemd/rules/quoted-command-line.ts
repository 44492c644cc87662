import { entryRule } from "../entry-rule.js";
import { execCommandsOf } from "../exec-lines.js";

export const quotedCommandLine = entryRule({
  meta: {
    id: "systemd/quoted-command-line",
    severity: "warning",
    doc: 'A whole command line in one pair of quotes (ExecStart="/usr/bin/app --flag"): quotes group a single word, so systemd looks for a program whose path is the whole quoted text, with the blanks in it, and the start fails with status 203/EXEC.',
  },
  checkEntry(entry, ctx, report) {
    for (const command of execCommandsOf(entry, ctx)) {
      const exe = command.executable;
      if (!/^["']/.test(exe.raw) || !/\s/.test(exe.text)) continue;
      const program = exe.text.split(/\s+/)[0] as string;
      const range = { start: entry.positionAt(exe.start), end: entry.positionAt(exe.end) };
      const unquoted = exe.raw.slice(1, -1);
      // Dropping the quotes is safe only when nothing inside needed them.
      const fixes =
        exe.raw.length >= 2 && exe.raw.endsWith(exe.raw[0] as string) && !/["'\\]/.test(unquoted)
          ? [{ title: "Remove the quotes", preferred: true, edits: [{ range, newText: unquoted }] }]
          : [];
      report(
        range,
        `The quotes make '${exe.text}' one word: systemd takes all of it, blanks included, as the path of the program to run, finds no such file and fails the start with status 203/EXEC. Quote single arguments only: ${program} …`,
        fixes,
      );
    }
  },
});
