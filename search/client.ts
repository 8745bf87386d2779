import http from "node:http";

import { Meilisearch, MeilisearchApiError, type MeilisearchErrorResponse } from "meilisearch";

export interface SearchConnection {
  host: string;
  apiKey?: string;
}

const isLoopback = (host: string) =>
  /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/.test(host);

/**
 * The options every client of this server gets. Local servers get `accept-encoding: identity`:
 * with compression every loopback call stalls about 40 ms
 * (docs/decisions/006-identity-encoding-on-loopback.md).
 */
function clientOptions({ host, apiKey }: SearchConnection) {
  return {
    host,
    apiKey,
    timeout: 3000,
    requestInit: isLoopback(host) ? { headers: { "accept-encoding": "identity" } } : undefined,
  };
}

/** Returns a client for the given server. */
export function createSearchClient(connection: SearchConnection): Meilisearch {
  return new Meilisearch(clientOptions(connection));
}

/**
 * Returns the client for searches, the call every search page and API answer waits for. For a
 * server on this machine its requests go over node:http on kept-alive sockets instead of fetch,
 * which spent about a millisecond of the app's CPU per call on web streams (decision note 019).
 * Engine refusals still arrive as a MeilisearchApiError, as the `cause` of the client's
 * MeilisearchRequestError. A remote server keeps fetch, which decompresses its answers.
 */
export function createQueryClient(connection: SearchConnection): Meilisearch {
  if (!isLoopback(connection.host)) return createSearchClient(connection);
  return new Meilisearch({
    ...clientOptions(connection),
    httpClient: keepAliveRequest(new http.Agent({ keepAlive: true })),
  });
}

/**
 * A fetch-shaped request over `agent` that resolves to the parsed JSON answer. A kept-alive
 * socket the engine closed while it sat idle fails at once with ECONNRESET; such a request is
 * sent once more on a fresh socket, as Node's documentation advises (`request.reusedSocket`).
 */
export function keepAliveRequest(agent: http.Agent) {
  return (input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) return reject(signal.reason);
      const send = (retry: boolean) => {
        const request = http.request(
          String(input),
          {
            agent,
            method: init.method ?? "GET",
            headers: Object.fromEntries(new Headers(init.headers)),
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk: Buffer) => chunks.push(chunk));
            response.on("error", reject);
            response.on("end", () => settle(response, Buffer.concat(chunks).toString("utf8")));
          },
        );
        // The client's timeout (and a caller's signal) abort through init.signal.
        const abort = () => request.destroy(signal?.reason as Error);
        signal?.addEventListener("abort", abort, { once: true });
        request.on("close", () => signal?.removeEventListener("abort", abort));
        request.on("error", (error: NodeJS.ErrnoException) => {
          if (signal?.aborted) return reject(signal.reason);
          if (retry && request.reusedSocket && error.code === "ECONNRESET") return send(false);
          reject(error);
        });
        request.end(typeof init.body === "string" ? init.body : undefined);
      };
      const settle = (response: http.IncomingMessage, text: string) => {
        const status = response.statusCode ?? 0;
        try {
          const parsed: unknown = text === "" ? undefined : JSON.parse(text);
          if (status >= 200 && status < 300) return resolve(parsed);
          const answer = new Response(text || null, { status, statusText: response.statusMessage });
          reject(new MeilisearchApiError(answer, parsed as MeilisearchErrorResponse));
        } catch (error) {
          reject(error);
        }
      };
      send(true);
    });
}
