import { describe, expect, test } from "vitest";

import { markdownToContent } from "~/editor/content.server.ts";
import { saveArticle } from "~/models/article.server.ts";
import { updateIncident } from "~/models/incident.server.ts";
import {
  drainSearchOutbox,
  rebuildIfOutdated,
  refreshReviewStates,
  reindexAllArticles,
  searchArticles,
} from "~/models/search.server.ts";
import { getEnv } from "~/utils/env.server.ts";

import { createSearchClient } from "../../search/client.ts";
import { indexNames } from "../../search/settings.ts";
import { buildArticle, buildIncident, buildUser } from "../factories.ts";

const text = (parts: { text: string }[]) => parts.map((part) => part.text).join("");

/** How many passages of the article each index holds. */
async function passageCounts(articleId: string) {
  const env = getEnv();
  const client = createSearchClient({ host: env.MEILI_HOST!, apiKey: env.MEILI_MASTER_KEY });
  const names = indexNames(env.MEILI_INDEX_PREFIX);
  const count = async (uid: string) =>
    (await client.index(uid).getDocuments({ filter: `articleId = "${articleId}"`, limit: 100 }))
      .results.length;
  return { staff: await count(names.staff), public: await count(names.public) };
}

const threeSections = [
  "Einleitung zur Kündigung.",
  "## Fristen",
  "Die Kündigungsfrist beträgt einen Monat zum Monatsende.",
  "## Sonderkündigung",
  "Bei Umzug ins Ausland gilt ein Sonderkündigungsrecht mit Nachweis.",
  ":::internal",
  "Rückgewinnung: Angebot Quokka-Rabatt nennen.",
  ":::",
].join("\n\n");

describe("passages", () => {
  test("The snippet is the matching section with its heading and highlighted words", async () => {
    await buildArticle({
      slug: "kuendigung",
      title: "Vertrag kündigen",
      markdown: threeSections,
      visibility: "public",
    });
    await drainSearchOutbox();
    const result = await searchArticles({ q: "umzug ausland", audience: "staff" });
    const hits = result.hits.filter((hit) => hit.slug === "kuendigung");
    expect(hits).toHaveLength(1);
    expect(text(hits[0]!.heading)).toBe("Sonderkündigung");
    expect(hits[0]!.snippet).toContainEqual({ text: "Umzug", match: true });
    expect(text(hits[0]!.snippet)).not.toContain("Kündigungsfrist");
  });

  test("An article appears once however many passages match", async () => {
    await buildArticle({
      slug: "viele",
      title: "Wombat überall",
      markdown: "Wombat eins.\n\n## Zwei\n\nWombat zwei.\n\n## Drei\n\nWombat drei.",
    });
    await drainSearchOutbox();
    const result = await searchArticles({ q: "wombat", audience: "staff" });
    expect(result.hits.map((hit) => hit.slug)).toEqual(["viele"]);
    expect(result.total).toBe(1);
  });

  test("Internal notes are found by staff, never through the public index", async () => {
    await buildArticle({
      slug: "rueckgewinnung",
      title: "Kündigung bearbeiten",
      markdown: threeSections,
      visibility: "public",
    });
    await drainSearchOutbox();
    const staff = await searchArticles({ q: "quokka", audience: "staff" });
    expect(staff.hits.map((hit) => hit.slug)).toContain("rueckgewinnung");
    const pub = await searchArticles({ q: "quokka", audience: "public" });
    expect(pub.hits).toEqual([]);
  });

  test("Shortening an article deletes its surplus passages from both indexes", async () => {
    const { actor } = await buildUser({ role: "comms" });
    const created = await buildArticle({
      slug: "kuerzer",
      title: "Tarif wechseln",
      markdown: threeSections,
      visibility: "public",
      actor,
    });
    await drainSearchOutbox();
    expect(await passageCounts(created.id)).toEqual({ staff: 3, public: 3 });
    const saved = await saveArticle({
      slug: "kuerzer",
      actor,
      baseRevision: 1,
      title: "Tarif wechseln",
      content: markdownToContent("Nur noch ein Absatz über Kängurus."),
      tags: [],
      kind: "howto",
    });
    expect(saved.status).toBe("saved");
    await drainSearchOutbox();
    expect(await passageCounts(created.id)).toEqual({ staff: 1, public: 1 });
    const old = await searchArticles({ q: "sonderkündigungsrecht", audience: "staff" });
    expect(old.hits.map((hit) => hit.slug)).not.toContain("kuerzer");

    // Made internal: every public passage goes; a rebuild gives the same counts.
    await saveArticle({
      slug: "kuerzer",
      actor,
      baseRevision: 2,
      title: "Tarif wechseln",
      content: markdownToContent("Nur noch ein Absatz über Kängurus."),
      tags: [],
      kind: "howto",
      visibility: "internal",
    });
    await drainSearchOutbox();
    expect(await passageCounts(created.id)).toEqual({ staff: 1, public: 0 });
    await reindexAllArticles();
    expect(await passageCounts(created.id)).toEqual({ staff: 1, public: 0 });
  });
});

