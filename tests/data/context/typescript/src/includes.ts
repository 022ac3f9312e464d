import { readFileSync } from "fs";

import { parseSource, Statement } from "./parser";

const MAX_INCLUDE_DEPTH = 4;

/** Reads an included file and parses it one level deeper. */
export function expandIncludes(path: string, depth: number): Statement[] {
  if (depth >= MAX_INCLUDE_DEPTH) return [];
  return parseSource(readFileSync(path, "utf8"), depth + 1);
}
