import type { Entry } from "../parser.js";
import type { UnitRule } from "../rule.js";
import { entriesOf, lastEntry } from "../unit-query.js";
import { parseBoolean } from "../values/scalars.js";

/** Settings that only one (or some) Type= reads, and what happens under the others. */
const typeBound: { key: string; types: string[]; applies?: (e: Entry) => boolean; why: string }[] = [
  {
    key: "PIDFile",
    types: ["forking", "notify", "notify-reload"],
    why: "PIDFile= tells systemd which process is the main one after a forking daemon's parent has exited; under STATED the main process is the one systemd started itself, so the PID file is at best redundant",
  },
  {
    key: "GuessMainPID",
    types: ["forking"],
    applies: (e) => parseBoolean(e.value) !== undefined,
    why: "GuessMainPID= has no effect under STATED: systemd guesses the main process only for Type=forking services without PIDFile=",
  },
];

export const settingForOtherType: UnitRule = {
  meta: {
    id: "systemd/setting-for-other-type",
    severity: "info",
    doc: "A service setting that only some Type= read (PIDFile= and GuessMainPID= for forking) under a Type= that ignores it.",
  },
  check(ctx, report) {
    // The Type= may come from the unit file or another drop-in.
    if (ctx.type !== "service" || ctx.info.isDropIn) return;
    const typeEntry = lastEntry(ctx.unit, "Service", "Type");
    // Without Type=, systemd picks simple when ExecStart= is set and oneshot otherwise.
    const hasExecStart = entriesOf(ctx.unit, "Service", "ExecStart").some((e) => e.value !== "");
    const type = typeEntry?.value ?? (hasExecStart ? "simple" : "oneshot");
    for (const rule of typeBound) {
      const entry = lastEntry(ctx.unit, "Service", rule.key);
      if (!entry || rule.types.includes(type) || (rule.applies && !rule.applies(entry))) continue;
      const stated = typeEntry ? `Type=${type}` : `Type=${type} (the default here)`;
      report(entry.keyRange, `${rule.why.replace("STATED", stated)}.`);
    }
  },
};
