import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { closedPort, startServer, type ServerProcess } from "../setup/server-process.ts";

import { signInCookie } from "./session.ts";

const german = { "accept-language": "de-DE,de;q=0.9" };

describe("with the search engine down", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ MEILI_HOST: `http://127.0.0.1:${await closedPort()}` });
  });
  afterAll(() => server?.stop());

  test("The app still starts and /healthz answers 503, with the reason for staff", async () => {
    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    const response = await fetch(`${server.baseUrl}/healthz`, { headers: { cookie } });
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.database.ok).toBe(true);
    expect(body.search.ok).toBe(false);
    expect(body.search.detail).toMatch(/fail|refused|ECONNREFUSED/i);
  });

  test("The search page says search is unavailable and still lists matches from the database", async () => {
    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    const response = await fetch(`${server.baseUrl}/?q=Roaming`, {
      headers: { ...german, cookie },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Die Suche ist gerade nicht erreichbar");
    // Results, not the echoed query: links to the matching articles.
    expect(html).toContain('href="/articles/faq-roaming-eu"');
    expect(html).toContain('href="/articles/roaming-outside-eu"');
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });

  test("Article pages still render from the database", async () => {
    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    const slug = "netzstoerung-hamburg-berlin-datenabbrueche";
    const response = await fetch(`${server.baseUrl}/articles/${slug}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<h1[^>]*>Netzstörung Hamburg und Berlin/);
    // The staff page itself (its history link), not the public help page.
    expect(html).toContain(`href="/articles/${slug}/history"`);
  });
});

test("A malformed MEILI_HOST does not stop the app: /healthz names the problem", async () => {
  const server = await startServer({ MEILI_HOST: "meili-without-scheme:7700" });
  try {
    const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
    const response = await fetch(`${server.baseUrl}/healthz`, { headers: { cookie } });
    expect(response.status).toBe(503);
    expect((await response.json()).search.detail).toContain("MEILI_HOST is not an http(s) URL");
  } finally {
    await server.stop();
  }
});

describe("on the normal server", () => {
  test("/healthz reports both the database and the search engine up", async () => {
    const cookie = await signInCookie(inject("baseUrl"), "agent@lagebild.example");
    const response = await fetch(`${inject("baseUrl")}/healthz`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ database: { ok: true }, search: { ok: true } });
  });

  test("An unknown article is a real 404 page in the visitor's language", async () => {
    const response = await fetch(`${inject("baseUrl")}/articles/gibt-es-nicht`, {
      headers: german,
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Seite nicht gefunden");
  });

  test("An unknown address is a 404 page too", async () => {
    const response = await fetch(`${inject("baseUrl")}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page not found");
  });
});
