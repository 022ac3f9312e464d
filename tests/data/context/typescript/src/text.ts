// Small string helpers the parser is built on.

/** Splits a line into words; punctuation separates words and is dropped. */
export function tokenize(line: string): string[] {
  return line.split(/[^A-Za-z0-9_]+/).filter((word) => word.length > 0);
}

/** Lower-cases a word and drops a trailing plural "s". */
export function normalize(word: string): string {
  const lowered = word.toLowerCase();
  return lowered.length > 3 && lowered.endsWith("s") ? lowered.slice(0, -1) : lowered;
}
