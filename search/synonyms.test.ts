import { expect, test } from "vitest";

import { synonymsFor } from "./synonyms.ts";

test("Every term of an entry finds every other term, in both directions", () => {
  expect(
    synonymsFor([
      ["Rechnung", "invoice", "bill"],
      ["Funkloch", "no signal"],
    ]),
  ).toEqual({
    rechnung: ["invoice", "bill"],
    invoice: ["rechnung", "bill"],
    bill: ["rechnung", "invoice"],
    funkloch: ["no signal"],
    "no signal": ["funkloch"],
  });
});

test("An empty glossary clears the engine's synonyms", () => {
  expect(synonymsFor([])).toEqual({});
});
