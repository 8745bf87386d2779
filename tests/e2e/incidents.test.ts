import type { Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";

import { signedInBrowser } from "./browser.ts";
import { loaderData, postForm, signInCookie } from "./session.ts";

const ongoing = "/incidents/stoerung-muenchen-volte-anrufe";
const resolved = "/incidents/netzstoerung-hamburg-berlin-datenabbrueche";

const contextFor = signedInBrowser();

async function reportCount(page: Page) {
  const text = await page.locator("#report-count").textContent();
  return Number(/(\d+) reports?/.exec(text ?? "")?.[1]);
}

const english = { "accept-language": "en-GB,en;q=0.9" };

describe("another customer affected", () => {
  test("Without JavaScript one click counts a report and comes back to the incident", async () => {
    const page = await (await contextFor("ben.berger@lagebild.example", false)).newPage();
    await page.goto(ongoing);
    const before = await reportCount(page);
    await page.getByRole("button", { name: "Another customer affected" }).click();
    await page.waitForURL(`**${ongoing}?reported=logged`);
    expect(await reportCount(page)).toBe(before + 1);
    await expect.poll(() => page.getByText("Counted. Thank you.").isVisible()).toBe(true);
  });

  test("With JavaScript the count goes up without reloading the page", async () => {
    const page = await (await contextFor("agent@lagebild.example", true)).newPage();
    await page.goto(ongoing);
    await page.locator("html[data-hydrated]").waitFor();
    const before = await reportCount(page);
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    await page.getByRole("button", { name: "Another customer affected" }).click();
    await page.getByText("Counted. Thank you.").waitFor();
    await expect.poll(() => reportCount(page)).toBe(before + 1);
    expect(await page.evaluate(() => "stillTheSamePage" in window)).toBe(true);
    // Answered in place: no navigation to the no-script redirect target either.
    expect(page.url()).not.toContain("reported=");
  });

  test("A malformed postcode is shown as a field error, and the report still counts", async () => {
    const page = await (await contextFor("comms@lagebild.example", false)).newPage();
    await page.goto(ongoing);
    const before = await reportCount(page);
    await page.getByText("Add postcode or symptom").click();
    await page.getByLabel("Postcode (optional)").fill("8033");
    await page.getByRole("button", { name: "Count with details" }).click();
    await page.getByText(/Not a German postcode/).waitFor();
    expect(await reportCount(page)).toBe(before + 1);
  });

  test("Two posts of the same agent at once (a double click) count once", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "fatma.yilmaz@lagebild.example");
    const responses = await Promise.all([
      postForm(baseUrl, ongoing, cookie, {}, english),
      postForm(baseUrl, ongoing, cookie, {}, english),
    ]);
    const places = responses.map((response) => response.headers.get("location")).sort();
    expect(places).toEqual([`${ongoing}?reported=duplicate`, `${ongoing}?reported=logged`]);
  });

  test("A report on a resolved incident is refused with a hint to reopen or open a new one", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
    const response = await postForm(baseUrl, resolved, cookie, {}, english);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain(
      "ask an engineer to reopen it or create a new incident",
    );
  });
});

describe("the page's JSON report endpoint", () => {
  const endpoint = (path: string) => `/api/incidents/${path.replace("/incidents/", "")}/reports`;

  test("Counts an agent's click once, answers with the new count, and refuses bad posts", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "admin@lagebild.example");
    const countNow = async () =>
      (
        await loaderData<{ incident: { reportCount: number } }>(
          baseUrl,
          ongoing,
          "routes/incidents.$slug",
          cookie,
        )
      ).data.incident.reportCount;
    const before = await countNow();
    const [first, second] = await Promise.all([
      postForm(baseUrl, endpoint(ongoing), cookie, { postcode: "80331", symptom: "calls-drop" }),
      postForm(baseUrl, endpoint(ongoing), cookie, {}),
    ]);
    const answers = [await first.json(), await second.json()] as { status: string }[];
    expect(answers.map((answer) => answer.status).sort()).toEqual(["duplicate", "logged"]);
    // Answered in front of express, with the same headers as every other answer.
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await countNow()).toBe(before + 1);

    const refused = [
      // Not signed in.
      await postForm(baseUrl, endpoint(ongoing), "", {}),
      // Another site's page posting with the agent's cookie.
      await fetch(`${baseUrl}${endpoint(ongoing)}`, {
        method: "POST",
        headers: {
          cookie,
          origin: "https://evil.example",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "",
      }),
      // Not a form.
      await fetch(`${baseUrl}${endpoint(ongoing)}`, {
        method: "POST",
        headers: { cookie, origin: baseUrl, "content-type": "application/json" },
        body: "{}",
      }),
      // Far more than a postcode and a symptom.
      await postForm(baseUrl, endpoint(ongoing), cookie, { postcode: "8".repeat(5000) }),
      await postForm(baseUrl, endpoint("/incidents/no-such-incident"), cookie, {}),
      await postForm(baseUrl, endpoint(resolved), cookie, {}),
    ];
    expect(refused.map((response) => response.status)).toEqual([401, 403, 415, 413, 404, 409]);
    expect(await countNow()).toBe(before + 1);
  });

  test("A malformed postcode is a field error in the answer; the report counts without it", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "engineer@lagebild.example");
    const response = await postForm(baseUrl, endpoint(ongoing), cookie, { postcode: "8033" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: "logged",
      postcodeError: expect.stringContaining("five digits"),
    });
  });
});

