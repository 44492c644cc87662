import type { FileKind } from "./language.js";
import { isFileKind } from "./registry.js";

/** The editor's language ids and the file kinds they stand for. */
const kindByLanguageId: Record<string, string> = {
  "systemd-unit": "systemd",
  crontab: "cron",
  netplan: "netplan",
  logrotate: "logrotate",
};

/**
 * The kind the editor asks for: a language the user picked by hand (or one the
 * client detected from content) wins over what the file name says.
 */
export function kindOfLanguageId(languageId: string): FileKind | undefined {
  const kind = kindByLanguageId[languageId];
  return kind && isFileKind(kind) ? kind : undefined;
}
