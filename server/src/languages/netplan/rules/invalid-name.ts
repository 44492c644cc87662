import { isScalar, isSeq, type Node } from "yaml";
import { nodeRange, pairOf, scalarText, valueAt } from "../model.js";
import type { NetplanRule } from "../rule.js";

/**
 * netplan checks a definition ID and match: name: against the POSIX class [[:alnum:][:punct:]]+ in the C locale
 * (it never sets a locale): printable ASCII without blanks, at least one character. Non-ASCII letters fail too.
 */
const validName = /^[!-~]+$/;
/** Glob characters, which match: name: may use but an ID may not. */
const globChars = /[*[\]?]/;

const shown = (s: string) => JSON.stringify(s).slice(1, -1);

export const invalidName: NetplanRule = {
  meta: {
    id: "netplan/invalid-name",
    severity: "error",
    doc: "A definition ID or match: name: with a blank, a control or a non-ASCII character, an ID with a glob (*, ?, [ ]), or a match: driver: glob with a blank or an empty driver list: netplan rejects the file.",
  },
  check(ctx, report) {
    const { file } = ctx;
    for (const def of ctx.config().definitions) {
      if (!def.source.current) continue;
      if (!validName.test(def.id))
        report(
          def.keyRange,
          `'${shown(def.id)}' is not a valid ID: netplan allows printable ASCII characters without blanks and rejects the file.`,
        );
      else if (globChars.test(def.id))
        report(
          def.keyRange,
          `The ID '${def.id}' uses a glob character (*, ?, [ ]); netplan rejects the file. To configure every matching interface, give the definition any name and put the glob under match: name:.`,
        );
      const match = valueAt(def.map, "match");
      const name = pairOf(match, "name");
      const nameText = scalarText(name?.value);
      if (name && nameText !== undefined && isScalar(name.value) && !validName.test(nameText))
        report(
          nodeRange(file, name.value as Node, def.keyRange),
          `match: name: '${shown(nameText)}' is not a valid interface name or glob: netplan allows printable ASCII characters without blanks and rejects the file.`,
        );
      const driver = valueAt(match, "driver");
      const blank = "A driver glob cannot contain a blank: netplan rejects the file. To match several drivers, list them: driver: [a, b].";
      if (driver && isScalar(driver)) {
        if ((scalarText(driver) ?? "").includes(" ")) report(nodeRange(file, driver, def.keyRange), blank);
      } else if (driver && isSeq(driver)) {
        if (driver.items.length === 0)
          report(
            nodeRange(file, driver, def.keyRange),
            "match: driver: is an empty list: netplan rejects it. Name at least one driver or drop the key.",
          );
        for (const item of driver.items as Node[])
          if ((scalarText(item) ?? "").includes(" ")) report(nodeRange(file, item, def.keyRange), blank);
      }
    }
  },
};
