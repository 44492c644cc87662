import type { Fix } from "../../../core/diagnostic.js";
import type { FieldProblemKind } from "../fields.js";
import type { CronCheckContext, CronRule, Report } from "../rule.js";

/** Reports the problems of one kind that the field evaluator found in the time fields of every job. */
export function reportFieldProblems(ctx: CronCheckContext, report: Report, kind: FieldProblemKind): void {
  for (const info of ctx.jobs) {
    if (!info.compiled || info.envLike) continue;
    info.compiled.values.forEach((value, i) => {
      const field = info.job.fields[i];
      if (!field) return;
      const base = field.offset - info.job.offset;
      for (const p of value.problems) {
        if (p.kind !== kind) continue;
        const range = ctx.lineRange(info.job, base + p.start, base + Math.min(p.end, field.text.length));
        const fixes: Fix[] | undefined =
          p.suggestion !== undefined
            ? [
                {
                  title: p.suggestion === "" ? `Remove '${field.text.slice(p.start, p.end)}'` : `Write '${p.suggestion}'`,
                  edits: [{ range, newText: p.suggestion }],
                  preferred: true,
                },
              ]
            : undefined;
        report(range, p.message, fixes);
      }
    });
  }
}

/** A rule that is exactly one kind of field problem. */
export function fieldProblemRule(kind: FieldProblemKind, severity: CronRule["meta"]["severity"], doc: string): CronRule {
  return {
    meta: { id: `cron/${kind === "invalid" ? "invalid-field" : kind}`, severity, doc },
    check: (ctx, report) => reportFieldProblems(ctx, report, kind),
  };
}
