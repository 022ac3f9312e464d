import assert from "node:assert";
import { parseLine } from "../lib/parser.mjs";

describe("parseLine", () => {
  it("splits", () => {
    assert.deepStrictEqual(parseLine("a=b"), { key: "a", value: "b" });
  });
});
