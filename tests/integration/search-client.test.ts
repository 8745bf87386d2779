/**
 * The client searches go through (search/client.ts): node:http on kept-alive sockets to a local
 * engine. Checked against this file's real Meilisearch, and a real server that never answers.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
} from "meilisearch";
import { afterAll, expect, test } from "vitest";

import { createQueryClient, createSearchClient, keepAliveRequest } from "../../search/client.ts";

const connection = { host: process.env.MEILI_HOST!, apiKey: process.env.MEILI_MASTER_KEY! };
const index = "test_client_check";

afterAll(async () => {
  await createSearchClient(connection).deleteIndex(index).waitTask();
});

test("Searches answer the same through the kept-alive client as through fetch", async () => {
  const admin = createSearchClient(connection);
  await admin
    .index(index)
    .addDocuments([
      { id: 1, title: "eSIM auf neues Handy übertragen" },
      { id: 2, title: "Rechnung doppelt abgebucht" },
    ])
    .waitTask();
  const queries = [{ indexUid: index, q: "esim", attributesToHighlight: ["title"] }];
  const viaFetch = await admin.multiSearch({ queries });
  const viaHttp = await createQueryClient(connection).multiSearch({ queries });
  expect(viaHttp.results[0]!.hits).toEqual(viaFetch.results[0]!.hits);
  expect(viaHttp.results[0]!.hits.map((hit) => hit.id)).toEqual([1]);
});

test("Consecutive searches reuse one connection", async () => {
  const agent = new http.Agent({ keepAlive: true });
  const send = keepAliveRequest(agent);
  const sockets = new Set<unknown>();
  agent.on("free", (socket) => sockets.add(socket));
  for (let i = 0; i < 5; i++) {
    await send(`${connection.host}/health`, { method: "GET" });
  }
  expect(sockets.size).toBe(1);
  agent.destroy();
});

test("An engine refusal keeps the engine's code, message and status", async () => {
  const queries = [{ indexUid: "test_no_such_index", q: "x" }];
  const refusal = (client: ReturnType<typeof createQueryClient>) =>
    client.multiSearch({ queries }).catch((caught: unknown) => caught);
  const viaFetch = (await refusal(createSearchClient(connection))) as MeilisearchApiError;
  const error = await refusal(createQueryClient(connection));
  expect(error).toBeInstanceOf(MeilisearchRequestError);
  const cause = (error as MeilisearchRequestError).cause as MeilisearchApiError;
  expect(cause).toBeInstanceOf(MeilisearchApiError);
  expect(cause.cause?.code).toBe("index_not_found");
  expect(cause.message).toBe(viaFetch.message);
  expect(cause.response.status).toBe(viaFetch.response.status);
});

test("A wrong key is refused, not answered", async () => {
  const client = createQueryClient({ host: connection.host, apiKey: "not-the-key" });
  const error = await client
    .multiSearch({ queries: [{ indexUid: index, q: "esim" }] })
    .catch((caught: unknown) => caught);
  const cause = (error as MeilisearchRequestError).cause as MeilisearchApiError;
  expect(cause.response.status).toBe(403);
});

test("An engine that never answers fails the search at the client's timeout and is let go", async () => {
  let closed!: Promise<void>;
  const silent = http.createServer((request) => {
    closed = new Promise((resolve) => request.socket.once("close", () => resolve()));
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const { port } = silent.address() as AddressInfo;
  try {
    const client = createQueryClient({ host: `http://127.0.0.1:${port}`, apiKey: "key" });
    const error = await client
      .multiSearch({ queries: [{ indexUid: index, q: "esim" }] })
      .catch((caught: unknown) => caught);
    const cause = (error as MeilisearchRequestError).cause;
    expect(cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
    expect((cause as Error).message).toMatch(/3000 ?ms/);
    // The request was sent, and the timed-out connection is closed, not left open.
    await closed;
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});

test("An engine that is not running fails the search with the refused connection", async () => {
  const client = createQueryClient({ host: "http://127.0.0.1:9", apiKey: "key" });
  const error = await client
    .multiSearch({ queries: [{ indexUid: index, q: "esim" }] })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(MeilisearchRequestError);
  expect(((error as MeilisearchRequestError).cause as NodeJS.ErrnoException).code).toBe(
    "ECONNREFUSED",
  );
});

test("A kept-alive connection the engine dropped is retried once on a fresh one", async () => {
  // A server that drops each connection at its second request, as an engine restarting or
  // closing an idle connection at the moment it is reused.
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    const socket = request.socket as typeof request.socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    if (socket.served > 1) return void socket.destroy();
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ status: "available" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  const send = keepAliveRequest(agent);
  try {
    const url = `http://127.0.0.1:${port}/health`;
    expect(await send(url)).toEqual({ status: "available" });
    expect(await send(url)).toEqual({ status: "available" });
    // The dropped request and its retry on a new connection.
    expect(requests).toBe(3);
  } finally {
    agent.destroy();
    server.closeAllConnections();
    server.close();
  }
});
