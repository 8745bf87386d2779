import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";

import { launchBrowser } from "./browser.ts";
import { DEMO_PASSWORD, postForm, signedInContext, signInCookie } from "./session.ts";

const OUTAGE = "/articles/netzstoerung-hamburg-berlin-datenabbrueche";
const INTERNAL_DETAIL = "NOC-5182"; // ticket number inside the seeded article's internal note

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("in the browser", () => {
  test("An agent signs in, lands on the page they wanted and sees the internal note highlighted", async () => {
    const context = await browser.newContext({ locale: "de-DE", baseURL: inject("baseUrl") });
    const page = await context.newPage();
    await page.goto("/?q=roaming");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("E-Mail").fill("agent@lagebild.example");
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.search === "?q=roaming");

    await page.goto(OUTAGE);
    const note = page.getByRole("note", { name: "Interne Notiz" }).first();
    await expect.poll(() => note.textContent()).toContain(INTERNAL_DETAIL);
    const background = await note.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe("rgba(0, 0, 0, 0)");
    await context.close();
  });

  test("The same article opened by a customer in a fresh browser shows no internal note", async () => {
    const context = await browser.newContext({ locale: "de-DE", baseURL: inject("baseUrl") });
    const page = await context.newPage();
    await page.goto(OUTAGE);
    expect(new URL(page.url()).pathname).toBe("/help/netzstoerung-hamburg-berlin-datenabbrueche");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toMatch(/Netzstörung/);
    expect(await page.getByRole("note").count()).toBe(0);
    expect(await page.content()).not.toContain(INTERNAL_DETAIL);
    await context.close();
  });

  test("A wrong password shows a clear message and keeps the address the user wanted", async () => {
    const page = await browser.newPage({ locale: "en-GB", baseURL: inject("baseUrl") });
    await page.goto("/login?redirectTo=%2Fadmin%2Fusers");
    await page.getByLabel("Email").fill("agent@lagebild.example");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("Email or password is wrong.");
    expect(await page.locator('input[name="redirectTo"]').inputValue()).toBe("/admin/users");
    await page.close();
  });

  test("Signing out ends the session: the staff search asks to sign in again", async () => {
    const context = await signedInContext(browser, inject("baseUrl"), "engineer@lagebild.example");
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/login");
    await page.goto("/?q=apn");
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });
});

describe("over HTTP", () => {
  test("A forged form post from another site is refused with 403 and writes nothing", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "admin@lagebild.example");
    const mallory = new URLSearchParams({
      intent: "create",
      name: "Mallory",
      email: "mallory@evil.example",
      role: "admin",
      password: "0123456789ab",
    });
    const form = { cookie, "Content-Type": "application/x-www-form-urlencoded" };
    // From another site, and with no Origin (or Referer) at all.
    for (const headers of [{ ...form, Origin: "https://evil.example" }, form]) {
      const response = await fetch(`${baseUrl}/admin/users`, {
        method: "POST",
        headers,
        body: mallory,
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    const list = await (await fetch(`${baseUrl}/admin/users`, { headers: { cookie } })).text();
    expect(list).not.toContain("mallory@evil.example");
  });

  test("An agent gets 403 on the admin pages, an admin gets them", async () => {
    const baseUrl = inject("baseUrl");
    const agent = await signInCookie(baseUrl, "agent@lagebild.example");
    const admin = await signInCookie(baseUrl, "admin@lagebild.example");
    for (const path of ["/admin/users", "/admin/audit"]) {
      expect((await fetch(`${baseUrl}${path}`, { headers: { cookie: agent } })).status, path).toBe(
        403,
      );
      expect((await fetch(`${baseUrl}${path}`, { headers: { cookie: admin } })).status, path).toBe(
        200,
      );
    }
  });

  test("After an expired session the sign-in page says so and keeps where to go back", async () => {
    const response = await fetch(`${inject("baseUrl")}/login?redirectTo=%2Freview&expired=1`, {
      headers: { "accept-language": "en-GB" },
    });
    const html = await response.text();
    expect(html).toContain("Your session has expired. Please sign in again.");
    expect(html).toContain('name="redirectTo" value="/review"');
  });

  test("The session cookie is HttpOnly and SameSite=Lax", async () => {
    const baseUrl = inject("baseUrl");
    const response = await fetch(`${baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "comms@lagebild.example", password: DEMO_PASSWORD }),
    });
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  test("Help pages carry Cache-Control and an ETag, and answer 304 when unchanged", async () => {
    const url = `${inject("baseUrl")}/help/netzstoerung-hamburg-berlin-datenabbrueche`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/public/);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await fetch(url, { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  });
});

describe("during a spike", () => {
  test("A public page is rendered once and then served from the short cache, the same for everyone", async () => {
    const baseUrl = inject("baseUrl");
    const url = `${baseUrl}/help/stoerung-muenchen-volte-anrufe?spike=${Date.now()}`;
    const first = await fetch(url);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = await first.text();
    const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
    const second = await fetch(url, { headers: { cookie } });
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(await second.text()).toBe(body);
    expect(body).not.toContain("Anna Agent");
    const unchanged = await fetch(url, {
      headers: { "If-None-Match": first.headers.get("etag")! },
    });
    expect(unchanged.status).toBe(304);
  });
});

test("Unpublishing an article takes it off the cached help centre at once", async () => {
  const baseUrl = inject("baseUrl");
  const comms = await signInCookie(baseUrl, "comms@lagebild.example");
  const title = `Statusmeldung ${Date.now()}`;
  const fields = {
    title,
    kind: "incident",
    visibility: "public",
    ownerId: "none",
    markdown: "Wir arbeiten daran.",
  };
  const created = await postForm(baseUrl, "/articles/new", comms, fields);
  expect(created.status).toBe(302);
  const slug = created.headers.get("location")!.replace("/articles/", "");
  const helpUrl = `${baseUrl}/help/${slug}`;
  expect((await fetch(helpUrl)).status).toBe(200);
  expect((await fetch(helpUrl)).headers.get("x-cache")).toBe("HIT");

  const unpublished = await postForm(baseUrl, `/articles/${slug}/edit`, comms, {
    ...fields,
    visibility: "internal",
    baseRevision: "1",
  });
  expect(unpublished.status).toBe(302);
  expect((await fetch(helpUrl)).status).toBe(404);
});
