/**
 * The article commands: create an article, and save an edit as a new revision, merging it with
 * saves made meanwhile. Rules live in article-rules.ts, revision writing in
 * revision-writer.server.ts, reads in article-reads.server.ts.
 */
import { markdownToContent } from "~/editor/content.server.ts";
import type { Article, Prisma } from "~/generated/prisma/client.ts";

import type { Actor } from "./actor.ts";
import { markdownOf, renderArticleContent } from "./article-content.server.ts";
import { ArticleLimits, slugify, type ArticleKind, type Visibility } from "./article-limits.ts";
import { replaceLinks } from "./article-links.server.ts";
import {
  actorCan,
  checkKeywords,
  checkTitle,
  isUsableSlug,
  mayNotChangePublic,
  mayNotWrite,
  normalizeKeywords,
  normalizeTags,
  reservedSlugs,
  type Forbidden,
} from "./article-rules.ts";
import { recordAudit } from "./audit.server.ts";
import { diffMarkdown, mergeMarkdown, sameMarkdownBlocks, type DiffPart } from "./merge.ts";
import { defaultReviewDate } from "./review-dates.ts";
import {
  STALE,
  articleTransaction,
  enqueueIndexJob,
  mergeMeta,
  metaOf,
  metaSelect,
  parseMeta,
  retryWhileStale,
  serializeMeta,
  writeRevision,
  type ArticleMeta,
  type RevisionDraft,
  type Tx,
} from "./revision-writer.server.ts";

export interface NewArticle {
  title: string;
  /** The address; without one, a free slug is derived from the title ("-2", "-3" … if taken). */
  slug?: string;
  kind: ArticleKind;
  visibility: Visibility;
  tags: string[];
  /** "Also known as" terms; none when left out. */
  keywords?: string[];
  /** Serialized Lexical state. */
  content: string;
  /** The author; making the article public needs article:publish. */
  actor: Actor;
  updatedAt?: Date;
  /** Undefined: REVIEW_AFTER_DAYS after `updatedAt` (or now); null: no review date. */
  reviewAt?: Date | null;
  ownerId?: string | null;
}

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
  | { status: "invalid"; field: "content" | "slug" | "title" | "keywords"; message: string }
  | Forbidden;

/** Returns the refusal for "also known as" terms that break a rule, or null. */
function keywordsRefusal(keywords: string[] | undefined) {
  const problem = keywords && checkKeywords(normalizeKeywords(keywords));
  if (!problem) return null;
  const message =
    problem === "tooManyKeywords"
      ? `At most ${ArticleLimits.keywords} "also known as" terms.`
      : `An "also known as" term may be at most ${ArticleLimits.keyword} characters long.`;
  return { status: "invalid", field: "keywords", message } as const;
}

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
  const keywordsProblem = keywordsRefusal(input.keywords);
  if (keywordsProblem) return keywordsProblem;
  const keywords = normalizeKeywords(input.keywords ?? []);
  // Undefined: the default review date; null: explicitly never.
  const reviewAt =
    input.reviewAt === undefined ? defaultReviewDate(input.updatedAt) : input.reviewAt;
  if (input.slug !== undefined && !isUsableSlug(input.slug)) {
    return {
      status: "invalid",
      field: "slug",
      message: "The address may only contain lowercase letters, digits and dashes.",
    };
  }
  const checked = renderArticleContent(input.content);
  if ("invalid" in checked)
    return { status: "invalid", field: "content", message: checked.invalid };
  const { staff, publicView } = checked;
  return articleTransaction(async (tx): Promise<CreateResult> => {
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
        keywords: JSON.stringify(keywords),
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
              keywords,
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
  /** Undefined keeps the "also known as" terms. */
  keywords?: string[];
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
  | { status: "invalid"; field: "content" | "title" | "keywords"; message: string }
  | Forbidden
  | { status: "not-found" };

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
      (meta.reviewAt?.getTime() ?? null) === (head.reviewAt?.getTime() ?? null)) &&
    (meta.keywords === undefined ||
      JSON.stringify(normalizeKeywords(meta.keywords)) === JSON.stringify(metaOf(head).keywords))
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
  if (sameMarkdownBlocks(body.markdown, theirsMarkdown)) content = head.body;
  else if (sameMarkdownBlocks(body.markdown, mineMarkdown)) content = mine.content;
  else content = markdownToContent(body.markdown);
  if (content === head.body && title === head.title && sameMeta(head, meta)) {
    return saved(head, head.revision, true);
  }
  const rendered = content === mine.content ? mine.rendered : renderArticleContent(content);
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
  const keywordsProblem = keywordsRefusal(input.keywords);
  if (keywordsProblem) return keywordsProblem;
  const rendered = renderArticleContent(input.content);
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
      keywords: input.keywords,
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
