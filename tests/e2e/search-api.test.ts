import { describe, expect, inject, test } from "vitest";

import { actionData, signInCookie } from "./session.ts";

const INTERNAL_ARTICLE = "sim-swap-fraud-checks"; // seeded, internal

async function token(scope: "internal" | "public") {
  const baseUrl = inject("baseUrl");
  const admin = await signInCookie(baseUrl, "admin@lagebild.example");
  const { data } = await actionData<{ token: string }>(baseUrl, "/admin/tokens", admin, {
    intent: "create",
    name: `Search ${scope}`,
    scope,
  });
  return { Authorization: `Bearer ${data.token}` };
}

type Hit = { slug: string; title: { text: string; match: boolean }[]; visibility?: string };

describe("GET /api/search", () => {
  test("An internal token and a staff session get the page's results from the staff index", async () => {
    const baseUrl = inject("baseUrl");
    const agent = await signInCookie(baseUrl, "agent@lagebild.example");
    for (const headers of [await token("internal"), { cookie: agent }]) {
      const response = await fetch(`${baseUrl}/api/search?q=fraud&kind=howto`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const body = await response.json();
      expect(body.audience).toBe("internal");
      const hit = body.hits.find((h: Hit) => h.slug === INTERNAL_ARTICLE);
      expect(hit.visibility).toBe("internal");
      expect(hit.title.some((part: { match: boolean }) => part.match)).toBe(true);
      expect(body.facets.map((f: { name: string }) => f.name)).toEqual([
        "kind",
        "tag",
        "visibility",
        "review",
        "incident",
      ]);
      // Filtered to how-tos: every result is one, and the facet says so.
      expect(body.facets[0].values).toEqual([{ value: "howto", count: body.total, active: true }]);
    }
  });

  test("A public token never finds an internal article", async () => {
    const response = await fetch(`${inject("baseUrl")}/api/search?q=fraud`, {
      headers: await token("public"),
    });
    const body = await response.json();
    expect(body.audience).toBe("public");
    expect(body.hits.map((h: Hit) => h.slug)).not.toContain(INTERNAL_ARTICLE);
  });

  test("A made-up token is refused, not answered as anonymous", async () => {
    const response = await fetch(`${inject("baseUrl")}/api/search?q=esim`, {
      headers: { Authorization: "Bearer lgb_madeup" },
    });
    expect(response.status).toBe(401);
  });

  test("Bad input gets a 400 naming the problem, never a 500", async () => {
    const baseUrl = inject("baseUrl");
    const auth = await token("internal");
    const cases: [string, RegExp][] = [
      [`q=${"a".repeat(10_000)}`, /q: at most 200 characters/],
      ["q=esim&kind=novel", /kind=novel: unknown value/],
      ["q=esim&tag=%3Cscript%3E", /tag=<script>: unknown value/],
      ["q=esim&sort=title", /sort: unknown parameter/],
      ["q=esim&limit=5000", /limit/],
      ["q=esim&page=0", /page/],
    ];
    for (const [query, message] of cases) {
      const response = await fetch(`${baseUrl}/api/search?${query}`, { headers: auth });
      expect(response.status, query).toBe(400);
      expect((await response.json()).issues.join(" "), query).toMatch(message);
    }
    for (const q of [
      "",
      '"esim',
      "esim -router",
      "a AND OR NOT (",
      "\u0000\u0007esim\u001b[2J",
      "*",
    ]) {
      const response = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}`, {
        headers: auth,
      });
      expect(response.status, JSON.stringify(q)).toBe(200);
      const body = await response.json();
      // eslint-disable-next-line no-control-regex -- control characters are what is checked
      expect(body.query, JSON.stringify(q)).not.toMatch(/[\u0000-\u001f]/);
    }
  });

  test("The search page answers the same bad input with a clear page, never a 500", async () => {
    const baseUrl = inject("baseUrl");
    const agent = await signInCookie(baseUrl, "agent@lagebild.example");
    const headers = { cookie: agent, "accept-language": "en-GB" };
    const long = await fetch(`${baseUrl}/?q=${"esim ".repeat(2000)}`, { headers });
    expect(long.status).toBe(200);
    expect(await long.text()).toContain(
      "Searches are limited to 200 characters: the first 200 were searched.",
    );
    const unknown = await fetch(`${baseUrl}/?q=esim&kind=novel&visibility=secret`, { headers });
    expect(unknown.status).toBe(200);
    const html = await unknown.text();
    expect(html).toContain("“novel” is not a value of “Type”; it was left out.");
    expect(html).toMatch(/results for “esim”/);
    for (const q of ['"esim', "a AND OR NOT (", "\u0000\u0007esim", "-", ""]) {
      const response = await fetch(`${baseUrl}/?q=${encodeURIComponent(q)}`, { headers });
      expect(response.status, JSON.stringify(q)).toBe(200);
    }
  });

  test("The help centre names an over-long query or an internal filter instead of dropping them", async () => {
    const baseUrl = inject("baseUrl");
    const headers = { "accept-language": "en-GB" };
    const long = await fetch(`${baseUrl}/help?q=${"esim ".repeat(60)}`, { headers });
    expect(long.status).toBe(200);
    const longHtml = await long.text();
    expect(longHtml).toContain("Searches are limited to 200 characters");
    // The first 200 characters are still searched: results, not the list of latest articles.
    expect(longHtml).toMatch(/results? for “esim esim/);
    const internal = await fetch(`${baseUrl}/help?q=fraud&visibility=internal`, { headers });
    const internalHtml = await internal.text();
    expect(internalHtml).toContain("There is no “Visibility” filter here; it was left out.");
    expect(internalHtml).not.toContain(INTERNAL_ARTICLE);
    // Visitors narrow by kind like agents do; the chosen value is marked.
    const faqs = await fetch(`${baseUrl}/help?q=esim&kind=faq`, { headers });
    const faqHtml = await faqs.text();
    expect(faqHtml).toMatch(/aria-current="true"[^>]*data-facet="kind=faq"/);
    expect(faqHtml).not.toContain('data-facet="visibility=');
  });

  test("Without JavaScript the pager walks through all results, staff page and help centre alike", async () => {
    const baseUrl = inject("baseUrl");
    const agent = await signInCookie(baseUrl, "agent@lagebild.example");
    const headers = { "accept-language": "en-GB" };
    for (const [path, init] of [
      ["/", { headers: { ...headers, cookie: agent } }],
      ["/help", { headers }],
    ] as const) {
      const { total } = await (
        await fetch(`${baseUrl}/api/search?q=sim`, path === "/" ? init : { headers })
      ).json();
      expect(total, "the demo content has more than one page for “sim”").toBeGreaterThan(10);
      let href: string | undefined = `${path}?q=sim`;
      const seen: string[] = [];
      let previousLinks = 0;
      while (href) {
        const html = await (await fetch(`${baseUrl}${href}`, init)).text();
        const from = seen.length + 1;
        const slugs = [
          ...html.matchAll(/data-result-link="" [^>]*href="\/(?:articles|help)\/([^"]+)"/g),
        ].map((m) => m[1]!);
        seen.push(...slugs);
        expect(html).toContain(`${from}–${seen.length} of ${total}`);
        previousLinks += html.includes('rel="prev"') ? 1 : 0;
        const next = /<a rel="next"[^>]*href="([^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
        href = next;
      }
      // Every result once, the pages together exactly the count the heading gives.
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(previousLinks).toBe(Math.ceil(total / 10) - 1);
    }
    // Past the last page: said so, with a way back; a page that is no number is named.
    const beyond = await (await fetch(`${baseUrl}/help?q=sim&page=90`, { headers })).text();
    expect(beyond).toContain("This page is past the end of the list.");
    const bad = await (await fetch(`${baseUrl}/help?q=sim&page=zwei`, { headers })).text();
    expect(bad).toContain("Pages are numbered 1 to 100: the first page is shown.");
    expect(bad).toContain(`1–10 of`);
  });

  test("The API pages like the page: page and totalPages, the next page continues", async () => {
    const baseUrl = inject("baseUrl");
    const headers = { cookie: await signInCookie(baseUrl, "agent@lagebild.example") };
    const first = await (await fetch(`${baseUrl}/api/search?q=sim&limit=4`, { headers })).json();
    const second = await (
      await fetch(`${baseUrl}/api/search?q=sim&limit=4&page=2`, { headers })
    ).json();
    expect([first.page, second.page]).toEqual([1, 2]);
    expect(first.totalPages).toBe(Math.ceil(first.total / 4));
    expect(second.hits).toHaveLength(4);
    const slugs = [...first.hits, ...second.hits].map((hit: Hit) => hit.slug);
    expect(new Set(slugs).size).toBe(8);
  });

  test("Too many searches get 429 with Retry-After, per caller", async () => {
    const baseUrl = inject("baseUrl");
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${baseUrl}/api/search?q=esim`)),
    );
    const limited = statuses.find((response) => response.status === 429);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited!.json()).error).toBe("rate_limited");
    // A token has a bucket of its own.
    const own = await fetch(`${baseUrl}/api/search?q=esim`, { headers: await token("public") });
    expect(own.status).toBe(200);
  });
});
