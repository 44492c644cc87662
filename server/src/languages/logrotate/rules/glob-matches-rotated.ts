import { globToRegExp, isGlob } from "../config-set.js";
import { effective } from "../effective.js";
import type { LogrotateRule } from "../rule.js";

/**
 * A name the glob's last part matches, made by filling each wildcard with
 * letters. A scanner, not a pattern: `[` runs without `]` made a pattern quadratic.
 */
function sample(last: string): string {
  let out = "";
  let closable = true;
  for (let i = 0; i < last.length; i++) {
    const c = last[i] as string;
    if (c === "[" && closable) {
      const close = last.indexOf("]", i + 1);
      if (close >= 0) {
        out += "a";
        i = close;
        continue;
      }
      closable = false; // no ']' after this one, so none after any later '[' either
    }
    out += c === "*" ? "app" : c === "?" ? "a" : c;
  }
  return out;
}

export const globMatchesRotated: LogrotateRule = {
  meta: {
    id: "logrotate/glob-matches-rotated",
    severity: "warning",
    doc: "A pattern whose last part also matches the rotated files (`/var/log/app/*`, `*.log*`) without `olddir` and with old copies kept (`rotate` above 0): each run rotates the old copies again (`app.log.1.1`, `app.log.1.gz.1`), and they multiply.",
  },
  check(ctx, report) {
    for (const b of ctx.file.blocks) {
      const eff = effective(ctx.file, b);
      if (eff.get("olddir")) continue;
      // `rotate 0` removes the rotated copy in the same run: none is left for the glob to find next time.
      if (/^0+$/.test(eff.get("rotate")?.value?.text ?? "")) continue;
      for (const p of b.patterns) {
        const last = p.text.split("/").pop() ?? "";
        // A file name longer than PATH_MAX names no log; its glob would not even compile as a pattern.
        if (!isGlob(last) || last.length > 4096) continue;
        const re = globToRegExp(last);
        const name = sample(last);
        const rotated = [`${name}.1`, `${name}.1.gz`, `${name}-20250101`].find((r) => re.test(r));
        if (!rotated) continue;
        report(
          p.range,
          `'${p.text}' also matches the rotated copies (such as '${rotated}' for '${name}'): logrotate rotates those again on every run. End the pattern with the log's own extension (\`*.log\`), or move old logs away with \`olddir\`.`,
        );
      }
    }
  },
};
