/**
 * Search as a save makes it, and through an engine outage: the real app on its own SQLite file,
 * its own Meilisearch process, which one test kills with SIGKILL in the middle of a run of saves
 * and searches, then starts again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

import { createSearchClient } from "../../search/client.ts";
import { documentsFor, type ArticleDoc } from "../../search/documents.ts";
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from "../../search/embedded.ts";
import { indexNames } from "../../search/settings.ts";
import { startServer, type ServerProcess } from "../setup/server-process.ts";

import { loaderData, postForm, signInCookie } from "./session.ts";

const REDUCED = "Search is unavailable right now";
const english = { "accept-language": "en-GB,en;q=0.9" };
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

/** A word no article contains yet (letters only, so every search treats it as one word). */
function newWord(prefix: string): string {
  const letters = Array.from(
    { length: 8 },
    () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)],
  );
  return `${prefix}${letters.join("")}`;
}

function client(server: ServerProcess, cookie: string) {
  const base = server.baseUrl;
  return {
    /** Creates an article through the form without JavaScript; returns its slug. */
    async create(title: string, markdown: string, visibility: "public" | "internal") {
      const response = await postForm(base, "/articles/new", cookie, {
        title,
        kind: "howto",
        visibility,
        ownerId: "none",
        markdown,
      });
      expect(response.status).toBe(302);
      return response.headers.get("location")!.replace("/articles/", "");
    },
    /** Saves a new body (and visibility) through the edit form. */
    async edit(slug: string, markdown: string, visibility: "public" | "internal") {
      const { data } = await loaderData<{ article: { title: string; revision: number } }>(
        base,
        `/articles/${slug}/edit`,
        "routes/articles.$slug_.edit",
        cookie,
      );
      const response = await postForm(base, `/articles/${slug}/edit`, cookie, {
        title: data.article.title,
        kind: "howto",
        visibility,
        markdown,
        baseRevision: String(data.article.revision),
      });
      expect(response.status).toBe(302);
    },
    /** The staff search page's HTML. */
    async search(q: string) {
      const response = await fetch(`${base}/?q=${encodeURIComponent(q)}`, {
        headers: { ...english, cookie },
      });
      expect(response.status).toBe(200);
      return response.text();
    },
    /** The public help centre's search page, as an anonymous visitor. */
    async searchHelp(q: string) {
      const response = await fetch(`${base}/help?q=${encodeURIComponent(q)}`, { headers: english });
      expect(response.status).toBe(200);
      return response.text();
    },
  };
}

test("A saved article is found by search right after the save's answer, without the retry timer", async () => {
  // An hour between retries: only the drain right after the commit can make it searchable.
  const server = await startServer({ SEARCH_RETRY_SECONDS: "3600" });
  cleanup.push(() => server.stop());
  const app = client(server, await signInCookie(server.baseUrl, "comms@lagebild.example"));

  const found = async (word: string, slug: string) => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const html = await app.search(word);
      expect(html).not.toContain(REDUCED);
      if (html.includes(`href="/articles/${slug}"`)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  };
  const created = newWord("neu");
  const slug = await app.create(`Anleitung ${created}`, `Schritt eins: ${created}.`, "internal");
  expect(await found(created, slug)).toBe(true);
  const edited = newWord("edit");
  await app.edit(slug, `Schritt zwei: ${edited}.`, "internal");
  expect(await found(edited, slug)).toBe(true);
});

