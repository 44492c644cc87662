import { ScopedValueCache } from "../../../core/memo.js";
import { trailingCommentOffset } from "../comment.js";
import { type DirectiveInfo, parserInfo, type UnitType } from "../data.js";
import { refusedUserAfterEmptyInstance, templateAfterEmptyInstance } from "../empty-instance.js";
import { entryRule } from "../entry-rule.js";
import { unknownSpecifiers } from "../specifiers.js";
import { emptyValueProblem, validateValue } from "../values/index.js";
import { versionAddingValue } from "../values/newer-values.js";

export const invalidValue = entryRule({
  meta: {
    id: "systemd/invalid-value",
    severity: "error",
    doc: "A value systemd cannot parse for this directive; it ignores the assignment (or refuses the unit).",
  },
  checkEntry(entry, ctx, report) {
    const directive = ctx.directiveOf(entry);
    if (!directive) return;
    if (entry.value === "") {
      const empty = emptyValueProblem(directive, ctx.targetVersion);
      if (empty) report(entry.keyRange, empty);
      return;
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
      return;
    }
    const { problems, specifiers } = findingsOf(directive, entry.value, ctx.targetVersion, ctx.type);
    for (const f of problems) report({ start: entry.positionAt(f.start), end: entry.positionAt(f.end) }, f.message);
    if (problems.length > 0) return;
    const refusedUser = refusedUserAfterEmptyInstance(ctx, entry, directive);
    if (refusedUser !== undefined) {
      report(
        entry.valueRange,
        `${ctx.info.unitName} is not a template instance (its name has no '@'), so %i expands to nothing and ${directive.name}= reads '${refusedUser}': systemd refuses that name and with it the unit. Make the unit a template (NAME@.${ctx.type}) or write the name out.`,
      );
      return;
    }
    const template = templateAfterEmptyInstance(ctx, entry, directive);
    if (template !== undefined) {
      const own = (ctx.info.unitName ?? "").replace(/\.socket$/, ".service");
      report(
        entry.valueRange,
        `${ctx.info.unitName} is not a template instance (its name has no '@'), so %i expands to nothing and Service= reads '${template}', a template without an instance: systemd cannot load it and ignores the line, so the socket starts ${own} instead. Name the instance (${template.replace("@.", "@NAME.")}) or make the socket a template.`,
      );
      return;
    }
    for (const f of specifiers) report({ start: entry.positionAt(f.start), end: entry.positionAt(f.end) }, f.message);
  },
});

interface Finding {
  /** Offsets into the value. */
  start: number;
  end: number;
  message: string;
}

/** By version, unit type, value and directive: every check asks again for every value, and an edit changes one. */
const findings = new ScopedValueCache<DirectiveInfo, { problems: readonly Finding[]; specifiers: readonly Finding[] }>();

type Findings = { problems: readonly Finding[]; specifiers: readonly Finding[] };

/** What nearly every value gets, shared: the cache keeps one result per value of a document. */
const nothingFound: Findings = { problems: [], specifiers: [] };

/** What systemd says about the value (problems), and when it accepts it, the specifiers it does not know. */
function findingsOf(directive: DirectiveInfo, text: string, targetVersion: number, type: UnitType | undefined): Findings {
  return findings.get(`${targetVersion}${type ?? ""}`, text, directive, (value) => {
    let problems = validateValue(directive, value, targetVersion, type);
    const comment = trailingCommentOffset(value);
    // A value that is valid without its would-be comment is reported by systemd/comment-after-value alone.
    if (problems.length > 0 && comment !== undefined) {
      const head = value.slice(0, comment).trimEnd();
      if (validateValue(directive, head, targetVersion, type).length === 0) problems = [];
    }
    // The squiggle may sit on one word of a long value: the message names the directive it belongs to.
    const named = problems.map((p) => ({
      start: p.start ?? 0,
      end: p.end ?? value.length,
      message: p.message.includes(`${directive.name}=`) ? p.message : `${directive.name}=: ${p.message}`,
    }));
    const specifiers =
      problems.length === 0 && parserInfo(directive.parser)?.specifiers
        ? unknownSpecifiers(value, targetVersion).map((u) => ({
            start: u.offset,
            end: u.offset + 2,
            message: `Unknown specifier '${u.specifier}'${targetVersion <= 252 ? ` in systemd ${targetVersion}` : ""}; systemd rejects the value. Write '%%' for a literal percent sign.`,
          }))
        : [];
    return named.length === 0 && specifiers.length === 0 ? nothingFound : { problems: named, specifiers };
  });
}