describe("facets, filters and pinned incidents", () => {
  test("Facets count articles, not passages, and a filter narrows the results", async () => {
    await buildArticle({ slug: "gnu-a", title: "Gnu Router", kind: "howto", tags: ["router"] });
    await buildArticle({
      slug: "gnu-b",
      title: "Gnu Fragen",
      kind: "faq",
      tags: ["router", "dsl"],
      markdown: "Gnu.\n\n## Mehr\n\nGnu.\n\n## Noch mehr\n\nGnu.",
    });
    await drainSearchOutbox();
    const all = await searchArticles({ q: "gnu", audience: "staff" });
    const kind = all.facets.find((facet) => facet.name === "kind");
    expect(kind?.values).toEqual(
      expect.arrayContaining([
        { value: "howto", count: 1, active: false },
        { value: "faq", count: 1, active: false },
      ]),
    );
    expect(all.facets.find((facet) => facet.name === "tag")?.values).toContainEqual({
      value: "router",
      count: 2,
      active: false,
    });
    const faqs = await searchArticles({ q: "gnu", audience: "staff", filters: { kind: ["faq"] } });
    expect(faqs.hits.map((hit) => hit.slug)).toEqual(["gnu-b"]);
    // The chosen facet still counts its other values: they stay visible as alternatives.
    expect(faqs.facets.find((f) => f.name === "kind")?.values).toEqual(
      expect.arrayContaining([
        { value: "faq", count: 1, active: true },
        { value: "howto", count: 1, active: false },
      ]),
    );
    expect(faqs.total).toBe(1);
    // Other facets count within the filter.
    expect(faqs.facets.find((f) => f.name === "tag")?.values).toEqual(
      expect.arrayContaining([{ value: "router", count: 1, active: false }]),
    );
  });

  test("Review state counts and filters by today's date", async () => {
    const past = new Date(Date.now() - 86_400_000);
    const sections = "Okapi.\n\n## Zwei\n\nOkapi.\n\n## Drei\n\nOkapi.";
    await buildArticle({
      slug: "okapi-alt",
      title: "Okapi alt",
      reviewAt: past,
      markdown: sections,
    });
    await buildArticle({ slug: "okapi-neu", title: "Okapi neu", markdown: sections });
    await drainSearchOutbox();
    const all = await searchArticles({ q: "okapi", audience: "staff" });
    expect(all.facets.find((f) => f.name === "review")?.values).toEqual([
      { value: "overdue", count: 1, active: false },
      { value: "current", count: 1, active: false },
    ]);
    const overdue = await searchArticles({
      q: "okapi",
      audience: "staff",
      filters: { review: ["overdue"] },
    });
    expect(overdue.hits.map((hit) => hit.slug)).toEqual(["okapi-alt"]);
    expect(overdue.facets.find((f) => f.name === "review")?.values).toEqual([
      { value: "overdue", count: 1, active: true },
      { value: "current", count: 1, active: false },
    ]);
    const current = await searchArticles({
      q: "okapi",
      audience: "staff",
      filters: { review: ["current"] },
    });
    expect(current.hits.map((hit) => hit.slug)).toEqual(["okapi-neu"]);
    expect(current.facets.find((f) => f.name === "review")?.values).toEqual([
      { value: "overdue", count: 1, active: false },
      { value: "current", count: 1, active: true },
    ]);
  });

  test("An article whose review date passes after indexing moves to overdue with the refresh", async () => {
    const soon = new Date(Date.now() + 1500);
    await buildArticle({ slug: "zebu-bald", title: "Zebu bald", reviewAt: soon });
    await buildArticle({ slug: "zebu-neu", title: "Zebu neu" });
    await drainSearchOutbox();
    const review = async () =>
      (await searchArticles({ q: "zebu", audience: "staff" })).facets.find(
        (f) => f.name === "review",
      )?.values;
    expect(await review()).toEqual([{ value: "current", count: 2, active: false }]);
    expect(await refreshReviewStates()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, soon.getTime() - Date.now() + 50));
    expect(await refreshReviewStates()).toBe(1);
    expect(await review()).toEqual([
      { value: "overdue", count: 1, active: false },
      { value: "current", count: 1, active: false },
    ]);
    const overdue = await searchArticles({
      q: "zebu",
      audience: "staff",
      filters: { review: ["overdue"] },
    });
    expect(overdue.hits.map((hit) => hit.slug)).toEqual(["zebu-bald"]);
  });

  test("The public audience gets only facets that reveal nothing internal", async () => {
    await buildArticle({ slug: "lemur", title: "Lemur", visibility: "public", tags: ["lemur"] });
    await drainSearchOutbox();
    const pub = await searchArticles({ q: "lemur", audience: "public" });
    expect(pub.facets.map((facet) => facet.name)).toEqual(["kind", "tag"]);
    expect(pub.pinned).toEqual([]);
  });

  test("An active incident matching the query is pinned with its status and statement age", async () => {
    const { actor } = await buildUser({ role: "comms" });
    const { slug } = await buildIncident(actor, {
      title: "Störung Flamingo-Netz",
      statementDe: "Wir arbeiten daran.",
    });
    const resolved = await buildIncident(actor, { title: "Störung Flamingo alt" });
    await updateIncident(actor, resolved.slug, {
      baseVersion: 1,
      status: "resolved",
      note: "",
      severity: "major",
      areas: "",
      serviceKeys: [],
      howtoSlugs: [],
      summary: "",
    });
    await drainSearchOutbox();
    const later = new Date(Date.now() + 12 * 60_000);
    const result = await searchArticles({ q: "flamingo", audience: "staff", now: later });
    expect(result.pinned.map((pin) => pin.slug)).toEqual([slug]);
    expect(result.pinned[0]).toMatchObject({ status: "investigating" });
    expect(result.pinned[0]!.statementAgeMinutes).toBeGreaterThanOrEqual(12);
    const status = result.facets.find((f) => f.name === "incident")?.values;
    expect(status).toEqual(
      expect.arrayContaining([
        { value: "investigating", count: 1, active: false },
        { value: "resolved", count: 1, active: false },
      ]),
    );
    expect(result.pinned[0]!.title).toContainEqual({ text: "Flamingo", match: true });
    // Narrowed to how-tos, the agent still sees the incident going on.
    const howtos = await searchArticles({
      q: "flamingo",
      audience: "staff",
      filters: { kind: ["howto"] },
    });
    expect(howtos.hits).toEqual([]);
    expect(howtos.pinned.map((pin) => pin.slug)).toEqual([slug]);
    const other = await searchArticles({ q: "pinguin", audience: "staff" });
    expect(other.pinned).toEqual([]);
  });

  test("Among equally good hits, the reader's language comes first", async () => {
    await buildArticle({
      slug: "yak-en",
      title: "Yak roaming",
      markdown: "The yak and the roaming is not with you.",
    });
    await buildArticle({
      slug: "yak-de",
      title: "Yak roaming",
      markdown: "Der Yak und das Roaming ist nicht mit der Karte.",
    });
    await drainSearchOutbox();
    const de = await searchArticles({ q: "yak roaming", audience: "staff", lang: "de" });
    expect(de.hits.map((hit) => hit.slug)).toEqual(["yak-de", "yak-en"]);
    const en = await searchArticles({ q: "yak roaming", audience: "staff", lang: "en" });
    expect(en.hits.map((hit) => hit.slug)).toEqual(["yak-en", "yak-de"]);
  });
});

