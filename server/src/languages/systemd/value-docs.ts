/**
 * What the values of the most used enumerations mean, in our own words, shown
 * beside them in completion. Keyed by directive name, then value.
 */
export const valueDocs: Record<string, Record<string, string>> = {
  Type: {
    simple: "Started as soon as the process is forked; systemd does not wait for anything.",
    exec: "Started once the binary has been executed (exec failed → the start fails).",
    forking: "The process forks and the parent exits; started when the parent has exited. Use PIDFile= for the main process.",
    oneshot: "Runs to completion; the unit is started when the process exits. May have several ExecStart= lines.",
    dbus: "Started when the service takes the bus name in BusName=.",
    notify: "Started when the service sends READY=1 through sd_notify().",
    "notify-reload": "Like notify, and reloads by SIGHUP, waiting for RELOADING=1 and READY=1.",
    idle: "Like simple, but the process is held until all jobs are dispatched (for cleaner console output).",
  },
  Restart: {
    no: "Never restarted (the default).",
    always: "Restarted whenever it stops, cleanly or not, unless stopped by systemctl.",
    "on-success": "Restarted only after a clean exit (code 0 or a clean signal).",
    "on-failure": "Restarted after a non-zero exit, a signal, a timeout or a watchdog timeout.",
    "on-abnormal": "Restarted after a signal, a timeout or a watchdog timeout, not after a non-zero exit.",
    "on-abort": "Restarted only when killed by a signal that is not a clean one.",
    "on-watchdog": "Restarted only when the watchdog timeout elapses.",
  },
  KillMode: {
    "control-group": "Every remaining process of the unit's cgroup is killed on stop (the default).",
    mixed: "SIGTERM to the main process, then SIGKILL to every remaining process of the cgroup.",
    process: "Only the main process is killed; its children are left running.",
    none: "Nothing is killed; only ExecStop= runs. Processes may outlive the unit.",
  },
  ProtectSystem: {
    yes: "/usr, /boot and /efi are read-only for the service.",
    full: "As yes, and /etc is read-only too.",
    strict: "The whole file system is read-only except /dev, /proc, /sys and paths opened with ReadWritePaths= and friends.",
    no: "No file system protection (the default).",
  },
  ProtectHome: {
    yes: "/home, /root and /run/user look empty and cannot be read.",
    "read-only": "/home, /root and /run/user are read-only.",
    tmpfs: "Empty tmpfs file systems are mounted over /home, /root and /run/user.",
    no: "Home directories are left as they are (the default).",
  },
};
