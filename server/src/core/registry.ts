import { cronLanguage } from "../languages/cron/index.js";
import { logrotateLanguage } from "../languages/logrotate/index.js";
import { netplanLanguage } from "../languages/netplan/index.js";
import { systemdLanguage } from "../languages/systemd/index.js";
import { type FileKind, fileKinds } from "./kinds.js";
import type { LanguageModule } from "./language.js";

/** Every language Etcetera knows. Adding one means adding it here and a row to the kinds table (core/kinds.ts), nothing else. */
export const languages: Record<FileKind, LanguageModule<unknown>> = {
  systemd: systemdLanguage as LanguageModule<unknown>,
  cron: cronLanguage as LanguageModule<unknown>,
  netplan: netplanLanguage as LanguageModule<unknown>,
  logrotate: logrotateLanguage as LanguageModule<unknown>,
};

export { detectKind, fileKinds, isFileKind } from "./kinds.js";

export function allRules() {
  return fileKinds.flatMap((k) => languages[k].rules);
}
