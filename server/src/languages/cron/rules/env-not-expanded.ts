import { defaultPath } from "../command.js";
import type { EnvLine } from "../parser.js";
import type { CronRule } from "../rule.js";

/** `$NAME`, `${NAME}`, `$(...)` or a backtick: what a shell would substitute. */
const substitution = /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\$\(|`/;
/** A '~' a shell would turn into a home directory: at the start or after ':' (PATH-style lists). */
const tilde = /(^|:)~/;

/** Variables cron itself (or the shell's command lookup) reads as they are, never through a second shell. */
const readLiterally = new Set(["PATH", "SHELL", "HOME", "MAILTO", "MAILFROM", "CRON_TZ", "TZ"]);

/** Whether a job hands the variable to a second shell (`sh -c "$VAR"`, `eval "$VAR"`), which does expand what it contains. */
function reexpanded(jobs: readonly { command: string }[], name: string): boolean {
  const use = new RegExp(`(?:\\b(?:sh|bash|dash)\\s+-c|\\beval)\\s+["']?\\$\\{?${name}\\b`);
  return jobs.some((j) => use.test(j.command));
}

export const envNotExpanded: CronRule = {
  meta: {
    id: "cron/env-not-expanded",
    severity: "warning",
    doc: "An environment line written as a shell would read it (`PATH=$PATH:/opt/bin`, `HOME=~/app`): cron stores the value literally, with no `$VAR`, `$(...)` or `~` expansion, so PATH loses /usr/bin and /bin and the variable points nowhere.",
  },
  check(ctx, report) {
    const previous = new Map<string, string>();
    for (const env of ctx.envs) {
      const before = previous.get(env.key);
      previous.set(env.key, env.value);
      const sub = substitution.exec(env.value);
      const home = tilde.exec(env.value);
      if (!sub && !home) continue;
      if (!readLiterally.has(env.key) && reexpanded(ctx.jobs, env.key)) continue;
      const what = sub ? `'${sub[0]}'` : "'~'";
      if (env.key === "PATH") {
        const bogus = env.value.split(":").filter((d) => !d.startsWith("/"));
        const lost = ["/usr/bin", "/bin"].filter((d) => !env.value.split(":").includes(d));
        report(
          env.valueToken.range,
          `cron does not expand ${what}: PATH becomes '${env.value}' as written, so the shell searches no directory named '${bogus.join("' or '")}'${lost.length ? ` and no longer ${lost.join(" or ")}` : ""}. Write the directories out in full.`,
          pathFix(env, before),
        );
        continue;
      }
      report(
        env.valueToken.range,
        `cron does not expand ${what}: ${env.key} is set to the text '${env.value}' as written. Write the value out in full${sub ? " (or set it inside the command, where the shell expands it)" : ""}.`,
      );
    }
  },
};

function pathFix(env: EnvLine, before: string | undefined) {
  if (!/\$\{?PATH\}?/.test(env.value)) return undefined;
  const base = before ?? defaultPath;
  const value = env.value.replace(/\$\{?PATH\}?/g, base);
  return [
    {
      title: `Write PATH=${value}`,
      preferred: true,
      edits: [{ range: env.valueToken.range, newText: env.quoted ? `"${value}"` : value }],
    },
  ];
}
