import { readFileSync } from "node:fs";
import oniguruma from "vscode-oniguruma";
import vsctm from "vscode-textmate";

let wasmLoaded: Promise<void> | undefined;

/** Loads a TextMate grammar with the engine VS Code uses (vscode-textmate + the oniguruma WASM build). */
export async function loadGrammar(path: string, scopeName: string): Promise<vsctm.IGrammar> {
  wasmLoaded ??= (async () => {
    const wasm = readFileSync("node_modules/vscode-oniguruma/release/onig.wasm");
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (name: string) => (name === scopeName ? vsctm.parseRawGrammar(readFileSync(path, "utf8"), path) : null),
  });
  const grammar = await registry.loadGrammar(scopeName);
  if (!grammar) throw new Error(`${scopeName} did not load from ${path}`);
  return grammar;
}
