/**
 * The benchmark corpus: 10,000 DE/EN support articles and 100 incidents from a seeded generator
 * (same seed, same corpus), written through the app's own model commands (createArticle,
 * createIncident, updateIncident) and indexed with its own full reindex. The database and the
 * Meilisearch data are cached in the temp folder under the generator version, so only the first
 * bench run pays for them:
 *   npx tsx tests/bench/generate-corpus.ts        (prints the cached folder, building it if missing)
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  access,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  writeFile,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import cliProgress from "cli-progress";

import {
  cities,
  compounds,
  devices,
  headings,
  internalNotes,
  sentences,
  steps,
  tariffs,
  topics,
  type Topic,
} from "./corpus-text.ts";

/** Bump when the generated text or the way it is written changes: a new cache folder is built. */
export const CORPUS_VERSION = 1;
// BENCH_ARTICLES: a smaller corpus for trying the bench itself out (its own cache folder).
export const CORPUS_ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
export const CORPUS_INCIDENTS = Math.min(100, Math.ceil(CORPUS_ARTICLES / 100));
const SEED = 20_261_201;
// A fixed "now" for dates in the text and updatedAt, so the corpus does not depend on the day.
const BASE_TIME = Date.parse("2026-11-01T09:00:00Z");
const DAY = 86_400_000;

/** mulberry32: small, fast and good enough to pick words; never Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Lang = "de" | "en";

class Picker {
  readonly random: () => number;
  constructor(random: () => number) {
    this.random = random;
  }
  int(min: number, max: number) {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number) {
    return this.random() < p;
  }
}

export interface GeneratedArticle {
  title: string;
  kind: "howto" | "faq";
  visibility: "internal" | "public";
  lang: Lang;
  topic: string;
  tags: string[];
  markdown: string;
  updatedAt: Date;
}

export interface GeneratedIncident {
  title: string;
  topic: string;
  city: string;
  postcode: string;
  service: string;
  detail: string;
  summary: string;
  startedAt: Date;
  resolved: boolean;
}

function isoDate(time: number, lang: Lang) {
  const d = new Date(time);
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const pad = (n: number) => String(n).padStart(2, "0");
  return lang === "de" ? `${pad(day)}.${pad(m)}.${y}` : `${y}-${pad(m)}-${pad(day)}`;
}

function filler(p: Picker, topic: Topic, lang: Lang, place: [string, string]) {
  const other = p.pick(topics);
  const values: Record<string, () => string> = {
    product: () => topic[lang].product,
    problem: () => p.pick(topic[lang].problems),
    product2: () => other[lang].product,
    problem2: () => p.pick(other[lang].problems),
    device: () => p.pick(devices),
    city: () => place[0],
    postcode: () => place[1],
    tariff: () => p.pick(tariffs),
    compound: () => p.pick(compounds),
    compound2: () => p.pick(compounds),
    ticket: () => `INC-2026-${String(p.int(1, 9999)).padStart(4, "0")}`,
    change: () => `CHG-${p.int(10_000, 99_999)}`,
    number: () => String(p.pick([2, 3, 5, 10, 15, 20, 30, 48, 50, 100])),
    date: () => isoDate(BASE_TIME - p.int(1, 400) * DAY, lang),
  };
  return (template: string) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key]!());
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Markdown of an article body with about `target` words: intro, sections, lists, internal notes. */
function body(p: Picker, topic: Topic, lang: Lang, target: number, place: [string, string]) {
  const fill = filler(p, topic, lang, place);
  const paragraph = (min: number, max: number) =>
    Array.from({ length: p.int(min, max) }, () => fill(p.pick(sentences[lang]))).join(" ");
  const blocks = [paragraph(1, 3)];
  const usedHeadings = new Set<string>();
  let words = wordCount(blocks[0]!);
  while (words < target) {
    let heading = p.pick(headings[lang]);
    if (usedHeadings.has(heading)) heading = `${heading} (${topic[lang].product})`;
    usedHeadings.add(heading);
    const section = [`## ${heading}`, paragraph(2, 5)];
    const shape = p.random();
    if (shape < 0.3) {
      section.push(
        Array.from(
          { length: p.int(3, 7) },
          (_, i) => `${i + 1}. ${fill(p.pick(steps[lang]))}`,
        ).join("\n"),
      );
    } else if (shape < 0.55) {
      section.push(
        Array.from({ length: p.int(2, 6) }, () => `- ${fill(p.pick(sentences[lang]))}`).join("\n"),
      );
    }
    if (p.chance(0.2)) section.push(`:::internal\n${fill(p.pick(internalNotes[lang]))}\n:::`);
    if (p.chance(0.3)) section.push(paragraph(1, 3));
    const text = section.join("\n\n");
    words += wordCount(text);
    blocks.push(text);
  }
  return blocks.join("\n\n");
}

