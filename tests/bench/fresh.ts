/**
 * Save → searchable: from the answer to a save (the form post's redirect) until the staff search
 * page lists the article, on a server whose retry timer is an hour away, so only the drain right
 * after the commit can make the article searchable. Baseline: one search page for a word that is
 * already indexed, measured in the same run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { loaderData, postForm, signInCookie } from "../e2e/session.ts";
import { startServer } from "../setup/server-process.ts";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

function newWord(): string {
  const consonants = "bcdfghjklmnpqrstvwxz";
  return `fr${Array.from({ length: 10 }, () => consonants[Math.floor(Math.random() * 20)]).join("")}`;
}

/** Prints p50/p95 of save → found for creates and edits, next to one search page call. */
export async function benchSaveToSearch(rounds = 30) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-bench-"));
  const server = await startServer({ SEARCH_RETRY_SECONDS: "3600" }, { dataDir });
  const cookie = await signInCookie(server.baseUrl, "comms@lagebild.example");
  const pageMs = async (q: string) => {
    const start = performance.now();
    const html = await fetch(`${server.baseUrl}/?q=${encodeURIComponent(q)}`, {
      headers: { cookie },
    }).then((response) => response.text());
    return { ms: performance.now() - start, html };
  };
  /** Milliseconds from now until the search page lists `slug` for `word`. */
  const untilFound = async (word: string, slug: string) => {
    const start = performance.now();
    for (;;) {
      const { html } = await pageMs(word);
      if (html.includes(`href="/articles/${slug}"`)) return performance.now() - start;
      if (performance.now() - start > 30_000) throw new Error(`"${word}" not found in 30 s`);
    }
  };
  const created: number[] = [];
  const edited: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const word = newWord();
    const response = await postForm(server.baseUrl, "/articles/new", cookie, {
      title: `Messung ${word}`,
      kind: "howto",
      visibility: "internal",
      ownerId: "none",
      markdown: `Text mit ${word}.`,
    });
    if (response.status !== 302) throw new Error(`Create answered ${response.status}`);
    const slug = response.headers.get("location")!.replace("/articles/", "");
    created.push(await untilFound(word, slug));

    const { data } = await loaderData<{ article: { title: string; revision: number } }>(
      server.baseUrl,
      `/articles/${slug}/edit`,
      "routes/articles.$slug_.edit",
      cookie,
    );
    const next = newWord();
    const saved = await postForm(server.baseUrl, `/articles/${slug}/edit`, cookie, {
      title: data.article.title,
      kind: "howto",
      visibility: "internal",
      markdown: `Neuer Text mit ${next}.`,
      baseRevision: String(data.article.revision),
    });
    if (saved.status !== 302) throw new Error(`Save answered ${saved.status}`);
    edited.push(await untilFound(next, slug));
    baseline.push((await pageMs(word)).ms);
  }
  const row = (label: string, values: number[]) =>
    console.log(
      `  ${label.padEnd(44)} p50 ${percentile(values, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(7)} ms`,
    );
  console.log(`\nSave → searchable (retry timer 1 h away), ${rounds} rounds:`);
  row("create: redirect answered → found by search", created);
  row("edit: redirect answered → new word found", edited);
  row("baseline: one search page call", baseline);
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
