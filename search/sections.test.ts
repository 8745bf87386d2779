import { describe, expect, test } from "vitest";

import { markdownToContent, renderContent } from "~/editor/content.server.ts";

import { PASSAGE_WORDS, splitSections } from "./sections.ts";

const article = markdownToContent(
  [
    "Kurze Einleitung zum Tarifwechsel.",
    "",
    "## Voraussetzungen",
    "",
    "Der Vertrag läuft seit mindestens **drei** Monaten.",
    "",
    "- Kundennummer bereit",
    "- Ausweis geprüft",
    "",
    ":::internal",
    "Kulanz bis 20 € ohne Rückfrage, Ticket NOC-77.",
    ":::",
    "",
    "## Ablauf",
    "",
    "Im Portal den neuen Tarif wählen.",
  ].join("\n"),
);

describe("sections of an article", () => {
  test("Each heading starts a passage; text before the first heading has none", () => {
    const sections = splitSections(article, "staff");
    expect(sections?.map((s) => s.heading)).toEqual(["", "Voraussetzungen", "Ablauf"]);
    expect(sections?.[0]?.text).toBe("Kurze Einleitung zum Tarifwechsel.");
    expect(sections?.[1]?.text).toContain("Kundennummer bereit\nAusweis geprüft");
    expect(sections?.[1]?.text).toContain("NOC-77");
  });

  test("Public passages drop internal notes and keep every public word", () => {
    const sections = splitSections(article, "public")!;
    const text = sections.map((s) => `${s.heading} ${s.text}`).join(" ");
    expect(text).not.toContain("NOC-77");
    expect(text).not.toContain("Kulanz");
    const publicWords = renderContent(article, "public").text.match(/\p{L}+/gu) ?? [];
    for (const word of publicWords) expect(text).toContain(word);
  });

  test("A long section is cut into passages that keep their heading", () => {
    const words = Array.from({ length: PASSAGE_WORDS * 2 + 5 }, (_, i) => `wort${i}`);
    const long = markdownToContent(`## Lang\n\n${words.join(" ")}`);
    const sections = splitSections(long, "staff")!;
    expect(sections).toHaveLength(3);
    expect(sections.every((s) => s.heading === "Lang")).toBe(true);
    expect(sections[1]!.text.split(" ")[0]).toBe(`wort${PASSAGE_WORDS}`);
    expect(sections.map((s) => s.text).join(" ")).toBe(words.join(" "));
  });

  test("Something that is not an editor state gives null, so the caller uses the plain text", () => {
    expect(splitSections("not json", "staff")).toBeNull();
    expect(splitSections('{"root":{}}', "public")).toBeNull();
  });
});
