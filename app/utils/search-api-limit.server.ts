import { getEnv } from "./env.server.ts";
import { createRateLimiter, type RateLimiter } from "./rate-limit.server.ts";

let limiters: { known: RateLimiter; anonymous: RateLimiter } | undefined;

/**
 * The rate limit of /api/search for a kind of caller: tokens and sessions get
 * SEARCH_API_PER_SECOND (bursts of three seconds' worth), anonymous addresses a quarter of it.
 */
export function searchApiLimit(kind: "token" | "user" | "anonymous"): RateLimiter {
  if (!limiters) {
    const perSecond = getEnv().SEARCH_API_PER_SECOND;
    limiters = {
      known: createRateLimiter({ perSecond, burst: perSecond * 3 }),
      anonymous: createRateLimiter({ perSecond: perSecond / 4, burst: (perSecond * 3) / 4 }),
    };
  }
  return kind === "anonymous" ? limiters.anonymous : limiters.known;
}
