import type { LogOutputChannel } from "vscode";

export function showOutput(output: LogOutputChannel): void {
  output.show(true);
}
