import { trailingCommentOffset } from "../comment.js";
import { parserInfo } from "../data.js";
import { refusedUserAfterEmptyInstance } from "../empty-instance.js";
import { allEntries, type UnitRule } from "../rule.js";
import { unknownSpecifiers } from "../specifiers.js";
import { emptyValueProblem, validateValue } from "../values/index.js";
import { versionAddingValue } from "../values/newer-values.js";

export const invalidValue: UnitRule = {
  meta: {
    id: "systemd/invalid-value",
    severity: "error",
    doc: "A value systemd cannot parse for this directive; it ignores the assignment (or refuses the unit).",
  },
  check(ctx, report) {
    for (const entry of allEntries(ctx.unit)) {
      const directive = ctx.directiveOf(entry);
      if (!directive) continue;
      if (entry.value === "") {
        const empty = emptyValueProblem(directive, ctx.targetVersion);
        if (empty) report(entry.keyRange, empty);
        continue;
      }
      const addedIn = versionAddingValue(directive.name, entry.value);
      if (addedIn !== undefined) {
        // A value of a newer systemd: valid for the default target (the newest systemd), ignored by an older one.
        const target = ctx.configuredVersion;
        if (target !== null && target < addedIn)
          report(
            entry.valueRange,
            `${directive.name}=${entry.value.trim()} was added in systemd ${addedIn}; the target systemd ${target} cannot parse it and ignores the line.`,
          );
        continue;
      }
      let problems = validateValue(directive, entry.value, ctx.targetVersion, ctx.type);
      const comment = trailingCommentOffset(entry.value);
      // A value that is valid without its would-be comment is reported by systemd/comment-after-value alone.
      if (problems.length > 0 && comment !== undefined) {
        const head = entry.value.slice(0, comment).trimEnd();
        if (validateValue(directive, head, ctx.targetVersion, ctx.type).length === 0) problems = [];
      }
      for (const p of problems) {
        const start = entry.positionAt(p.start ?? 0);
        const end = entry.positionAt(p.end ?? entry.value.length);
        // The squiggle may sit on one word of a long value: the message names the directive it belongs to.
        report({ start, end }, p.message.includes(`${directive.name}=`) ? p.message : `${directive.name}=: ${p.message}`);
      }
      const refusedUser = problems.length === 0 ? refusedUserAfterEmptyInstance(ctx, entry, directive) : undefined;
      if (refusedUser !== undefined) {
        report(
          entry.valueRange,
          `${ctx.info.unitName} is not a template instance (its name has no '@'), so %i expands to nothing and ${directive.name}= reads '${refusedUser}': systemd refuses that name and with it the unit. Make the unit a template (NAME@.${ctx.type}) or write the name out.`,
        );
        continue;
      }
      if (problems.length === 0 && parserInfo(directive.parser)?.specifiers) {
        for (const u of unknownSpecifiers(entry.value, ctx.targetVersion)) {
          report(
            { start: entry.positionAt(u.offset), end: entry.positionAt(u.offset + 2) },
            `Unknown specifier '${u.specifier}'${ctx.targetVersion <= 252 ? ` in systemd ${ctx.targetVersion}` : ""}; systemd rejects the value. Write '%%' for a literal percent sign.`,
          );
        }
      }
    }
  },
};
