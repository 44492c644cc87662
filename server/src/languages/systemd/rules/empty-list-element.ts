import { entryRule } from "../entry-rule.js";

/** Comma-separated settings passed on as they are (mount options, swap options). */
const commaLists = new Set(["Mount/Options", "Swap/Options"]);

export const emptyListElement = entryRule({
  meta: {
    id: "systemd/empty-list-element",
    severity: "info",
    doc: "An empty element in a comma-separated list (Options=defaults,,noatime or a trailing comma): it adds nothing and is usually the trace of an option deleted by mistake.",
  },
  checkEntry(entry, ctx, report) {
    if (!commaLists.has(`${entry.section.name}/${entry.key}`) || entry.value === "" || !ctx.directiveOf(entry)) return;
    const m = /^,|,(?=,)|,$/.exec(entry.value);
    if (!m) return;
    const at = m.index;
    report(
      { start: entry.positionAt(at), end: entry.positionAt(at + 1) },
      `${entry.key}=${entry.value} has an empty element (${at === 0 ? "a leading comma" : at === entry.value.length - 1 ? "a trailing comma" : "two commas in a row"}): it adds no option; check that none was lost.`,
      [
        {
          title: "Remove the extra comma",
          preferred: true,
          edits: [{ range: { start: entry.positionAt(at), end: entry.positionAt(at + 1) }, newText: "" }],
        },
      ],
    );
  },
});
