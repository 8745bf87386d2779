import { describe, expect, inject, test } from "vitest";

import { signedInBrowser } from "./browser.ts";
import { postForm, signInCookie } from "./session.ts";

const contextFor = signedInBrowser();

/** The slugs of the staff search page's results for `q`, as the HTML lists them. */
async function searchSlugs(q: string, cookie: string) {
  const html = await (
    await fetch(`${inject("baseUrl")}/?q=${encodeURIComponent(q)}`, { headers: { cookie } })
  ).text();
  return [...html.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((match) => match[1]);
}

// A made-up word per run: no demo article contains it, so only the glossary can connect it.
// Letters only: a word with digits in it would be searched as an identifier.
const madeUp = `lauschkasten${[...String(process.pid)].map((d) => "abcdefghij"[Number(d)]).join("")}`;

describe("glossary admin page", () => {
  test("The default glossary is installed, listed 100 at a time, and an English word finds a German demo article", async () => {
    const page = await (await contextFor("admin@lagebild.example", false)).newPage();
    await page.goto("/admin/glossary");
    const count = await page.getByText(/of \d+ entries/).textContent();
    const total = Number(/of (\d+) entries/.exec(count ?? "")?.[1]);
    expect(total).toBeGreaterThanOrEqual(250);
    expect(await page.locator("tbody tr").count()).toBe(100);
    await page.getByRole("link", { name: `Show all ${total}` }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(total);
    const cookie = await signInCookie(inject("baseUrl"), "agent@lagebild.example");
    expect((await searchSlugs("itemised bill", cookie)).slice(0, 3)).toContain(
      "rechnung-erklaeren-agents",
    );
  });

  test("Without JavaScript an admin adds, edits and deletes an entry, and search follows", async () => {
    const page = await (await contextFor("admin@lagebild.example", false)).newPage();
    const cookie = await signInCookie(inject("baseUrl"), "agent@lagebild.example");
    expect(await searchSlugs(madeUp, cookie)).not.toContain("mailbox-einrichten");

    await page.goto("/admin/glossary");
    await page.getByLabel("Terms", { exact: true }).fill(`${madeUp}, abhören`);
    await page.getByRole("button", { name: "Add entry" }).click();
    await expect.poll(() => page.getByText("Entry added.").isVisible()).toBe(true);
    expect(await searchSlugs(madeUp, cookie)).toContain("mailbox-einrichten");

    await page.getByLabel("Show entries with a term containing").fill(madeUp);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByRole("link", { name: `Edit the entry ${madeUp}, abhören` }).click();
    await page
      .getByLabel("Terms of this entry", { exact: true })
      .fill(`${madeUp}, Sprachbox abfragen`);
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByText("Entry saved.").isVisible()).toBe(true);
    expect(page.url()).toContain(`q=${madeUp}`);
    await expect
      .poll(() =>
        page.getByRole("cell", { name: `${madeUp}, Sprachbox abfragen`, exact: true }).count(),
      )
      .toBe(1);

    await page
      .getByRole("button", { name: `Delete the entry ${madeUp}, Sprachbox abfragen` })
      .click();
    await expect.poll(() => page.getByText("Entry deleted.").isVisible()).toBe(true);
    await expect.poll(() => page.getByText("No entry matches.").isVisible()).toBe(true);
    expect(await searchSlugs(madeUp, cookie)).not.toContain("mailbox-einrichten");
  });

  test("A term another entry holds is a field error on the form, and nothing is saved", async () => {
    const page = await (await contextFor("admin@lagebild.example", true)).newPage();
    await page.goto("/admin/glossary");
    await page.locator("html[data-hydrated]").waitFor();
    const terms = page.getByLabel("Terms", { exact: true });
    await terms.fill(`Handy, ${madeUp}-taken`);
    await page.getByRole("button", { name: "Add entry" }).click();
    await expect
      .poll(() => page.locator("#glossary-new-error").textContent())
      .toBe("“Handy” is already in another entry: edit that entry instead.");
    expect(await terms.getAttribute("aria-invalid")).toBe("true");
    expect(await terms.inputValue()).toBe(`Handy, ${madeUp}-taken`);
    await page.goto(`/admin/glossary?q=${madeUp}`);
    await expect.poll(() => page.getByText("No entry matches.").isVisible()).toBe(true);
  });

  test("Bad terms posted as a plain form get 400 with the reason, in German too", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "admin@lagebild.example");
    const post = (terms: string, headers?: Record<string, string>) =>
      postForm(baseUrl, "/admin/glossary", cookie, { intent: "create", terms }, headers);

    const empty = await post(" , ");
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter at least 2 different terms");
    const tooLong = await post(`${"x".repeat(61)}, ${madeUp}`);
    expect(await tooLong.text()).toContain("A term may be at most 60 characters long.");
    const tooManyWords = await post(`kein Netz hier bei uns, ${madeUp}`);
    expect(await tooManyWords.text()).toContain("A term may have at most 3 words");
    const tooMany = await post(Array.from({ length: 13 }, (_, i) => `${madeUp}${i}`).join(", "));
    expect(await tooMany.text()).toContain("At most 12 terms per entry.");
    const twice = await post(`${madeUp}, ${madeUp.toUpperCase()}`, {
      "accept-language": "de-DE,de;q=0.9",
    });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain("Ein Begriff steht zweimal in diesem Eintrag.");
  });

  test("Only admins see or change the glossary", async () => {
    const baseUrl = inject("baseUrl");
    const cookie = await signInCookie(baseUrl, "comms@lagebild.example");
    const page = await fetch(`${baseUrl}/admin/glossary`, { headers: { cookie } });
    expect(page.status).toBe(403);
    const post = await postForm(baseUrl, "/admin/glossary", cookie, {
      intent: "create",
      terms: `${madeUp}, ${madeUp}-x`,
    });
    expect(post.status).toBe(403);
  });
});
