import { describe, expect, test } from "vitest";

import {
  compoundAliases,
  documentsFor,
  guessLanguage,
  sharpSAliases,
  type IndexableArticle,
} from "./documents.ts";

const base: IndexableArticle = {
  id: "a1",
  slug: "roaming",
  title: "Roaming in der EU",
  keywords: ["Auslandsnutzung"],
  kind: "howto",
  visibility: "public",
  tags: ["roaming"],
  bodyText: "Öffentlicher Text. Interne Notiz NOC-1.",
  publicText: "Öffentlicher Text.",
  updatedAt: new Date("2026-11-01T10:00:00Z"),
  reviewAt: null,
};

describe("index documents", () => {
  test("The public document is built from the public projection only", () => {
    const docs = documentsFor(base);
    expect(docs.staff.body).toContain("NOC-1");
    expect(docs.public?.body).toBe("Öffentlicher Text.");
    expect(JSON.stringify(docs.public)).not.toContain("NOC-1");
  });

  test("An internal article has no public document at all", () => {
    expect(documentsFor({ ...base, visibility: "internal" }).public).toBeNull();
  });

  test("Words with ß are also indexed with ss", () => {
    expect(sharpSAliases("Die Hauptstraße und die Straße")).toBe("hauptstrasse strasse");
  });

  test("German and English texts are told apart", () => {
    expect(guessLanguage("Die Störung ist behoben und der Dienst läuft")).toBe("de");
    expect(guessLanguage("The outage is resolved and the service is back")).toBe("en");
  });
});

test("Parts of German compounds are indexed as words of their own", () => {
  expect(compoundAliases("Netzstörung und Gesprächsabbrüche in Hamburg").split(" ").sort()).toEqual(
    ["abbrüche", "gespräch", "netz", "störung"],
  );
  expect(compoundAliases("Störung")).toBe("");
});
