import { expect, test } from "vitest";

import type { ArticleDoc } from "./documents.ts";
import { filterValue, stalePassagesFilter } from "./indexer.ts";

const passage = (articleId: string, n: number) => ({ articleId, n }) as ArticleDoc;

test("Leftover passages are matched per article beyond its new passage count", () => {
  expect(
    stalePassagesFilter([passage("a", 0), passage("a", 1), passage("b", 0), passage("c", 0)]),
  ).toBe('(articleId IN ["a"] AND n >= 2) OR (articleId IN ["b", "c"] AND n >= 1)');
  expect(stalePassagesFilter([])).toBeNull();
});

test("Filter values are quoted so a quote or backslash cannot end them", () => {
  expect(filterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
});
