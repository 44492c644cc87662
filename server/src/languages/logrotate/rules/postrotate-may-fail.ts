import type { LogrotateRule } from "../rule.js";

/** Commands that fail when the service is not running: a signal to a pid read from a file, a reload of an inactive unit. */
const signals = /(\bkill\s+(-\S+\s+)*(`cat\s|\$\(cat\s|\$\(<|\$\(pidof\s|`pidof\s)|\bsystemctl\s+(-\S+\s+)*reload\s)/;
/** What keeps a failure from reaching logrotate (or shows the author thought about it): ||, &&, if, test. */
const guarded = /(\|\||&&|\bif\b|\btest\b|\[\s|;\s*(true|exit\s+0)\s*$)/;

export const postrotateMayFail: LogrotateRule = {
  meta: {
    id: "logrotate/postrotate-may-fail",
    severity: "info",
    doc: "A `postrotate`/`prerotate` script whose signal or reload fails when the service is not running (no `|| true`, no pid-file test): logrotate then reports an error for the log, and with `prerotate` it does not rotate it.",
  },
  check(ctx, report) {
    const lines = ctx.file.text.split("\n");
    for (const d of ctx.file.directives) {
      if (!d.script?.end || (d.name.text !== "postrotate" && d.name.text !== "prerotate")) continue;
      const body = lines.slice(d.script.startLine, d.script.endLine + 1).map((l) => l.trim());
      const commands = body.filter((l) => l !== "" && !l.startsWith("#"));
      const last = commands[commands.length - 1];
      if (!last || commands.length !== 1 || !signals.test(last) || guarded.test(last)) continue;
      const line = d.script.startLine + body.indexOf(last);
      const start = (lines[line] as string).indexOf(last);
      report(
        { start: { line, character: start }, end: { line, character: start + last.length } },
        `When the service is not running, this command fails and logrotate reports an error for the log${d.name.text === "prerotate" ? " and leaves it unrotated" : ""}. Append \`|| true\` (or test the pid file first) if a stopped service is normal.`,
        [
          {
            title: "Append '|| true'",
            edits: [
              {
                range: { start: { line, character: start + last.length }, end: { line, character: start + last.length } },
                newText: " || true",
              },
            ],
          },
        ],
      );
    }
  },
};
