/**
 * Articles as Markdown files in and out: `npm run import`, `npm run export` and the
 * single-article download, in the file format of markdown-file.server.ts.
 */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import { markdownToContent, renderContent } from "~/editor/content.server.ts";
import { prisma } from "~/utils/db.server.ts";

import type { Actor } from "./actor.ts";
import { ArticleLimits, articleKinds, type ArticleKind } from "./article-limits.ts";
import { rebuildAllLinks } from "./article-links.server.ts";
import { parseKeywords } from "./article-rules.ts";
import { createArticle, saveArticle } from "./article.server.ts";
import { can } from "./capabilities.ts";
import {
  buildMarkdownFile,
  isoDay,
  parseMarkdownFile,
  type ExportableArticle,
} from "./markdown-file.server.ts";

function sameDay(a: Date | null, b: Date | null): boolean {
  return (a ? isoDay(a) : null) === (b ? isoDay(b) : null);
}

/** Whether two contents have the same Markdown (what a file can express); false if one is bad. */
function sameStaffMarkdown(stored: string, imported: string): boolean {
  try {
    return renderContent(stored, "staff").markdown === renderContent(imported, "staff").markdown;
  } catch {
    return false;
  }
}

const exportSelect = {
  slug: true,
  title: true,
  kind: true,
  visibility: true,
  updatedAt: true,
  reviewAt: true,
  body: true,
  keywords: true,
  tags: { select: { name: true }, orderBy: { name: "asc" } },
  owner: { select: { email: true } },
} as const;

type ExportRow = {
  slug: string;
  title: string;
  kind: string;
  visibility: string;
  updatedAt: Date;
  reviewAt: Date | null;
  body: string;
  keywords: string;
  tags: { name: string }[];
  owner: { email: string } | null;
};

function toExportable(row: ExportRow): ExportableArticle {
  return {
    ...row,
    tags: row.tags.map((tag) => tag.name),
    keywords: parseKeywords(row.keywords),
    ownerEmail: row.owner?.email ?? null,
  };
}

/** Returns one article as a Markdown file (name and text), or null when there is no such slug. */
export async function getArticleMarkdownFile(slug: string) {
  const row = await prisma.article.findUnique({ where: { slug }, select: exportSelect });
  if (!row) return null;
  return { fileName: `${row.slug}.md`, text: buildMarkdownFile(toExportable(row)) };
}

type Progress = (done: number, total: number, file: string) => void;

/** Writes every article to `<dir>/<slug>.md`; returns how many files were written. */
export async function exportArticlesToDirectory(
  dir: string,
  onProgress: Progress = () => {},
): Promise<number> {
  await mkdir(dir, { recursive: true });
  const total = await prisma.article.count();
  let done = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await prisma.article.findMany({
      take: 200,
      ...(cursor ? { skip: 1, cursor: { slug: cursor } } : {}),
      orderBy: { slug: "asc" },
      select: exportSelect,
    });
    if (!page.length) return done;
    for (const row of page) {
      const fileName = `${row.slug}.md`;
      await writeFile(path.join(dir, fileName), buildMarkdownFile(toExportable(row)));
      onProgress(++done, total, fileName);
    }
    cursor = page.at(-1)!.slug;
  }
}

/** Returns the user an import is recorded under: the given email, else the first active admin. */
export function findImportUser(email?: string) {
  const select = { id: true, email: true, name: true, role: true } as const;
  if (email) {
    return prisma.user.findFirst({
      where: { email: email.trim().toLowerCase(), active: true },
      select,
    });
  }
  return prisma.user.findFirst({
    where: { role: "admin", active: true },
    orderBy: { createdAt: "asc" },
    select,
  });
}

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  failed: { file: string; message: string }[];
  /** Imported, with a detail the operator should know (e.g. an unknown owner was ignored). */
  warnings: { file: string; message: string }[];
}

type FileOutcome =
  | { status: "created" | "updated" | "unchanged"; slug: string; warning?: string }
  | { status: "failed"; message: string };

interface ImportContext {
  actor: Actor;
  keepExisting: boolean;
  /** Slug -> file that claimed it in this run: a second file with the same slug fails. */
  claimed: Map<string, string>;
  owners: Map<string, string | null>;
}

async function resolveOwner(context: ImportContext, email: string | undefined) {
  if (!email) return undefined;
  if (!context.owners.has(email)) {
    const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    context.owners.set(email, user?.id ?? null);
  }
  return context.owners.get(email) ?? null;
}

function currentKind(kind: string): ArticleKind {
  return articleKinds.find((known) => known === kind) ?? "howto";
}

