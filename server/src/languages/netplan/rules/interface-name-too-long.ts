import { pairOf, scalarText } from "../model.js";
import type { NetplanRule } from "../rule.js";

const physical = new Set(["ethernets", "wifis", "modems"]);

export const interfaceNameTooLong: NetplanRule = {
  meta: {
    id: "netplan/interface-name-too-long",
    severity: "warning",
    doc: "An interface name of 16 characters or more (a virtual device's ID, or set-name:): Linux names have at most 15, so the backend ignores the definition; netplan only warns.",
  },
  check(ctx, report) {
    const config = ctx.config();
    for (const def of config.definitions) {
      if (!def.source.current) continue;
      if (!physical.has(def.type) && def.type !== "nm-devices" && def.id.length >= 16)
        report(
          def.keyRange,
          `'${def.id}' has ${def.id.length} characters; Linux interface names have at most 15, so the backend ignores this ${def.type.replace(/s$/, "")}. Use a shorter ID.`,
        );
      const setName = pairOf(def.map, "set-name");
      const name = scalarText(setName?.value);
      if (setName && name && name.length >= 16)
        report(
          ctx.file.rangeOf(
            (setName.value as { range: [number, number] }).range[0],
            (setName.value as { range: [number, number] }).range[1],
          ),
          `'${name}' has ${name.length} characters; Linux interface names have at most 15, so the rename is ignored.`,
        );
    }
  },
};
