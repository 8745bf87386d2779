import { expect, test } from "vitest";

import { createRateLimiter } from "./rate-limit.server.ts";

test("A key may burst, is then refused with a wait, and refills over time", () => {
  const limiter = createRateLimiter({ perSecond: 2, burst: 3 });
  for (let i = 0; i < 3; i++) expect(limiter.take("a", 0)).toEqual({ ok: true });
  expect(limiter.take("a", 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
  // Another key has its own bucket.
  expect(limiter.take("b", 0)).toEqual({ ok: true });
  expect(limiter.take("a", 500)).toEqual({ ok: true });
  expect(limiter.take("a", 500).ok).toBe(false);
});

test("A slow refill names a longer wait", () => {
  const limiter = createRateLimiter({ perSecond: 0.25, burst: 1 });
  expect(limiter.take("a", 0).ok).toBe(true);
  expect(limiter.take("a", 0)).toEqual({ ok: false, retryAfterSeconds: 4 });
});

test("Idle keys are forgotten when too many are held, busy ones are kept", () => {
  const limiter = createRateLimiter({ perSecond: 1, burst: 2, maxKeys: 2 });
  limiter.take("busy", 0);
  limiter.take("busy", 0);
  limiter.take("idle", 0);
  limiter.take("new", 1500);
  // "busy" still has less than a full bucket at 1.5 s, so it was kept and is nearly empty.
  expect(limiter.take("busy", 1500)).toEqual({ ok: true });
  expect(limiter.take("busy", 1500).ok).toBe(false);
});
