import { z } from "zod";

import {
  InvalidContentError,
  markdownToContent,
  renderContent,
  type Audience,
  type RenderedContent,
} from "~/editor/content.server.ts";
import type { Article, Prisma } from "~/generated/prisma/client.ts";
import { markContentChanged } from "~/utils/content-version.ts";
import { prisma } from "~/utils/db.server.ts";

import type { Actor } from "./actor.ts";
import {
  ArticleLimits,
  articleKinds,
  slugify,
  slugPattern,
  visibilities,
  type ArticleKind,
  type Visibility,
} from "./article-limits.ts";
import { recordAudit } from "./audit.server.ts";
import { can, type Capability } from "./capabilities.ts";
import { diffMarkdown, mergeMarkdown, sameMarkdown, type DiffPart } from "./merge.ts";
import { findInternalTextMadePublic } from "./public-guard.ts";
import { defaultReviewDate } from "./review-dates.ts";

export type { DiffPart } from "./merge.ts";

function actorCan(actor: Actor, capability: Capability): boolean {
  return can(actor.role, capability);
}

/** A change refused for the acting user's role; the caller answers 403 and shows the message. */
export type Forbidden = { status: "forbidden"; message: string };

const mayNotWrite: Forbidden = {
  status: "forbidden",
  message: "Your role may not write articles.",
};

const mayNotChangePublic: Forbidden = {
  status: "forbidden",
  message:
    "This article is public: its title, public text and visibility change only with the right to publish (comms or admin). You may still edit its internal notes.",
};

export interface NewArticle {
  title: string;
  /** The address; without one, a free slug is derived from the title ("-2", "-3" … if taken). */
  slug?: string;
  kind: ArticleKind;
  visibility: Visibility;
  tags: string[];
  /** Serialized Lexical state. */
  content: string;
  /** The author; making the article public needs article:publish. */
  actor: Actor;
  updatedAt?: Date;
  /** Undefined: REVIEW_AFTER_DAYS after `updatedAt` (or now); null: no review date. */
  reviewAt?: Date | null;
  ownerId?: string | null;
}

type Tx = Prisma.TransactionClient;

/** Records that an article's index documents must be refreshed, inside the caller's transaction. */
export async function enqueueIndexJob(tx: Tx, articleId: string) {
  await tx.searchOutbox.create({ data: { articleId } });
  // Public pages cached by the server are re-rendered on their next request.
  markContentChanged();
}

async function replaceLinks(tx: Tx, articleId: string, slugs: string[]) {
  await tx.articleLink.deleteMany({ where: { fromId: articleId } });
  if (!slugs.length) return;
  const targets = await tx.article.findMany({
    where: { slug: { in: slugs } },
    select: { id: true },
  });
  const data = targets
    .filter((t) => t.id !== articleId)
    .map((t) => ({ fromId: articleId, toId: t.id }));
  if (data.length) await tx.articleLink.createMany({ data });
}

/** Returns why a (trimmed) title cannot be used, or null when it can. */
function checkTitle(title: string): string | null {
  if (!title) return "The title must not be empty.";
  if (title.length > ArticleLimits.title) {
    return `The title must be at most ${ArticleLimits.title} characters long.`;
  }
  return null;
}

export interface CheckedContent {
  staff: RenderedContent;
  publicView: RenderedContent;
}

// Every save compares against the head it replaces, which was a draft rendered moments before:
// remembering the last few renderings keeps that comparison from rendering it again.
const checkedCache = new Map<string, CheckedContent | { invalid: string }>();
const CHECKED_CACHE_SIZE = 32;

/** Renders content for staff and the public, or returns why it is not a valid article document. */
export function checkContent(content: string): CheckedContent | { invalid: string } {
  const hit = checkedCache.get(content);
  if (hit) return hit;
  const result = renderBoth(content);
  if (checkedCache.size >= CHECKED_CACHE_SIZE) {
    checkedCache.delete(checkedCache.keys().next().value!);
  }
  checkedCache.set(content, result);
  return result;
}

