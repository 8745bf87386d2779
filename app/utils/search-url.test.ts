import { describe, expect, test } from "vitest";

import {
  MAX_SEARCH_PAGE,
  facetNames,
  searchHref,
  toggleFacetHref,
  type SearchFilters,
} from "~/models/search-filters.ts";

import { parseApiSearch, parsePage, parseSearch } from "./http.server.ts";

const read = (query: string, audience: "staff" | "public" = "staff") =>
  parseSearch(new Request(`http://localhost/${query}`), audience);

describe("Search pages in the URL", () => {
  test("Every page the pager links to reads back as that page, with the same query and filters", () => {
    const filters: SearchFilters = { kind: ["howto", "faq"], tag: ["esim"], review: ["overdue"] };
    for (const page of [1, 2, 7, MAX_SEARCH_PAGE]) {
      const parsed = read(searchHref("störung münchen & co", filters, page));
      expect(parsed).toEqual({ q: "störung münchen & co", filters, page, problems: [] });
    }
  });

  test("A facet switched on or off starts again at the first page and keeps everything else", () => {
    const filters: SearchFilters = { kind: ["howto"], tag: ["esim"] };
    const another = {
      kind: "faq",
      tag: "roaming",
      visibility: "internal",
      review: "overdue",
      incident: "monitoring",
    };
    for (const name of facetNames) {
      const on = toggleFacetHref("esim", filters, name, another[name]);
      expect(on).not.toContain("page=");
      const back = read(on);
      expect(back.page).toBe(1);
      expect(back.problems).toEqual([]);
      // Switching the same value again gives the filters we started from.
      const toggledValue = back.filters[name]!.at(-1)!;
      expect(read(toggleFacetHref("esim", back.filters, name, toggledValue)).filters).toEqual(
        filters,
      );
    }
  });

  test("A page that is no whole number from 1 to the last is named on the page and page 1 shown", () => {
    for (const bad of ["0", "-1", "1.5", "abc", String(MAX_SEARCH_PAGE + 1), "1e9"]) {
      const parsed = read(`?q=esim&page=${encodeURIComponent(bad)}`);
      expect(parsed.page).toBe(1);
      expect(parsed.problems).toEqual([{ kind: "bad-page", max: MAX_SEARCH_PAGE }]);
    }
    expect(read("?q=esim&page=").problems).toEqual([]);
  });

  test("The API refuses a bad page with a 400 naming it and takes a good one", async () => {
    const api = (query: string) => () =>
      parseApiSearch(new Request(`http://localhost/api/search${query}`), "staff");
    expect(api("?q=esim&page=3")()).toMatchObject({ page: 3, limit: 10 });
    try {
      api("?q=esim&page=0")();
      expect.unreachable("page=0 was accepted");
    } catch (error) {
      const response = error as Response;
      expect(response.status).toBe(400);
      expect((await response.json()).issues).toEqual([
        `page: a whole number from 1 to ${MAX_SEARCH_PAGE}`,
      ]);
    }
  });
});

test("A paged list reads ?page= as a whole number from 1, anything else as the first page", () => {
  const page = (query: string) => parsePage(new Request(`http://localhost/review${query}`));
  expect(page("?page=3")).toBe(3);
  for (const bad of ["", "?page=", "?page=0", "?page=-2", "?page=2.5", "?page=x", "?page=1e99"]) {
    expect(page(bad), bad).toBe(1);
  }
});