function title(p: Picker, topic: Topic, lang: Lang, kind: "howto" | "faq") {
  const t = topic[lang];
  const device = p.pick(devices);
  const tariff = p.pick(tariffs);
  const compound = p.pick(compounds);
  if (lang === "de") {
    const patterns =
      kind === "faq"
        ? [
            `FAQ: ${t.product} ${p.pick(t.problems)}`,
            `Häufige Fragen zu ${t.product} im Tarif ${tariff}`,
            `${t.product}: Fragen zur ${compound}`,
          ]
        : [
            `${t.product} ${p.pick(t.actions)} (${device})`,
            `${t.product} ${p.pick(t.problems)}: ${device}`,
            `${t.product} ${p.pick(t.actions)} im Tarif ${tariff}`,
            `${compound} bei ${t.product}: so hilfst du dem Kunden`,
          ];
    return p.pick(patterns);
  }
  const patterns =
    kind === "faq"
      ? [
          `FAQ: ${t.product} ${p.pick(t.problems)}`,
          `Questions about ${t.product} on ${tariff}`,
          `${t.product}: what customers ask about the ${device}`,
        ]
      : [
          `How to ${p.pick(t.actions)} ${t.product} (${device})`,
          `${t.product} ${p.pick(t.problems)} on the ${device}`,
          `${t.product}: ${p.pick(t.actions)} for ${tariff} customers`,
        ];
  return p.pick(patterns);
}

/** The articles of the corpus, the same for the same count on every run. */
export function generateArticles(count = CORPUS_ARTICLES): GeneratedArticle[] {
  const p = new Picker(seededRandom(SEED));
  return Array.from({ length: count }, () => {
    const topic = p.pick(topics);
    const lang: Lang = p.chance(0.65) ? "de" : "en";
    const kind = p.chance(0.7) ? "howto" : "faq";
    const size = p.random();
    // Most articles are short; one in six runs past 500 words, as long runbooks do.
    const target = size < 0.55 ? p.int(60, 250) : size < 0.83 ? p.int(250, 500) : p.int(500, 1200);
    const place = p.pick(cities);
    return {
      title: title(p, topic, lang, kind),
      kind,
      visibility: p.chance(0.35) ? "public" : "internal",
      lang,
      topic: topic.key,
      tags: [...topic.tags, ...(p.chance(0.3) ? [lang === "de" ? "agents" : "escalation"] : [])],
      markdown: body(p, topic, lang, target, place),
      updatedAt: new Date(BASE_TIME - p.int(0, 720) * DAY - p.int(0, 86_000) * 1000),
    };
  });
}

/** The incidents of the corpus: most resolved, a few still going on. */
export function generateIncidents(count = CORPUS_INCIDENTS): GeneratedIncident[] {
  const p = new Picker(seededRandom(SEED + 1));
  return Array.from({ length: count }, (_, i) => {
    const topic = p.pick(topics);
    const [city, postcode] = p.pick(cities);
    const problem = p.pick(topic.de.problems);
    const detail = [
      `Seit ${isoDate(BASE_TIME - p.int(1, 300) * DAY, "de")} melden Kunden in ${city} (${postcode}): ${topic.de.product} ${problem}.`,
      body(p, topic, "de", p.int(80, 300), [city, postcode]),
      body(p, topic, "en", p.int(40, 150), [city, postcode]),
    ].join("\n\n");
    return {
      title: `Störung ${city}: ${topic.de.product} ${problem}`,
      topic: topic.key,
      city,
      postcode,
      service: topic.service,
      detail,
      summary: `${topic.de.product} ${problem} (${city}, ${postcode})`,
      startedAt: new Date(BASE_TIME - p.int(0, 600) * DAY),
      resolved: i % 20 !== 0,
    };
  });
}

