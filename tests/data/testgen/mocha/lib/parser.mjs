// Parses key=value lines.
export function parseLine(line) {
  const [key, value] = line.split("=");
  return { key, value };
}

export default function parseAll(text) {
  return text.split("\n").map(parseLine);
}

function trim(text) {
  return text.trim();
}

export { trim as tidy };
