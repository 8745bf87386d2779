import { describe, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";

import { documentsFor, guessLanguage, type IndexableArticle } from "./documents.ts";

const base: IndexableArticle = {
  id: "a1",
  slug: "roaming",
  title: "Roaming in der EU",
  keywords: ["Auslandsnutzung"],
  kind: "howto",
  visibility: "public",
  tags: ["roaming"],
  body: markdownToContent(
    "Öffentlicher Text.\n\n## Kosten\n\nPreise.\n\n:::internal\nInterne Notiz NOC-1.\n:::",
  ),
  bodyText: "Öffentlicher Text. Kosten Preise. Interne Notiz NOC-1.",
  publicText: "Öffentlicher Text. Kosten Preise.",
  updatedAt: new Date("2026-11-01T10:00:00Z"),
  reviewAt: null,
  incidentStatus: null,
};

describe("index documents", () => {
  test("Each section is a passage of its own, numbered per article", () => {
    const docs = documentsFor(base);
    expect(docs.staff.map((d) => [d.id, d.articleId, d.heading])).toEqual([
      ["a1_0", "a1", ""],
      ["a1_1", "a1", "Kosten"],
    ]);
    expect(docs.staff[1]?.text).toContain("NOC-1");
  });

  test("Public passages are built from the public projection only", () => {
    const docs = documentsFor(base);
    expect(docs.public.map((d) => d.text)).toEqual(["Öffentlicher Text.", "Preise."]);
    expect(JSON.stringify(docs.public)).not.toContain("NOC-1");
  });

  test("An internal article has no public passage at all", () => {
    expect(documentsFor({ ...base, visibility: "internal" }).public).toEqual([]);
  });

  test("An incident's status travels with its passages; other kinds carry none", () => {
    const incident = { ...base, kind: "incident", incidentStatus: "identified" };
    expect(documentsFor(incident).staff.map((d) => d.incidentStatus)).toEqual([
      "identified",
      "identified",
    ]);
    expect(documentsFor({ ...base, incidentStatus: "identified" }).staff[0]?.incidentStatus).toBe(
      null,
    );
  });

  test("An article without text still has one passage, so its title is found", () => {
    const empty = markdownToContent("");
    const docs = documentsFor({ ...base, body: empty, bodyText: "", publicText: "" });
    expect(docs.staff).toHaveLength(1);
    expect(docs.public).toHaveLength(1);
  });

  test("Compound parts and ss spellings are indexed as extra words", () => {
    const doc = documentsFor({ ...base, title: "Netzstörung Hauptstraße" }).staff[0]!;
    expect(doc.aliases.split(" ")).toEqual(
      expect.arrayContaining(["netz", "störung", "hauptstrasse", "straße"]),
    );
  });

  test("German and English texts are told apart", () => {
    expect(guessLanguage("Die Störung ist behoben und der Dienst läuft")).toBe("de");
    expect(guessLanguage("The outage is resolved and the service is back")).toBe("en");
  });
});