function renderBoth(content: string): CheckedContent | { invalid: string } {
  if (new TextEncoder().encode(content).length > ArticleLimits.contentBytes) {
    return { invalid: `The article is larger than ${ArticleLimits.contentBytes} bytes.` };
  }
  try {
    return {
      staff: renderContent(content, "staff"),
      publicView: renderContent(content, "public"),
    };
  } catch (error) {
    if (error instanceof InvalidContentError) return { invalid: error.message };
    throw error;
  }
}

function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter(Boolean))];
}

// Paths of pages that live beside /articles/<slug>.
const reservedSlugs = new Set(["new"]);

/** The slug of the title, or with "-2", "-3" … appended, whichever no article uses yet. */
async function freeSlug(tx: Tx, title: string): Promise<string> {
  const base = slugify(title) || "article";
  const taken = new Set(
    (
      await tx.article.findMany({
        where: { slug: { startsWith: base } },
        select: { slug: true },
      })
    ).map((article) => article.slug),
  );
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, ArticleLimits.slug - 4)}-${n}`;
    if (!taken.has(candidate) && !reservedSlugs.has(candidate)) return candidate;
  }
}

export type CreateResult =
  | { status: "created"; article: Article }
  | { status: "invalid"; field: "content" | "slug" | "title"; message: string }
  | Forbidden;

/**
 * Creates an article with its first revision, tags, links and index job in one transaction;
 * returns "invalid" (nothing written) for an empty title, a bad or taken slug, or bad content,
 * and "forbidden" (audited, nothing else written) when the actor may not write or publish it.
 */
export async function createArticle(input: NewArticle): Promise<CreateResult> {
  const authorId = input.actor.id;
  if (!actorCan(input.actor, "article:write")) return mayNotWrite;
  if (input.visibility === "public" && !actorCan(input.actor, "article:publish")) {
    await recordAudit({
      actorId: authorId,
      action: "article.public-change-refused",
      target: input.slug ?? slugify(input.title),
      detail: "create public",
    });
    return mayNotChangePublic;
  }
  const title = input.title.trim();
  const titleProblem = checkTitle(title);
  if (titleProblem) return { status: "invalid", field: "title", message: titleProblem };
  // Undefined: the default review date; null: explicitly never.
  const reviewAt =
    input.reviewAt === undefined ? defaultReviewDate(input.updatedAt) : input.reviewAt;
  if (
    input.slug !== undefined &&
    (!slugPattern.test(input.slug) ||
      input.slug.length > ArticleLimits.slug ||
      reservedSlugs.has(input.slug))
  ) {
    return {
      status: "invalid",
      field: "slug",
      message: "The address may only contain lowercase letters, digits and dashes.",
    };
  }
  const checked = checkContent(input.content);
  if ("invalid" in checked)
    return { status: "invalid", field: "content", message: checked.invalid };
  const { staff, publicView } = checked;
  return prisma.$transaction(async (tx): Promise<CreateResult> => {
    const slug = input.slug ?? (await freeSlug(tx, title));
    if (await tx.article.findUnique({ where: { slug }, select: { id: true } })) {
      return {
        status: "invalid",
        field: "slug",
        message: `An article with the address "${slug}" already exists.`,
      };
    }
    const article = await tx.article.create({
      data: {
        slug,
        title,
        kind: input.kind,
        visibility: input.visibility,
        body: input.content,
        bodyText: staff.text,
        publicText: publicView.text,
        revision: 1,
        authorId,
        // Undefined: the author owns it; null: explicitly nobody.
        ownerId: input.ownerId === undefined ? authorId : input.ownerId,
        reviewAt,
        createdAt: input.updatedAt,
        updatedAt: input.updatedAt,
        tags: {
          connectOrCreate: normalizeTags(input.tags).map((name) => ({
            where: { name },
            create: { name },
          })),
        },
        revisions: {
          create: {
            number: 1,
            title,
            body: input.content,
            markdown: staff.markdown,
            meta: serializeMeta({
              kind: input.kind,
              visibility: input.visibility,
              tags: normalizeTags(input.tags),
              ownerId: input.ownerId === undefined ? authorId : input.ownerId,
              reviewAt,
            }),
            authorId,
            createdAt: input.updatedAt,
          },
        },
      },
    });
    await replaceLinks(tx, article.id, staff.linkedSlugs);
    await enqueueIndexJob(tx, article.id);
    return { status: "created", article };
  });
}

/** What an editor submits besides the revision it started from. */
export interface ArticleChanges {
  title: string;
  /** Serialized Lexical state. */
  content: string;
  tags: string[];
  kind: ArticleKind;
  /** Undefined keeps it; the route lets only holders of article:publish change it. */
  visibility?: Visibility;
  /** Undefined keeps the owner. */
  ownerId?: string | null;
  /** Undefined keeps the review date. */
  reviewAt?: Date | null;
  summary?: string;
}

export type SaveResult =
  | { status: "saved"; article: { id: string; slug: string; revision: number }; merged: boolean }
  | {
      status: "conflict";
      current: {
        revision: number;
        title: string;
        markdown: string;
        content: string;
        authorName: string | null;
        savedAt: string;
      };
      mine: { markdown: string };
      diff: DiffPart[];
    }
  | { status: "invalid"; field: "content" | "title"; message: string }
  | Forbidden
  | { status: "not-found" };

/** Article fields beside title and body; undefined keeps the article's value. */
export interface ArticleMeta {
  tags?: string[];
  kind?: ArticleKind;
  visibility?: Visibility;
  ownerId?: string | null;
  reviewAt?: Date | null;
}

/** The article fields a revision snapshots, all known. */
export type MetaSnapshot = Required<ArticleMeta>;

const metaSelect = {
  kind: true,
  visibility: true,
  ownerId: true,
  reviewAt: true,
  tags: { select: { name: true } },
} satisfies Prisma.ArticleSelect;

function metaOf(article: Prisma.ArticleGetPayload<{ select: typeof metaSelect }>): MetaSnapshot {
  return {
    kind: article.kind as ArticleKind,
    visibility: article.visibility as Visibility,
    ownerId: article.ownerId,
    reviewAt: article.reviewAt,
    tags: normalizeTags(article.tags.map((tag) => tag.name)),
  };
}

function serializeMeta(meta: MetaSnapshot): string {
  return JSON.stringify({
    ...meta,
    tags: [...meta.tags].sort(),
    reviewAt: meta.reviewAt?.toISOString() ?? null,
  });
}

const StoredMetaSchema = z.object({
  kind: z.enum(articleKinds),
  visibility: z.enum(visibilities),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  reviewAt: z.coerce.date().nullable(),
});

/** Reads a revision's snapshot; null for revisions written before snapshots existed. */
function parseMeta(stored: string | null): MetaSnapshot | null {
  if (!stored) return null;
  const parsed = StoredMetaSchema.safeParse(JSON.parse(stored));
  return parsed.success ? { ...parsed.data, tags: normalizeTags(parsed.data.tags) } : null;
}

const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(a instanceof Date ? a.getTime() : a) ===
  JSON.stringify(b instanceof Date ? b.getTime() : b);

/**
 * Three-way merge of the article fields, field by field: a change on one side wins, the same
 * change on both is fine, different changes of one field conflict (null). Tags merge as sets.
 */
export function mergeMeta(
  base: MetaSnapshot,
  mine: ArticleMeta,
  theirs: MetaSnapshot,
): ArticleMeta | null {
  const merged: ArticleMeta = {};
  for (const key of ["kind", "visibility", "ownerId", "reviewAt"] as const) {
    const value = mine[key];
    if (value === undefined || sameValue(value, base[key]) || sameValue(value, theirs[key]))
      continue;
    if (!sameValue(theirs[key], base[key])) return null;
    Object.assign(merged, { [key]: value });
  }
  if (mine.tags) {
    const mineTags = new Set(normalizeTags(mine.tags));
    const added = [...mineTags].filter((tag) => !base.tags.includes(tag));
    const removed = base.tags.filter((tag) => !mineTags.has(tag));
    merged.tags = [...new Set([...theirs.tags.filter((tag) => !removed.includes(tag)), ...added])];
  }
  return merged;
}

/** A revision about to be written: full content, its renderings, and the article fields to set. */
export interface RevisionDraft {
  title: string;
  content: string;
  rendered: CheckedContent;
  summary: string;
  actor: Actor;
  meta: ArticleMeta;
}

/** Why a revision was not written although the article had not moved on. */
export type Refusal = Forbidden | { status: "invalid"; field: "content"; message: string };

/** The stored head a revision is written on top of (what the rules compare against). */
export interface RevisionBase {
  id: string;
  slug: string;
  title: string;
  body: string;
  visibility: string;
}

/**
 * The rules every revision obeys, whatever produced it: text of an internal note never becomes
 * public in the same save, and the public projection (title, public text, visibility) of a public
 * article changes only with article:publish (a refusal is audited). Returns the refusal, or
 * whether the public projection changes.
 */
async function checkRevision(
  tx: Tx,
  base: RevisionBase,
  draft: RevisionDraft,
): Promise<Refusal | { publicChange: boolean }> {
  const before = checkContent(base.body);
  if (!("invalid" in before)) {
    const madePublic = findInternalTextMadePublic(
      { internalText: before.staff.internalText, publicText: before.publicView.text },
      draft.rendered.publicView.text,
    );
    if (madePublic) {
      return {
        status: "invalid",
        field: "content",
        message: `This change would make text of an internal note public ("${madePublic.slice(0, 80)}"). Text never leaves an internal note in the same save: remove it from the note and save first, then write it into the public text in a separate save.`,
      };
    }
  }
  const visibility = draft.meta.visibility ?? base.visibility;
  const publicChange =
    (base.visibility === "public" || visibility === "public") &&
    (visibility !== base.visibility ||
      draft.title !== base.title ||
      "invalid" in before ||
      before.publicView.html !== draft.rendered.publicView.html);
  if (publicChange && !actorCan(draft.actor, "article:publish")) {
    await recordAudit(
      {
        actorId: draft.actor.id,
        action: "article.public-change-refused",
        target: base.slug,
        detail: visibility !== base.visibility ? `visibility ${visibility}` : "public text",
      },
      tx,
    );
    return mayNotChangePublic;
  }
  return { publicChange };
}

/**
 * Writes the draft as the revision after `expectedRevision`, with everything that follows from it
 * (article fields, tags, links, index job, publish and public-change audit), in the caller's
 * transaction. Returns the new revision number, null (nothing written) when the article has moved
 * on, or the refusal (only its audit written) when the draft breaks a rule of checkRevision.
 */
export async function writeRevision(
  tx: Tx,
  article: RevisionBase,
  expectedRevision: number,
  draft: RevisionDraft,
): Promise<number | null | Refusal> {
  const number = expectedRevision + 1;
  const { meta, rendered } = draft;
  const checked = await checkRevision(tx, article, draft);
  if ("status" in checked) return checked;
  const { count } = await tx.article.updateMany({
    where: { id: article.id, revision: expectedRevision },
    data: {
      title: draft.title,
      body: draft.content,
      bodyText: rendered.staff.text,
      publicText: rendered.publicView.text,
      revision: number,
      kind: meta.kind,
      visibility: meta.visibility,
      ownerId: meta.ownerId,
      reviewAt: meta.reviewAt,
    },
  });
  if (count === 0) return null;
  if (meta.tags) {
    const tags = normalizeTags(meta.tags);
    for (const name of tags) {
      await tx.tag.upsert({ where: { name }, create: { name }, update: {} });
    }
    await tx.article.update({
      where: { id: article.id },
      data: { tags: { set: tags.map((name) => ({ name })) } },
    });
  }
  const after = await tx.article.findUniqueOrThrow({
    where: { id: article.id },
    select: metaSelect,
  });
  await tx.articleRevision.create({
    data: {
      articleId: article.id,
      number,
      title: draft.title,
      body: draft.content,
      markdown: rendered.staff.markdown,
      meta: serializeMeta(metaOf(after)),
      summary: draft.summary.trim().slice(0, ArticleLimits.summary),
      authorId: draft.actor.id,
    },
  });
  await replaceLinks(tx, article.id, rendered.staff.linkedSlugs);
  await enqueueIndexJob(tx, article.id);
  if (meta.visibility && meta.visibility !== article.visibility) {
    await recordAudit(
      {
        actorId: draft.actor.id,
        action: meta.visibility === "public" ? "article.publish" : "article.unpublish",
        target: article.slug,
      },
      tx,
    );
  } else if (checked.publicChange) {
    await recordAudit(
      {
        actorId: draft.actor.id,
        action: "article.public-change",
        target: article.slug,
        detail: `revision ${number}`,
      },
      tx,
    );
  }
  return number;
}

/** Returned by an attempt that lost a race with another save; the caller tries again. */
export const STALE = Symbol("stale");
const ATTEMPTS = 5;

/**
 * Runs `attempt` in a transaction, again (up to a few times) while it returns STALE; throws when
 * it keeps losing.
 */
export async function retryWhileStale<T>(
  attempt: (tx: Tx) => Promise<T | typeof STALE>,
): Promise<T> {
  for (let round = 0; round < ATTEMPTS; round++) {
    const result = await prisma.$transaction(attempt, { maxWait: 10_000, timeout: 20_000 });
    if (result !== STALE) return result;
  }
  throw new Error(`Gave up after ${ATTEMPTS} attempts: other saves kept changing the article.`);
}

/** The staff Markdown of stored content; `stored` when it no longer renders. */
export function markdownOf(content: string, stored: string): string {
  try {
    return renderContent(content, "staff").markdown;
  } catch (error) {
    if (error instanceof InvalidContentError) return stored;
    throw error;
  }
}

const headSelect = {
  id: true,
  slug: true,
  title: true,
  body: true,
  revision: true,
  updatedAt: true,
  ...metaSelect,
} satisfies Prisma.ArticleSelect;

type Head = Prisma.ArticleGetPayload<{ select: typeof headSelect }>;

function sameMeta(head: Head, meta: ArticleMeta) {
  const headTags = new Set(head.tags.map((tag) => tag.name));
  const tags = meta.tags && normalizeTags(meta.tags);
  return (
    (!tags || (tags.length === headTags.size && tags.every((tag) => headTags.has(tag)))) &&
    (meta.kind === undefined || meta.kind === head.kind) &&
    (meta.visibility === undefined || meta.visibility === head.visibility) &&
    (meta.ownerId === undefined || meta.ownerId === head.ownerId) &&
    (meta.reviewAt === undefined ||
      (meta.reviewAt?.getTime() ?? null) === (head.reviewAt?.getTime() ?? null))
  );
}

function saved(head: Head, revision: number, merged: boolean): SaveResult {
  return { status: "saved", article: { id: head.id, slug: head.slug, revision }, merged };
}

/** Three-way merge of a title: a change on one side wins; different changes on both conflict. */
function mergeTitle(base: string, mine: string, theirs: string): string | null {
  if (mine === base || mine === theirs) return theirs;
  if (theirs === base) return mine;
  return null;
}

/**
 * Someone saved since the editor loaded `baseRevision`: merges the draft into the head when the
 * two touch different blocks; otherwise returns the conflict and writes nothing.
 */
async function mergeIntoHead(
  tx: Tx,
  head: Head,
  baseRevision: number,
  mine: RevisionDraft,
): Promise<SaveResult | typeof STALE> {
  const revisionKey = (number: number) => ({ articleId_number: { articleId: head.id, number } });
  const base = await tx.articleRevision.findUnique({
    where: revisionKey(baseRevision),
    select: { title: true, body: true, markdown: true, meta: true },
  });
  const headRevision = await tx.articleRevision.findUnique({
    where: revisionKey(head.revision),
    select: { createdAt: true, markdown: true, author: { select: { name: true } } },
  });
  const theirsMarkdown = markdownOf(head.body, headRevision?.markdown ?? "");
  const mineMarkdown = mine.rendered.staff.markdown;
  const conflict: SaveResult = {
    status: "conflict",
    current: {
      revision: head.revision,
      title: head.title,
      markdown: theirsMarkdown,
      content: head.body,
      authorName: headRevision?.author?.name ?? null,
      savedAt: (headRevision?.createdAt ?? head.updatedAt).toISOString(),
    },
    mine: { markdown: mineMarkdown },
    diff: diffMarkdown(theirsMarkdown, mineMarkdown),
  };
  if (!base) return conflict;
  // Article fields merge three-way against the base revision's snapshot; without one (older
  // revisions) a stale change of them cannot be told from a revert, so it is a conflict.
  const baseMeta = parseMeta(base.meta);
  const meta = baseMeta
    ? mergeMeta(baseMeta, mine.meta, metaOf(head))
    : sameMeta(head, mine.meta)
      ? mine.meta
      : null;
  if (meta === null) return conflict;
  const title = mergeTitle(base.title, mine.title, head.title);
  const body = mergeMarkdown({
    base: markdownOf(base.body, base.markdown),
    mine: mineMarkdown,
    theirs: theirsMarkdown,
  });
  if (title === null || body.status === "conflict") return conflict;
  // Keep an unchanged side's own editor state: the Markdown round trip may lose formatting.
  let content: string;
  if (sameMarkdown(body.markdown, theirsMarkdown)) content = head.body;
  else if (sameMarkdown(body.markdown, mineMarkdown)) content = mine.content;
  else content = markdownToContent(body.markdown);
  if (content === head.body && title === head.title && sameMeta(head, meta)) {
    return saved(head, head.revision, true);
  }
  const rendered = content === mine.content ? mine.rendered : checkContent(content);
  if ("invalid" in rendered) return conflict;
  const written = await writeRevision(tx, head, head.revision, {
    ...mine,
    title,
    content,
    rendered,
    meta,
  });
  if (written === null) return STALE;
  return typeof written === "number" ? saved(head, written, true) : written;
}

/**
 * Saves an edit made on `baseRevision` as a new revision. When others saved in between, edits of
 * different blocks are merged (`merged: true`); overlapping edits return "conflict" with the
 * current version and write nothing. A save that changes nothing writes no revision. Returns
 * "forbidden" or "invalid" (nothing written) when the result breaks a rule of checkRevision.
 */
export async function saveArticle(
  input: { slug: string; actor: Actor; baseRevision: number } & ArticleChanges,
): Promise<SaveResult> {
  if (!actorCan(input.actor, "article:write")) return mayNotWrite;
  const title = input.title.trim();
  const titleProblem = checkTitle(title);
  if (titleProblem) return { status: "invalid", field: "title", message: titleProblem };
  const rendered = checkContent(input.content);
  if ("invalid" in rendered) {
    return { status: "invalid", field: "content", message: rendered.invalid };
  }
  const mine: RevisionDraft = {
    title,
    content: input.content,
    rendered,
    summary: input.summary ?? "",
    actor: input.actor,
    meta: {
      tags: input.tags,
      kind: input.kind,
      visibility: input.visibility,
      ownerId: input.ownerId,
      reviewAt: input.reviewAt,
    },
  };
  return retryWhileStale(async (tx) => {
    const head = await tx.article.findUnique({ where: { slug: input.slug }, select: headSelect });
    if (!head) return { status: "not-found" } as const;
    if (head.revision !== input.baseRevision) {
      return mergeIntoHead(tx, head, input.baseRevision, mine);
    }
    if (title === head.title && input.content === head.body && sameMeta(head, mine.meta)) {
      return saved(head, head.revision, false);
    }
    const written = await writeRevision(tx, head, input.baseRevision, mine);
    if (written === null) return STALE;
    return typeof written === "number" ? saved(head, written, false) : written;
  });
}

/** Recomputes every article's outgoing links from its body (after seeding or an import). */
export async function rebuildAllLinks() {
  const articles = await prisma.article.findMany({ select: { id: true, body: true } });
  for (const article of articles) {
    const { linkedSlugs } = renderContent(article.body, "staff");
    await prisma.$transaction((tx) => replaceLinks(tx, article.id, linkedSlugs));
  }
}

const articleForReading = {
  tags: { select: { name: true }, orderBy: { name: "asc" } },
  author: { select: { name: true } },
  owner: { select: { name: true } },
  // The head revision's author is who changed it last ("Updated … by").
  revisions: {
    orderBy: { number: "desc" },
    take: 1,
    select: { author: { select: { name: true } } },
  },
} satisfies Prisma.ArticleInclude;

/**
 * Returns the article for the audience, or null: the public audience never gets an internal
 * article, and its HTML never contains internal notes.
 */
export async function getArticleForReading(slug: string, audience: Audience) {
  const article = await prisma.article.findUnique({ where: { slug }, include: articleForReading });
  if (!article || (audience === "public" && article.visibility !== "public")) return null;
  const publicTargets =
    audience === "public"
      ? (
          await prisma.articleLink.findMany({
            where: { fromId: article.id, to: { visibility: "public" } },
            select: { to: { select: { slug: true } } },
          })
        ).map((link) => link.to.slug)
      : [];
  const rendered = renderCached(article, audience, publicTargets);
  const backlinks = await prisma.article.findMany({
    where: {
      linksOut: { some: { toId: article.id } },
      ...(audience === "public" ? { visibility: "public" } : {}),
    },
    select: { slug: true, title: true },
    orderBy: { title: "asc" },
  });
  return { article, html: rendered.html, backlinks };
}

/** Returns the most recently updated articles visible to the audience. */
export function listRecentArticles(audience: Audience, take = 10) {
  return prisma.article.findMany({
    where: audience === "public" ? { visibility: "public" } : {},
    orderBy: { updatedAt: "desc" },
    take,
    select: { slug: true, title: true, kind: true, visibility: true, updatedAt: true },
  });
}

export function countArticles() {
  return prisma.article.count();
}

// Rendering goes through happy-dom; cache per revision so a spike of readers costs one render.
const renderCache = new Map<string, { html: string }>();
const RENDER_CACHE_SIZE = 500;

function renderCached(
  article: { id: string; revision: number; body: string },
  audience: Audience,
  publicTargets: string[],
) {
  // Public HTML also depends on which linked articles are public (they stay links).
  const key = `${article.id}:${article.revision}:${audience}:${[...publicTargets].sort().join(",")}`;
  const hit = renderCache.get(key);
  if (hit) return hit;
  const targets = new Set(publicTargets);
  const { html } = renderContent(article.body, audience, {
    isPublicSlug: (slug) => targets.has(slug),
  });
  if (renderCache.size >= RENDER_CACHE_SIZE) {
    const oldest = renderCache.keys().next().value;
    if (oldest !== undefined) renderCache.delete(oldest);
  }
  renderCache.set(key, { html });
  return { html };
}

/**
 * The public projection of an article: only fields a customer may see, HTML without internal
 * notes. Returns null for internal or unknown articles.
 */
export async function getPublicArticle(slug: string) {
  const found = await getArticleForReading(slug, "public");
  if (!found) return null;
  const { article, html, backlinks } = found;
  return {
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    tags: article.tags.map((tag) => tag.name),
    updatedAt: article.updatedAt.toISOString(),
    html,
    backlinks,
  };
}

/** Public articles for listings, feed and sitemap: slug, title, kind, date and public text. */
export async function listPublicArticles(take = 50) {
  const rows = await prisma.article.findMany({
    where: { visibility: "public" },
    orderBy: { updatedAt: "desc" },
    take,
    select: { slug: true, title: true, kind: true, updatedAt: true, publicText: true },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    updatedAt: row.updatedAt.toISOString(),
    summary: row.publicText.slice(0, 280),
  }));
}

/**
 * The article as the editor needs it: fields, head revision, serialized content and its Markdown
 * (for the no-JavaScript form). Returns null for an unknown slug.
 */
export async function getArticleForEditing(slug: string) {
  const article = await prisma.article.findUnique({
    where: { slug },
    include: { tags: { select: { name: true }, orderBy: { name: "asc" } } },
  });
  if (!article) return null;
  return {
    slug: article.slug,
    title: article.title,
    kind: article.kind,
    visibility: article.visibility,
    tags: article.tags.map((tag) => tag.name),
    ownerId: article.ownerId,
    reviewAt: article.reviewAt,
    revision: article.revision,
    content: article.body,
    markdown: markdownOf(article.body, ""),
  };
}
