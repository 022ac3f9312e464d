export function pad(text: string, width: number): string {
  return text.padStart(width);
}

export const shout = (text: string): string => text.toUpperCase();

function hidden(): number {
  return 1;
}
