// Command line entry point: parses the files given and prints a summary.
import { readFileSync } from "fs";

import { Settings } from "./config";
import { parseSource } from "./parser";

export function main(argv: string[]): number {
  const settings = new Settings();
  settings.load("gloss.ini");
  for (const path of argv.slice(2)) {
    const statements = parseSource(readFileSync(path, "utf8"));
    console.log(`${path}: ${statements.length} statements (${settings.get("title")})`);
  }
  return 0;
}
