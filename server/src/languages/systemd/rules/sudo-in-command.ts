import { entryRule } from "../entry-rule.js";
import { execCommandsOf, programName } from "../exec-lines.js";

const switchers = new Set(["sudo", "su", "doas"]);

export const sudoInCommand = entryRule({
  meta: {
    id: "systemd/sudo-in-command",
    severity: "info",
    doc: "A command line that changes user with sudo, su or doas: User= (and Group=) do that without PAM, a terminal or an extra process in between.",
  },
  checkEntry(entry, ctx, report) {
    for (const command of execCommandsOf(entry, ctx)) {
      const program = programName(command);
      if (!switchers.has(program)) continue;
      report(
        { start: entry.positionAt(command.executable.start), end: entry.positionAt(command.executable.end) },
        `${program} in ${entry.key}=: systemd runs the command as root and ${program} then switches user through PAM (it may want a terminal or a password, and its own process sits between systemd and the program). Set User= (and Group=) in [Service] and run the program directly.`,
      );
    }
  },
});
