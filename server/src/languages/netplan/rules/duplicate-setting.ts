import { isMap, type Node, type Pair } from "yaml";
import { type Definition, nodeRange, scalarText, valueAt } from "../model.js";
import { type Reference, secondPassCause } from "../passes.js";
import type { NetplanRule } from "../rule.js";
import { parseUint } from "../values.js";

interface Finding {
  node: Node;
  message: string;
}

/** What netplan's parser keeps between handlers: values it refuses to have set a second time. */
interface State {
  /** Access point SSIDs per Wi-Fi definition (0.106 keeps them across files and across a second reading). */
  ssids: Map<string, Set<string>>;
  /** Bridge path cost and port priority per member interface (0: unset). */
  ports: Map<string, { value: number; bridge: string }>;
  /** The primary member per bond. */
  primaries: Map<string, string>;
  /** Open vSwitch external-ids / other-config entries, per owner and map. */
  ovsMaps: Map<string, Map<string, string>>;
  /** gateway4 / gateway6 per definition, with the file that set it (0.106 to 1.0 assert they never change). */
  gateways: Map<string, { value: string; file: string }>;
}

const pairsOf = (n: Node | undefined): Pair[] => (isMap(n) ? (n.items as Pair[]) : []);
const isNull = (n: unknown) => n === null || (scalarText(n) ?? "x") === "" || /^(null|~)$/i.test(scalarText(n) ?? "");

/** Runs one reading of a file's definitions; `defined` says whether an ID exists at that point of the reading. */
function readOnce(
  defs: Definition[],
  defined: (def: Definition, index: number, id: string) => boolean,
  state: State,
  version: string,
  found: (f: Finding) => void,
): void {
  defs.forEach((def, index) => {
    const map = def.map;
    if (!map) return;
    if (def.type === "wifis") {
      const seen = version === "0.106" ? (state.ssids.get(def.id) ?? new Set<string>()) : new Set<string>();
      state.ssids.set(def.id, seen);
      for (const p of pairsOf(valueAt(map, "access-points"))) {
        const ssid = scalarText(p.key);
        if (ssid === undefined || isNull(p.value)) continue;
        if (seen.has(ssid)) found({ node: p.key as Node, message: `${def.id}: the access point '${ssid}' is defined twice` });
        seen.add(ssid);
      }
    }
    if (version === "0.106")
      for (const p of pairsOf(map)) {
        const key = scalarText(p.key);
        const value = scalarText(p.value);
        if ((key !== "gateway4" && key !== "gateway6") || value === undefined) continue;
        const slot = `${def.id}\t${key}`;
        const before = state.gateways.get(slot);
        if (!before) state.gateways.set(slot, { value, file: def.source.name });
        else if (before.value !== value)
          found({
            node: p.value as Node,
            message: `${def.id}: ${key} is already ${before.value} (${before.file}); netplan 0.106 aborts on an assertion instead of replacing it (netplan 1.1 takes the later value). Write the gateway once, or replace it with a default route in routes:`,
          });
      }
    const params = valueAt(map, "parameters");
    // Every `primary:` pair counts: netplan reads a repeated key each time.
    for (const p of def.type === "bonds" ? pairsOf(params).filter((x) => scalarText(x.key) === "primary") : []) {
      const primary = p.value as Node | null;
      const name = scalarText(primary);
      if (primary && name !== undefined && defined(def, index, name)) {
        const before = state.primaries.get(def.id);
        if (before !== undefined && before !== name)
          found({ node: primary, message: `${def.id}: the bond already has '${before}' as its primary member` });
        else state.primaries.set(def.id, name);
      }
    }
    if (def.type === "bridges")
      for (const [key, what] of [
        ["path-cost", "a path cost"],
        ["port-priority", "a port priority"],
      ] as const)
        for (const p of pairsOf(valueAt(params, key))) {
          const member = scalarText(p.key);
          if (member === undefined || !defined(def, index, member)) continue;
          const slot = `${key}\t${member}`;
          const before = state.ports.get(slot);
          if (before && before.value !== 0) {
            found({
              node: p.key as Node,
              message: `${def.id}: '${member}' already has ${what} (${before.value}, set by ${before.bridge})`,
            });
            continue;
          }
          state.ports.set(slot, { value: parseUint(scalarText(p.value) ?? "") ?? 0, bridge: def.id });
        }
    for (const key of ["external-ids", "other-config"])
      ovsMap(`${def.id}\t${key}`, valueAt(valueAt(map, "openvswitch"), key), state, found);
  });
}

