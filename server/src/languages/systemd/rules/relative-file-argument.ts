import { execLines, programName } from "../exec-lines.js";
import { isUserUnitPath } from "../manager-scope.js";
import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";
import type { Word } from "../values/words.js";

/** Interpreters whose first plain argument is the script they run. */
const interpreters = /^(python[0-9.]*|node|nodejs|ruby[0-9.]*|perl[0-9.]*|php[0-9.]*|bash|sh|dash|lua[0-9.]*|Rscript|deno|bun)$/;
/** A file name by its extension: what these programs are given to read. */
const fileLike = /\.(py|js|mjs|cjs|ts|rb|pl|php|sh|lua|jar|war|R|conf|cfg|ini|ya?ml|json|toml|env|properties)$/;

/** The relative file argument a command reads, when it names one. */
function relativeFile(program: string, args: Word[]): Word | undefined {
  const relative = (w: Word | undefined) =>
    w !== undefined && w.raw === w.text && fileLike.test(w.text) && !/^[/~]/.test(w.text) && !w.text.includes("$") && !w.text.includes("%")
      ? w
      : undefined;
  if (/^java[0-9]*$/.test(program)) {
    const jar = args.findIndex((a) => a.text === "-jar");
    return jar >= 0 ? relative(args[jar + 1]) : undefined;
  }
  if (interpreters.test(program)) {
    // The script is the first argument that is not an option (python3 -u app.py, node --inspect server.js).
    const first = args.find((a) => !a.text.startsWith("-"));
    const before = args.slice(0, first ? args.indexOf(first) : 0);
    // Options that take a value or switch off script mode (-c code, -m module, -e code) make the guess unsafe.
    if (before.some((a) => /^-[a-zA-Z]*[cmeEr]$|^--(eval|require|command)$/.test(a.text))) return undefined;
    return relative(first);
  }
  return undefined;
}

export const relativeFileArgument: UnitRule = {
  meta: {
    id: "systemd/relative-file-argument",
    severity: "warning",
    doc: "A script or jar given by a relative path (python3 app.py, java -jar app.jar) in a system service without WorkingDirectory=: system services start in /, so the program looks for /app.py and fails.",
  },
  check(ctx, report) {
    // A user manager starts services in the user's home directory, where a relative path may well be meant.
    if (ctx.type !== "service" || ctx.info.isDropIn || isUserUnitPath(ctx.path)) return;
    if (lastEntry(ctx.unit, "Service", "WorkingDirectory") || lastEntry(ctx.unit, "Service", "RootDirectory")) return;
    // A drop-in of the unit may set the directory.
    if ((ctx.effective()?.dropIns ?? []).some((d) => lastEntry(d.file, "Service", "WorkingDirectory"))) return;
    for (const line of execLines(ctx)) {
      const program = programName(line.command);
      const file = relativeFile(program, line.command.args);
      if (!file) continue;
      report(
        { start: line.entry.positionAt(file.start), end: line.entry.positionAt(file.end) },
        `'${file.text}' is relative, and without WorkingDirectory= a system service starts in '/': ${program} looks for '/${file.text}' and fails. Give the full path, or set WorkingDirectory= to the directory that holds it.`,
      );
    }
  },
};