test("Meilisearch killed during saves and searches: reduced results, queued saves, an exact index after restart", async () => {
  const engineDir = await mkdtemp(path.join(os.tmpdir(), "lb-kill-engine-"));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lb-kill-app-"));
  let engine: EmbeddedMeilisearch = await startEmbeddedMeilisearch({ dataDir: engineDir });
  cleanup.push(async () => {
    await engine.stop();
    await rm(engineDir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });
  const port = Number(new URL(engine.host).port);
  const prefix = "killtest_";
  const server = await startServer(
    {
      MEILI_HOST: engine.host,
      MEILI_MASTER_KEY: engine.masterKey,
      MEILI_INDEX_PREFIX: prefix,
      SEARCH_RETRY_SECONDS: "1",
    },
    { dataDir },
  );
  cleanup.push(() => server.stop());
  const app = client(server, await signInCookie(server.baseUrl, "comms@lagebild.example"));
  const db = new Database(path.join(dataDir, "lagebild.db"), { readonly: true });
  cleanup.push(async () => void db.close());
  const pendingJobs = () =>
    (db.prepare(`SELECT count(*) AS n FROM "SearchOutbox"`).get() as { n: number }).n;

  const kill = async () => {
    const exited = new Promise((resolve) => engine.process.once("exit", resolve));
    engine.process.kill("SIGKILL");
    await exited;
  };
  let dead: Promise<void> | undefined;
  const written: { slug: string; word: string; visibility: "public" | "internal" }[] = [];
  for (let round = 0; round < 18; round++) {
    // Killed while a save is under way, not between two quiet moments.
    if (round === 6) dead = kill();
    const word = newWord("kw");
    const visibility = round % 3 === 0 ? "internal" : "public";
    const secret = newWord("geheim");
    const slug = await app.create(
      `Ausfall ${word}`,
      `Kunden melden ${word}.\n\n:::internal\nIntern: ${secret}\n:::\n`,
      visibility,
    );
    written.push({ slug, word, visibility });
    if (round >= 2) {
      // An earlier article gets new words and, every other time, the other visibility.
      const earlier = written[round - 2]!;
      const flipped = earlier.visibility === "public" ? "internal" : "public";
      earlier.visibility = round % 2 === 0 ? flipped : earlier.visibility;
      earlier.word = newWord("kx");
      await app.edit(earlier.slug, `Neu: ${earlier.word}.`, earlier.visibility);
    }
    const html = await app.search(word);
    if (round === 9) {
      await dead;
      // Search syntax typed into the reduced search is taken as words: a page, never a 500.
      for (const q of [
        '"',
        "NEAR(a b)",
        "*",
        "-netz",
        "title:netz",
        "(",
        "netz\u0001\u0000",
        "x".repeat(200),
      ]) {
        expect(await app.search(q)).toContain(REDUCED);
      }
    }
    if (round >= 9) {
      // With the engine gone: labelled as reduced, and found at once from SQLite's index.
      expect(html).toContain(REDUCED);
      expect(html).toContain(`href="/articles/${slug}"`);
      // Anonymous visitors: public articles only, and never by words of an internal note.
      const help = await app.searchHelp(word);
      if (visibility === "public") expect(help).toContain(`href="/help/${slug}"`);
      else expect(help).not.toContain(slug);
      expect(await app.searchHelp(secret)).not.toContain(slug);
    }
  }
  expect(engine.process.signalCode).toBe("SIGKILL");
  // The saves made during the outage wait in the outbox.
  expect(pendingJobs()).toBeGreaterThan(0);

  engine = await startEmbeddedMeilisearch({ dataDir: engineDir, port });
  const deadline = Date.now() + 30_000;
  while (pendingJobs() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(pendingJobs()).toBe(0);
  const last = written.at(-1)!;
  const html = await app.search(last.word);
  expect(html).not.toContain(REDUCED);
  expect(html).toContain(`href="/articles/${last.slug}"`);

  // Both indexes hold exactly the database's articles as passages, with their current text and
  // visibility: what search/documents.ts makes of each row, nothing more, nothing stale.
  const rows = db
    .prepare(
      `SELECT id, slug, title, kind, visibility, body, bodyText, publicText FROM "Article" ORDER BY id`,
    )
    .all() as {
    id: string;
    slug: string;
    title: string;
    kind: string;
    visibility: string;
    body: string;
    bodyText: string;
    publicText: string;
  }[];
  const expected = rows.map((row) =>
    documentsFor({
      ...row,
      tags: [],
      keywords: [],
      updatedAt: new Date(0),
      reviewAt: null,
      incidentStatus: null,
    }),
  );
  const fields = ["id", "articleId", "title", "visibility", "heading", "text"] as const;
  const pick = (doc: Partial<ArticleDoc>) =>
    Object.fromEntries(fields.map((field) => [field, doc[field]]));
  const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(a.id).localeCompare(String(b.id));
  const search = createSearchClient({ host: engine.host, apiKey: engine.masterKey });
  const names = indexNames(prefix);
  const documents = async (uid: string) => {
    const { results } = await search
      .index(uid)
      .getDocuments<ArticleDoc>({ limit: 100_000, fields: [...fields] });
    return results.map(pick).sort(byId);
  };
  expect(await documents(names.staff)).toEqual(
    expected.flatMap((docs) => docs.staff.map(pick)).sort(byId),
  );
  expect(await documents(names.public)).toEqual(
    expected.flatMap((docs) => docs.public.map(pick)).sort(byId),
  );
});
