import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parsePolicy, type SecurityPolicy, scoredUnitName, scoreService } from "../languages/systemd/security/index.js";
import { formatTable, type JsonScore, toJsonScore } from "../languages/systemd/security/report.js";
import type { CommandIO } from "./command.js";
import { UsageError } from "./command.js";
import { collectFiles, readText } from "./files.js";
import { dropInsBeside } from "./security-files.js";

interface Options {
  format: "text" | "json";
  /** In tenths, as systemd's --threshold: 0..100. */
  threshold: number;
  policy: SecurityPolicy | undefined;
  user: boolean;
}

function parseOptions(argv: string[]): { options: Options; paths: string[]; notes: string[] } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      threshold: { type: "string", default: "100" },
      "systemd-version": { type: "string" },
      "security-policy": { type: "string" },
      user: { type: "boolean", default: false },
    },
  });
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`unknown --format '${values.format}'; use text or json`);
  if (!/^\d+$/.test(values.threshold) || Number(values.threshold) > 100)
    throw new UsageError(
      `--threshold takes a whole number 0..100 (tenths of the 0.0–10.0 exposure, as systemd's), not '${values.threshold}'`,
    );
  const notes: string[] = [];
  const version = values["systemd-version"];
  if (version !== undefined) {
    if (!/^\d+$/.test(version)) throw new UsageError(`--systemd-version takes a number such as 252, not '${version}'`);
    // v252 through v256 score alike (same checks, weights, ranges and groups in analyze-security.c and seccomp-util.c).
    if (Number(version) < 252 || Number(version) > 256)
      notes.push(`etcetera security: the score follows the checks of systemd 252 to 256; systemd ${version} may score differently`);
  }
  let policy: SecurityPolicy | undefined;
  const policyFile = values["security-policy"];
  if (policyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(policyFile, "utf8");
    } catch (e) {
      throw new UsageError(`cannot read --security-policy ${policyFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const parsed = parsePolicy(text);
    if ("error" in parsed) throw new UsageError(`--security-policy ${policyFile}: ${parsed.error}`);
    policy = parsed.policy;
  }
  if (positionals.length === 0) throw new UsageError("no PATH given");
  return { options: { format: values.format, threshold: Number(values.threshold), policy, user: values.user }, paths: positionals, notes };
}

/**
 * `etcetera security`: the exposure score of each service. Exit 1 when a
 * service scores above --threshold or systemd would refuse one, 2 on a usage
 * error, an unreadable file or a PATH that is not a service.
 */
export async function runSecurity(argv: string[], io: CommandIO): Promise<number> {
  const { options, paths, notes } = parseOptions(argv);
  for (const n of notes) io.stderr(`${n}\n`);
  let status = 0;
  const files: string[] = [];
  for (const p of paths) {
    const collected = collectFiles([p], "systemd");
    for (const e of collected.errors) {
      io.stderr(`${e}\n`);
      status = 2;
    }
    const services = collected.files.filter((f) => f.path.endsWith(".service"));
    // A file named on the command line that is not a service is a mistake; in a directory, other units are skipped.
    if (collected.files.length === 1 && collected.files[0]?.path === p && services.length === 0) {
      io.stderr(`${p}: only services have an exposure score\n`);
      status = 2;
    }
    if (collected.files.length === 0 && collected.errors.length === 0) {
      io.stderr(`${p}: no unit file here\n`);
      status = 2;
    }
    files.push(...services.map((f) => f.path));
  }
  const results: JsonScore[] = [];
  let tables = 0;
  for (const file of files) {
    const read = readText(file);
    if (!read.ok) {
      io.stderr(`${file}: ${read.reason}\n`);
      status = 2;
      continue;
    }
    const outcome = scoreService({
      path: file,
      text: read.text,
      dropIns: dropInsBeside(file, scoredUnitName(file)),
      scope: options.user ? "user" : "system",
      policy: options.policy,
    });
    if (outcome.kind !== "score" || outcome.score.exposureTenths > options.threshold) status = Math.max(status, 1);
    if (options.format === "json") results.push(toJsonScore(file, outcome));
    else if (outcome.kind === "score") io.stdout(`${tables++ > 0 ? "\n" : ""}${formatTable(outcome)}`);
    else io.stderr(`${file}: ${outcome.reason}\n`);
  }
  if (options.format === "json") io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  return status;
}
