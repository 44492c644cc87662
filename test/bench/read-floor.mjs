// The bench's lint floor (bench.ts): what a linter that checks nothing costs on the same files. Node starts,
// takes the paths given as `etcetera lint` does (a file is read, a directory walked in sorted order without
// .git and node_modules), reads every file and prints how many it read. No linter that reads the files in
// one Node.js process goes below this.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const skipped = new Set(["node_modules", ".git", ".hg", ".svn"]);
let files = 0;
let bytes = 0;
const read = (path) => {
  bytes += readFileSync(path).length;
  files++;
};
const walk = (dir) => {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) walk(path);
    } else if (entry.isFile()) read(path);
  }
};
for (const path of process.argv.slice(2)) {
  if (statSync(path).isDirectory()) walk(path);
  else read(path);
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
