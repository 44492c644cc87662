import { execLines, programName, runsShell } from "../exec-lines.js";
import type { UnitCheckContext, UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";
import type { ExecCommand } from "../values/command.js";
import { parseBoolean } from "../values/scalars.js";

/** Options that tell a program to detach into the background (unless followed by no/false/0). */
// Not --daemon: several programs read it as "keep running as a service" and stay in the foreground (waagent -daemon,
// lxc-monitord --daemon, tt-rss update.php --daemon in Debian's own units).
const detachFlags = new Set(["--daemonize", "-daemonize", "--detach", "--fork"]);
/** Options that keep a program in the foreground. */
const foregroundFlags = new Set([
  "--foreground",
  "-foreground",
  "--nodaemon",
  "--no-daemon",
  "-nodaemon",
  "--no-fork",
  "--nofork",
  "--no-detach",
  "--nodetach",
  "--no-background",
]);
const off = new Set(["no", "false", "0", "off"]);

const words = (c: ExecCommand) => c.args.map((a) => a.text);

/** How the command detaches from the process systemd started, or undefined when it stays in the foreground. */
function detaches(command: ExecCommand): string | undefined {
  const name = programName(command);
  const args = words(command);
  if (args.some((a) => foregroundFlags.has(a))) return undefined;
  if (name === "screen") {
    const opts = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join("");
    if (opts.includes("d") && opts.includes("m") && !opts.includes("D")) return "screen -d -m starts the session detached and returns";
    return undefined;
  }
  if (name === "tmux" && args.some((a) => a === "new-session" || a === "new") && args.some((a) => /^-[a-zA-Z]*d[a-zA-Z]*$/.test(a)))
    return "tmux new-session -d starts the session in the background and returns";
  if (name === "daemonize") return `${name} puts the program in the background and returns`;
  if (name === "start-stop-daemon" && args.some((a) => a === "--background" || /^-[a-zA-Z]*b[a-zA-Z]*$/.test(a)))
    return "start-stop-daemon --background forks the program off and returns";
  if (name === "setsid" && args.some((a) => a === "-f" || a === "--fork"))
    return "setsid --fork runs the program in a new process and returns";
  if (runsShell(command)) {
    const script = args[args.length - 1] ?? "";
    if (/[^&]&\s*$/.test(script)) return "the shell starts the last command in the background ('&') and exits";
    return undefined;
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!detachFlags.has(arg)) continue;
    if (off.has((args[i + 1] ?? "").toLowerCase())) return undefined;
    return `${name} ${arg} detaches into the background and the process systemd started exits`;
  }
  return undefined;
}

/** How the command stays in the foreground, or undefined when nothing says so. */
function staysInForeground(command: ExecCommand): string | undefined {
  const name = programName(command);
  const args = words(command);
  const flag = args.find((a) => foregroundFlags.has(a));
  if (flag) return `${flag} keeps ${name} in the foreground`;
  if (name === "sshd" && args.includes("-D")) return "sshd -D does not detach";
  if (args.some((a) => /daemon\s+off\s*;/.test(a))) return `'daemon off;' keeps ${name} in the foreground`;
  if (name === "screen" && args.some((a) => /^-[a-zA-Z]*D[a-zA-Z]*$/.test(a)) && args.some((a) => /^-[a-zA-Z]*m[a-zA-Z]*$/.test(a)))
    return "screen -D -m stays in the foreground";
  return undefined;
}

/** What the start timeout does to a start that never completes, as this file sets it (TimeoutSec= sets both). */
function afterTimeout(ctx: UnitCheckContext): string {
  const timeout = lastEntry(ctx.unit, "Service", "TimeoutStartSec") ?? lastEntry(ctx.unit, "Service", "TimeoutSec");
  const value = timeout?.value.trim();
  if (value === "infinity" || value === "0")
    return `with ${timeout?.key}=${value} systemd waits for ever: the unit stays 'activating' and units ordered after it never start`;
  return `after ${value ? `${timeout?.key}=${value}` : "TimeoutStartSec= (90 s by default)"} systemd kills the service and marks it failed`;
}

export const daemonModeVsType: UnitRule = {
  meta: {
    id: "systemd/daemon-mode-vs-type",
    severity: "warning",
    doc: "A service whose Type= does not match how its program runs: under Type=simple (or exec, idle) a command that detaches (screen -dm, --daemon, 'cmd &') exits at once and systemd stops what it left behind; under Type=forking a program kept in the foreground (--foreground, sshd -D) never ends the start, which times out.",
  },
  check(ctx, report) {
    // Type=, RemainAfterExit= and KillMode= may come from another layer; judge the unit file alone.
    if (ctx.type !== "service" || ctx.info.isDropIn) return;
    const starts = execLines(ctx).filter((l) => l.entry.key === "ExecStart");
    const main = starts[starts.length - 1];
    if (!main || main.entry.value === "") return;
    const typeEntry = lastEntry(ctx.unit, "Service", "Type");
    const type = typeEntry?.value ?? "simple";
    const range = { start: main.entry.positionAt(main.command.executable.start), end: main.entry.valueRange.end };
    if (type === "simple" || type === "exec" || type === "idle") {
      const remain = lastEntry(ctx.unit, "Service", "RemainAfterExit");
      if (remain && parseBoolean(remain.value) === true) return;
      const killMode = lastEntry(ctx.unit, "Service", "KillMode")?.value ?? "control-group";
      if (killMode !== "control-group" && killMode !== "mixed") return;
      const how = detaches(main.command);
      if (!how) return;
      const stated = typeEntry ? `Type=${type}` : "Type=simple (the default)";
      report(
        range,
        `${how}. Under ${stated} systemd treats that exit as the end of the service and stops every process left in its control group, so the program is killed right after it started. Run it in the foreground, or set Type=forking.`,
      );
    } else if (type === "forking") {
      const how = staysInForeground(main.command);
      if (!how) return;
      report(
        range,
        `${how}, but Type=forking waits for the started process to exit: the start never completes, and ${afterTimeout(ctx)}. Use Type=simple (or exec) for a program that stays in the foreground.`,
        typeEntry ? [{ title: "Change to Type=exec", edits: [{ range: typeEntry.valueRange, newText: "exec" }] }] : [],
      );
    }
  },
};
