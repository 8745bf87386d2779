/**
 * How finished answers leave the server (decision note 019): a page or an API answer is sent
 * whole, with its length, gzipped when the client asks for it, and the bytes on the wire are the
 * page. Read with node:http, which (unlike fetch) shows the compressed bytes as they arrived.
 */
import http from "node:http";
import { gunzipSync } from "node:zlib";

import { beforeAll, describe, expect, inject, test } from "vitest";

import { startServer } from "../setup/server-process.ts";

import { signInCookie } from "./session.ts";

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

function raw(path: string, headers: Record<string, string>, method = "GET") {
  return new Promise<RawAnswer>((resolve, reject) => {
    const request = http.request(`${inject("baseUrl")}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bytes: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

describe("Finished answers", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signInCookie(inject("baseUrl"), "agent@lagebild.example");
  });

  test("A search page asked for with gzip arrives gzipped, whole, with its length", async () => {
    const answer = await raw("/?q=esim", { cookie, "accept-encoding": "gzip, deflate, br" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(answer.headers["content-length"])).toBe(answer.bytes.length);
    expect(answer.headers.vary).toMatch(/Accept-Encoding/i);
    const html = gunzipSync(answer.bytes).toString("utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toMatch(/results? for “esim”/);
    expect(html).toContain("streamController.close()");
    // Compressed for real, not just labelled.
    expect(answer.bytes.length).toBeLessThan(html.length / 2);
  });

  test("Without gzip in Accept-Encoding the same page arrives as it is", async () => {
    for (const accept of [undefined, "identity", "gzip;q=0, identity"]) {
      const headers: Record<string, string> = { cookie };
      if (accept) headers["accept-encoding"] = accept;
      const answer = await raw("/?q=esim", headers);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(Number(answer.headers["content-length"])).toBe(answer.bytes.length);
      expect(answer.bytes.toString("utf8")).toMatch(/results? for “esim”/);
    }
  });

  test("An API answer is gzipped whole and parses", async () => {
    const answer = await raw("/api/search?q=esim", { cookie, "accept-encoding": "gzip" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(Number(answer.headers["content-length"])).toBe(answer.bytes.length);
    const body = JSON.parse(gunzipSync(answer.bytes).toString("utf8"));
    expect(body.hits.length).toBeGreaterThan(0);
  });

  test("A HEAD request gets the page's status and headers and no body", async () => {
    const answer = await raw("/?q=esim", { cookie, "accept-encoding": "gzip" }, "HEAD");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/text\/html/);
    expect(answer.bytes.length).toBe(0);
  });

  test("German and English pages asked in turn each keep their own texts", async () => {
    // The server remembers texts per language and options (entry.server.tsx, note 023): one
    // language's text, or one query's, must never answer for another.
    for (let round = 0; round < 3; round++) {
      for (const q of ["esim", "apn"]) {
        for (const [language, own, other, heading] of [
          ["de-DE,de;q=0.9", "Artikel durchsuchen", "Search articles", `Treffer für „${q}“`],
          ["en-GB,en;q=0.9", "Search articles", "Artikel durchsuchen", `results for “${q}”`],
        ] as const) {
          const answer = await raw(`/?q=${q}`, { cookie, "accept-language": language });
          const html = answer.bytes.toString("utf8");
          expect(html).toContain(own);
          expect(html).not.toContain(other);
          expect(html).toContain(heading);
          expect(html).not.toMatch(q === "esim" ? /[„“]apn[“”]/ : /[„“]esim[“”]/);
        }
      }
    }
  });

  test("A public help page is cached whole and gzipped too", async () => {
    const answer = await raw("/help", { "accept-encoding": "gzip" });
    expect(answer.status).toBe(200);
    expect(answer.headers.etag).toBeTruthy();
    expect(answer.headers["content-encoding"]).toBe("gzip");
    const html = gunzipSync(answer.bytes).toString("utf8");
    expect(html).toContain("streamController.close()");
  });
});

test("Event streams that visitors leave end quietly: no error in the server's log", async () => {
  // Its own server, to read its log.
  const server = await startServer();
  try {
    const logged = server.output().length;
    for (let visit = 0; visit < 3; visit++) {
      const controller = new AbortController();
      const response = await fetch(`${server.baseUrl}/status/events`, {
        signal: controller.signal,
      });
      await response.body!.getReader().read();
      controller.abort();
    }
    // The server notices each closed connection within a few milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.output().slice(logged)).toBe("");
    expect((await fetch(`${server.baseUrl}/status`)).status).toBe(200);
  } finally {
    await server.stop();
  }
});
