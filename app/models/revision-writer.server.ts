/**
 * Writing a revision: the rules every revision obeys, the article fields it sets, the snapshot of
 * those fields it stores (and reads back for three-way merges), and retrying a transaction that
 * lost a race with another save.
 */
import { z } from "zod";

import type { Prisma } from "~/generated/prisma/client.ts";
import { markContentChanged } from "~/utils/content-version.ts";
import { prisma } from "~/utils/db.server.ts";

import type { Actor } from "./actor.ts";
import type { CheckedContent } from "./article-content.server.ts";
import { renderArticleContent } from "./article-content.server.ts";
import {
  ArticleLimits,
  articleKinds,
  visibilities,
  type ArticleKind,
  type Visibility,
} from "./article-limits.ts";
import { replaceLinks } from "./article-links.server.ts";
import {
  actorCan,
  mayNotChangePublic,
  normalizeKeywords,
  normalizeTags,
  parseKeywords,
  type Forbidden,
} from "./article-rules.ts";
import { recordAudit } from "./audit.server.ts";
import { findInternalTextMadePublic } from "./public-guard.ts";

/** A Prisma transaction, in which every write of a revision happens. */
export type Tx = Prisma.TransactionClient;

// Transactions (of articleTransaction) that recorded index jobs, until they commit.
const withIndexJobs = new WeakSet<Tx>();
const committedListeners = new Set<() => void>();

/**
 * Records that an article's index documents must be refreshed, inside the caller's transaction;
 * run in articleTransaction, the search engine gets it right after the commit (else the
 * server's retry timer sends it within seconds).
 */
export async function enqueueIndexJob(tx: Tx, articleId: string) {
  await tx.searchOutbox.create({ data: { articleId } });
  withIndexJobs.add(tx);
  // Public pages cached by the server are re-rendered on their next request.
  markContentChanged();
}

/**
 * Runs `work` in one transaction and returns its result; once a transaction that recorded index
 * jobs has committed, calls the listeners of onIndexJobsCommitted (without waiting for them).
 */
export async function articleTransaction<T>(
  work: (tx: Tx) => Promise<T>,
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  let used: Tx | undefined;
  const result = await prisma.$transaction((tx) => {
    used = tx;
    return work(tx);
  }, options);
  if (used && withIndexJobs.has(used)) for (const listener of committedListeners) listener();
  return result;
}

/** Calls `listener` after every commit that recorded index jobs, until the returned function runs. */
export function onIndexJobsCommitted(listener: () => void): () => void {
  committedListeners.add(listener);
  return () => void committedListeners.delete(listener);
}

/** Article fields beside title and body; undefined keeps the article's value. */
export interface ArticleMeta {
  tags?: string[];
  kind?: ArticleKind;
  visibility?: Visibility;
  ownerId?: string | null;
  reviewAt?: Date | null;
  /** "Also known as" terms. */
  keywords?: string[];
}

/** The article fields a revision snapshots, all known. */
export type MetaSnapshot = Required<ArticleMeta>;

/** The article fields a revision snapshots, as a Prisma select. */
export const metaSelect = {
  kind: true,
  visibility: true,
  ownerId: true,
  reviewAt: true,
  keywords: true,
  tags: { select: { name: true } },
} satisfies Prisma.ArticleSelect;

/** The snapshot of an article's fields as selected by metaSelect. */
export function metaOf(
  article: Prisma.ArticleGetPayload<{ select: typeof metaSelect }>,
): MetaSnapshot {
  return {
    kind: article.kind as ArticleKind,
    visibility: article.visibility as Visibility,
    ownerId: article.ownerId,
    reviewAt: article.reviewAt,
    tags: normalizeTags(article.tags.map((tag) => tag.name)),
    keywords: parseKeywords(article.keywords),
  };
}

/** The stored form of a snapshot: tags sorted, dates as ISO strings. */
export function serializeMeta(meta: MetaSnapshot): string {
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
  // Snapshots written before articles had keywords have none.
  keywords: z.array(z.string()).default([]),
});

/** Reads a revision's snapshot; null for revisions written before snapshots existed. */
export function parseMeta(stored: string | null): MetaSnapshot | null {
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
  for (const key of ["kind", "visibility", "ownerId", "reviewAt", "keywords"] as const) {
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
  /** Stored "also known as" terms (JSON): public text of a public article. */
  keywords: string;
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
  const before = renderArticleContent(base.body);
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
      (draft.meta.keywords !== undefined &&
        JSON.stringify(normalizeKeywords(draft.meta.keywords)) !==
          JSON.stringify(parseKeywords(base.keywords))) ||
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
      keywords: meta.keywords && JSON.stringify(normalizeKeywords(meta.keywords)),
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
    const result = await articleTransaction(attempt, { maxWait: 10_000, timeout: 20_000 });
    if (result !== STALE) return result;
  }
  throw new Error(`Gave up after ${ATTEMPTS} attempts: other saves kept changing the article.`);
}
