/** Limits shared by validation schemas and the UI. */
export const ArticleLimits = {
  title: 160,
  slug: 100,
  tags: 12,
  tag: 40,
  /** "Also known as" terms, searched with the title's weight. */
  keywords: 10,
  keyword: 60,
  /** Serialized editor state; documented in the README. */
  contentBytes: 1_000_000,
  summary: 300,
} as const;

export const articleKinds = ["howto", "incident", "faq"] as const;
export type ArticleKind = (typeof articleKinds)[number];

export const visibilities = ["internal", "public"] as const;
export type Visibility = (typeof visibilities)[number];

/** Lowercase ASCII words joined by dashes, as used in URLs and tag names. */
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Returns a URL slug for a title: umlauts transliterated, everything else dashed. */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, ArticleLimits.slug)
    .replace(/-+$/, "");
}
