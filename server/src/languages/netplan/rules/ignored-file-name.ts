import { basename, dirname } from "node:path";
import type { Node } from "yaml";
import { keyRangeOf, pairOf } from "../model.js";
import type { NetplanRule } from "../rule.js";

/**
 * netplan collects its input with the glob `{lib,etc,run}/netplan/*.yaml`: a file that does not end
 * in `.yaml` (`.yml`, `.yaml.bak`) or that is hidden (the glob skips a leading dot) is never read.
 */
function skippedName(name: string): boolean {
  return name.startsWith(".") || !name.endsWith(".yaml");
}

export const ignoredFileName: NetplanRule = {
  meta: {
    id: "netplan/ignored-file-name",
    severity: "warning",
    doc: "A file in a netplan folder whose name netplan does not read: it takes only names ending in `.yaml` (not `.yml`) and skips hidden files, so none of the file's configuration is applied, without a word from `netplan generate` or `netplan apply`.",
  },
  check(ctx, report) {
    // Only a file in a netplan folder: YAML found elsewhere by its content has no reading rule to break.
    if (basename(dirname(ctx.path)) !== "netplan") return;
    const name = basename(ctx.path);
    if (!skippedName(name)) return;
    const network = pairOf(ctx.file.doc?.contents as Node | null | undefined, "network");
    const at = network ? keyRangeOf(ctx.file, network) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const base = name.replace(/^\.+/, "");
    const advice = /\.ya?ml$/.test(base)
      ? `Rename it to '${base.replace(/\.yml$/, ".yaml")}'.`
      : "If it is meant to apply, rename it to a visible name ending in .yaml; a backup kept here on purpose can stay.";
    report(
      at,
      `netplan never reads '${name}': it reads only files ending in .yaml (not .yml) and skips hidden ones, so none of this configuration is applied and netplan says nothing. ${advice}`,
    );
  },
};
