import { expect, test } from "vitest";

import { isLiveStreamPath, isPublicPath } from "./public-paths.ts";

test("The status page and its feeds are public; the event streams are neither public nor cached", () => {
  for (const path of ["/status", "/status/stoerung-kiel", "/status.atom", "/status/x.atom"]) {
    expect(isPublicPath(path), path).toBe(true);
  }
  for (const path of ["/status/events", "/incidents/events"]) {
    expect(isPublicPath(path), path).toBe(false);
    expect(isLiveStreamPath(path), path).toBe(true);
  }
  expect(isPublicPath("/statusx")).toBe(false);
  expect(isPublicPath("/incidents/stoerung-kiel")).toBe(false);
});
