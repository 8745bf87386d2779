import { Meilisearch } from "meilisearch";

export interface SearchConnection {
  host: string;
  apiKey?: string;
}

/**
 * Returns a client for the given server. Local servers get `accept-encoding: identity`: with
 * compression every loopback call stalls about 40 ms (docs/decisions/006-identity-encoding-on-loopback.md).
 */
export function createSearchClient({ host, apiKey }: SearchConnection): Meilisearch {
  const loopback = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(host);
  return new Meilisearch({
    host,
    apiKey,
    timeout: 3000,
    requestInit: loopback ? { headers: { "accept-encoding": "identity" } } : undefined,
  });
}
