/**
 * Route matching after our patch to @remix-run/router (patches/, decision note 020): patterns
 * are compiled once and reused, so a reused pattern must still answer for each path on its own.
 */
import { matchPath, matchRoutes } from "@remix-run/router";
import { describe, expect, test } from "vitest";

// The shapes of Lagebild's routes: an index, static paths, params, a pathless layout, a splat.
const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "article", path: "articles/:slug" },
      { id: "history", path: "articles/:slug/history" },
      { id: "edit", path: "articles/:slug/edit" },
      { id: "markdown", path: "articles/:slug.md" },
      { id: "tag", path: "tags/:tag" },
      { id: "help", path: "help" },
      { id: "helpArticle", path: "help/:slug" },
      { id: "optional", path: "status/:slug?" },
      { id: "splat", path: "*" },
    ],
  },
];

const matched = (pathname: string) => {
  const matches = matchRoutes(routes, pathname) ?? [];
  const last = matches.at(-1);
  return { id: last?.route.id, params: last?.params };
};

describe("Route matching with compiled patterns reused", () => {
  test("the same pattern answers each path with its own params, again and again", () => {
    for (let round = 0; round < 3; round++) {
      expect(matched("/articles/esim-aktivieren")).toEqual({
        id: "article",
        params: { slug: "esim-aktivieren" },
      });
      expect(matched("/articles/apn-android/history")).toEqual({
        id: "history",
        params: { slug: "apn-android" },
      });
      expect(matched("/tags/vertrag")).toEqual({ id: "tag", params: { tag: "vertrag" } });
      expect(matched("/")).toEqual({ id: "index", params: {} });
      expect(matched("/help")).toEqual({ id: "help", params: {} });
      expect(matched("/status")).toEqual({ id: "optional", params: { slug: undefined } });
      expect(matched("/status/muenchen")).toEqual({
        id: "optional",
        params: { slug: "muenchen" },
      });
      expect(matched("/no/such/page")).toEqual({ id: "splat", params: { "*": "no/such/page" } });
    }
  });

  test("case and whole-path matching stay part of the pattern", () => {
    expect(matchPath({ path: "/help", caseSensitive: false }, "/HELP")).not.toBeNull();
    expect(matchPath({ path: "/help", caseSensitive: true }, "/HELP")).toBeNull();
    expect(matchPath({ path: "/help", end: true }, "/help/faq")).toBeNull();
    expect(matchPath({ path: "/help", end: false }, "/help/faq")?.pathnameBase).toBe("/help");
  });

  test("encoded and unusual paths match as before", () => {
    expect(matched("/tags/st%C3%B6rung")).toEqual({ id: "tag", params: { tag: "störung" } });
    expect(matched("/articles/a%2Fb")).toEqual({ id: "article", params: { slug: "a/b" } });
    expect(matched("/Articles/X")).toEqual({ id: "article", params: { slug: "X" } });
  });
});
