import type { CronRule } from "../rule.js";

/** Fields whose `*​/N` restarts at a fixed boundary: minutes each hour (60), hours each day (24). */
const cycles = [
  { index: 0, size: 60, unit: "minutes", boundary: "the hour" },
  { index: 1, size: 24, unit: "hours", boundary: "midnight" },
];

export const unevenStep: CronRule = {
  meta: {
    id: "cron/uneven-step",
    severity: "info",
    doc: "A step that does not divide its field (`*/7` minutes, `*/5` hours): cron restarts the count at every hour or day, so the gap across the boundary is shorter (`*/45` runs at :00 and :45, 15 minutes apart).",
  },
  check(ctx, report) {
    for (const info of ctx.jobs) {
      if (!info.schedule || info.job.special) continue;
      for (const { index, size, unit, boundary } of cycles) {
        const field = info.job.fields[index];
        const m = field && /^(?:\*|0-\d+)\/(\d+)$/.exec(field.text);
        if (!field || !m || (field.text.startsWith("0-") && field.text !== `0-${size - 1}/${m[1]}`)) continue;
        const step = Number(m[1]);
        if (step <= 1 || step >= size || size % step === 0) continue;
        const last = Math.floor((size - 1) / step) * step;
        report(
          field.range,
          `cron restarts '${field.text}' at ${boundary}: it runs at ${last} and then at 0, ${size - last} ${size - last === 1 ? unit.slice(0, -1) : unit} later, not every ${step} ${unit}.`,
        );
      }
    }
  },
};
