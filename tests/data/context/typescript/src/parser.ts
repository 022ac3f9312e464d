// Turns source text into statements of normalized words.
import { expandIncludes } from "./includes";
import { normalize, tokenize } from "./text";

export type Statement = string[];

/** Parses text: blank lines and comments are skipped, includes are expanded. */
export function parseSource(source: string, depth = 0): Statement[] {
  const statements: Statement[] = [];
  for (const raw of source.split("\n")) {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    if (trimmed.startsWith("include ")) {
      statements.push(...expandIncludes(trimmed.slice("include ".length), depth));
      continue;
    }
    statements.push(tokenize(trimmed).map((word) => normalize(word)));
  }
  return statements;
}
