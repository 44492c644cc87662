import type { NetplanRule } from "../rule.js";

export const yamlSyntax: NetplanRule = {
  meta: {
    id: "netplan/yaml-syntax",
    severity: "error",
    doc: "The file is not valid YAML (or its root is not a mapping): netplan rejects it and applies none of it.",
  },
  check(ctx, report) {
    for (const p of ctx.file.syntax) report(p.range, `YAML syntax error: ${p.message}. netplan rejects the whole file.`);
    if (ctx.file.rootNotMapping)
      report(ctx.file.rootNotMapping, "The file must be a mapping with a 'network:' key at the top level; netplan rejects it.");
  },
};
