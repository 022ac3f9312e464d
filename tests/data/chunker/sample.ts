import { Request } from "./http";

export interface Options {
  verbose: boolean;
  retries?: number;
}

export type Handler = (request: Request) => Promise<void>;

export enum Level {
  Debug,
  Info,
}

@Injectable()
export class Service<T> implements Disposable {
  private cache = new Map<string, T>();

  constructor(private readonly options: Options) {}

  async load(key: string): Promise<T | undefined> {
    return this.cache.get(key);
  }

  dispose(): void {
    this.cache.clear();
  }
}

export abstract class Shape {
  abstract area(): number;
}

namespace Geometry {
  export function distance(a: number, b: number): number {
    return Math.abs(a - b);
  }
}

declare module "legacy" {
  export function old(): void;
}
