/**
 * Custom messages between the VS Code client and the server. Both sides
 * import this file; it has no dependencies so the client bundle stays small.
 */

export const documentInfoRequest = "etcetera/documentInfo";

export interface DocumentInfoParams {
  uri: string;
}

export interface DocumentInfo {
  /** The detected file kind (systemd, ...) or null when Etcetera does not handle the file. */
  kind: string | null;
  /** The systemd version diagnostics target, or null for the newest known. */
  targetVersion: number | null;
  newestKnownVersion: number;
}

/** The full exposure table of a service (what `etcetera security` prints), for the editor command. */
export const securityReportRequest = "etcetera/securityReport";

/** The client-side command a code lens on [Service] runs: opens the table for a document URI. */
export const showSecurityTableCommand = "etcetera.security.showTable";

export interface SecurityReportParams {
  uri: string;
}

export interface SecurityReport {
  /** The table and overall line, or why there is no score. */
  text: string;
}
