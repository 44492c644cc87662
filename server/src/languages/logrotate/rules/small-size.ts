import type { LogrotateRule } from "../rule.js";

export const smallSize: LogrotateRule = {
  meta: {
    id: "logrotate/small-size",
    severity: "info",
    doc: "`size`, `minsize` or `maxsize` with a small number and no unit: logrotate counts bytes (`size 100` rotates at 100 bytes, every run).",
  },
  check(ctx, report) {
    for (const d of ctx.file.directives) {
      if (!["size", "minsize", "maxsize"].includes(d.name.text) || !d.value) continue;
      const m = /^([1-9][0-9]{0,3})$/.exec(d.value.text);
      if (!m || Number(m[1]) >= 4096) continue;
      report(
        d.value.range,
        `'${d.value.text}' is ${d.value.text} bytes: without a unit logrotate counts bytes, so ${d.name.text === "minsize" ? "almost any log qualifies" : "the log rotates on nearly every run"}. Did you mean ${d.value.text}k or ${d.value.text}M?`,
        [
          { title: `Write '${d.value.text}M'`, edits: [{ range: d.value.range, newText: `${d.value.text}M` }] },
          { title: `Write '${d.value.text}k'`, edits: [{ range: d.value.range, newText: `${d.value.text}k` }] },
        ],
      );
    }
  },
};