function ovsMap(owner: string, map: Node | undefined, state: State, found: (f: Finding) => void): void {
  const stored = state.ovsMaps.get(owner) ?? new Map<string, string>();
  state.ovsMaps.set(owner, stored);
  for (const p of pairsOf(map)) {
    const k = scalarText(p.key);
    const v = scalarText(p.value);
    if (k === undefined || v === undefined) continue;
    const before = stored.get(k);
    if (before !== undefined && before !== v) found({ node: p.key as Node, message: `'${k}' is already set to '${before}' in this map` });
    else stored.set(k, v);
  }
}

const explainSecondPass = (ref: Reference) =>
  ` netplan 0.106 reads this file twice because ${ref.from} names '${ref.target}' before the file defines it, and on the second reading finds the value of the first. Define '${ref.target}' above ${ref.from} (or move this to a file of its own).`;

export const duplicateSetting: NetplanRule = {
  meta: {
    id: "netplan/duplicate-setting",
    severity: "error",
    doc: "A setting netplan refuses to see twice: an access point SSID, a bridge member's path cost or port priority, a bond's primary member (with another value), an Open vSwitch external-ids/other-config entry (with another value), and for netplan 0.106 an interface's gateway4 or gateway6 set again with another value (in a later file, typically an override of a cloud-init file: netplan 0.106 to 1.0 abort on an assertion, 1.1 takes the later value). netplan 0.106 also trips over its own second reading of a file that names an interface before defining it.",
  },
  check(ctx, report) {
    const config = ctx.config();
    const state: State = { ssids: new Map(), ports: new Map(), primaries: new Map(), ovsMaps: new Map(), gateways: new Map() };
    const reported = new Set<Node>();
    for (const [order, source] of config.sources.entries()) {
      const before = new Set(config.definitions.filter((d) => d.order < order).map((d) => d.id));
      const defs = config.definitions.filter((d) => d.source === source);
      let errors = 0;
      const found = (suffix: string) => (f: Finding) => {
        errors++;
        if (!source.current || reported.has(f.node)) return;
        reported.add(f.node);
        report(
          nodeRange(source.file, f.node, defs[0]?.keyRange ?? source.file.rangeOf(0, 0)),
          `${f.message}; netplan rejects the file.${suffix}`,
        );
      };
      // First reading: an ID exists once an earlier file or an earlier definition of this file names it.
      const firstDefined = (_def: Definition, index: number, id: string) =>
        before.has(id) || defs.slice(0, index + 1).some((d) => d.id === id);
      readOnce(defs, firstDefined, state, ctx.version, found(""));
      ovsMap(
        "\tglobal-external-ids",
        valueAt(valueAt(valueAt(source.file.doc?.contents, "network"), "openvswitch"), "external-ids"),
        state,
        found(""),
      );
      ovsMap(
        "\tglobal-other-config",
        valueAt(valueAt(valueAt(source.file.doc?.contents, "network"), "openvswitch"), "other-config"),
        state,
        found(""),
      );
      const cause = errors === 0 ? secondPassCause(config, source) : undefined;
      if (cause)
        readOnce(
          defs,
          (_d, _i, id) => before.has(id) || defs.some((d) => d.id === id),
          state,
          ctx.version,
          found(explainSecondPass(cause)),
        );
    }
  },
};
