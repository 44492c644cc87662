import type { LogrotateVersion, Settings } from "../../core/settings.js";

/** The logrotate release the files are checked against (Debian 12's 3.21.0 unless set). */
export function logrotateVersion(settings: Settings): LogrotateVersion {
  return settings.logrotate?.version ?? "3.21.0";
}
