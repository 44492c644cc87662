import type { LogrotateRule } from "../rule.js";

export const tildePath: LogrotateRule = {
  meta: {
    id: "logrotate/tilde-path",
    severity: "warning",
    doc: "A log path starting with `~/` (`~/app/logs/*.log`): logrotate expands `~` from its own $HOME, never to the home of whoever wrote the config (`su` does not change that). Debian's logrotate.service has no HOME, so the path stays literal and matches nothing; run with HOME=/root (cron, a root shell) it is /root. Write the full path (`/home/deploy/app/logs/*.log`).",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks)
      for (const p of b.patterns) {
        if (!p.text.startsWith("~")) continue;
        // `~user/...` names its user: logrotate's glob expands it to that user's home, as meant.
        if (p.text !== "~" && !p.text.startsWith("~/")) continue;
        report(
          p.range,
          `'~' is not the home of the user who wrote this: Debian's logrotate.service runs without HOME, so logrotate keeps '${p.text}' literally and it matches nothing; run with HOME=/root (cron, a root shell) it means '/root${p.text.slice(1)}'. Write the full path, e.g. '/home/USER${p.text.slice(1)}'.`,
        );
      }
  },
};
