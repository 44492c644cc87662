import type { LanguageModule } from "../../core/language.js";
import { runRules } from "../../core/run-rules.js";
import { completeNetplan } from "./completion.js";
import { hoverNetplan } from "./hover.js";
import { buildConfig, type NetplanConfig } from "./model.js";
import { netplanFolding, netplanSymbols } from "./outline.js";
import { type NetplanFile, parseNetplan } from "./parser.js";
import { netplanRules } from "./rules/index.js";

export const netplanLanguage: LanguageModule<NetplanFile> = {
  kind: "netplan",
  rules: netplanRules.map((r) => r.meta),
  parse: parseNetplan,
  diagnose: (file, lctx) => {
    let config: NetplanConfig | undefined;
    const ctx = { ...lctx, file, version: lctx.settings.netplan?.version ?? "0.106", config: () => (config ??= buildConfig(file, lctx)) };
    return runRules(netplanRules, ctx, lctx, file.comments);
  },
  complete: (file, position, ctx) => completeNetplan(file, position, ctx.settings.netplan?.version),
  hover: (file, position) => hoverNetplan(file, position),
  symbols: netplanSymbols,
  folding: netplanFolding,
};
