import { parseArgs } from "node:util";
import { AnsibleFailure, AnsibleMissing, hostsOfGroup, readInventory } from "../remote/ansible/inventory.js";
import { type CommandIO, UsageError } from "./command.js";
import { printable } from "./printable.js";

/** One group of the inventory as the Hosts view shows it. */
export interface InventoryGroup {
  name: string;
  /** Its own hosts. */
  hosts: string[];
  children: string[];
  /** Every host it reaches, through its children too. */
  allHosts: string[];
}

/** `etcetera inventory`: the inventory's groups (without `all`), for the Hosts view and for scripts. */
export async function runInventory(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { inventory: { type: "string", short: "i" }, format: { type: "string", default: "text" }, config: { type: "string" } },
  });
  if (positionals.length > 0) throw new UsageError("inventory takes no positional arguments");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`unknown --format '${values.format}'; use text or json`);
  try {
    const inv = await readInventory(values.inventory);
    const groups: InventoryGroup[] = Object.entries(inv.groups)
      .filter(([name]) => name !== "all")
      .map(([name, g]) => ({ name, hosts: g.hosts, children: g.children, allHosts: hostsOfGroup(inv.groups, name) }));
    const top = inv.groups.all?.children ?? [];
    if (values.format === "json") io.stdout(`${JSON.stringify({ type: "inventory", top, groups, hosts: inv.hosts })}\n`);
    else for (const g of groups) io.stdout(`${printable(g.name)}: ${g.allHosts.map(printable).join(" ")}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof AnsibleMissing) && !(e instanceof AnsibleFailure)) throw e;
    if (values.format === "text") io.stderr(`etcetera: ${printable(e.message)}\n`);
    else
      io.stdout(
        `${JSON.stringify({ type: "error", code: e instanceof AnsibleMissing ? "ansible-missing" : "ansible", message: e.message })}\n`,
      );
    return 2;
  }
}
