import { runsAtAll, shellPart } from "../command.js";
import type { CronRule } from "../rule.js";
import type { ShellToken } from "../shell.js";

/** A word that reads as a URL or its query (`https://…`, `…?key=abc`). */
const urlLike = /:\/\/|\?[^\s]*=/;
/** What follows the '&' in a query string: a `name=value` pair, which the shell takes for a variable assignment. */
const queryPair = /^[A-Za-z_][A-Za-z0-9_]*=/;

export const ampersandInUrl: CronRule = {
  meta: {
    id: "cron/ampersand-in-url",
    severity: "warning",
    doc: "An unquoted URL with '&' in its query (`curl https://example.com/cron?key=abc&run=1`): the shell ends the command at the '&' and runs it in the background, so the program gets the URL only up to there and `run=1` becomes a shell variable. Quote the URL (`'https://…?key=abc&run=1'`).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info)) continue;
      const { shell } = shellPart(info);
      const t = shell.tokens;
      for (let i = 1; i + 1 < t.length; i++) {
        const before = t[i - 1] as ShellToken;
        const amp = t[i] as ShellToken;
        const after = t[i + 1] as ShellToken;
        // Written without blanks around it, as inside a URL; `cmd & other` is a deliberate background job.
        if (amp.kind !== "op" || amp.text !== "&" || before.kind !== "word" || after.kind !== "word") continue;
        if (before.end !== amp.start || after.start !== amp.end || !urlLike.test(before.text) || !queryPair.test(after.text)) continue;
        // The whole URL: every further `&name=value` written on without blanks belongs to it.
        let last = i + 1;
        while (
          t[last + 1]?.kind === "op" &&
          t[last + 1]?.text === "&" &&
          t[last + 1]?.start === t[last]?.end &&
          t[last + 2]?.kind === "word" &&
          t[last + 2]?.start === t[last + 1]?.end &&
          queryPair.test(t[last + 2]?.text ?? "")
        )
          last += 2;
        const end = (t[last] as ShellToken).end;
        const url = info.command.slice(before.start, end);
        const range = ctx.lineRange(info.job, info.commandStart + before.start, info.commandStart + end);
        const quotable = !url.includes("'");
        report(
          ctx.lineRange(info.job, info.commandStart + amp.start, info.commandStart + amp.end),
          `The shell ends the command at this '&' and runs it in the background: the program gets only '${before.text}', and '${after.text}' is read as a shell variable. Quote the whole URL${quotable ? ` ('${url}')` : ""}.`,
          quotable ? [{ title: "Quote the URL", preferred: true, edits: [{ range, newText: `'${url}'` }] }] : undefined,
        );
        i = last;
      }
    }
  },
};
