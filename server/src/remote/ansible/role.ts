import { fleetScript } from "../deploy-script.js";
import { RemoteError } from "../names.js";
import type { DeployTarget } from "../targets.js";

/**
 * The Ansible role that performs Etcetera's verified deploy on every host,
 * and a playbook with the rollout policy (one canary, then batches, stop at
 * the first failure). `etcetera deploy --hosts` runs exactly these files and
 * `etcetera export ansible` writes them for the user to commit.
 *
 * The deploy itself stays ONE program, the host script of deploy-script.ts
 * (fleetScript): Ansible uploads the file, its `validate:` runs the script's
 * verify step (the host's own tool, on a copy named as the unit), and one
 * `command` task runs the rest (lock, backup, atomic install, reload,
 * restart, health for the wait window, rollback). Re-writing those steps as
 * YAML tasks would be a second implementation that drifts from the first, and
 * a rollback in `rescue:` needs a new connection — the very thing that is
 * missing when a deploy breaks the network or the controller dies. So the
 * rollback runs on the host, under the deploy lock, inside the task; the
 * `rescue:` reports what happened and fails the host, which stops the rollout
 * (`max_fail_percentage: 0`).
 *
 * Nothing here names a host, a user or a credential: the play targets
 * `etcetera_hosts` (a group or host pattern of the user's inventory).
 */

export const roleName = "etcetera_deploy";

/** One local file and where it goes. */
export interface FleetFile {
  /** The user's path (only for messages). */
  file: string;
  content: Buffer;
  target: DeployTarget;
}

export interface RoleOptions {
  waitSeconds: number;
  /** Whole seconds one blocking systemctl restart or stop may take on a host (default 300). */
  activateTimeoutSeconds?: number;
  enableOnFirstDeploy: boolean;
}

/** A file of the generated tree, relative to its root. */
export interface GeneratedFile {
  path: string;
  content: string | Buffer;
}

/** Where the target lands on the host, as a path without the leading slash (the role's files/ mirrors it). */
export function destinationPath(t: DeployTarget): string {
  if (t.kind === "user-crontab") return "crontab";
  return `${t.dir}/${t.name}`.replace(/^\/+/, "");
}

/** A YAML scalar: a JSON string is a valid YAML double-quoted scalar. */
const q = (s: string) => JSON.stringify(s);

/** The tag in each task name that the result parser reads: "[etcetera INDEX/STEP]". */
export const taskTag = (index: number, step: string) => `[etcetera ${index}/${step}]`;

