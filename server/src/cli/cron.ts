import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type CronDialect, cronDialects, defaultSettings } from "../core/settings.js";
import { cronContext } from "../languages/cron/context.js";
import { explainFields, explainSpecial, explanationMarkdown } from "../languages/cron/explain.js";
import { formatRun } from "../languages/cron/next-runs.js";
import { parseCrontab } from "../languages/cron/parser.js";
import { convertJob } from "../languages/cron/timer.js";
import { type CommandIO, UsageError } from "./command.js";

function dialectOption(value: string | undefined): CronDialect {
  if (value === undefined) return "debian";
  const d = cronDialects.find((x) => x === value);
  if (!d) throw new UsageError(`unknown --cron-dialect '${value}'; use ${cronDialects.join(", ")}`);
  return d;
}

function explain(expr: string, dialect: CronDialect, now: Date, count: number) {
  const t = expr.trim();
  return t.startsWith("@") ? explainSpecial(t, dialect, now, count) : explainFields(t.split(/[ \t]+/), dialect, now, count);
}

/** `etcetera cron explain|next|to-timer`: exit 0, 1 when cron rejects an expression (or no exact timer exists), 2 usage. */
export async function runCron(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      "cron-dialect": { type: "string" },
      count: { type: "string" },
      "base-time": { type: "string" },
      format: { type: "string", default: "text" },
      line: { type: "string" },
      user: { type: "string" },
      name: { type: "string" },
      out: { type: "string" },
    },
  });
  const dialect = dialectOption(values["cron-dialect"]);
  const now = values["base-time"] ? new Date(values["base-time"]) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--base-time '${values["base-time"]}' is not a time`);
  if (positionals.length === 0) throw new UsageError(`cron ${sub ?? ""} needs an argument`);
  switch (sub) {
    case "explain": {
      let status = 0;
      for (const expr of positionals) {
        const e = explain(expr, dialect, now, 5);
        if (e.error) status = 1;
        io.stdout(`${expr}\n${explanationMarkdown(e, true).replace(/^(?=.)/gm, "  ")}\n`);
      }
      return status;
    }
    case "next": {
      const count = values.count === undefined ? 5 : Number(values.count);
      if (!Number.isInteger(count) || count < 1) throw new UsageError(`--count takes a positive number, not '${values.count}'`);
      const e = explain(positionals.join(" "), dialect, now, count);
      if (e.error) {
        io.stderr(`etcetera: ${e.error}\n`);
        return 1;
      }
      if (values.format === "json") io.stdout(`${JSON.stringify(e.runs.map((r) => r.toISOString()))}\n`);
      else io.stdout(e.runs.length === 0 ? `never${e.never ? ` (${e.never})` : ""}\n` : `${e.runs.map(formatRun).join("\n")}\n`);
      return 0;
    }
    case "to-timer":
      return toTimer(positionals[0] as string, values, dialect, now, io);
    default:
      throw new UsageError(`unknown cron command '${sub ?? ""}'; use explain, next or to-timer`);
  }
}

async function toTimer(
  path: string,
  values: { line?: string; user?: string; name?: string; out?: string },
  dialect: CronDialect,
  now: Date,
  io: CommandIO,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    io.stderr(`etcetera: ${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const ctx = cronContext(parseCrontab(text), {
    path,
    settings: { ...defaultSettings, cron: { dialect } },
    workspace: { unitNames: () => [] },
  });
  const line = values.line === undefined ? undefined : Number(values.line) - 1;
  const jobs = ctx.jobs.filter((j) => line === undefined || j.job.line === line);
  if (jobs.length === 0) {
    io.stderr(`etcetera: ${path}: ${line === undefined ? "no job lines" : `line ${values.line} is not a job`}\n`);
    return 1;
  }
  let status = 0;
  for (const info of jobs) {
    const r = convertJob(info, ctx, {
      now,
      ...(values.user ? { user: values.user } : {}),
      ...(values.name && jobs.length === 1 ? { name: values.name } : {}),
    });
    if (!r.ok) {
      io.stderr(`${path}:${info.job.line + 1}: no exact systemd timer: ${r.reason}\n`);
      status = 1;
      continue;
    }
    if (values.out) {
      const written = await writeNew(values.out, r.name, [r.timer, r.service], io);
      if (!written) {
        status = 1;
        continue;
      }
      io.stdout(`wrote ${join(values.out, r.name)}.timer and .service\n`);
    } else io.stdout(`# ${r.name}.timer\n${r.timer}\n# ${r.name}.service\n${r.service}\n`);
    for (const n of r.notes) io.stderr(`${path}:${info.job.line + 1}: note: ${n}\n`);
  }
  return status;
}

/** Writes NAME.timer and NAME.service, never over an existing unit: when either cannot be written, neither stays. */
async function writeNew(dir: string, name: string, texts: string[], io: CommandIO): Promise<boolean> {
  const written: string[] = [];
  for (const [i, suffix] of ["timer", "service"].entries()) {
    const path = join(dir, `${name}.${suffix}`);
    try {
      await writeFile(path, texts[i] ?? "", { flag: "wx" });
      written.push(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(`etcetera: ${path}: not written: ${code === "EEXIST" ? "a unit of that name exists (use --name)" : (code ?? String(e))}\n`);
      for (const p of written) await rm(p, { force: true });
      return false;
    }
  }
  return true;
}