describe("who may do what", () => {
  test("An agent or engineer posting a statement gets 403 and the statement stays as it was", async () => {
    const baseUrl = inject("baseUrl");
    const comms = await signInCookie(baseUrl, "comms@lagebild.example");
    const statementOf = async () =>
      (
        await loaderData<{
          incident: { statement: { de: string; en: string }; statementVersion: number };
        }>(baseUrl, `${ongoing}/statement`, "routes/incidents.$slug_.statement", comms)
      ).data;
    const before = await statementOf();
    for (const email of ["agent@lagebild.example", "engineer@lagebild.example"]) {
      const cookie = await signInCookie(baseUrl, email);
      const response = await postForm(baseUrl, `${ongoing}/statement`, cookie, {
        statementDe: "Alles wieder gut",
        statementEn: "All good again",
        baseVersion: String(before.incident.statementVersion),
      });
      expect(response.status, email).toBe(403);
    }
    expect(await statementOf()).toEqual(before);
  });

  test("Comms download the reports as CSV; agents get 403", async () => {
    const baseUrl = inject("baseUrl");
    const url = `${baseUrl}${ongoing}/reports.csv`;
    const comms = await fetch(url, {
      headers: { cookie: await signInCookie(baseUrl, "comms@lagebild.example") },
    });
    expect(comms.status).toBe(200);
    expect(comms.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(comms.headers.get("content-disposition")).toContain("reports.csv");
    const lines = (await comms.text()).trim().split("\r\n");
    expect(lines[0]).toBe("time,agent,postcode,area,symptom");
    // The demo's few hundred seeded reports plus the ones the tests above logged.
    expect(lines.length).toBeGreaterThan(340);
    expect(lines.slice(1).every((line) => /^\d{4}-\d\d-\d\dT[^,]+Z,/.test(line))).toBe(true);
    const agent = await fetch(url, {
      headers: { cookie: await signInCookie(baseUrl, "agent@lagebild.example") },
    });
    expect(agent.status).toBe(403);
  });
});

test("Every staff page shows the ongoing incident in the banner", async () => {
  const page = await (await contextFor("engineer@lagebild.example", false)).newPage();
  for (const path of ["/", "/tags", "/articles/apn-einstellungen-android"]) {
    await page.goto(path);
    const banner = page.getByRole("region", { name: "Active incidents" });
    const link = banner.getByRole("link", { name: /^Störung Mobilfunk München/ });
    expect(await link.getAttribute("href"), path).toBe(ongoing);
  }
});

test("An engineer opens an incident, comms write the statement, agents see both on every page", async () => {
  const baseUrl = inject("baseUrl");
  const title = `Störung TV Bremen ${Date.now()}`;
  const engineer = await signInCookie(baseUrl, "engineer@lagebild.example");
  const created = await postForm(baseUrl, "/incidents/new", engineer, {
    title,
    startedAt: "2026-11-30T08:15",
    severity: "minor",
    areas: "Bremen 28195-28779",
    services: "tv",
    summary: "Multicast-Router Bremen",
    detail: "## Lage\n\nTV-Sender frieren ein.",
  });
  expect(created.status).toBe(302);
  const path = created.headers.get("location")!;
  expect(path).toMatch(/^\/incidents\/stoerung-tv-bremen/);

  const refused = await postForm(baseUrl, "/incidents/new", engineer, {
    title: "Kaputt",
    startedAt: "2026-11-30T08:15",
    severity: "minor",
    areas: "Bremen 2819",
  });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("five digits");

  const comms = await signInCookie(baseUrl, "comms@lagebild.example");
  const saved = await postForm(baseUrl, `${path}/statement`, comms, {
    statementDe: "In Bremen frieren TV-Sender ein. Wir arbeiten daran.",
    statementEn: "In Bremen, TV channels freeze. We are working on it.",
    baseVersion: "0",
  });
  expect(saved.status).toBe(302);

  const page = await (await contextFor("ben.berger@lagebild.example", false)).newPage();
  await page.goto("/tags");
  const banner = page.getByRole("region", { name: "Active incidents" });
  await banner.getByRole("link", { name: title }).click();
  await page.waitForURL(`**${path}`);
  const statement = page.getByRole("region", { name: "What to tell customers" });
  expect(await statement.textContent()).toContain("In Bremen, TV channels freeze.");
  expect(await page.getByText("Bremen 28195-28779").first().isVisible()).toBe(true);
  // Started 30 Nov, 08:15 Berlin time = 07:15 UTC.
  expect(await page.getByText(/since 30 Nov 2026, 08:15/).isVisible()).toBe(true);

  // A second comms edit made on the version before: refused, both texts on the page.
  const admin = await signInCookie(baseUrl, "admin@lagebild.example");
  const stale = await postForm(baseUrl, `${path}/statement`, admin, {
    statementDe: "Bremen: Störung behoben?",
    statementEn: "Bremen: fixed?",
    baseVersion: "0",
  });
  expect(stale.status).toBe(409);
  const html = await stale.text();
  expect(html).toContain("Clara Comms saved the statement on");
  expect(html).toContain("In Bremen, TV channels freeze. We are working on it.");
  expect(html).toContain("Bremen: fixed?");
});

test("The article of an incident leads to the incident view", async () => {
  const baseUrl = inject("baseUrl");
  const cookie = await signInCookie(baseUrl, "agent@lagebild.example");
  const html = await (
    await fetch(`${baseUrl}/articles/stoerung-muenchen-volte-anrufe`, {
      headers: { cookie, ...english },
    })
  ).text();
  expect(html).toMatch(
    /<a[^>]+href="\/incidents\/stoerung-muenchen-volte-anrufe"[^>]*>Open the incident/,
  );
});
