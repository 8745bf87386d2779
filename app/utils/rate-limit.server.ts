/**
 * In-process token buckets: each key may burst up to `burst` requests and then `perSecond`.
 * One process serves the app (decision 012), so no shared store is needed.
 */
export interface RateLimiter {
  /** Takes one request from the key's bucket, or says how many seconds until one is free. */
  take(key: string, now?: number): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** Creates a limiter; idle full buckets are forgotten once more than `maxKeys` are held. */
export function createRateLimiter(options: {
  perSecond: number;
  burst: number;
  maxKeys?: number;
}): RateLimiter {
  const { perSecond, burst, maxKeys = 10_000 } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, now: number) => {
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
  };
  return {
    take(key, now = Date.now()) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) {
          for (const [other, held] of buckets) {
            refill(held, now);
            if (held.tokens >= burst) buckets.delete(other);
          }
        }
        bucket = { tokens: burst, at: now };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perSecond) };
    },
  };
}