test("The total counts articles, not passages, beyond the first page", async () => {
  for (let i = 0; i < 12; i++) {
    await buildArticle({
      slug: `tapir-${i}`,
      title: `Tapir ${i}`,
      markdown: "Tapir.\n\n## Zwei\n\nTapir.\n\n## Drei\n\nTapir.",
    });
  }
  await drainSearchOutbox();
  const result = await searchArticles({ q: "tapir", audience: "staff", limit: 5 });
  expect(result.hits).toHaveLength(5);
  expect(result.total).toBe(12);
});

test("An index an older version wrote is rebuilt at start; a save made meanwhile is not lost", async () => {
  const { id } = await buildArticle({ slug: "wombat-alt", title: "Wombat alt" });
  await drainSearchOutbox();
  const env = getEnv();
  const client = createSearchClient({ host: env.MEILI_HOST!, apiKey: env.MEILI_MASTER_KEY });
  const staff = client.index<Record<string, unknown>>(indexNames(env.MEILI_INDEX_PREFIX).staff);
  const stored = await staff.getDocuments({ filter: `articleId = "${id}"`, limit: 100 });
  // What an older version wrote: passages without the fields this version facets on.
  const older = stored.results.map((doc) => {
    const { reviewState: _review, activeIncidentId: _incident, ...rest } = doc;
    return rest;
  });
  await staff.addDocuments(older).waitTask();

  const rebuilding = rebuildIfOutdated();
  const saved = buildArticle({ slug: "wombat-neu", title: "Wombat neu" }).then(() =>
    drainSearchOutbox(),
  );
  expect(await rebuilding).toBe(true);
  await saved;
  const after = await staff.getDocuments({ filter: `articleId = "${id}"`, limit: 100 });
  expect(after.results.every((doc) => doc.reviewState === "current")).toBe(true);
  const found = await searchArticles({ q: "wombat", audience: "staff" });
  expect(found.hits.map((hit) => hit.slug)).toEqual(
    expect.arrayContaining(["wombat-alt", "wombat-neu"]),
  );
  expect(await rebuildIfOutdated()).toBe(false);
});

test("Pages of results continue each other: every matching article once, totals and pages exact", async () => {
  const slugs = new Set<string>();
  for (let n = 0; n < 23; n++) {
    const { slug } = await buildArticle({
      title: `Kapibara-Tarif Variante ${n}`,
      markdown: `Der Kapibara-Tarif in Variante ${n}.\n\n## Details\n\nNoch einmal Kapibara.`,
    });
    slugs.add(slug);
  }
  await drainSearchOutbox();
  const pages = [];
  for (const page of [1, 2, 3, 4]) {
    pages.push(await searchArticles({ q: "kapibara", audience: "staff", page }));
  }
  expect(pages.map((result) => result.hits.length)).toEqual([10, 10, 3, 0]);
  for (const [index, result] of pages.entries()) {
    expect(result.total).toBe(23);
    expect(result.paging).toEqual({ page: index + 1, size: 10, totalPages: 3 });
  }
  const seen = pages.flatMap((result) => result.hits.map((hit) => hit.slug));
  expect(new Set(seen).size).toBe(seen.length);
  expect(new Set(seen)).toEqual(slugs);
});
