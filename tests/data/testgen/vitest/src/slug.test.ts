import { describe, expect, test } from "vitest";
import { slugify } from "./strings";

describe("slugify", () => {
  test("lowercases", () => {
    expect(slugify("A B")).toBe("a-b");
  });
});
