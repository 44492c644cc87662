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

/** The unit a unit file or drop-in belongs to, merged as systemd loads it (like `systemctl cat`, with notes). */
export const effectiveUnitRequest = "etcetera/effectiveUnit";

/** The client-side command (and code lens) that opens the effective unit of a document URI as a read-only document. */
export const showEffectiveUnitCommand = "etcetera.showEffectiveUnit";

/** The URI scheme of those read-only documents: `etcetera-effective:/UNIT?SOURCE-URI`; the server leaves them unchecked. */
export const effectiveUnitScheme = "etcetera-effective";

export interface EffectiveUnitParams {
  /** A unit file or drop-in (open or on disk). */
  uri: string;
}

export interface EffectiveUnitLine {
  text: string;
  /** header: `# PATH` above a file; source: a line of a file; note: what an assignment does; blank: between files. */
  role: "header" | "source" | "note" | "blank";
  /** For header and source lines: the file's path. */
  path?: string;
  /** For source lines: the 0-based line in that file. */
  line?: number;
}

export interface EffectiveUnitResult {
  /** The unit's name, or null when the URI is not a systemd unit file or drop-in. */
  unit: string | null;
  /** Whether the workspace has a file of the unit. */
  found: boolean;
  lines: EffectiveUnitLine[];
  /** The lines joined: the document to show. */
  text: string;
}

/** What the unit in the editor pulls in, what pulls it in and its ordering (the dependency view). */
export const dependenciesRequest = "etcetera/dependencies";

export interface DependenciesParams {
  uri: string;
}

export interface DependencyEntry {
  unit: string;
  /** The unit's file, when the workspace has it. */
  uri?: string;
  /** Where the unit is known from: the workspace, systemd's standard targets, or only by name. */
  known: "workspace" | "standard" | "name";
  /** The settings (or systemd's own rules) that make the edge. */
  via: string[];
  /** The edge takes part in an ordering cycle. */
  inCycle: boolean;
}

export interface UnitDependencies {
  /** The unit viewed, or null when the document is not a systemd unit or drop-in. */
  unit: string | null;
  pullsIn: DependencyEntry[];
  pulledInBy: DependencyEntry[];
  orderedAfter: DependencyEntry[];
  orderedBefore: DependencyEntry[];
  /** Ordering cycles through the unit, each as its units in order (each starts after the next). */
  cycles: string[][];
}
