import type { RuleMeta } from "./diagnostic.js";

/**
 * Every rule has a documentation page, generated from the rule's own metadata
 * (and an example from its fixtures) into docs/rules/<language>/<name>.md in
 * the repository and the package. Diagnostics link to it (codeDescription.href),
 * so the rule id in the Problems panel opens it.
 */
export const repositoryUrl = "https://github.com/etcetera-dev/etcetera";

/** `docs/rules/systemd/unknown-directive.md` for `systemd/unknown-directive`. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export function ruleDocUrl(ruleId: string): string {
  return `${repositoryUrl}/blob/main/${ruleDocPath(ruleId)}`;
}

/** The page of one rule; `example` is a fixture file whose `#^^^` lines mark what is reported. */
export function ruleDocPage(meta: RuleMeta, example?: { name: string; text: string }): string {
  const [language] = meta.id.split("/");
  const lines = [
    `# ${meta.id}`,
    "",
    meta.enabledByDefault === false
      ? `Default: **off** (opt-in; **${meta.severity}** once turned on in etcetera.rules). Language: ${language}.`
      : `Default severity: **${meta.severity}**. Language: ${language}.`,
    "",
    meta.doc,
    "",
  ];
  if (example) {
    lines.push(
      "## Example",
      "",
      `\`${example.name}\` — a comment of \`^^^\` under a line marks the text reported there, then the rule and (part of) its message.`,
      "",
      "```text",
      example.text.replace(/\n+$/, ""),
      "```",
      "",
    );
  }
  lines.push(
    "## Turning it off",
    "",
    "For one line, put this comment on the line above it (the editor's quick fix does it for you):",
    "",
    "```text",
    `# etcetera-disable-next-line ${meta.id}`,
    "```",
    "",
    `For a whole file, \`# etcetera-disable ${meta.id}\` anywhere in it. Everywhere: the \`etcetera.rules\` setting, or \`--config FILE\` on the command line, with \`{ "rules": { "${meta.id}": "off" } }\` (or \`"error"\`, \`"warning"\`, \`"info"\`, \`"hint"\` to change its severity).`,
    "",
  );
  return lines.join("\n");
}
