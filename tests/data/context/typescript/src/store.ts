// A tiny on-disk cache of parsed documents.
import { existsSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";

export class Store {
  constructor(private readonly folder: string) {}

  load(key: string): unknown {
    const path = join(this.folder, `${key}.json`);
    return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
  }

  save(key: string, value: unknown): void {
    writeFileSync(join(this.folder, `${key}.json`), JSON.stringify(value));
  }
}
