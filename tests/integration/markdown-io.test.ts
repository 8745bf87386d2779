import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import matter from "gray-matter";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import type { Actor } from "~/models/actor.ts";
import { slugify } from "~/models/article-limits.ts";
import { getStaffArticle } from "~/models/article-reads.server.ts";
import {
  exportArticlesToDirectory,
  findImportUser,
  importMarkdownDirectory,
  type ImportSummary,
} from "~/models/markdown-io.server.ts";
import { defaultReviewDate } from "~/models/review-dates.ts";

import { buildUser } from "../factories.ts";
import { resetDatabase } from "../setup/reset-database.ts";

const OWNER = "owner@lagebild.example";
const TAGS = ["roaming", "esim", "stoerung", "rechnung", "volte", "homebox-5g", "sms", "apn"];
const TOPICS_DE = ["Roaming", "eSIM", "Netzstörung", "Rechnung", "VoLTE", "HomeBox 5G", "SMS"];
const TOPICS_EN = ["roaming", "eSIM", "outage", "invoice", "VoLTE", "HomeBox 5G", "SMS"];
const COUNT = 200;

interface Generated {
  file: string;
  slug: string;
  title: string;
  kind: string;
  visibility: string;
  tags: string[];
  owner?: string;
  review?: string;
  body: string;
}

function generatedSlug(i: number) {
  return `artikel-${String(i).padStart(3, "0")}`;
}

/** Article i in German (even) or English (odd); some with notes, links, defaults left out. */
function generate(i: number): { text: string; expected: Generated } {
  const german = i % 2 === 0;
  const topic = (german ? TOPICS_DE : TOPICS_EN)[i % TOPICS_DE.length]!;
  const title = german
    ? `${topic}: Hinweise für Agents (Fall ${i})`
    : `${topic}: what agents tell customers (case ${i})`;
  // Every fifth file has no slug: it is derived from the title.
  const slug = i % 5 === 0 ? slugify(title) : generatedSlug(i);
  const kind = i % 4 === 0 ? undefined : (["howto", "faq", "incident"] as const)[i % 3]!;
  const visibility = i % 7 === 0 ? undefined : i % 3 === 0 ? "public" : "internal";
  const tags = [TAGS[i % TAGS.length]!, TAGS[(i * 3 + 1) % TAGS.length]!];
  const target = (i + 7) % COUNT;
  const targetSlug = target % 5 === 0 ? null : generatedSlug(target);
  const link = targetSlug
    ? ` [${german ? "Siehe auch" : "See also"}](/articles/${targetSlug})`
    : "";
  const lines = german
    ? [
        "## Überblick",
        "",
        `Kundinnen und Kunden melden Probleme mit **${topic}** in Straße ${i}.${link}`,
        "",
        "- Gerät neu starten",
        "- Flugmodus für 10 Sekunden",
      ]
    : [
        "## Overview",
        "",
        `Customers report trouble with **${topic}**, case ${i}.${link}`,
        "",
        "1. Restart the phone",
        "2. Toggle airplane mode",
      ];
  if (i % 3 === 0) {
    lines.push("", ":::internal", `Root cause NOC-${1000 + i}, do not tell customers.`, ":::");
  }
  lines.push("", german ? `Stand: Fall ${i}.` : `As of case ${i}.`);
  const body = lines.join("\n");
  const owner = i % 10 === 1 ? OWNER : undefined;
  const review = i % 10 === 1 ? `2027-0${(i % 9) + 1}-15` : undefined;
  const front = [
    `title: ${JSON.stringify(title)}`,
    i % 5 === 0 ? null : `slug: ${slug}`,
    kind ? `kind: ${kind}` : null,
    visibility ? `visibility: ${visibility}` : null,
    // Both YAML list styles.
    i % 2 ? `tags: [${tags.join(", ")}]` : `tags:\n${tags.map((tag) => `  - ${tag}`).join("\n")}`,
    owner ? `owner: ${owner}` : null,
    review ? `review: ${review}` : null,
  ].filter((line) => line !== null);
  return {
    text: `---\n${front.join("\n")}\n---\n\n${body}\n`,
    expected: {
      file: `${slug}.md`,
      slug,
      title,
      kind: kind ?? "howto",
      visibility: visibility ?? "internal",
      tags: [...new Set(tags)].sort(),
      owner,
      review,
      body,
    },
  };
}

