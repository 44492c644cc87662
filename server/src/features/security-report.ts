import type { LanguageContext } from "../core/language.js";
import { parseUnitFile, type UnitFile } from "../languages/systemd/parser.js";
import { securityReportText } from "../languages/systemd/security/editor.js";
import type { SecurityReport } from "../protocol.js";
import type { Analysis } from "./documents.js";

/** The full exposure table of an open document, or why it has none. */
export function newSecurityReport(analysis: Analysis | undefined, ctx: LanguageContext): SecurityReport {
  if (analysis?.kind !== "systemd") return { text: `${ctx.path}: only services have an exposure score\n` };
  const unit = (analysis.doc as UnitFile | undefined) ?? parseUnitFile("");
  return { text: securityReportText(unit, ctx) };
}
