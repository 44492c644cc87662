import { runCalendar } from "./cli/calendar.js";
import { catUsage, runCat } from "./cli/cat.js";
import { cronUsage, runCron } from "./cli/cron.js";
import { deployUsage, runDeploy } from "./cli/deploy.js";
import { diffUsage, runDiff } from "./cli/diff.js";
import { type CommandIO, lintUsage, runLint, UsageError } from "./cli/lint.js";
import { logsUsage, runLogs } from "./cli/logs.js";
import { runSecurity, securityUsage } from "./cli/security.js";
import { runStatus, statusUsage } from "./cli/status.js";
import { runTimespan } from "./cli/timespan.js";
import { startServer } from "./server.js";

const usage = `etcetera — lint and language server for systemd units and the other files that run a Linux host

${lintUsage}
       etcetera calendar [--iterations N] [--base-time T] [--format text|json] EXPR...  (as systemd-analyze calendar)
       etcetera timespan SPAN...          (as systemd-analyze timespan)
${securityUsage}
${cronUsage}
${deployUsage}
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "lint":
      return runLint(rest, io);
    case "calendar":
      return runCalendar(rest, io);
    case "timespan":
      if (rest.length === 0) throw new UsageError("timespan needs at least one SPAN");
      return runTimespan(rest, io);
    case "cron":
      return runCron(rest, io);
    case "security":
      return runSecurity(rest, io);
    case "deploy":
      return runDeploy(rest, io);
    case "diff":
      return runDiff(rest, io);
    case "status":
      return runStatus(rest, io);
    case "logs":
      return runLogs(rest, io);
    case "cat":
      return runCat(rest, io);
    case "lsp":
      // The connection reads --stdio / --node-ipc / --socket from process.argv itself.
      startServer();
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
        startServer();
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
