import type { LanguageContext, Refactoring } from "../../core/language.js";
import type { Range } from "../../core/text.js";
import { cronContext } from "./context.js";
import type { CronFile } from "./parser.js";
import { convertJob } from "./timer.js";

/** Where the units go: /etc/cron.d/x and /etc/crontab map to /etc/systemd/system, any other crontab to its own folder. */
export function unitDirFor(path: string, system: boolean): string {
  const dir = path.replace(/[\\/][^\\/]*$/, "") || ".";
  if (!system) return dir;
  return /[\\/]cron\.d$/.test(dir) ? dir.replace(/cron\.d$/, "systemd/system") : `${dir}/systemd/system`;
}

/** "Convert to a systemd timer" on a job line: writes NAME.timer and NAME.service and comments the line out. */
export function cronRefactorings(file: CronFile, range: Range, lctx: LanguageContext): Refactoring[] {
  const ctx = cronContext(file, lctx);
  const info = ctx.jobs.find((j) => j.job.line >= range.start.line && j.job.line <= range.end.line);
  if (!info) return [];
  const title = "Convert to a systemd timer";
  const result = convertJob(info, ctx);
  if (!result.ok) return [{ title, edits: [], disabled: `No exact systemd timer: ${result.reason}` }];
  const dir = unitDirFor(lctx.path, ctx.system);
  const start = { line: info.job.line, character: 0 };
  return [
    {
      title: `${title} (${result.name}.timer)`,
      createFiles: [
        { path: `${dir}/${result.name}.timer`, text: result.timer },
        { path: `${dir}/${result.name}.service`, text: result.service },
      ],
      edits: [{ range: { start, end: start }, newText: `# Now ${result.name}.timer: ` }],
    },
  ];
}
