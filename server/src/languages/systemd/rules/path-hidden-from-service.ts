import { execLines } from "../exec-lines.js";
import type { Entry } from "../parser.js";
import type { UnitRule } from "../rule.js";
import { entriesOf, lastEntry } from "../unit-query.js";
import { parseBoolean } from "../values/scalars.js";

// Strictly below: the directory itself still exists (empty, or as an inaccessible stub).
const under = (path: string, dirs: string[]) => dirs.some((d) => path.startsWith(`${d}/`));
const homeDirs = ["/home", "/root", "/run/user"];
const tmpDirs = ["/tmp", "/var/tmp"];

interface Hiding {
  dirs: string[];
  why: string;
  /** Whether files there are out of reach for the program too, not only the directory as a whole (PrivateTmp= lets it create its own). */
  filesToo: boolean;
}

/** What the service's own sandbox or user keeps it from reaching, read from this unit file. */
function hidings(unit: Parameters<typeof lastEntry>[0]): Hiding[] {
  const out: Hiding[] = [];
  // Bind mounts can bring a hidden path back; the layout is then the author's own.
  const binds = ["BindPaths", "BindReadOnlyPaths", "TemporaryFileSystem"].some((k) => entriesOf(unit, "Service", k).length > 0);
  if (binds) return out;
  const protectHome = lastEntry(unit, "Service", "ProtectHome")?.value;
  if (protectHome !== undefined && (protectHome === "tmpfs" || parseBoolean(protectHome) === true))
    out.push({
      dirs: homeDirs,
      why:
        protectHome === "tmpfs"
          ? "ProtectHome=tmpfs mounts empty directories over /home, /root and /run/user for this service"
          : `ProtectHome=${protectHome} makes /home, /root and /run/user inaccessible to this service`,
      filesToo: true,
    });
  const privateTmp = lastEntry(unit, "Service", "PrivateTmp")?.value;
  if (privateTmp !== undefined && parseBoolean(privateTmp) === true)
    out.push({ dirs: tmpDirs, why: "PrivateTmp=yes gives this service its own empty /tmp and /var/tmp", filesToo: false });
  const user = lastEntry(unit, "Service", "User")?.value;
  const dynamic = parseBoolean(lastEntry(unit, "Service", "DynamicUser")?.value ?? "no") === true;
  if ((user !== undefined && user !== "" && user !== "root" && user !== "0") || dynamic)
    out.push({
      dirs: ["/root"],
      why: `the service runs as ${dynamic ? "a dynamic user" : `user ${user}`}, and /root is readable only by root (mode 0700 on Debian and Ubuntu)`,
      filesToo: true,
    });
  return out;
}

export const pathHiddenFromService: UnitRule = {
  meta: {
    id: "systemd/path-hidden-from-service",
    severity: "warning",
    doc: "A program, script or WorkingDirectory= in a place the service's own settings hide from it: under /home or /root with ProtectHome=yes, a program under /tmp with PrivateTmp=yes, under /root with a User= other than root. The start fails (status 203/EXEC or 200/CHDIR) or the program cannot open the file.",
  },
  check(ctx, report) {
    if (ctx.type !== "service" || ctx.info.isDropIn) return;
    const hidden = hidings(ctx.unit);
    if (hidden.length === 0) return;
    const find = (path: string) => hidden.find((h) => under(path, h.dirs));
    const flag = (entry: Entry, start: number, end: number, path: string, h: Hiding, effect: string) =>
      report({ start: entry.positionAt(start), end: entry.positionAt(end) }, `${h.why}, so ${effect} '${path}'.`);
    for (const line of execLines(ctx)) {
      // '+' runs the command with full privileges, outside the sandbox.
      if (line.command.prefixes.includes("+")) continue;
      const exe = line.command.executable;
      const h = find(exe.text);
      if (h) flag(line.entry, exe.start, exe.end, exe.text, h, `${line.entry.key}= fails with status 203/EXEC: the service cannot reach`);
      for (const arg of line.command.args) {
        const ah = arg.text.startsWith("/") ? find(arg.text) : undefined;
        // A file under a private /tmp is one the program may create itself.
        if (ah && !ah.filesToo) continue;
        if (ah) flag(line.entry, arg.start, arg.end, arg.text, ah, "the program cannot open");
      }
    }
    const wd = lastEntry(ctx.unit, "Service", "WorkingDirectory");
    if (wd?.value.startsWith("/")) {
      const h = find(wd.value);
      if (h) flag(wd, 0, wd.value.length, wd.value, h, "the start fails with status 200/CHDIR: the service cannot enter");
    }
  },
};
