/**
 * The usage texts of every command, apart from the commands themselves: the
 * dispatcher prints them without loading any command (a usage error, --help).
 * Only data and the file-kind table may be imported here.
 */
import { fileKinds } from "../core/kinds.js";
import { defaultActivateTimeoutSeconds, defaultNetplanConfirmSeconds, defaultWaitSeconds } from "../remote/deploy-defaults.js";

export const lintUsage = `Usage: etcetera lint [--format stylish|json|sarif|github] [--kind ${fileKinds.join("|")}]
                     [--systemd-version N] [--cron-dialect debian|cronie] [--netplan-version 0.106|1.2.2]
                     [--logrotate-version 3.21.0|3.22.0] [--max-warnings N] [--config FILE] PATH...`;

export const securityUsage = `       etcetera security [--format text|json] [--threshold N] [--systemd-version N]
                         [--security-policy FILE] [--user] PATH...   (as systemd-analyze security --offline)`;

export const cronUsage = `       etcetera cron explain [--cron-dialect debian|cronie] EXPR...     ("m h dom mon dow" or @daily)
       etcetera cron next [--count N] [--base-time ISO] [--format text|json] EXPR
       etcetera cron to-timer [--line N] [--user U] [--name N] [--out DIR] CRONTAB`;

export const remoteOptionsUsage = `--host H [--ssh-config FILE] [--user] [--format text|json] [--config FILE]
         H: an entry of "hosts" in --config (the etcetera.hosts setting), an ssh config Host alias, or [user@]host
         exit: 0 the host ends in the state asked for; 1 it does not (rejected, rolled back, locked, install failed); 2 usage error; 3 cannot connect or not allowed`;

export const deployUsage = `       etcetera deploy [options] [--] FILE ${remoteOptionsUsage.split("\n")[0]}
                [--force] [--no-enable] [--wait SECONDS]   (lint, verify on the host, install, restart, watch SECONDS (whole, default ${defaultWaitSeconds}), roll back on failure)
                [--confirm-timeout SECONDS]   (netplan: a new SSH connection must confirm within SECONDS after netplan apply (default ${defaultNetplanConfirmSeconds}), else the host reverts by itself)
                [--activate-timeout SECONDS]   (one systemctl restart or stop that takes longer (5 to 3600, default ${defaultActivateTimeoutSeconds}) counts as hung: rolled back)
       etcetera deploy [options] [--] FILE... --hosts GROUP [--inventory FILE] [--batch N] [--wait SECONDS] [--activate-timeout SECONDS] [--force] [--no-enable] [--format text|json]
                (through ansible-playbook: one canary host, then batches of N (default 5); stops at the first failure)`;

export const exportUsage = `       etcetera export ansible FILE... --out DIR [--wait SECONDS] [--no-enable] [--force]
                (an Ansible role and playbook doing the verified deploy, to commit and run without Etcetera)`;

export const inventoryUsage = `       etcetera inventory [--inventory FILE] [--format text|json]   (the groups and hosts of an Ansible inventory, through ansible-inventory)`;

export const diffUsage = `       etcetera diff [options] [--] FILE ${remoteOptionsUsage.split("\n")[0]}
                (the host's installed copy vs FILE, byte for byte, where deploy would install it; exit 0 same, 1 differs or absent)`;

export const statusUsage = `       etcetera status [options] [--] UNIT... ${remoteOptionsUsage.split("\n")[0]}   (exit 0 when every unit is active)
                [--action start|stop|restart|reload|enable|disable|mask|unmask|reset-failed|rollback]   (first act on the one UNIT)
                [--details [-n N]]   (the one UNIT's page: memory, tasks, sockets, timers, conditions, last N journal lines)`;

export const logsUsage = `       etcetera logs [options] [--] UNIT ${remoteOptionsUsage.split("\n")[0]} [-f] [-n N]   (the unit's journal; -f follows)`;

export const catUsage = `       etcetera cat [options] [--] UNIT ${remoteOptionsUsage.split("\n")[0]}
                (the unit's file and drop-ins as the host has them, like systemctl cat; exit 1 when it has none)
       etcetera cat --local [--root DIR] [--user] [--format text|json] FILE|UNIT
                (the unit merged from a local tree as systemd would load it: a unit file or drop-in and its
                directory, or UNIT looked up under DIR's systemd directories; notes say what overrides what)`;
