import { type DirectiveInfo, directiveInfo } from "../data.js";
import type { LogrotateRule } from "../rule.js";

/** The check, with the table as a parameter so that it can be tried on a directive Debian lacks. */
export function notInDebian(lookup: (name: string) => DirectiveInfo | undefined): LogrotateRule["check"] {
  return (ctx, report) => {
    for (const d of ctx.file.directives) {
      const info = lookup(d.name.text);
      if (!info || info.inDebian12) continue;
      report(
        d.name.range,
        `'${d.name.text}' is new in logrotate ${info.firstRelease}: Debian 12's logrotate 3.21.0 does not know it and ignores the line.`,
      );
    }
  };
}

export const notInDebianLogrotate: LogrotateRule = {
  meta: {
    id: "logrotate/not-in-debian-logrotate",
    severity: "info",
    doc: "A directive that logrotate 3.21.0 (Debian 12) does not know yet: it ignores the line there.",
  },
  check: notInDebian(directiveInfo),
};
