/**
 * Semantic tokens as the languages report them: absolute, one line each. The
 * legend lists only standard LSP token types, so that every theme (and every
 * LSP client) already has a colour for them.
 */
export const semanticTokenTypes = [
  /** A section header's name ([Service]). */
  "namespace",
  /** A directive's name (ExecStart). */
  "property",
  /** A specifier systemd expands when it loads the unit (%i, %n). */
  "macro",
  /** An environment variable systemd expands in a command line ($VAR, ${VAR}). */
  "variable",
  /** A time span (5min, 1h 30s). */
  "number",
  /** A calendar event (Mon..Fri *-*-* 06:00), a pattern of times rather than a plain string. */
  "regexp",
] as const;

export type SemanticTokenType = (typeof semanticTokenTypes)[number];

export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: SemanticTokenType;
}
