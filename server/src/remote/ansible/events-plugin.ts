/**
 * A callback plugin for ansible-playbook, written to a temporary directory at
 * run time: it appends one JSON object per line to the file named by
 * ETCETERA_ANSIBLE_EVENTS — each task start and each host's result — while
 * Ansible's own screen output stays as the user knows it. (The `json` stdout
 * callback lives in the ansible.posix collection, which Debian ships only in
 * the 250 MB `ansible` package; `ansible-core` alone has no JSON output.)
 */
export const eventsPluginName = "etcetera_events";

export const eventsPluginSource = `# Written by Etcetera for one run of ansible-playbook; JSON lines of task starts and results.
from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: ${eventsPluginName}
type: aggregate
short_description: JSON lines of task starts and host results for Etcetera
description:
  - Appends one JSON object per line to the file named by ETCETERA_ANSIBLE_EVENTS.
"""

KEEP = ("msg", "rc", "stdout_lines", "stderr_lines", "changed", "exit_status", "stdout", "stderr")


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "${eventsPluginName}"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        path = os.environ.get("ETCETERA_ANSIBLE_EVENTS")
        self._out = open(path, "a", encoding="utf-8") if path else None

    def _write(self, event):
        if self._out is None:
            return
        self._out.write(json.dumps(event, default=str) + "\\n")
        self._out.flush()

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._write({"event": "task", "task": task.get_name()})

    def _result(self, status, result):
        raw = result._result
        kept = {k: raw[k] for k in KEEP if k in raw}
        self._write({"event": "result", "status": status, "host": result._host.get_name(), "task": result._task.get_name(), "result": kept})

    def v2_runner_on_ok(self, result):
        self._result("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result("failed", result)

    def v2_runner_on_unreachable(self, result):
        self._result("unreachable", result)

    def v2_runner_on_skipped(self, result):
        self._result("skipped", result)
`;
