import { expect, test } from "vitest";

import { ArticleFieldsSchema } from "./article-form-schema.ts";

const fields = { title: "Handy entsperren", kind: "howto" };

test("Also-known-as terms are split on commas, tidied and kept once", () => {
  const parsed = ArticleFieldsSchema.parse({
    ...fields,
    keywords: " Netlock, SIM-Lock ,, netlock ,  carrier   unlock",
  });
  expect(parsed.keywords).toEqual(["Netlock", "SIM-Lock", "carrier unlock"]);
});

test("Too many or too long also-known-as terms are field errors", () => {
  const messages = (keywords: string) => {
    const parsed = ArticleFieldsSchema.safeParse({ ...fields, keywords });
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  };
  expect(messages(Array.from({ length: 11 }, (_, i) => `Begriff ${i}`).join(","))).toEqual([
    "tooManyKeywords",
  ]);
  expect(messages(`Handy, ${"x".repeat(61)}`)).toEqual(["keywordTooLong"]);
});