const root = path.resolve(import.meta.dirname, "../..");

// What the cached database and index depend on besides the generator: the schema and the code
// that decides what enters the index. A change to either builds a new cache folder.
const indexInputs = ["search", "app/models/search.server.ts", "prisma/migrations"];

async function filesUnder(entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  try {
    const children = await readdir(full, { withFileTypes: true });
    const nested = await Promise.all(
      children.map((child) => filesUnder(path.join(entry, child.name))),
    );
    return nested.flat();
  } catch {
    return [entry];
  }
}

/** The cache folder of this generator version and index code; holds `lagebild.db` and `meilisearch/`. */
export async function corpusCacheDir(): Promise<string> {
  const hash = createHash("sha256");
  for (const entry of indexInputs) {
    for (const file of (await filesUnder(entry)).sort()) {
      hash.update(file).update(await readFile(path.join(root, file)).catch(() => ""));
    }
  }
  const key = `v${CORPUS_VERSION}-${CORPUS_ARTICLES}-${hash.digest("hex").slice(0, 10)}`;
  return path.join(os.tmpdir(), `lagebild-bench-corpus-${key}`);
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

// One process writing all 10k articles grew by about 0.6 MB per createArticle to 4 GB, and each
// article then cost 5× the CPU of the first ones: fresh processes write the corpus in chunks.
const CHUNK = 1500;

function runChild(building: string, step: "--articles" | "--finish") {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(import.meta.url), step],
      {
        cwd: root,
        stdio: "inherit",
        env: { ...withoutAppEnv(process.env), LAGEBILD_DATA_DIR: building, NODE_ENV: "production" },
      },
    );
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`Corpus build ${step} failed (${code})`)),
    );
  });
}

/**
 * Returns the cached corpus folder, building it first when this generator version has none.
 * The build runs in child processes, so the app's modules read the folder as their data
 * directory; an interrupted build resumes where it stopped.
 */
export async function ensureCorpus(): Promise<string> {
  const dir = await corpusCacheDir();
  if (await exists(path.join(dir, "ready"))) return dir;
  const building = `${dir}-building`;
  await mkdir(building, { recursive: true });
  while (!(await exists(path.join(building, "articles-done")))) {
    await runChild(building, "--articles");
  }
  await runChild(building, "--finish");
  await rm(dir, { recursive: true, force: true });
  await rename(building, dir);
  return dir;
}

function withoutAppEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of ["DATABASE_URL", "MEILI_HOST", "MEILI_MASTER_KEY", "MEILI_API_KEY"]) {
    delete copy[key];
  }
  return copy;
}

/** Copies the cached corpus into a fresh folder a bench run may change (saves add revisions). */
export async function copyCorpus(): Promise<string> {
  const source = await ensureCorpus();
  const target = await mkdtemp(path.join(os.tmpdir(), "lagebild-bench-run-"));
  await cp(source, target, { recursive: true });
  await rm(path.join(target, "ready"), { force: true });
  return target;
}

