import type { Fix } from "../../../core/diagnostic.js";
import { envValue, runsAtAll, runsUnderBash, shellPart } from "../command.js";
import type { CronCheckContext, CronRule } from "../rule.js";
import { commandWords } from "../shell.js";

/** Where a SHELL= line goes: above the first job or environment line. */
function addShellFix(ctx: CronCheckContext): Fix {
  const first = ctx.file.lines.find((l) => l.kind !== "comment");
  const line = first?.line ?? 0;
  return {
    title: "Add SHELL=/bin/bash at the top",
    edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: "SHELL=/bin/bash\n" }],
  };
}

export const bashSyntax: CronRule = {
  meta: {
    id: "cron/bash-syntax",
    severity: "warning",
    doc: "bash syntax in a job that runs under /bin/sh (dash on Debian, cron's SHELL unless a SHELL= line says otherwise; cronie's systems link /bin/sh to bash): `&>` puts the command in the background and redirects nothing, `[[` and `source` are 'not found', `$RANDOM` is empty, `{a,b}` is not expanded.",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!runsAtAll(info) || runsUnderBash(info, ctx.dialect)) continue;
      const shellName = envValue(info, "SHELL") ?? "/bin/sh";
      const { text, shell } = shellPart(info);
      const at = (s: number, e: number) => ctx.lineRange(info.job, info.commandStart + s, info.commandStart + e);
      const say = (s: number, e: number, what: string, fixes: Fix[] = []) =>
        report(at(s, e), `cron runs this with ${shellName}${shellName === "/bin/sh" ? " (dash on Debian)" : ""}, not bash: ${what}`, [
          ...fixes,
          addShellFix(ctx),
        ]);
      shell.tokens.forEach((t, i) => {
        if (t.kind !== "op") return;
        if (t.text === "&>" || t.text === "&>>") {
          const target = shell.tokens[i + 1];
          const fixes: Fix[] =
            target?.kind === "word"
              ? [
                  {
                    title: `Write ${t.text.slice(1)}${target.text} 2>&1`,
                    preferred: true,
                    edits: [
                      { range: at(t.start, t.end), newText: t.text.slice(1) },
                      { range: at(target.end, target.end), newText: " 2>&1" },
                    ],
                  },
                ]
              : [];
          say(
            t.start,
            t.end,
            `'${t.text}' means '&' (run in the background) then '${t.text.slice(1)}': the output is not redirected and cron does not wait for the command. Write '${t.text.slice(1)}file 2>&1'.`,
            fixes,
          );
        } else if (t.text === "|&")
          say(t.start, t.end, "'|&' is a syntax error, so nothing runs. Write '2>&1 |'.", [
            { title: "Write 2>&1 |", preferred: true, edits: [{ range: at(t.start, t.end), newText: "2>&1 |" }] },
          ]);
      });
      for (const w of commandWords(shell)) {
        if (w.text === "[[") say(w.start, w.end, "'[[' is 'not found', so the test fails and what it guards never runs. Write '[ ... ]'.");
        else if (w.text === "source")
          say(w.start, w.end, "'source' is 'not found'. Write '.'.", [
            { title: "Write '.'", preferred: true, edits: [{ range: at(w.start, w.end), newText: "." }] },
          ]);
      }
      const random = /\$\{?RANDOM\b|\$\(\([^)]*\bRANDOM\b/.exec(text);
      if (random)
        say(
          random.index,
          random.index + random[0].length,
          "dash has no $RANDOM: it is empty (0 in arithmetic), so the delay or choice is always the same.",
        );
      for (const t of shell.tokens) {
        if (t.kind !== "word" || /^['"]/.test(t.text)) continue;
        const brace = /(^|[^$\\])\{[^{}\s,]*,[^{}\s]*\}/.exec(t.text);
        if (brace) {
          const lead = brace[1] ?? "";
          say(
            t.start + brace.index + lead.length,
            t.start + brace.index + brace[0].length,
            `'${brace[0].slice(lead.length)}' is not expanded: the command gets the braces as written.`,
          );
        }
      }
    }
  },
};
