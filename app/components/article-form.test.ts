import { expect, test } from "vitest";

import { ArticleFieldsSchema } from "~/models/article-form-schema.ts";

test("Tags as people type them become tag names", () => {
  const parsed = ArticleFieldsSchema.parse({
    title: "WLAN Call",
    kind: "howto",
    tags: "Wi-Fi Calling, #eSIM, Störung, esim",
  });
  expect(parsed.tags).toEqual(["wi-fi-calling", "esim", "stoerung"]);
});

test("A tag with markup or slashes is refused with a field error", () => {
  for (const tags of ["roaming, <script>", "a/b", "apn; drop table"]) {
    const result = ArticleFieldsSchema.safeParse({ title: "x", kind: "howto", tags });
    expect(result.success, tags).toBe(false);
    expect(result.error?.flatten().fieldErrors.tags, tags).toEqual(["tagFormat"]);
  }
});
