import type { Entry } from "../parser.js";
import type { UnitRule } from "../rule.js";
import { normalizeDir } from "../search-path.js";
import { seesUnitNamed, templateOf } from "../unit-set.js";
import { validateValue } from "../values/index.js";
import { parseBoolean } from "../values/scalars.js";

/** Directories packages install units into (man systemd.unit, "Unit File Load Path"), under any prefix. */
const packageDir = /(^|\/)(usr\/(local\/)?lib\/systemd\/(system|user)|lib\/systemd\/(system|user)|usr\/(local\/)?share\/systemd\/user)$/;

function inPackageDir(path: string): boolean {
  const dir = normalizeDir(path);
  return packageDir.test(dir.slice(0, Math.max(0, dir.lastIndexOf("/"))));
}

export const socketServiceMissing: UnitRule = {
  meta: {
    id: "systemd/socket-service-missing",
    severity: "warning",
    doc: "The service a socket activates (Service=, else the service of the same name, or the template NAME@.service with Accept=yes) is not among the unit files of the workspace. Checked only when the workspace holds unit files, and not in a package's unit directory (/usr/lib/systemd/...), whose socket may start another package's service.",
  },
  check(ctx, report) {
    if (ctx.info.isDropIn || ctx.type !== "socket" || !ctx.info.unitName) return;
    // A scan that stopped at its budget proves nothing about what is missing (the server says so once).
    if (ctx.workspace.incomplete?.()) return;
    // A package's socket may activate a service another package ships (systemd's syslog.socket starts syslog.service,
    // the alias the installed syslog daemon provides): only the administrator's own units are judged.
    if (inPackageDir(ctx.path)) return;
    // Only a workspace that holds other units says anything about what is missing.
    const names = ctx.workspace.unitNames();
    if (names.length === 0 || (names.length === 1 && names[0] === ctx.info.unitName)) return;
    // As systemd reads them: an empty Accept= or Service= resets nothing and an invalid one is ignored
    // (systemd/invalid-value reports those lines).
    let serviceEntry: Entry | undefined;
    let acceptEntry: Entry | undefined;
    let accept = false;
    for (const section of ctx.unit.sections) {
      if (section.name !== "Socket") continue;
      for (const entry of section.entries) {
        if (entry.value === "") continue;
        if (entry.key === "Accept") {
          const value = parseBoolean(entry.value);
          if (value !== undefined) {
            accept = value;
            acceptEntry = entry;
          }
        } else if (entry.key === "Service") {
          const directive = ctx.directiveOf(entry);
          if (directive && validateValue(directive, entry.value, ctx.targetVersion, ctx.type).length === 0) serviceEntry = entry;
        }
      }
    }
    if (serviceEntry?.value.includes("%")) return;
    // systemd refuses an accepting socket that names its service (systemd/unit-refused says so).
    if (serviceEntry && accept) return;
    const stem = ctx.info.unitName.replace(/\.socket$/, "");
    // With Accept=yes each connection gets an instance of PREFIX@.service (the part of the name before '@').
    const prefix = stem.replace(/@.*$/, "");
    const target = serviceEntry?.value ?? (accept ? `${prefix}@.service` : `${stem}.service`);
    const template = templateOf(target);
    // Looked up as the socket's own tree sees units: in a fleet repository, another host's service of that name does not count.
    const sees = (name: string) => seesUnitNamed(ctx.workspace, name, ctx.path);
    if (sees(target) || (template !== undefined && sees(template))) return;
    if (serviceEntry) {
      report(
        serviceEntry.valueRange,
        `Service=${target} is not among the unit files of this workspace; the socket cannot be started unless the host provides it.`,
      );
      return;
    }
    const section = ctx.unit.sections.find((s) => s.name === "Socket") ?? ctx.unit.sections[0];
    if (!section) return;
    const at = acceptEntry?.valueRange ?? section.nameRange;
    if (accept) {
      const single = `${stem}.service`;
      report(
        at,
        sees(single)
          ? `With Accept=yes systemd starts an instance of the template ${target} for each connection, and the workspace has no ${target}; ${single} is here, but systemd only starts that one with Accept=no. Rename it to ${target} (reading the connection on standard input), or set Accept=no.`
          : `With Accept=yes this socket starts an instance of the template ${target} for each connection, which is not among the unit files of this workspace. Add it, or set Accept=no.`,
      );
      return;
    }
    const templateName = `${prefix}@.service`;
    const acceptWord = acceptEntry ? "With Accept=no" : "With Accept=no (the default)";
    report(
      at,
      sees(templateName) && templateName !== template
        ? `${acceptWord} systemd starts ${target}, the service of the socket's own name, and the workspace has no ${target}; the template ${templateName} is here, but systemd only starts instances of it with Accept=yes. Set Accept=yes, or add ${target}.`
        : `This socket starts ${target} (the service of the same name), which is not among the unit files of this workspace. Add it, or name the service to start with Service=.`,
    );
  },
};
