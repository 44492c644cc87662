import type { UnitRule } from "../rule.js";
import { listWords, stemOfName, typeOfName } from "../unit-query.js";
import { resolveNameSpecifiers } from "./trigger-requires-own-unit.js";

/** The dependencies on itself that systemd drops with a warning (it drops Wants=/Requires= on itself silently). */
const warnedOnSelf = ["After", "Before", "Conflicts", "OnSuccess", "OnFailure"] as const;

/**
 * Dependencies systemd accepts in the file but drops when it builds the unit:
 * one on the unit itself, and Before= on a .device unit (a device appears
 * when the kernel says so and cannot wait for anything).
 * `systemd-analyze verify` names both ("Dependency After=x.service is dropped",
 * "Dependency Before=dev-sdb.device ignored").
 */
export const droppedDependency: UnitRule = {
  meta: {
    id: "systemd/dropped-dependency",
    severity: "warning",
    doc: "A dependency systemd drops: After=, Before=, Conflicts=, OnSuccess= or OnFailure= naming the unit itself, or Before= on a .device unit, which cannot be delayed.",
  },
  check(ctx, report) {
    const self = ctx.info.unitName;
    for (const key of warnedOnSelf) {
      for (const w of listWords(ctx.unit, "Unit", key)) {
        const at = { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) };
        // A prefix drop-in (foo-.service.d/) configures many units, none of them named foo-.service.
        if (self && !stemOfName(self).endsWith("-") && resolveNameSpecifiers(w.word, self) === self) {
          report(at, `${key}=${w.word} names this unit itself: systemd drops a dependency of a unit on itself.`);
        } else if (key === "Before" && typeOfName(w.word) === "device") {
          report(
            at,
            `Before=${w.word} is ignored: systemd cannot delay a .device unit, it appears when the kernel reports the device. To wait for it, write After= and BindsTo= (or Requires=) in the unit that needs the device.`,
          );
        }
      }
    }
  },
};
