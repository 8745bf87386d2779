import { expect, test } from "vitest";

import { slugify } from "./article-limits.ts";

test("Titles become readable ASCII slugs with umlauts transliterated", () => {
  expect(slugify("Netzstörung Hamburg & Berlin: Datenabbrüche (behoben)")).toBe(
    "netzstoerung-hamburg-berlin-datenabbrueche-behoben",
  );
  expect(slugify("Straße, São Paulo")).toBe("strasse-sao-paulo");
});
