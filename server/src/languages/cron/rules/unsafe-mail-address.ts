import type { CronRule } from "../rule.js";

/**
 * Debian's cron (its MAILFROM patch) checks MAILTO and MAILFROM before mailing: every character must be a
 * printable ASCII letter or digit, or, after the first, one of these. Anything else is logged as
 * "UNSAFE MAIL" and the address is not used.
 */
const delimiters = "@!:%-.,_+=/";

function firstUnsafe(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum && (i === 0 || !delimiters.includes(value[i] as string))) return i;
  }
  return -1;
}

const shown = (c: string) => (c === " " ? "a space" : c === "\t" ? "a tab" : `'${c}'`);

export const unsafeMailAddress: CronRule = {
  meta: {
    id: "cron/unsafe-mail-address",
    severity: "warning",
    doc: "A MAILTO= or MAILFROM= value Debian's cron refuses to hand to the mailer: it must start with a letter or digit and hold only letters, digits and @!:%-.,_+=/ (no spaces, not even after the commas between recipients, no 'Name <address>'). cron logs UNSAFE MAIL and sends no mail at all for an unsafe MAILTO; an unsafe MAILFROM falls back to root.",
  },
  check(ctx, report) {
    if (ctx.dialect !== "debian") return;
    for (const env of ctx.envs) {
      if ((env.key !== "MAILTO" && env.key !== "MAILFROM") || env.value === "") continue;
      // Said by their own rules: a comment after the value, a $VARIABLE, quotes inside the value.
      if (/[ \t]#|\$/.test(env.value) || (!env.quoted && /["']/.test(env.value))) continue;
      const at = firstUnsafe(env.value);
      if (at < 0) continue;
      const effect =
        env.key === "MAILTO"
          ? "no mail is sent for the jobs below (cron logs UNSAFE MAIL)"
          : "the mails come from root (Cron Daemon) instead";
      // split/trim, not /\s*,\s*/g: that expression is quadratic on a long run of blanks without a comma.
      const joined = env.value
        .split(",")
        .map((r) => r.trim())
        .join(",");
      const fixable = joined !== env.value && firstUnsafe(joined) < 0;
      report(
        env.valueToken.range,
        `Debian's cron refuses ${env.key} '${env.value}' (${shown(env.value[at] as string)} ${at === 0 ? "at the start" : "in it"}): ${effect}. It takes letters, digits and @!:%-.,_+=/ only${fixable ? "; separate recipients with bare commas" : ""}.`,
        fixable
          ? [
              {
                title: `Write ${env.key}=${joined}`,
                preferred: true,
                edits: [{ range: env.valueToken.range, newText: env.quoted ? `"${joined}"` : joined }],
              },
            ]
          : undefined,
      );
    }
  },
};
