import { describe, expect, test } from "vitest";

import { matchArticleLinkTrigger } from "./article-link-picker.tsx";

describe("the [[ article picker", () => {
  test("Typing [[ opens it with what follows as the search", () => {
    expect(matchArticleLinkTrigger("Siehe [[APN and")).toEqual({
      leadOffset: 6,
      matchingString: "APN and",
      replaceableString: "[[APN and",
    });
    expect(matchArticleLinkTrigger("[[")).toMatchObject({ leadOffset: 0, matchingString: "" });
  });

  test("A closed [[link]], a third bracket or a single [ does not open it", () => {
    expect(matchArticleLinkTrigger("see [[APN]] now")).toBeNull();
    expect(matchArticleLinkTrigger("array[[[0")).toBeNull();
    expect(matchArticleLinkTrigger("see [APN")).toBeNull();
  });
});
