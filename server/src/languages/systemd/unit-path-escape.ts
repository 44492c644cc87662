/** The unit name systemd derives from a path (`unit_name_from_path()`): `/var/lib/x` → `var-lib-x.mount`. */
export function unitNameFromPath(path: string, suffix: string): string {
  const simplified = path
    .replace(/\/+/g, "/")
    .replace(/\/\.(?=\/|$)/g, "")
    .replace(/^\/+|\/+$/g, "");
  if (simplified === "") return `-${suffix}`;
  let out = "";
  const bytes = Buffer.from(simplified, "utf8");
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const c = String.fromCharCode(b);
    const plain = /[A-Za-z0-9:_.]/.test(c) && b < 128 && !(i === 0 && c === ".");
    if (c === "/") out += "-";
    else if (plain) out += c;
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `${out}${suffix}`;
}
