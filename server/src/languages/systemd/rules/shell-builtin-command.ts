import type { Fix } from "../../../core/diagnostic.js";
import { entryRule } from "../entry-rule.js";
import { type ExecLine, execCommandsOf, runsShell } from "../exec-lines.js";

/**
 * Shell builtins written as the program of a command line, with what systemd offers instead.
 * `wrapped`: some distributions ship a POSIX wrapper script of that name in /usr/bin (Fedora's bash
 * package does for cd, umask, read, …); it runs the builtin in a shell of its own that then exits,
 * so the command succeeds and changes nothing. Debian ships none of them.
 */
const builtins = new Map<string, { instead: string; wrapped?: true }>([
  ["cd", { instead: "set WorkingDirectory= instead", wrapped: true }],
  ["pushd", { instead: "set WorkingDirectory= instead" }],
  ["popd", { instead: "set WorkingDirectory= instead" }],
  ["export", { instead: "set the variable with Environment= instead" }],
  ["set", { instead: "set variables with Environment= instead" }],
  ["unset", { instead: "leave the variable out of Environment=, or use UnsetEnvironment=" }],
  ["declare", { instead: "set the variable with Environment= instead" }],
  ["readonly", { instead: "set the variable with Environment= instead" }],
  ["local", { instead: "set the variable with Environment= instead" }],
  ["let", { instead: "set the variable with Environment= instead" }],
  ["source", { instead: "read a file of NAME=value lines with EnvironmentFile=, or run a script with /bin/sh -c '…'" }],
  [".", { instead: "read a file of NAME=value lines with EnvironmentFile=, or run a script with /bin/sh -c '…'" }],
  ["umask", { instead: "set UMask= instead", wrapped: true }],
  ["ulimit", { instead: "set the matching Limit…= setting (LimitNOFILE=, LimitNPROC=, LimitCORE=, …) instead", wrapped: true }],
  ["exec", { instead: "systemd already runs the program in place of its own process: write the program without exec" }],
  ["eval", { instead: "run it through /bin/sh -c '…'" }],
  ["trap", { instead: "run it through /bin/sh -c '…'" }],
  ["shift", { instead: "run it through /bin/sh -c '…'" }],
  ["alias", { instead: "write the command itself", wrapped: true }],
  ["read", { instead: "run it through /bin/sh -c '…'", wrapped: true }],
  ["wait", { instead: "run it through /bin/sh -c '…'", wrapped: true }],
  ["command", { instead: "run it through /bin/sh -c '…'", wrapped: true }],
  ["type", { instead: "run it through /bin/sh -c '…'", wrapped: true }],
  ["hash", { instead: "run it through /bin/sh -c '…'", wrapped: true }],
]);

/** `ExecStart=exec /usr/bin/app` → `ExecStart=/usr/bin/app`, keeping the prefixes. */
function dropExec(line: ExecLine): Fix[] {
  const { entry, command } = line;
  const next = command.args[0];
  if (!next) return [];
  return [
    {
      title: "Remove 'exec'",
      edits: [{ range: { start: entry.positionAt(command.executable.start), end: entry.positionAt(next.start) }, newText: "" }],
    },
  ];
}

export const shellBuiltinCommand = entryRule({
  meta: {
    id: "systemd/shell-builtin-command",
    severity: "warning",
    doc: "A command line whose program is a shell builtin (cd, export, source, umask, ulimit, exec, …): systemd runs programs without a shell, finds no program of that name (the service fails with status 203/EXEC), and where a wrapper script exists, it changes nothing.",
  },
  checkEntry(entry, ctx, report) {
    for (const command of execCommandsOf(entry, ctx)) {
      const line = { entry, command };
      const name = command.executable.text;
      const builtin = builtins.get(name);
      // A path (/usr/bin/cd) names a program on purpose; only a bare name is looked up.
      if (!builtin || runsShell(command)) continue;
      const ignored = command.prefixes.includes("-");
      const outcome = ignored
        ? "the command fails, the '-' prefix hides it, and this line never does anything"
        : `${entry.key}= fails (status 203/EXEC) and the service does not start`;
      const wrapper = builtin.wrapped
        ? ` Where a /usr/bin/${name} wrapper exists (not on Debian), it changes only its own short-lived process.`
        : "";
      report(
        { start: entry.positionAt(command.executable.start), end: entry.positionAt(command.executable.end) },
        `'${name}' is a shell builtin, not a program: systemd runs commands without a shell and finds no executable named ${name}, so ${outcome}.${wrapper} To fix it, ${builtin.instead}.`,
        name === "exec" ? dropExec(line) : [],
      );
    }
  },
});