const BROKEN = {
  "broken-front-matter.md": "---\ntitle: [unclosed\nslug: kaputt\n---\nText.\n",
  "empty-title.md": '---\ntitle: "  "\nslug: leerer-titel\n---\nText.\n',
  "unknown-visibility.md": "---\ntitle: Secret plans\nvisibility: secret\n---\nText.\n",
};

/** Front matter and body as compared: tags as a sorted list, Markdown without outer whitespace. */
function normalise(text: string) {
  const { data, content } = matter(text, {});
  const day = (value: unknown) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : (value as string | undefined);
  return {
    front: {
      title: data.title as string,
      slug: data.slug as string,
      kind: data.kind as string,
      visibility: data.visibility as string,
      tags: [...((data.tags as string[] | undefined) ?? [])].sort(),
      owner: data.owner as string | undefined,
      review: day(data.review),
    },
    body: content.replace(/[ \t]+$/gm, "").trim(),
  };
}

let root: string;
let source: string;
const expected: Generated[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lagebild-md-"));
  source = path.join(root, "source");
  await mkdir(path.join(source, "en"), { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const { text, expected: item } = generate(i);
    expected.push(item);
    // A sub-folder too: the import walks the whole tree.
    const folder = i % 2 ? path.join(source, "en") : source;
    await writeFile(path.join(folder, `file-${i}.md`), text);
  }
  for (const [name, text] of Object.entries(BROKEN)) {
    await writeFile(path.join(source, name), text);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An empty knowledge base with the importing admin and the owner the files name. */
async function emptyKnowledgeBase(): Promise<Actor> {
  await resetDatabase();
  await buildUser({ email: OWNER, name: "Olga Owner", role: "engineer" });
  const admin = await buildUser({ email: "admin@lagebild.example", name: "Ada", role: "admin" });
  expect((await findImportUser())?.id).toBe(admin.id);
  return admin.actor;
}

/** Exports every article into a new folder of its own and returns the folder. */
async function exportAll(): Promise<{ dir: string; written: number }> {
  const dir = await mkdtemp(path.join(root, "export-"));
  const started = performance.now();
  const written = await exportArticlesToDirectory(dir);
  console.log(`export of ${written} articles: ${Math.round(performance.now() - started)} ms`);
  return { dir, written };
}

// Hundreds of real SQLite transactions and renders: more than the default 30 s on a busy machine.
// The 200 files are imported once; every test here only reads what that import wrote.
describe("Markdown import and export of 200 files", { timeout: 120_000 }, () => {
  let admin: Actor;
  let firstImport: ImportSummary;

  beforeAll(async () => {
    admin = await emptyKnowledgeBase();
    const started = performance.now();
    firstImport = await importMarkdownDirectory(source, { actor: admin });
    console.log(`import of ${COUNT + 3} files: ${Math.round(performance.now() - started)} ms`);
  }, 120_000);

  test("The import creates every valid file and names each broken one with its reason", () => {
    expect(firstImport.created).toHaveLength(COUNT);
    expect(firstImport.updated).toEqual([]);
    expect(firstImport.unchanged).toEqual([]);
    expect(firstImport.warnings).toEqual([]);
    const failed = Object.fromEntries(firstImport.failed.map((f) => [f.file, f.message]));
    expect(Object.keys(failed).sort()).toEqual(Object.keys(BROKEN).sort());
    expect(failed["broken-front-matter.md"]).toMatch(/front matter is not valid YAML/);
    expect(failed["empty-title.md"]).toMatch(/^title: is empty/);
    expect(failed["unknown-visibility.md"]).toMatch(
      /^visibility: .*'internal' \| 'public'.*'secret'/,
    );
  });

  test("Links between the imported files show as backlinks, also to files imported later", async () => {
    // File 0 links to file 7, which was imported after it.
    const found = await getStaffArticle(expected[7]!.slug);
    expect(found?.backlinks.map((link) => link.slug)).toContain(expected[0]!.slug);
  });

  test("The export gives back every file with the same front matter and Markdown body", async () => {
    const { dir, written } = await exportAll();
    expect(written).toBe(COUNT);
    expect((await readdir(dir)).sort()).toEqual(expected.map((item) => item.file).sort());
    for (const item of expected) {
      const out = normalise(await readFile(path.join(dir, item.file), "utf8"));
      expect(out.front, item.file).toEqual({
        title: item.title,
        slug: item.slug,
        kind: item.kind,
        visibility: item.visibility,
        tags: item.tags,
        // Without an owner in the file, the importing admin owns the article.
        owner: item.owner ?? "admin@lagebild.example",
        // Without a review date in the file, the default review date applies.
        review: item.review ?? defaultReviewDate().toISOString().slice(0, 10),
      });
      expect(out.body, item.file).toBe(item.body);
    }
  });

  test("An exported internal note keeps its :::internal fence", async () => {
    const { dir } = await exportAll();
    const text = await readFile(path.join(dir, expected[3]!.file), "utf8");
    expect(text).toContain(":::internal\nRoot cause NOC-1003, do not tell customers.\n:::");
  });

  test("Importing the export again reports every file unchanged", async () => {
    const { dir } = await exportAll();
    const started = performance.now();
    const again = await importMarkdownDirectory(dir, { actor: admin });
    console.log(`re-import of ${COUNT} files: ${Math.round(performance.now() - started)} ms`);
    expect({ ...again, unchanged: [...again.unchanged].sort() }).toEqual({
      created: [],
      updated: [],
      unchanged: expected.map((item) => item.slug).sort(),
      failed: [],
      warnings: [],
    });
  });
});

describe("re-importing a changed file", () => {
  test("A changed file updates its article as a new revision and leaves the others alone", async () => {
    const admin = await emptyKnowledgeBase();
    const dir = await mkdtemp(path.join(root, "few-"));
    const few = [0, 1, 2, 3, 4].map((i) => generate(i));
    for (const { text, expected: item } of few) await writeFile(path.join(dir, item.file), text);
    expect((await importMarkdownDirectory(dir, { actor: admin })).created).toHaveLength(5);

    const changed = few[2]!.expected;
    const text = await readFile(path.join(dir, changed.file), "utf8");
    await writeFile(
      path.join(dir, changed.file),
      text.replace("## Überblick", "## Überblick (aktualisiert)"),
    );
    const summary = await importMarkdownDirectory(dir, { actor: admin });
    expect(summary.updated).toEqual([changed.slug]);
    expect(summary.unchanged).toHaveLength(4);
    const found = await getStaffArticle(changed.slug);
    expect(found?.revision).toBe(2);
    expect(found?.html).toContain("Überblick (aktualisiert)");
  });
});

describe("who imports", () => {
  test("An engineer's import creates internal articles but may not publish one", async () => {
    const engineer = await buildUser({ role: "engineer" });
    const dir = await mkdtemp(path.join(root, "engineer-"));
    await writeFile(path.join(dir, "a.md"), "---\ntitle: Intern\nslug: eng-intern\n---\nText.\n");
    await writeFile(
      path.join(dir, "b.md"),
      "---\ntitle: Public\nslug: eng-public\nvisibility: public\n---\nText.\n",
    );
    const summary = await importMarkdownDirectory(dir, { actor: engineer.actor });
    expect(summary.created).toEqual(["eng-intern"]);
    expect(summary.failed).toEqual([
      { file: "b.md", message: expect.stringMatching(/only with the right to publish/) },
    ]);
  });

  test("An agent cannot import at all", async () => {
    const agent = await buildUser({ role: "agent" });
    await expect(importMarkdownDirectory(source, { actor: agent.actor })).rejects.toThrow(
      /may not write articles/,
    );
  });
});
