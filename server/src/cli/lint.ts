import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Diagnostic } from "../core/diagnostic.js";
import { readFileFacts, wantsFileFacts } from "../core/file-facts.js";
import type { FileKind } from "../core/language.js";
import { fileKinds, isFileKind, loadAllRules, loadLanguages } from "../core/registry.js";
import {
  type CronDialect,
  cronDialects,
  defaultSettings,
  type LogrotateVersion,
  logrotateVersions,
  netplanVersions,
  type Settings,
  settingsFromConfiguration,
} from "../core/settings.js";
import { analyzeSaved } from "../features/documents.js";
import { UnitNameIndex } from "../features/workspace-index.js";
import { type CommandIO, UsageError } from "./command.js";
import { collectFiles, type ReadResult, readText } from "./files.js";
import { formatGithub, formatJson, formatSarif, formatStylish, type OutputFormat, outputFormats } from "./formats.js";
import { type FileResult, fileLevelRules } from "./results.js";

export { type CommandIO, UsageError };

async function loadConfig(path: string | undefined): Promise<Settings> {
  if (!path) return defaultSettings;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new UsageError(`${path}: cannot read config: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return settingsFromConfiguration(JSON.parse(text));
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
}

function parseIntOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a number, not '${value}'`);
  return Number(value);
}

/** `etcetera lint`: exit 0 clean, 1 lint errors (or too many warnings), 2 usage or I/O error. */
export async function runLint(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "stylish" },
      kind: { type: "string" },
      "systemd-version": { type: "string" },
      "cron-dialect": { type: "string" },
      "netplan-version": { type: "string" },
      "logrotate-version": { type: "string" },
      "max-warnings": { type: "string" },
      config: { type: "string" },
    },
  });
  const format = values.format as OutputFormat;
  if (!outputFormats.includes(format)) throw new UsageError(`unknown --format '${values.format}'; use ${outputFormats.join(", ")}`);
  let kind: FileKind | undefined;
  if (values.kind !== undefined) {
    if (!isFileKind(values.kind)) throw new UsageError(`unknown --kind '${values.kind}'; use ${fileKinds.join(", ")}`);
    kind = values.kind;
  }
  if (positionals.length === 0) throw new UsageError("no PATH given");
  const maxWarnings = parseIntOption("max-warnings", values["max-warnings"]);
  const config = await loadConfig(values.config);
  const version = parseIntOption("systemd-version", values["systemd-version"]);
  const settings: Settings = { ...config, systemd: { ...config.systemd, version: version ?? config.systemd.version } };
  const cronDialect = values["cron-dialect"];
  if (cronDialect !== undefined) {
    if (!cronDialects.some((d) => d === cronDialect))
      throw new UsageError(`unknown --cron-dialect '${cronDialect}'; use ${cronDialects.join(", ")}`);
    settings.cron = { dialect: cronDialect as CronDialect };
  }
  const netplanVersion = values["netplan-version"];
  if (netplanVersion !== undefined) {
    const v = netplanVersions.find((n) => n === netplanVersion);
    if (!v) throw new UsageError(`unknown --netplan-version '${netplanVersion}'; use ${netplanVersions.join(", ")}`);
    settings.netplan = { version: v };
  }
  const lrVersion = values["logrotate-version"];
  if (lrVersion !== undefined) {
    if (!logrotateVersions.some((v) => v === lrVersion))
      throw new UsageError(`unknown --logrotate-version '${lrVersion}'; use ${logrotateVersions.join(", ")}`);
    settings.logrotate = { version: lrVersion as LogrotateVersion };
  }

  const { files, errors } = collectFiles(positionals, kind);
  // A unit is judged with its drop-ins and a drop-in with its unit: their directories are indexed too.
  // Each file is read once: for the check of another unit of its set (the dependency graph reads them all) and for its own.
  const reads = new Map<string, ReadResult>();
  const readOnce = (path: string): ReadResult => {
    let read = reads.get(path);
    if (!read) {
      read = readText(path);
      reads.set(path, read);
    }
    return read;
  };
  const index = await UnitNameIndex.forFiles(
    files.map((f) => f.path),
    (path) => {
      const read = readOnce(path);
      return read.ok ? read : undefined;
    },
  );
  // Only the languages of the files given: a lint of unit files never loads the YAML parser or the cron libraries.
  await loadLanguages(files.map((f) => f.kind));
  io.beforeAnalysis?.(files.length);
  const results: FileResult[] = [];
  for (const file of files) {
    const read = readOnce(file.path);
    if (!read.ok) {
      if (read.reason.startsWith("binary")) {
        const d: Diagnostic = {
          rule: "etcetera/not-text",
          severity: "error",
          message: read.reason,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        };
        results.push({ file: file.path, kind: file.kind, diagnostics: [d] });
      } else errors.push(`${file.path}: ${read.reason}`);
      continue;
    }
    const analysis = analyzeSaved(file.path, read.text, file.kind);
    const diagnostics = analysis
      ? analysis.diagnostics({
          path: file.path,
          settings,
          workspace: index,
          log: (m) => io.stderr(`${m}\n`),
          fileFacts: wantsFileFacts(resolve(file.path)) ? readFileFacts(file.path) : undefined,
        })
      : [];
    results.push({ file: file.path, kind: file.kind, diagnostics });
  }

  if (format === "json") io.stdout(formatJson(results));
  else if (format === "sarif") io.stdout(formatSarif(results, [...(await loadAllRules()), ...fileLevelRules], "0.1.0"));
  else if (format === "github") io.stdout(formatGithub(results));
  else io.stdout(formatStylish(results, io.isTTY));
  for (const e of errors) io.stderr(`etcetera: ${e}\n`);

  if (errors.length > 0) return 2;
  const all = results.flatMap((r) => r.diagnostics);
  if (all.some((d) => d.severity === "error")) return 1;
  if (maxWarnings !== undefined && all.filter((d) => d.severity === "warning").length > maxWarnings) return 1;
  return 0;
}
