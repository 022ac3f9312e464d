// Prints how many statements each file given holds, using the compiled parser.
const { readFileSync } = require("fs");
const { parseSource } = require("../dist/parser");

for (const path of process.argv.slice(2)) {
  const statements = parseSource(readFileSync(path, "utf8"));
  console.log(`${path}: ${statements.length}`);
}
