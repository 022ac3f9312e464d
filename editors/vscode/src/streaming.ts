// Collects what gloss streams on a request's `partialResultToken`: text deltas
// (`{kind: "delta", text}`) for explain, generate-tests, summarize and chat, and match batches
// (`{matches: [...]}`) for grep. Values are routed by token, so several requests can stream at
// once; a value for a token nobody asked for is ignored. Pure: the caller hooks it to the
// connection's `$/progress` handler.
import type { DeltaValue, GrepBatch, GrepMatch } from './protocol';

export interface StreamListener {
  onText?: (textSoFar: string, delta: string) => void;
  onMatches?: (batch: GrepMatch[]) => void;
}

interface Stream {
  text: string;
  matches: GrepMatch[];
  batches: number;
  listener: StreamListener;
}

export class StreamCollector {
  private readonly streams = new Map<string, Stream>();
  private next = 1;

  // A fresh token for one request; `prefix` only makes logs readable.
  open(prefix: string, listener: StreamListener = {}): string {
    const token = `${prefix}-${this.next++}`;
    this.streams.set(token, { text: '', matches: [], batches: 0, listener });
    return token;
  }

  // Feeds one `$/progress` value; returns false when the token is not one of ours.
  accept(token: string | number, value: unknown): boolean {
    const stream = this.streams.get(String(token));
    if (!stream || !value || typeof value !== 'object') return false;
    const v = value as Partial<DeltaValue & GrepBatch>;
    if (v.kind === 'delta' && typeof v.text === 'string') {
      stream.text += v.text;
      stream.listener.onText?.(stream.text, v.text);
      return true;
    }
    if (Array.isArray(v.matches)) {
      const batch = v.matches as GrepMatch[];
      stream.matches.push(...batch);
      stream.batches++;
      stream.listener.onMatches?.(batch);
      return true;
    }
    return false;
  }

  text(token: string): string {
    return this.streams.get(token)?.text ?? '';
  }

  matches(token: string): GrepMatch[] {
    return this.streams.get(token)?.matches ?? [];
  }

  batches(token: string): number {
    return this.streams.get(token)?.batches ?? 0;
  }

  // Forgets a finished request; later values for its token are ignored.
  close(token: string): void {
    this.streams.delete(token);
  }
}
