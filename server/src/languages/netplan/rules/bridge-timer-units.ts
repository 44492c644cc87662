import { isScalar } from "yaml";
import { falseWords } from "../data.js";
import { nodeRange, scalarText } from "../model.js";
import type { KeyEntry, NetplanFile } from "../parser.js";
import type { NetplanRule } from "../rule.js";

/** The bridge timers in seconds with the kernel's accepted range (net/bridge/br_stp.c, with STP on). */
const limits: Record<string, [number, number]> = {
  "forward-delay": [2, 30],
  "hello-time": [1, 10],
  "max-age": [6, 40],
};

/** Whether the bridge's parameters say `stp: false` (netplan's default is on). */
function stpOff(file: NetplanFile, e: KeyEntry): boolean {
  const stp = file.entries.find((x) => x.parentEntry === e.parentEntry && x.key === "stp");
  const text = stp?.value && isScalar(stp.value) ? (scalarText(stp.value) ?? "") : "";
  return falseWords.includes(text.toLowerCase());
}

export const bridgeTimerUnits: NetplanRule = {
  meta: {
    id: "netplan/bridge-timer-units",
    severity: "warning",
    doc: "A bridge forward-delay, hello-time or max-age outside what the kernel takes (2-30, 1-10, 6-40 seconds; the forward delay's range only with STP on): netplan passes the number on as seconds, so a value written in milliseconds (15000) is refused by the kernel and the bridge keeps its defaults.",
  },
  check(ctx, report) {
    for (const e of ctx.file.entries) {
      const range0 = limits[e.key];
      if (!range0 || !e.path.includes("parameters") || !e.path.includes("bridges") || !e.value || !isScalar(e.value)) continue;
      const text = scalarText(e.value) ?? "";
      const m = /^(\d+)$/.exec(text);
      if (!m) continue;
      const n = Number(m[1]);
      const [min, max] = range0;
      if (n >= min && n <= max) continue;
      // The kernel checks the forward delay's range only while STP is on (br_set_forward_delay): 0 is fine without it.
      if (e.key === "forward-delay" && stpOff(ctx.file, e)) continue;
      const ms = n >= 1000 && n / 1000 >= min && n / 1000 <= max;
      report(
        nodeRange(ctx.file, e.value, e.keyRange),
        `${e.key} is in seconds and the kernel takes ${min}-${max}; ${n} is refused and the bridge keeps its default.${ms ? ` If you meant ${n} ms, write ${n / 1000}.` : ""}`,
        ms ? [{ title: `Write ${n / 1000}`, edits: [{ range: nodeRange(ctx.file, e.value, e.keyRange), newText: String(n / 1000) }] }] : [],
      );
    }
  },
};
