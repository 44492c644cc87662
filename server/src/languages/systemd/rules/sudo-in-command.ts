import { execLines, programName } from "../exec-lines.js";
import type { UnitRule } from "../rule.js";

const switchers = new Set(["sudo", "su", "doas"]);

export const sudoInCommand: UnitRule = {
  meta: {
    id: "systemd/sudo-in-command",
    severity: "info",
    doc: "A command line that changes user with sudo, su or doas: User= (and Group=) do that without PAM, a terminal or an extra process in between.",
  },
  check(ctx, report) {
    for (const line of execLines(ctx)) {
      const program = programName(line.command);
      if (!switchers.has(program)) continue;
      report(
        { start: line.entry.positionAt(line.command.executable.start), end: line.entry.positionAt(line.command.executable.end) },
        `${program} in ${line.entry.key}=: systemd runs the command as root and ${program} then switches user through PAM (it may want a terminal or a password, and its own process sits between systemd and the program). Set User= (and Group=) in [Service] and run the program directly.`,
      );
    }
  },
};
