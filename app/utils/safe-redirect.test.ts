import { describe, expect, test } from "vitest";

import { safeRedirect } from "./safe-redirect.ts";

describe("redirect after sign-in", () => {
  test.each([
    ["//evil.example"],
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["/\n/evil.example"],
    ["/\r\n/evil.example"],
    ["\\/evil.example"],
    ["https://evil.example/"],
    // eslint-disable-next-line no-script-url -- the attack being refused
    ["javascript:alert(1)"],
    ["evil.example"],
    [""],
  ])("%j never leaves the site", (target) => {
    expect(safeRedirect(target)).toBe("/");
  });

  test("A path on the site keeps its query and fragment", () => {
    expect(safeRedirect("/articles/x?y=1#z")).toBe("/articles/x?y=1#z");
  });

  test("A missing target goes to the given fallback", () => {
    expect(safeRedirect(null, "/help")).toBe("/help");
  });
});
