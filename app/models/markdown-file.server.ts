/**
 * The Markdown file format of articles: YAML front matter (title, slug, kind, visibility, tags,
 * keywords, owner, review and updated dates) and the staff Markdown projection as body, internal notes
 * fenced as `:::internal` ... `:::`. Building and parsing only; markdown-io.server.ts reads and
 * writes files and the database.
 */
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

import { renderContent } from "~/editor/content.server.ts";

import {
  ArticleLimits,
  articleKinds,
  slugify,
  slugPattern,
  visibilities,
} from "./article-limits.ts";
import { normalizeKeywords, normalizeTag } from "./article-rules.ts";

function refuseEngine(language: string) {
  return () => {
    throw new Error(`front matter in "${language}" is not accepted, only YAML`);
  };
}

// gray-matter evaluates `---js` / `---javascript` front matter as code and `---coffee` through
// CoffeeScript; every engine but YAML is replaced by a refusal, and YAML is read with the core
// schema, which builds plain data only (no tags that construct objects or run anything).
const frontMatterOptions = {
  language: "yaml",
  engines: {
    yaml: (text: string) => (parseYaml(text, { schema: "core" }) ?? {}) as object,
    ...Object.fromEntries(
      ["js", "javascript", "coffee", "coffeescript", "cson", "json", "toml"].map((language) => [
        language,
        refuseEngine(language),
      ]),
    ),
  },
};

/**
 * Splits a Markdown file into YAML front matter (plain data, safe schema) and body; throws a
 * one-line Error when the front matter is another language (`---js`) or not valid YAML.
 */
export function parseFrontMatter(text: string): { data: Record<string, unknown>; content: string } {
  const opening = /^---([^\n]*)\n/.exec(text)?.[1]?.trim().toLowerCase() ?? "";
  if (opening && opening !== "yaml" && opening !== "yml") {
    throw new Error(`front matter in "${opening.slice(0, 20)}" is not accepted, only YAML`);
  }
  // Passing options also turns off gray-matter's cache, which would keep every file in memory.
  const parsed = matter(text, frontMatterOptions);
  if (typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    throw new Error("front matter must be a YAML mapping (key: value lines)");
  }
  return { data: parsed.data, content: parsed.content };
}

/** YAML gives real dates for `2026-12-01`; an empty value means "not set", never 1970. */
const OptionalDateSchema = z.preprocess(
  (value) => (value === null || value === "" ? undefined : value),
  z.coerce.date().optional(),
);

/** A list or a comma-separated string; each tag is slugified, duplicates dropped, sorted. */
const TagsSchema = z
  .preprocess(
    (value) => (typeof value === "string" ? value.split(",") : (value ?? [])),
    z.array(
      z.coerce
        .string()
        .transform(normalizeTag)
        .pipe(z.string().min(1, "a tag is empty").max(ArticleLimits.tag)),
    ),
  )
  .transform((tags) => [...new Set(tags)].sort())
  .pipe(z.array(z.string()).max(ArticleLimits.tags));

/** "Also known as" terms: a list or a comma-separated string; absent keeps the article's. */
const KeywordsSchema = z
  .preprocess(
    (value) => (typeof value === "string" ? value.split(",") : value),
    z.array(z.coerce.string().max(ArticleLimits.keyword)).optional(),
  )
  .transform((keywords) => keywords && normalizeKeywords(keywords))
  .pipe(z.array(z.string()).max(ArticleLimits.keywords).optional());

export const ImportFrontMatterSchema = z.object({
  title: z
    .string({ required_error: "is missing", invalid_type_error: "must be text" })
    .trim()
    .min(1, "is empty")
    .max(ArticleLimits.title),
  slug: z
    .string()
    .trim()
    .max(ArticleLimits.slug)
    .regex(slugPattern, "must be lowercase letters and digits joined by dashes")
    .optional(),
  kind: z.enum(articleKinds).optional(),
  visibility: z.enum(visibilities).optional(),
  tags: TagsSchema,
  keywords: KeywordsSchema,
  /** Email of the owner responsible for reviews. */
  owner: z.string().trim().toLowerCase().email().optional(),
  review: OptionalDateSchema,
  /** Only used when the article is created (an update is dated by the import itself). */
  updated: OptionalDateSchema,
});
export type ImportFrontMatter = z.infer<typeof ImportFrontMatterSchema>;

export type ParsedMarkdownFile =
  | { status: "ok"; slug: string; front: ImportFrontMatter; markdown: string }
  | { status: "invalid"; message: string };

/** Parses a Markdown file with front matter; returns the reason when it cannot be imported. */
export function parseMarkdownFile(text: string): ParsedMarkdownFile {
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    parsed = parseFrontMatter(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0]?.replace(/:$/, "");
    return {
      status: "invalid",
      message: reason?.startsWith("front matter")
        ? reason
        : `front matter is not valid YAML: ${reason}`,
    };
  }
  if (!Object.keys(parsed.data).length) {
    return { status: "invalid", message: "no front matter (a --- block with at least a title)" };
  }
  const result = ImportFrontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    return { status: "invalid", message: problems.join("; ") };
  }
  const slug = result.data.slug ?? slugify(result.data.title);
  if (!slug) return { status: "invalid", message: "slug: the title gives no slug, set one" };
  return { status: "ok", slug, front: result.data, markdown: parsed.content };
}

/** `2026-12-01` for a date (UTC): review dates are days. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface ExportableArticle {
  slug: string;
  title: string;
  kind: string;
  visibility: string;
  tags: string[];
  keywords: string[];
  updatedAt: Date;
  ownerEmail: string | null;
  reviewAt: Date | null;
  /** Serialized Lexical state. */
  body: string;
}

/** Returns the file text of an article: front matter plus the staff Markdown projection. */
export function buildMarkdownFile(article: ExportableArticle): string {
  const { markdown } = renderContent(article.body, "staff");
  const front: Record<string, unknown> = {
    title: article.title,
    slug: article.slug,
    kind: article.kind,
    visibility: article.visibility,
    tags: article.tags,
    updated: article.updatedAt,
  };
  if (article.keywords.length) front.keywords = article.keywords;
  if (article.ownerEmail) front.owner = article.ownerEmail;
  if (article.reviewAt) front.review = isoDay(article.reviewAt);
  return matter.stringify(`${markdown}\n`, front);
}