async function importFile(
  context: ImportContext,
  file: string,
  text: string,
): Promise<FileOutcome> {
  const parsed = parseMarkdownFile(text);
  if (parsed.status === "invalid") return { status: "failed", message: parsed.message };
  const { slug, front } = parsed;
  const claimedBy = context.claimed.get(slug);
  if (claimedBy)
    return { status: "failed", message: `slug "${slug}" is also used by ${claimedBy}` };
  context.claimed.set(slug, file);

  let content: string;
  try {
    content = markdownToContent(parsed.markdown);
  } catch (error) {
    return { status: "failed", message: `content: ${(error as Error).message}` };
  }
  const ownerId = await resolveOwner(context, front.owner);
  const warning =
    ownerId === null ? `owner ${front.owner} is not a user here; owner left as it was` : undefined;

  const existing = await prisma.article.findUnique({
    where: { slug },
    select: {
      revision: true,
      title: true,
      kind: true,
      visibility: true,
      body: true,
      ownerId: true,
      reviewAt: true,
      keywords: true,
      tags: { select: { name: true } },
    },
  });
  if (existing && context.keepExisting) return { status: "unchanged", slug };
  if (!existing) {
    const created = await createArticle({
      slug,
      title: front.title,
      kind: front.kind ?? "howto",
      visibility: front.visibility ?? "internal",
      tags: front.tags,
      keywords: front.keywords,
      content,
      actor: context.actor,
      ownerId: ownerId ?? context.actor.id,
      reviewAt: front.review,
      updatedAt: front.updated,
    });
    if (created.status === "invalid") {
      return { status: "failed", message: `${created.field}: ${created.message}` };
    }
    if (created.status === "forbidden") return { status: "failed", message: created.message };
    return { status: "created", slug, warning };
  }

  const existingTags = existing.tags.map((tag) => tag.name).sort();
  const unchanged =
    existing.title === front.title &&
    (front.kind === undefined || front.kind === existing.kind) &&
    (front.visibility === undefined || front.visibility === existing.visibility) &&
    existingTags.join(",") === front.tags.join(",") &&
    (front.keywords === undefined ||
      JSON.stringify(front.keywords) === JSON.stringify(parseKeywords(existing.keywords))) &&
    (!ownerId || ownerId === existing.ownerId) &&
    (front.review === undefined || sameDay(front.review, existing.reviewAt)) &&
    sameStaffMarkdown(existing.body, content);
  if (unchanged) return { status: "unchanged", slug, warning };

  const saved = await saveArticle({
    slug,
    actor: context.actor,
    baseRevision: existing.revision,
    title: front.title,
    content,
    tags: front.tags,
    keywords: front.keywords,
    kind: front.kind ?? currentKind(existing.kind),
    visibility: front.visibility,
    ownerId: ownerId ?? undefined,
    reviewAt: front.review,
    summary: `Markdown import: ${file}`.slice(0, ArticleLimits.summary),
  });
  switch (saved.status) {
    case "saved":
      // Same head revision: the file differed only in ways the article does not store.
      return {
        status: saved.article.revision === existing.revision ? "unchanged" : "updated",
        slug,
        warning,
      };
    case "invalid":
      return { status: "failed", message: `${saved.field}: ${saved.message}` };
    case "forbidden":
      return { status: "failed", message: saved.message };
    case "conflict":
      return { status: "failed", message: "changed by someone else during the import; run again" };
    case "not-found":
      return { status: "failed", message: "deleted by someone else during the import" };
  }
}

/** Lists the `*.md` files under `dir` (recursively), as paths relative to it, sorted. */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(".md"))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Imports every `*.md` under `dir` as the given user: new slugs are created, changed articles
 * saved as a new revision, identical ones left alone; each file obeys the same rules as an edit
 * by that user (publishing and public text need article:publish). A bad or refused file is
 * reported in `failed` and never stops the run. Links between the files are resolved at the end.
 * Throws when the user may not write articles at all.
 */
export async function importMarkdownDirectory(
  dir: string,
  options: {
    actor: Actor;
    onProgress?: Progress;
    /** "keep": files whose slug exists are reported unchanged (the demo seed's top-up). */
    existing?: "update" | "keep";
  },
): Promise<ImportSummary> {
  const { role } = options.actor;
  if (!can(role, "article:write")) {
    throw new Error(
      "The importing user may not write articles (needs the engineer role or above).",
    );
  }
  const files = await listMarkdownFiles(dir);
  const summary: ImportSummary = {
    created: [],
    updated: [],
    unchanged: [],
    failed: [],
    warnings: [],
  };
  const context: ImportContext = {
    actor: options.actor,
    keepExisting: options.existing === "keep",
    claimed: new Map(),
    owners: new Map(),
  };
  for (const [index, file] of files.entries()) {
    let outcome: FileOutcome;
    try {
      outcome = await importFile(context, file, await readFile(path.join(dir, file), "utf8"));
    } catch (error) {
      outcome = { status: "failed", message: (error as Error).message };
    }
    if (outcome.status === "failed") {
      summary.failed.push({ file, message: outcome.message });
    } else {
      summary[outcome.status].push(outcome.slug);
      if (outcome.warning) summary.warnings.push({ file, message: outcome.warning });
    }
    options.onProgress?.(index + 1, files.length, file);
  }
  // Files may link to articles created later in the same run.
  if (summary.created.length || summary.updated.length) await rebuildAllLinks();
  return summary;
}
