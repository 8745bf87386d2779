/**
 * Article history: the immutable revisions every save writes, their word diffs (computed when
 * viewed) and restoring an old revision, which adds a new one; history is never rewritten.
 */
import { prisma } from "~/utils/db.server.ts";

import type { Actor } from "./actor.ts";
import { markdownOf, renderArticleContent } from "./article-content.server.ts";
import type { Forbidden } from "./article-rules.ts";
import { diffMarkdown } from "./merge.ts";
import {
  STALE,
  retryWhileStale,
  writeRevision,
  type RevisionDraft,
} from "./revision-writer.server.ts";

/** Returns the article and its revisions newest first (without content), or null. */
export async function listRevisions(slug: string) {
  const article = await prisma.article.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      revision: true,
      revisions: {
        orderBy: { number: "desc" },
        select: {
          number: true,
          title: true,
          summary: true,
          createdAt: true,
          author: { select: { name: true } },
        },
      },
    },
  });
  if (!article) return null;
  const { revisions, ...head } = article;
  return {
    article: head,
    revisions: revisions.map(({ author, ...revision }) => ({
      ...revision,
      authorName: author?.name ?? null,
    })),
  };
}

/** Returns one revision with its content and staff Markdown, or null when there is none. */
export async function getRevision({ slug, number }: { slug: string; number: number }) {
  const revision = await prisma.articleRevision.findFirst({
    where: { number, article: { slug } },
    select: {
      number: true,
      title: true,
      body: true,
      markdown: true,
      summary: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  });
  if (!revision) return null;
  const { author, body, markdown, ...rest } = revision;
  return {
    ...rest,
    content: body,
    markdown: markdownOf(body, markdown),
    authorName: author?.name ?? null,
  };
}

/**
 * Returns the word diffs of title and Markdown from revision `from` to revision `to`, or null
 * when either does not exist.
 */
export async function diffRevisions({
  slug,
  from,
  to,
}: {
  slug: string;
  from: number;
  to: number;
}) {
  const [older, newer] = await Promise.all([
    getRevision({ slug, number: from }),
    getRevision({ slug, number: to }),
  ]);
  if (!older || !newer) return null;
  const summary = ({ content: _content, markdown: _markdown, ...rest }: typeof older) => rest;
  return {
    from: summary(older),
    to: summary(newer),
    title: diffMarkdown(older.title, newer.title),
    body: diffMarkdown(older.markdown, newer.markdown),
  };
}

export type RestoreResult =
  | { status: "restored"; article: { slug: string; revision: number } }
  | { status: "invalid"; message: string }
  | Forbidden
  | { status: "not-found" };

/**
 * Writes the title and content of revision `number` as a new revision on top of the head (tags,
 * kind, visibility stay as they are). Returns "not-found" for an unknown article or revision and
 * "invalid" when the old content is no longer a valid document or would make internal text
 * public, "forbidden" when it would change a public article's text without article:publish.
 */
export async function restoreRevision(input: {
  slug: string;
  number: number;
  actor: Actor;
  /** Change note in the restoring user's language; defaults to an English one. */
  summary?: string;
}): Promise<RestoreResult> {
  return retryWhileStale(async (tx) => {
    const article = await tx.article.findUnique({
      where: { slug: input.slug },
      select: {
        id: true,
        slug: true,
        title: true,
        body: true,
        visibility: true,
        keywords: true,
        revision: true,
      },
    });
    const old =
      article &&
      (await tx.articleRevision.findUnique({
        where: { articleId_number: { articleId: article.id, number: input.number } },
        select: { title: true, body: true },
      }));
    if (!article || !old) return { status: "not-found" } as const;
    const rendered = renderArticleContent(old.body);
    if ("invalid" in rendered) return { status: "invalid", message: rendered.invalid } as const;
    const draft: RevisionDraft = {
      title: old.title,
      content: old.body,
      rendered,
      summary: input.summary ?? `Restored revision ${input.number}`,
      actor: input.actor,
      meta: {},
    };
    const written = await writeRevision(tx, article, article.revision, draft);
    if (written === null) return STALE;
    if (typeof written !== "number") {
      return written.status === "forbidden"
        ? written
        : { status: "invalid", message: written.message };
    }
    return { status: "restored", article: { slug: article.slug, revision: written } } as const;
  });
}