function progressBar(task: string, total: number, start: number) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${task} [{bar}] {value}/{total} {duration}s`,
      clearOnComplete: false,
      // Also when the output is a log file, not a terminal (CI): a line every 10 s.
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, start);
  return bar;
}

async function appModules() {
  const { bootContent, bootDatabase } = await import("../../app/boot.server.ts");
  const { prisma } = await import("../../app/utils/db.server.ts");
  await bootDatabase(() => {});
  // Build-time only: a lost corpus is rebuilt, so commits need not wait for the disk.
  await prisma.$queryRawUnsafe("PRAGMA synchronous = OFF");
  const dataDir = process.env.LAGEBILD_DATA_DIR!;
  const demoFile = path.join(dataDir, "demo-articles");
  if (!(await exists(demoFile))) {
    // Demo users (the bench signs in as them) and demo content, as a first start seeds them.
    await bootContent(() => {});
    await writeFile(demoFile, String(await prisma.article.count()));
  }
  const admin = await prisma.user.findUniqueOrThrow({
    where: { email: "admin@lagebild.example" },
    select: { id: true, role: true },
  });
  return {
    prisma,
    dataDir,
    demoArticles: Number(await readFile(demoFile, "utf8")),
    actor: { id: admin.id, role: admin.role as "admin" },
  };
}

/** Child step: writes the next chunk of articles through createArticle. */
async function writeArticleChunk() {
  const { markdownToContent } = await import("../../app/editor/content.server.ts");
  const { createArticle } = await import("../../app/models/article.server.ts");
  const { prisma, dataDir, demoArticles, actor } = await appModules();
  const articles = generateArticles();
  // Each article is its own transaction: the count says exactly how far an earlier run got.
  const done = (await prisma.article.count()) - demoArticles;
  const end = Math.min(articles.length, done + CHUNK);
  const bar = progressBar("Articles ", articles.length, done);
  for (const article of articles.slice(done, end)) {
    const created = await createArticle({
      title: article.title,
      kind: article.kind,
      visibility: article.visibility,
      tags: article.tags,
      content: markdownToContent(article.markdown),
      actor,
      updatedAt: article.updatedAt,
    });
    if (created.status !== "created") throw new Error(`${article.title}: ${created.status}`);
    bar.increment();
  }
  bar.stop();
  if (end === articles.length) await writeFile(path.join(dataDir, "articles-done"), "");
  await prisma.$disconnect();
}

/** Child step: incidents through createIncident/updateIncident, then the app's full reindex. */
async function finish() {
  const { bootSearch } = await import("../../app/boot.server.ts");
  const { createIncident, updateIncident } = await import("../../app/models/incident.server.ts");
  const { reindexAllArticles } = await import("../../app/models/search.server.ts");
  const { prisma, dataDir, actor } = await appModules();
  const started = performance.now();
  // The full reindex below covers every article: the queued index jobs need not be drained.
  await prisma.searchOutbox.deleteMany();
  const search = await bootSearch(() => {}, "start");
  if (!search.ready) throw new Error("Meilisearch did not start");

  // Incidents link the first German how-tos of their topic (the title's first, unsuffixed slug).
  const howtoSlugs = new Map<string, string[]>();
  for (const article of generateArticles()) {
    const list = howtoSlugs.get(article.topic) ?? [];
    if (article.kind !== "howto" || article.lang !== "de" || list.length >= 2) continue;
    const found = await prisma.article.findFirst({
      where: { title: article.title },
      orderBy: { slug: "asc" },
      select: { slug: true },
    });
    if (found) howtoSlugs.set(article.topic, [...list, found.slug]);
  }
  if (!(await exists(path.join(dataDir, "incidents-done")))) {
    const incidents = generateIncidents();
    const bar = progressBar("Incidents", incidents.length, 0);
    for (const incident of incidents) {
      const fields = {
        severity: "major" as const,
        areas: `${incident.city} ${incident.postcode}`,
        serviceKeys: [incident.service],
        summary: incident.summary,
        howtoSlugs: howtoSlugs.get(incident.topic) ?? [],
      };
      const created = await createIncident(actor, {
        ...fields,
        title: incident.title,
        detail: incident.detail,
        startedAt: incident.startedAt,
      });
      if (created.status !== "created") throw new Error(`${incident.title}: ${created.status}`);
      if (incident.resolved) {
        const resolved = await updateIncident(actor, created.slug, {
          ...fields,
          baseVersion: 1,
          status: "resolved",
          note: "Behoben.",
        });
        if (resolved.status !== "saved") throw new Error(`${created.slug}: ${resolved.status}`);
      }
      bar.increment();
    }
    bar.stop();
    await writeFile(path.join(dataDir, "incidents-done"), "");
  }

  // The same for the incidents' jobs.
  const lastJob = await prisma.searchOutbox.findFirst({ orderBy: { id: "desc" } });
  const bar = progressBar("Indexing ", await prisma.article.count(), 0);
  await reindexAllArticles((done) => bar.update(done));
  bar.stop();
  if (lastJob) await prisma.searchOutbox.deleteMany({ where: { id: { lte: lastJob.id } } });
  console.log(
    `Corpus: incidents and index in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  await search.embedded?.stop();
  await prisma.$disconnect();
  await writeFile(path.join(dataDir, "ready"), `${CORPUS_VERSION}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const step = process.argv[2];
  if (step === "--articles") await writeArticleChunk();
  else if (step === "--finish") await finish();
  else console.log(await ensureCorpus());
}
