import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { EventEmitter, type ExtensionContext, workspace } from "vscode";
import { isUnitName } from "../../../server/src/remote/names";
import type { HostEntry } from "../../../server/src/remote/types";

/** What a deploy from this workspace installed: which file, its SHA-256 then, and the unit it runs. */
export interface DeployedFile {
  file: string;
  sha256: string;
  unit?: string;
  at: string;
}

export function sha256Of(file: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

/** The hosts the user configured, the current host, and which units this workspace deployed where. */
export class HostState {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: ExtensionContext) {
    context.subscriptions.push(
      this.changed,
      workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration("etcetera.hosts")) this.changed.fire();
      }),
    );
  }

  entries(): HostEntry[] {
    const v = workspace.getConfiguration("etcetera").get<unknown>("hosts", []);
    return Array.isArray(v) ? (v.filter((e) => e && typeof e.name === "string") as HostEntry[]) : [];
  }

  /** Configured hosts plus ssh aliases the user deployed to from this workspace. */
  names(): string[] {
    const names = this.entries().map((e) => e.name);
    for (const h of Object.keys(this.deployedMap())) if (!names.includes(h)) names.push(h);
    const current = this.current();
    if (current && !names.includes(current)) names.push(current);
    return names;
  }

  current(): string | undefined {
    return this.context.workspaceState.get<string>("etcetera.currentHost") ?? this.entries()[0]?.name;
  }

  async setCurrent(name: string): Promise<void> {
    await this.context.workspaceState.update("etcetera.currentHost", name);
    this.changed.fire();
  }

  private deployedMap(): Record<string, string[]> {
    return this.context.workspaceState.get<Record<string, string[]>>("etcetera.deployedUnits") ?? {};
  }

  /** Units shown under a host: deployed from this workspace, then pinned (setting or pinned here). */
  units(host: string): string[] {
    const entry = this.entries().find((e) => e.name === host);
    const pinned = this.context.workspaceState.get<Record<string, string[]>>("etcetera.pinnedUnits")?.[host] ?? [];
    // Only real unit names: whatever a workspace's settings hold never reaches the CLI as anything else.
    return [...new Set([...(this.deployedMap()[host] ?? []), ...(entry?.pinnedUnits ?? []), ...pinned])].filter(isUnitName);
  }

  async rememberDeployed(host: string, unit: string): Promise<void> {
    const map = this.deployedMap();
    map[host] = [...new Set([...(map[host] ?? []), unit])];
    await this.context.workspaceState.update("etcetera.deployedUnits", map);
    this.changed.fire();
  }

  private deployedFiles(): Record<string, DeployedFile[]> {
    return this.context.workspaceState.get<Record<string, DeployedFile[]>>("etcetera.deployedFiles") ?? {};
  }

  /** Records a deploy of `file` to `host` with the bytes it had (`sha256`): the base of drift. */
  async rememberDeployedFile(host: string, record: DeployedFile): Promise<void> {
    const map = this.deployedFiles();
    map[host] = [...(map[host] ?? []).filter((r) => r.file !== record.file), record];
    await this.context.workspaceState.update("etcetera.deployedFiles", map);
    this.changed.fire();
  }

  /** The files deployed to `host` from here whose local copy changed since (or is gone). */
  drifted(host: string): DeployedFile[] {
    return (this.deployedFiles()[host] ?? []).filter((r) => sha256Of(r.file) !== r.sha256);
  }

  /** The local file last deployed to `host` that runs `unit`, if this workspace deployed one. */
  deployedFileOf(host: string, unit: string): DeployedFile | undefined {
    return (this.deployedFiles()[host] ?? []).filter((r) => r.unit === unit).pop();
  }

  async pin(host: string, unit: string): Promise<void> {
    const map = this.context.workspaceState.get<Record<string, string[]>>("etcetera.pinnedUnits") ?? {};
    map[host] = [...new Set([...(map[host] ?? []), unit])];
    await this.context.workspaceState.update("etcetera.pinnedUnits", map);
    this.changed.fire();
  }

  scopeOf(host: string): "system" | "user" {
    return this.entries().find((e) => e.name === host)?.scope === "user" ? "user" : "system";
  }
}
