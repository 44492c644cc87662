import type { WorkspaceIndex } from "../../core/language.js";
import { parseUnitFile, type UnitFile } from "./parser.js";

/**
 * Parses of the workspace's unit files as saved, one per path and text, shared by every check that reads them:
 * the dependency graph of each unit set reads all of the set's files, and `etcetera lint` then checks each of
 * them. Never an open document's parse: the server re-parses those incrementally, which changes the previous
 * parse in place.
 */
const parsedTexts = new Map<string, { text: string; file: UnitFile }>();

/** The parse of `text` as the file at `path`, made once while its text stays the same. */
export function savedParse(path: string, text: string): UnitFile {
  const hit = parsedTexts.get(path);
  if (hit && hit.text === text) return hit.file;
  const file = parseUnitFile(text);
  parsedTexts.set(path, { text, file });
  return file;
}

/** The parse of the workspace's file at `path` (its current text), or undefined when the workspace has no text for it. */
export function sharedParse(workspace: WorkspaceIndex, path: string): UnitFile | undefined {
  const text = workspace.textOf?.(path);
  return text === undefined ? undefined : savedParse(path, text);
}
