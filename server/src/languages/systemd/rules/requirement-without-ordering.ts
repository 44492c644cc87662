import { parseUnitFile } from "../parser.js";
import type { UnitCheckContext, UnitRule } from "../rule.js";
import { addLineAfter, listWords, stemOfName, typeOfName } from "../unit-query.js";
import { unitTextFrom } from "../unit-set.js";
import { activatedUnit, resolveNameSpecifiers } from "./trigger-requires-own-unit.js";

const requiring = ["Requires", "BindsTo"] as const;

/** Whether the other unit, as the workspace has it, orders itself before this one (Before=this). */
function otherOrdersItselfBefore(ctx: UnitCheckContext, other: string, self: string | undefined): boolean {
  if (!self) return false;
  const text = unitTextFrom(ctx.workspace, other, ctx.path);
  if (!text) return false;
  return listWords(parseUnitFile(text), "Unit", "Before").some((w) => w.word === self);
}

const triggerKey = { socket: ["Socket", "Service"], timer: ["Timer", "Unit"], path: ["Path", "Unit"] } as const;

/**
 * Whether the other unit is a socket, timer or path unit that activates this one (its Service= or Unit=, or by
 * default the service of its own name): systemd orders it before the unit it activates by itself.
 */
function otherActivatesSelf(ctx: UnitCheckContext, other: string, self: string | undefined): boolean {
  const type = typeOfName(other);
  if (!self || (type !== "socket" && type !== "timer" && type !== "path")) return false;
  const text = unitTextFrom(ctx.workspace, other, ctx.path);
  if (!text) return false;
  const [section, key] = triggerKey[type];
  const named = listWords(parseUnitFile(text), section, key).at(-1)?.word;
  const activates = named ?? `${stemOfName(other)}.service`;
  return activates === self;
}

export const requirementWithoutOrdering: UnitRule = {
  meta: {
    id: "systemd/requirement-without-ordering",
    severity: "info",
    doc: "Requires= or BindsTo= without After= (or Before=) on the same unit: systemd starts both at once, so this unit may run before the one it requires is ready.",
  },
  check(ctx, report) {
    // A drop-in may add the requirement while the unit file holds the ordering.
    if (ctx.info.isDropIn || ctx.type === "target") return;
    const ordered = new Set([...listWords(ctx.unit, "Unit", "After"), ...listWords(ctx.unit, "Unit", "Before")].map((w) => w.word));
    // A service's own sockets are ordered before it implicitly.
    const ownSockets = new Set(listWords(ctx.unit, "Service", "Sockets").map((w) => w.word));
    const self = ctx.info.unitName;
    // A timer or path unit is ordered before the unit it activates implicitly.
    const activated = ctx.type === "timer" || ctx.type === "path" ? activatedUnit(ctx) : undefined;
    if (self && ctx.type === "service") ownSockets.add(`${stemOfName(self)}.socket`);
    for (const key of requiring) {
      for (const w of listWords(ctx.unit, "Unit", key)) {
        if (ordered.has(w.word) || w.word === self) continue;
        if (activated && self && resolveNameSpecifiers(w.word, self) === activated) continue;
        if (typeOfName(w.word) === "socket" && ownSockets.has(w.word)) continue;
        if (otherOrdersItselfBefore(ctx, w.word, self) || otherActivatesSelf(ctx, w.word, self)) continue;
        report(
          { start: w.entry.positionAt(w.start), end: w.entry.positionAt(w.end) },
          `${key}=${w.word} without After=${w.word}: requiring a unit does not order against it, so systemd starts both at the same time and this unit may run before ${w.word} is ready${key === "BindsTo" ? "" : " (or has failed)"}.`,
          [addLineAfter(ctx.unit, w.entry, `After=${w.word}`, `Add After=${w.word}`)],
        );
      }
    }
  },
};
