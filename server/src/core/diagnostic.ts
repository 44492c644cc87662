import type { Range } from "./text.js";

export type Severity = "error" | "warning" | "info" | "hint";

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix attached to the diagnostic that motivates it. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
}

/** What every rule declares about itself: the id is stable, other tools depend on it. */
export interface RuleMeta {
  id: string;
  /** The severity when the rule runs. */
  severity: Severity;
  doc: string;
  /** false: an opt-in rule, off until the user gives it a severity in the settings. */
  enabledByDefault?: boolean;
}
