import { execLines, programName } from "../exec-lines.js";
import type { UnitFile } from "../parser.js";
import type { UnitRule } from "../rule.js";
import { lastEntry } from "../unit-query.js";
import { parseBoolean } from "../values/scalars.js";

/** Programs that work only through their setuid (or setgid) bit when started by an unprivileged user. */
const setuidPrograms = new Set(["sudo", "su", "doas", "pkexec", "mount", "umount", "fusermount", "fusermount3", "newgrp", "sg", "crontab"]);

/** Sandbox settings that imply NoNewPrivileges=yes for a service without CAP_SYS_ADMIN (one with a User= other than root). */
const implying = [
  "SystemCallFilter",
  "SystemCallArchitectures",
  "RestrictAddressFamilies",
  "RestrictNamespaces",
  "PrivateDevices",
  "ProtectKernelTunables",
  "ProtectKernelModules",
  "ProtectKernelLogs",
  "ProtectClock",
  "MemoryDenyWriteExecute",
  "RestrictRealtime",
  "RestrictSUIDSGID",
  "LockPersonality",
];

/** The setting that sets no_new_privs for this service, or undefined. */
function noNewPrivilegesBy(unit: UnitFile): string | undefined {
  const nnp = lastEntry(unit, "Service", "NoNewPrivileges");
  if (nnp && parseBoolean(nnp.value) === true) return "NoNewPrivileges=yes";
  if (nnp && parseBoolean(nnp.value) === false) return undefined;
  const user = lastEntry(unit, "Service", "User")?.value;
  const dynamic = parseBoolean(lastEntry(unit, "Service", "DynamicUser")?.value ?? "no") === true;
  const unprivileged = dynamic || (user !== undefined && user !== "" && user !== "root" && user !== "0");
  if (!unprivileged) return undefined;
  if (dynamic) return "DynamicUser=yes (which implies NoNewPrivileges=yes)";
  for (const key of implying) {
    const entry = lastEntry(unit, "Service", key);
    if (!entry || entry.value === "") continue;
    const b = parseBoolean(entry.value);
    if (b === false) continue;
    return `${key}= with User=${user} (which implies NoNewPrivileges=yes)`;
  }
  return undefined;
}

export const setuidProgramBlocked: UnitRule = {
  meta: {
    id: "systemd/setuid-program-blocked",
    severity: "warning",
    doc: "sudo, su, mount or another setuid program on a command line of a service with NoNewPrivileges=yes (set, or implied by DynamicUser= or a sandbox setting under a non-root User=): the kernel ignores the setuid bit, so the program cannot gain root and fails.",
  },
  check(ctx, report) {
    if (ctx.type !== "service" || ctx.info.isDropIn) return;
    const by = noNewPrivilegesBy(ctx.unit);
    if (!by) return;
    const user = lastEntry(ctx.unit, "Service", "User")?.value;
    const runsAsRoot = !user || user === "root" || user === "0";
    const dynamic = parseBoolean(lastEntry(ctx.unit, "Service", "DynamicUser")?.value ?? "no") === true;
    for (const line of execLines(ctx)) {
      // '+' and '!' commands run outside the privilege restrictions (or switch user themselves).
      if (/[+!]/.test(line.command.prefixes)) continue;
      const program = programName(line.command);
      if (!setuidPrograms.has(program)) continue;
      // As root, these programs need no setuid bit.
      if (runsAsRoot && !dynamic) continue;
      report(
        { start: line.entry.positionAt(line.command.executable.start), end: line.entry.positionAt(line.command.executable.end) },
        `${by} sets no_new_privs for this service: the kernel ignores the setuid bit of ${program}, so it runs with the service user's rights only and fails. Give the command a '+' prefix to run it with full privileges, or do it without ${program}.`,
        [
          {
            title: `Run this command with full privileges ('+')`,
            edits: [
              {
                range: {
                  start: line.entry.positionAt(line.command.executable.start),
                  end: line.entry.positionAt(line.command.executable.start),
                },
                newText: "+",
              },
            ],
          },
        ],
      );
    }
  },
};
