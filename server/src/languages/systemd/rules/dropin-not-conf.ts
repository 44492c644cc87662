import type { UnitRule } from "../rule.js";

export const dropinNotConf: UnitRule = {
  meta: {
    id: "systemd/dropin-not-conf",
    severity: "error",
    doc: "A file in a drop-in directory (foo.service.d/) whose name does not end in .conf, such as override.service: systemd reads only *.conf there and never loads this file, so none of its settings apply.",
  },
  check(ctx, report) {
    const dir = ctx.info.strayInDropInDir;
    if (!dir) return;
    const at = ctx.unit.sections[0]?.nameRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    // override.conf.bak → override.conf; override.service → override.conf; override → override.conf.
    const name = ctx.info.fileName;
    const confAt = name.indexOf(".conf.");
    const stem = confAt > 0 ? name.slice(0, confAt) : name.replace(/\.[^.]*$/, "") || name;
    report(
      at,
      `systemd reads only files ending in .conf from ${dir}/: it never loads '${ctx.info.fileName}', neither as a drop-in nor as a unit, so none of these settings apply. Rename it to ${stem}.conf.`,
    );
  },
};
