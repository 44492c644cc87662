/**
 * The files the walkthrough's "Create …" steps open: one per kind, each in its
 * editor language and named so the server reads it as that kind (a .timer is a
 * timer, a file under netplan/ is netplan). Every sample is clean under our own
 * rules (test/unit/walkthrough-samples.test.ts lints each one), so what the user
 * sees first is a file without a squiggle, ready to break on purpose.
 * Plain data: no `vscode` import, so tests read it.
 */
export interface Sample {
  /** The command that opens it (package.json contributes.commands). */
  command: string;
  languageId: string;
  /** Where it would be saved, relative to the workspace folder; its name decides the kind and the unit type. */
  path: string;
  text: string;
}

export const samples: readonly Sample[] = [
  {
    command: "etcetera.new.service",
    languageId: "systemd-unit",
    path: "hello.service",
    text: `[Unit]
Description=Say hello once the network is up
Wants=network-online.target
After=network-online.target

[Service]
Type=exec
ExecStart=/usr/bin/sleep infinity
# A comment has a line of its own: after a value it would become part of it.
Restart=on-failure
RestartSec=5s

[Install]
WantedBy=multi-user.target
`,
  },
  {
    command: "etcetera.new.timer",
    languageId: "systemd-unit",
    path: "hello.timer",
    text: `[Unit]
Description=Start hello.service every weekday morning

[Timer]
OnCalendar=Mon..Fri *-*-* 06:30:00
Persistent=true

[Install]
WantedBy=timers.target
`,
  },
  {
    command: "etcetera.new.crontab",
    languageId: "crontab",
    path: "hello.crontab",
    text: `# minute hour day-of-month month day-of-week command
MAILTO=""
30 6 * * 1-5 /usr/local/bin/report --quiet
`,
  },
  {
    command: "etcetera.new.netplan",
    languageId: "netplan",
    path: "netplan/60-hello.yaml",
    text: `network:
  version: 2
  ethernets:
    eth0:
      dhcp4: true
`,
  },
  {
    command: "etcetera.new.logrotate",
    languageId: "logrotate",
    path: "logrotate.d/hello",
    text: `/var/log/hello/*.log {
    weekly
    rotate 4
    compress
    missingok
    notifempty
}
`,
  },
];
