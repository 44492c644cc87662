import type { LanguageModule } from "../../core/language.js";
import { runRules } from "../../core/run-rules.js";
import { completeUnit } from "./completion.js";
import { unitContext } from "./context.js";
import { dependencyNames, providedNames } from "./dependencies.js";
import { effectiveUnitLenses } from "./effective-lens.js";
import { formatUnit } from "./format.js";
import { hoverUnit } from "./hover.js";
import { unitFolding, unitSymbols } from "./outline.js";
import { parseUnitFile, reparseUnitFile, type UnitFile } from "./parser.js";
import { systemdRules } from "./rules/index.js";
import { securityLenses, securityRefactorings } from "./security/editor.js";
import { unitSemanticTokens } from "./semantic-tokens.js";
import { savedParse } from "./shared-parse.js";

export const systemdLanguage: LanguageModule<UnitFile> = {
  kind: "systemd",
  rules: systemdRules.map((r) => r.meta),
  parse: parseUnitFile,
  reparse: reparseUnitFile,
  parseSaved: savedParse,
  diagnose: (unit, lctx) => runRules(systemdRules, unitContext(unit, lctx), lctx, unit.comments),
  complete: completeUnit,
  hover: hoverUnit,
  symbols: unitSymbols,
  folding: unitFolding,
  codeLenses: (unit, ctx) => [...effectiveUnitLenses(unit, ctx), ...securityLenses(unit, ctx)],
  refactorings: securityRefactorings,
  format: formatUnit,
  semanticTokens: unitSemanticTokens,
  providedNames,
  dependencyNames,
};
