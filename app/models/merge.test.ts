import { describe, expect, test } from "vitest";

import {
  diffMarkdown,
  joinBlocks,
  mergeMarkdown,
  sameMarkdownBlocks,
  splitBlocks,
} from "./merge.ts";

const base = joinBlocks([
  "# Router neu starten",
  "Schritt eins.",
  "Schritt zwei.",
  "Schritt drei.",
]);

describe("splitting Markdown into blocks", () => {
  test("Paragraphs separated by blank lines are separate blocks", () => {
    expect(splitBlocks("# Title\n\nFirst line\nsame paragraph\n\n\n- a\n- b")).toEqual([
      "# Title",
      "First line\nsame paragraph",
      "- a\n- b",
    ]);
  });

  test("A code block with blank lines inside stays one block", () => {
    const markdown = "Before\n\n```sh\nping 10.0.0.1\n\ntraceroute 10.0.0.1\n```\n\nAfter";
    expect(splitBlocks(markdown)).toEqual([
      "Before",
      "```sh\nping 10.0.0.1\n\ntraceroute 10.0.0.1\n```",
      "After",
    ]);
  });

  test("An internal note with several paragraphs stays one block", () => {
    const markdown =
      "Public\n\n:::internal\nRoot cause.\n\n```\n:::\n```\n\nTicket NOC-1.\n:::\n\nEnd";
    expect(splitBlocks(markdown)).toEqual([
      "Public",
      ":::internal\nRoot cause.\n\n```\n:::\n```\n\nTicket NOC-1.\n:::",
      "End",
    ]);
  });

  test("Joining the blocks gives the Markdown back", () => {
    expect(joinBlocks(splitBlocks(base))).toBe(base);
    expect(sameMarkdownBlocks(base, `${base}\n\n\n`)).toBe(true);
  });
});

describe("three-way merge of two edits", () => {
  test("Edits of different blocks are both kept", () => {
    const mine = base.replace("Schritt eins.", "Schritt eins, geändert.");
    const theirs = base.replace("Schritt drei.", "Schritt drei, auch geändert.");
    const result = mergeMarkdown({ base, mine, theirs });
    expect(result).toEqual({
      status: "merged",
      markdown: joinBlocks([
        "# Router neu starten",
        "Schritt eins, geändert.",
        "Schritt zwei.",
        "Schritt drei, auch geändert.",
      ]),
    });
  });

  test("Edits of neighbouring blocks are both kept", () => {
    const mine = base.replace("Schritt eins.", "Eins neu.");
    const theirs = base.replace("Schritt zwei.", "Zwei neu.");
    const result = mergeMarkdown({ base, mine, theirs });
    expect(result.status).toBe("merged");
    if (result.status === "merged") {
      expect(splitBlocks(result.markdown)).toEqual([
        "# Router neu starten",
        "Eins neu.",
        "Zwei neu.",
        "Schritt drei.",
      ]);
    }
  });

  test("A block added by one and a block edited by the other are both kept", () => {
    const mine = `${base}\n\nSchritt vier.`;
    const theirs = base.replace("# Router neu starten", "# Router richtig neu starten");
    const result = mergeMarkdown({ base, mine, theirs });
    expect(result.status).toBe("merged");
    if (result.status === "merged") {
      expect(splitBlocks(result.markdown)).toEqual([
        "# Router richtig neu starten",
        "Schritt eins.",
        "Schritt zwei.",
        "Schritt drei.",
        "Schritt vier.",
      ]);
    }
  });

  test("A block deleted by one next to a block edited by the other merges", () => {
    const mine = base.replace("Schritt zwei.\n\n", "");
    const theirs = base.replace("Schritt drei.", "Schritt drei, präziser.");
    const result = mergeMarkdown({ base, mine, theirs });
    expect(result.status).toBe("merged");
    if (result.status === "merged") {
      expect(splitBlocks(result.markdown)).toEqual([
        "# Router neu starten",
        "Schritt eins.",
        "Schritt drei, präziser.",
      ]);
    }
  });

  test("Two different edits of the same block are a conflict", () => {
    const mine = base.replace("Schritt zwei.", "Schritt zwei, meine Fassung.");
    const theirs = base.replace("Schritt zwei.", "Schritt zwei, deren Fassung.");
    expect(mergeMarkdown({ base, mine, theirs })).toEqual({
      status: "conflict",
      conflicts: [
        {
          base: ["Schritt zwei."],
          mine: ["Schritt zwei, meine Fassung."],
          theirs: ["Schritt zwei, deren Fassung."],
        },
      ],
    });
  });

  test("Two blocks added at the same place are a conflict: their order would be a guess", () => {
    const result = mergeMarkdown({ base, mine: `${base}\n\nMeins.`, theirs: `${base}\n\nDeins.` });
    expect(result.status).toBe("conflict");
  });

  test("An edit of a block the other deleted is a conflict", () => {
    const mine = base.replace("Schritt zwei.", "Schritt zwei, wichtig.");
    const theirs = base.replace("Schritt zwei.\n\n", "");
    expect(mergeMarkdown({ base, mine, theirs }).status).toBe("conflict");
  });

  test("The same edit made by both is no conflict", () => {
    const both = base.replace("Schritt zwei.", "Schritt 2.");
    expect(mergeMarkdown({ base, mine: both, theirs: both })).toEqual({
      status: "merged",
      markdown: both,
    });
  });

  test("Saving without a change keeps the other edit", () => {
    const theirs = base.replace("Schritt zwei.", "Schritt 2.");
    expect(mergeMarkdown({ base, mine: base, theirs })).toEqual({
      status: "merged",
      markdown: theirs,
    });
  });

  test("An edit inside an internal note conflicts with another edit of that note", () => {
    const withNote = `${base}\n\n:::internal\nNOC-1\n\nNOC-2\n:::`;
    const mine = withNote.replace("NOC-1", "NOC-1 erledigt");
    const theirs = withNote.replace("NOC-2", "NOC-2 offen");
    expect(mergeMarkdown({ base: withNote, mine, theirs }).status).toBe("conflict");
  });
});

describe("word diff", () => {
  test("Changed words come back as removed and added parts", () => {
    const parts = diffMarkdown("Den Router neu starten.", "Das Modem neu starten.");
    expect(parts.filter((part) => part.removed).map((part) => part.value.trim())).toEqual([
      "Den Router",
    ]);
    expect(parts.filter((part) => part.added).map((part) => part.value.trim())).toEqual([
      "Das Modem",
    ]);
    expect(
      parts
        .filter((part) => !part.removed)
        .map((part) => part.value)
        .join(""),
    ).toBe("Das Modem neu starten.");
  });

  test("Equal texts are one unchanged part", () => {
    expect(diffMarkdown("Gleich.", "Gleich.")).toEqual([{ value: "Gleich." }]);
  });
});
