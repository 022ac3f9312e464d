// Grep hits grouped by file for the results tree: batches arrive while the search runs and the
// final response repeats every hit, so hits are keyed by file and line and added once. Files
// keep the order in which they first matched while streaming; `replaceAll` with the final
// result gives the server's order (by URI, then line). Pure.
import type { GrepMatch } from './protocol';

export interface FileHits {
  uri: string;
  matches: GrepMatch[];
}

export class GrepResultSet {
  private readonly files = new Map<string, FileHits>();
  private readonly seen = new Set<string>();

  add(batch: GrepMatch[]): void {
    for (const m of batch) {
      if (m.context) continue;
      const key = `${m.uri}\n${m.line}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      let file = this.files.get(m.uri);
      if (!file) {
        file = { uri: m.uri, matches: [] };
        this.files.set(m.uri, file);
      }
      file.matches.push(m);
    }
    for (const file of this.files.values()) file.matches.sort((a, b) => a.line - b.line);
  }

  replaceAll(matches: GrepMatch[]): void {
    this.files.clear();
    this.seen.clear();
    this.add(matches);
  }

  fileList(): FileHits[] {
    return [...this.files.values()];
  }

  matchCount(): number {
    return this.seen.size;
  }
}