function fileTasks(f: FleetFile, index: number): string {
  const dest = destinationPath(f.target);
  const shown = f.target.kind === "user-crontab" ? "the login user's crontab" : `/${dest}`;
  // The user's crontab belongs to the login user; everything else needs root.
  const become = f.target.kind === "user-crontab" ? "false" : "true";
  const tmp = `etcetera_tmp_${index}`;
  return `- name: ${q(`${shown} ${taskTag(index, "file")}`)}
  become: ${become}
  block:
    - name: ${q(`a private directory for ${f.target.name} ${taskTag(index, "tmp")}`)}
      ansible.builtin.tempfile:
        state: directory
        prefix: etcetera.
      register: ${tmp}
    - name: ${q(`the deploy program for ${shown} ${taskTag(index, "program")}`)}
      ansible.builtin.copy:
        src: ${q(`deploy-scripts/${dest}.sh`)}
        dest: "{{ ${tmp}.path }}/deploy.sh"
        mode: "0600"
    - name: ${q(`upload ${f.target.name}, checked by the host's own tool ${taskTag(index, "verify")}`)}
      ansible.builtin.copy:
        src: ${q(dest)}
        dest: "{{ ${tmp}.path }}/new"
        mode: "0600"
        validate: "/bin/sh {{ ${tmp}.path }}/deploy.sh verify %s"
    - name: ${q(`install ${shown}, activate, watch for {{ etcetera_wait_seconds }}s, roll back on failure ${taskTag(index, "install")}`)}
      ansible.builtin.command:
        argv:
          - /bin/sh
          - "{{ ${tmp}.path }}/deploy.sh"
          - install
          - "{{ ${tmp}.path }}/new"
          - "{{ etcetera_wait_seconds }}"
      register: etcetera_install_${index}
      changed_when: "'@@outcome deployed' in etcetera_install_${index}.stdout"
  rescue:
    - name: ${q(`${shown} did not deploy on this host: stop the rollout ${taskTag(index, "stop")}`)}
      ansible.builtin.fail:
        msg: "{{ (ansible_failed_result.stdout_lines | default([]) | select('match', '^@@outcome ') | list | last | default(ansible_failed_result.msg | default('failed'))) }}"
  always:
    - name: ${q(`remove the private directory ${taskTag(index, "clean")}`)}
      ansible.builtin.file:
        path: "{{ ${tmp}.path }}"
        state: absent
      when: ${tmp}.path is defined
`;
}

/** The role's files, relative to the role directory. */
export function roleFiles(files: FleetFile[], o: RoleOptions): GeneratedFile[] {
  const seen = new Map<string, string>();
  for (const f of files) {
    if (f.target.kind === "netplan")
      throw new RemoteError(
        "unsupported-file",
        `${f.file}: netplan files are applied one host at a time (etcetera deploy --host H): the new configuration must be confirmed by a new SSH connection from Etcetera, or the host reverts it`,
      );
    if (f.target.scope === "user" && f.target.kind !== "user-crontab")
      throw new RemoteError(
        "unsupported-file",
        `${f.file}: user-scope units are not rolled out through Ansible; deploy them with --host H --user`,
      );
    const dest = destinationPath(f.target);
    const other = seen.get(dest);
    if (other) throw new RemoteError("unsupported-file", `${other} and ${f.file} would both be installed as ${dest}`);
    seen.set(dest, f.file);
  }
  const out: GeneratedFile[] = [];
  out.push({
    path: "defaults/main.yml",
    content: `# Whole seconds each unit must stay healthy after its restart before the host counts as deployed.
etcetera_wait_seconds: ${o.waitSeconds}
`,
  });
  out.push({
    path: "tasks/main.yml",
    content: `# Generated by Etcetera (etcetera export ansible). Each file is one transaction on the host:
# the host's own tool checks it (validate:), then the deploy program backs up, installs
# atomically, reloads, restarts, watches the unit and rolls back by itself when it fails.
${files.map((f, i) => fileTasks(f, i + 1)).join("")}`,
  });
  files.forEach((f) => {
    const dest = destinationPath(f.target);
    out.push({ path: `files/${dest}`, content: f.content });
    out.push({
      path: `files/deploy-scripts/${dest}.sh`,
      content: `# Etcetera's verified deploy of ${f.target.kind === "user-crontab" ? "the login user's crontab" : `/${dest}`} (run: sh THIS verify|install FILE [WAIT]).\n${fleetScript(
        f.target,
        {
          enableOnFirstDeploy: o.enableOnFirstDeploy,
          waitSeconds: o.waitSeconds,
          lockWaitSeconds: 120,
          activateTimeoutSeconds: o.activateTimeoutSeconds,
        },
      )}`,
    });
  });
  return out;
}

/** The playbook: the role on a host pattern, one canary host first, then batches, stopping at the first failure. */
export function playbook(): string {
  return `# Run: ansible-playbook -i INVENTORY playbook.yml -e etcetera_hosts=GROUP [-e etcetera_batch=N]
- name: Etcetera verified deploy
  hosts: "{{ etcetera_hosts | default('all') }}"
  gather_facts: false
  # One canary host, then batches; any failure stops the rollout before the next batch.
  serial:
    - 1
    - "{{ etcetera_batch | default(5) }}"
  max_fail_percentage: 0
  roles:
    - ${roleName}
`;
}

/** The whole tree: playbook.yml and roles/etcetera_deploy/. */
export function projectFiles(files: FleetFile[], o: RoleOptions): GeneratedFile[] {
  return [
    { path: "playbook.yml", content: playbook() },
    ...roleFiles(files, o).map((f) => ({ path: `roles/${roleName}/${f.path}`, content: f.content })),
  ];
}
