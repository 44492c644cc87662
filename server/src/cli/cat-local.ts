import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { UnitNameIndex } from "../features/workspace-index.js";
import { effectiveUnit } from "../languages/systemd/effective-unit.js";
import { unitNameForPath } from "../languages/systemd/unit-set.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable, printableLines } from "./printable.js";

/** The directories of the search path under a root that a local tree may fill (search-path.ts ranks them). */
const systemDirs = [
  "etc/systemd/system",
  "run/systemd/system",
  "usr/local/lib/systemd/system",
  "usr/lib/systemd/system",
  "lib/systemd/system",
];
const userDirs = ["etc/systemd/user", "usr/local/lib/systemd/user", "usr/lib/systemd/user", "lib/systemd/user"];

/** `etcetera cat --local FILE|UNIT [--root DIR]`: exit 0 when the tree has the unit, 1 when it has none of its files. */
export async function runLocalCat(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      local: { type: "boolean", default: false },
      root: { type: "string" },
      user: { type: "boolean", default: false },
      format: { type: "string", default: "text" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("cat --local takes exactly one FILE or UNIT");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`unknown --format '${values.format}'; use text, json`);
  const arg = positionals[0] as string;
  const root = values.root === undefined ? undefined : resolve(values.root);
  const asFile = root === undefined || arg.includes("/") || existsSync(arg);
  let index: UnitNameIndex;
  let name: string | undefined;
  let from: string;
  if (asFile && root === undefined) {
    if (!existsSync(arg)) throw new UsageError(`${arg}: no such file (a UNIT name needs --root DIR)`);
    from = arg;
    name = unitNameForPath(arg);
    if (!name) throw new UsageError(`${arg}: not a unit file or a drop-in (NAME.TYPE or NAME.TYPE.d/*.conf)`);
    index = await UnitNameIndex.forFiles([arg]);
  } else {
    if (root === undefined) throw new UsageError("a UNIT name needs --root DIR");
    name = asFile ? unitNameForPath(arg) : arg;
    if (!name) throw new UsageError(`${arg}: not a unit name or unit file`);
    index = new UnitNameIndex();
    const dirs = values.user ? userDirs : systemDirs;
    for (const dir of dirs) await index.addDirectory(join(root, dir));
    // A FILE outside the root's directories brings its own directory, as `etcetera lint` reads it.
    if (asFile) for (const f of (await UnitNameIndex.forFiles([arg])).systemdFiles()) index.addPath(f.path);
    // Any path in the root's first directory picks its unit set; "x" is no unit name, so it adds no file.
    from = asFile ? arg : join(root, dirs[0] as string, "x");
  }
  // Under a root, paths read as on the host (/etc/systemd/system/…), as systemctl cat prints them.
  const display = (path: string) => {
    if (root === undefined) return path;
    const rel = relative(root, resolve(path));
    return rel.startsWith("..") ? path : `/${rel}`;
  };
  const unitDir = arg.endsWith(".conf") && dirname(arg).endsWith(".d") ? dirname(dirname(arg)) : dirname(arg);
  const where = root === undefined ? `in ${unitDir}` : `under ${root}`;
  const result = effectiveUnit(index, name, from, { display, where });
  if (values.format === "json") io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.found) io.stdout(printableLines(result.text));
  else io.stderr(`etcetera: ${printable(result.text.replace(/^# /, "").trim())}\n`);
  return result.found ? 0 : 1;
}
