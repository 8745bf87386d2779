import { expect, test } from "vitest";

import de from "./de.ts";
import en from "./en.ts";

function keys(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === "object" && child ? keys(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

test("German and English have exactly the same UI strings", () => {
  expect(keys(de).sort()).toEqual(keys(en).sort());
});

test("No UI string is left empty", () => {
  for (const [key, text] of [...Object.entries(de), ...Object.entries(en)]) {
    expect(JSON.stringify(text), key).not.toMatch(/:""/);
  }
});
