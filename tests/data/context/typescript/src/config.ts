// Settings read from key = value lines.
import { existsSync, readFileSync } from "fs";

export class Settings {
  private values = new Map<string, string>();

  load(path: string): boolean {
    if (!existsSync(path)) return false;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const equals = line.indexOf("=");
      if (equals > 0) this.values.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
    }
    return true;
  }

  get(key: string): string {
    return this.values.get(key) ?? "";
  }
}
