export function slugify(text: string): string {
  return text.toLowerCase().replace(/\s+/g, "-");
}

export function _internal(): void {}

export class Template {
  render(values: Record<string, string>): string {
    return Object.values(values).join("");
  }

  #compile(): void {}
}
