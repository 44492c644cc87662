import { entryRule } from "../entry-rule.js";
import { splitWords } from "../values/words.js";

const reference = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/;

export const environmentNoExpansion = entryRule({
  meta: {
    id: "systemd/environment-no-expansion",
    severity: "warning",
    doc: `Environment= with $NAME or \${NAME} in a value: systemd does not expand variables there, so the variable gets the text literally (PATH=$PATH:/opt/bin breaks PATH).`,
  },
  checkEntry(entry, ctx, report) {
    if (entry.value === "" || ctx.directiveOf(entry)?.parser !== "config_parse_environ") return;
    const split = splitWords(entry.value);
    if (!split.ok) return;
    for (const w of split.words) {
      const eq = w.text.indexOf("=");
      if (eq <= 0) continue;
      const name = w.text.slice(0, eq);
      const m = reference.exec(w.text.slice(eq + 1));
      if (!m) continue;
      const path = name === "PATH" ? " Give the whole search path (PATH=/opt/bin:/usr/local/bin:/usr/bin:/bin)." : "";
      report(
        { start: entry.positionAt(w.start), end: entry.positionAt(w.end) },
        `Environment= does not expand variables: ${name} is set to the literal text '${w.text.slice(eq + 1)}', with '${m[0]}' in it.${path} Variables are expanded only in command lines (ExecStart=…\${${m[1]}}).`,
      );
    }
  },
});
