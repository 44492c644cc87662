/**
 * The `etcetera` command: a dispatcher that loads only the command it runs
 * (the bundle splits each command into its own chunk), so `--version` loads
 * nothing and `lint` loads neither the remote code nor the language server.
 */
import { type CommandIO, UsageError } from "./cli/command.js";
import { tuneJitForRun } from "./cli/jit-tier.js";
import {
  catUsage,
  cronUsage,
  deployUsage,
  diffUsage,
  exportUsage,
  inventoryUsage,
  lintUsage,
  logsUsage,
  securityUsage,
  statusUsage,
} from "./cli/usage.js";

const usage = `etcetera — lint and language server for systemd units and the other files that run a Linux host

${lintUsage}
       etcetera calendar [--iterations N] [--base-time T] [--format text|json] EXPR...  (as systemd-analyze calendar)
       etcetera timespan SPAN...          (as systemd-analyze timespan)
${securityUsage}
${cronUsage}
${deployUsage}
${exportUsage}
${inventoryUsage}
${diffUsage}
${statusUsage}
${logsUsage}
${catUsage}
       etcetera lsp --stdio | --node-ipc  (language server)
       etcetera --version`;

const io: CommandIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
};

/** `etcetera lint --help`: a request for the usage, not an unknown option (anything after `--` is a path). */
function asksForHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "lsp" && asksForHelp(rest)) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  switch (command) {
    case "lint":
      return (await import("./cli/lint.js")).runLint(rest, { ...io, beforeAnalysis: tuneJitForRun });
    case "calendar":
      return (await import("./cli/calendar.js")).runCalendar(rest, io);
    case "timespan":
      if (rest.length === 0) throw new UsageError("timespan needs at least one SPAN");
      return (await import("./cli/timespan.js")).runTimespan(rest, io);
    case "cron":
      return (await import("./cli/cron.js")).runCron(rest, io);
    case "security":
      return (await import("./cli/security.js")).runSecurity(rest, io);
    case "deploy":
      return (await import("./cli/deploy.js")).runDeploy(rest, io);
    case "diff":
      return (await import("./cli/diff.js")).runDiff(rest, io);
    case "export":
      return (await import("./cli/export.js")).runExport(rest, io);
    case "inventory":
      return (await import("./cli/inventory.js")).runInventory(rest, io);
    case "status":
      return (await import("./cli/status.js")).runStatus(rest, io);
    case "logs":
      return (await import("./cli/logs.js")).runLogs(rest, io);
    case "cat":
      return (await import("./cli/cat.js")).runCat(rest, io);
    case "lsp":
      // The connection reads --stdio / --node-ipc / --socket from process.argv itself.
      (await import("./server.js")).startServer();
      return -1;
    case "--version":
      io.stdout("0.1.0\n");
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.stdout(`${usage}\n`);
      return command === undefined ? 2 : 0;
    default:
      // VS Code starts the bundled server with only --node-ipc.
      if (command.startsWith("--node-ipc") || command.startsWith("--stdio") || command.startsWith("--socket")) {
        (await import("./server.js")).startServer();
        return -1;
      }
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      process.stderr.write(`etcetera: ${error.message}\n${usage}\n`);
    } else {
      process.stderr.write(`etcetera: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 2;
  },
);
