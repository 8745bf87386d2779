/**
 * Attacks on the HTTP edge of the running server (issue 8): open redirects after sign-in, forged
 * Host headers against the shared public cache, oversized bodies, missing security headers,
 * forged cross-site posts carrying a bearer header, and what /healthz tells strangers.
 */
import { readFile } from "node:fs/promises";
import http from "node:http";

import type { Browser, ConsoleMessage } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { startServer } from "../setup/server-process.ts";

import { launchBrowser } from "./browser.ts";
import { DEMO_PASSWORD, signInCookie } from "./session.ts";

const baseUrl = () => inject("baseUrl");
const ARTICLE = "netzstoerung-hamburg-berlin-datenabbrueche";

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with headers fetch() would not send as given (Host), read whole. */
function rawGet(path: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(path, baseUrl()), { headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on("error", reject);
  });
}

/**
 * Posts `total` bytes in 64 KB chunks, announced by Content-Length or sent chunked, and stops
 * sending as soon as the server answers. Returns the answer and how much was sent by then.
 */
function postLarge(
  path: string,
  total: number,
  framing: "content-length" | "chunked",
): Promise<RawAnswer & { sent: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      Origin: baseUrl(),
      "Content-Type": "application/x-www-form-urlencoded",
    };
    if (framing === "content-length") headers["Content-Length"] = total;
    const request = http.request(new URL(path, baseUrl()), { method: "POST", headers });
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, sent });
        request.destroy();
      });
    });
    request.on("error", (error) => answered || reject(error));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (sent < total) {
        if (answered) return;
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

async function serverRssMb(): Promise<number> {
  const status = await readFile(`/proc/${inject("serverPid")}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

function signInWithRedirect(redirectTo: string) {
  return fetch(`${baseUrl()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      email: "agent@lagebild.example",
      password: DEMO_PASSWORD,
      redirectTo,
    }),
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("redirect after sign-in", () => {
  const foreign = [
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    decodeURIComponent("/%5Cevil.example"),
    "/\r\n/evil.example",
    "https://evil.example/",
    // eslint-disable-next-line no-script-url -- the attack being refused
    "javascript:alert(document.cookie)",
  ];

  test.each(foreign)("Signing in with redirectTo=%j stays on the site", async (target) => {
    const response = await signInWithRedirect(target);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, baseUrl());
    expect(location.origin).toBe(new URL(baseUrl()).origin);
    expect(location.href).not.toContain("evil");
  });

  test("A request path starting with two slashes stays a path of this site, never a 500", async () => {
    for (const target of ["//?q=sim", "//evil.example/help", "///help?q=esim", "//"]) {
      const response = await fetch(`${baseUrl()}${target}`, { redirect: "manual" });
      expect(response.status, target).toBeLessThan(500);
      const location = response.headers.get("location");
      if (location)
        expect(new URL(location, baseUrl()).origin, target).toBe(new URL(baseUrl()).origin);
    }
  });

  test("An address on the site survives sign-in with its query and fragment", async () => {
    const response = await signInWithRedirect("/articles/x?y=1#z");
    expect(response.headers.get("location")).toBe("/articles/x?y=1#z");
  });

  test("A signed-in visitor sent to /login with a foreign target stays on the site", async () => {
    const cookie = await signInCookie(baseUrl(), "agent@lagebild.example");
    const response = await fetch(`${baseUrl()}/login?redirectTo=%2F%09%2Fevil.example`, {
      redirect: "manual",
      headers: { cookie },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });

  test("In Chromium, /login?redirectTo=/%09/evil.example lands on the app, not on evil.example", async () => {
    const context = await browser.newContext({ locale: "en-GB", baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto("/login?redirectTo=/%09/evil.example");
    await page.getByLabel("Email").fill("agent@lagebild.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    expect(new URL(page.url()).host).toBe(new URL(baseUrl()).host);
    await context.close();
  });
});

describe("forged Host headers", () => {
  const port = new URL(baseUrl()).port;
  const forged: Record<string, string>[] = [
    { Host: "evil.example" },
    { Host: `evil.example:${port}` },
    { Host: `localhost:${port}@evil.example` },
    { Host: `localhost:${port}`, "X-Forwarded-Host": "evil.example" },
  ];

  test.each(["/sitemap.xml", "/help/feed.xml", "/api/public/articles"])(
    "%s: a forged host is refused and the next visitor gets no evil link",
    async (path) => {
      for (const headers of forged) {
        const poisoned = await rawGet(path, headers);
        expect(poisoned.status, JSON.stringify(headers)).toBe(400);
        expect(poisoned.body).not.toContain("evil.example");
      }
      const normal = await rawGet(path, { Host: `localhost:${port}` });
      expect(normal.status).toBe(200);
      expect(normal.body).toContain(`http://localhost:${port}/help/`);
      expect(normal.body).not.toContain("evil.example");
    },
  );
});

test("A production server open to other machines without APP_ORIGIN refuses to start, saying why", async () => {
  await expect(startServer({ HOST: "0.0.0.0" })).rejects.toThrow(
    /Lagebild cannot start: Set APP_ORIGIN/,
  );
});

describe("oversized bodies", () => {
  test.each(["content-length", "chunked"] as const)(
    "A 150 MB anonymous sign-in post (%s) is refused with 413 and the server does not grow",
    async (framing) => {
      const before = await serverRssMb();
      const answer = await postLarge("/login", 150 * 1024 * 1024, framing);
      expect(answer.status).toBe(413);
      expect(answer.body).toMatch(/too large.*64 KB/i);
      expect(answer.sent).toBeLessThan(150 * 1024 * 1024);
      expect(await serverRssMb()).toBeLessThan(before + 40);
    },
  );

  test("A sign-in post just over 64 KB is refused before the password is checked", async () => {
    const response = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: "agent@lagebild.example",
        password: DEMO_PASSWORD,
        padding: "x".repeat(64 * 1024),
      }),
    });
    expect(response.status).toBe(413);
  });

  test("An editor save may be larger than a form, but not unbounded", async () => {
    const cookie = await signInCookie(baseUrl(), "engineer@lagebild.example");
    const post = (bytes: number) =>
      fetch(`${baseUrl()}/articles/${ARTICLE}/edit`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          Origin: baseUrl(),
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: `baseRevision=1&title=x&padding=${"x".repeat(bytes)}`,
      });
    // 2 MB is what a large article can weigh once form-encoded: it reaches the route (400 there).
    expect((await post(2 * 1024 * 1024)).status).not.toBe(413);
    const huge = await postLarge(`/articles/${ARTICLE}/edit`, 20 * 1024 * 1024, "chunked");
    expect(huge.status).toBe(413);
  });
});

describe("security headers", () => {
  test("A public page forbids framing and foreign scripts, and its inline scripts carry the nonce", async () => {
    const response = await fetch(`${baseUrl()}/help`);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });

  test("Staff pages and APIs are never stored by caches", async () => {
    const cookie = await signInCookie(baseUrl(), "agent@lagebild.example");
    for (const path of ["/", `/articles/${ARTICLE}`, "/review", "/login"]) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
      expect(response.headers.get("cache-control"), path).toContain("no-store");
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  test("With the policy in force, public and staff pages hydrate without a CSP violation", async () => {
    const context = await browser.newContext({ locale: "en-GB", baseURL: baseUrl() });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ["/help", `/help/${ARTICLE}`, "/login"]) {
      await page.goto(path);
      await page.waitForSelector("html[data-hydrated=true]");
    }
    await page.getByLabel("Email").fill("engineer@lagebild.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto(`/articles/${ARTICLE}/edit`);
    await page.waitForSelector("html[data-hydrated=true]");
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe("forged cross-site posts", () => {
  test("A bearer header does not let another site's post ride on the session cookie", async () => {
    const cookie = await signInCookie(baseUrl(), "agent@lagebild.example");
    const forged = await fetch(`${baseUrl()}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie,
        Origin: "https://evil.example",
        Authorization: "Bearer anything",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "",
    });
    expect(forged.status).toBe(403);
    // Still signed in: the forged sign-out did nothing.
    const home = await fetch(`${baseUrl()}/`, { redirect: "manual", headers: { cookie } });
    expect(home.status).toBe(200);
  });
});

describe("/healthz", () => {
  test("Anonymous visitors learn only whether the app is ok", async () => {
    const response = await fetch(`${baseUrl()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("Signed-in staff see each part", async () => {
    const cookie = await signInCookie(baseUrl(), "agent@lagebild.example");
    const response = await fetch(`${baseUrl()}/healthz`, { headers: { cookie } });
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: { ok: true },
      search: { ok: true },
    });
  });
});
