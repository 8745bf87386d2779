/**
 * The rules an article's fields obey, pure so the form schema (bundled for the browser), the
 * model and the Markdown importer apply the same ones: title, address, tags, content size, and
 * who may write or publish.
 */
import type { Actor } from "./actor.ts";
import { ArticleLimits, slugify, slugPattern } from "./article-limits.ts";
import { can, type Capability } from "./capabilities.ts";

/** Whether the acting user's role holds the capability. */
export function actorCan(actor: Actor, capability: Capability): boolean {
  return can(actor.role, capability);
}

/** A change refused for the acting user's role; the caller answers 403 and shows the message. */
export type Forbidden = { status: "forbidden"; message: string };

/** The refusal for a role without article:write. */
export const mayNotWrite: Forbidden = {
  status: "forbidden",
  message: "Your role may not write articles.",
};

/** The refusal for a change of a public article's public projection without article:publish. */
export const mayNotChangePublic: Forbidden = {
  status: "forbidden",
  message:
    "This article is public: its title, public text and visibility change only with the right to publish (comms or admin). You may still edit its internal notes.",
};

/** Returns why a (trimmed) title cannot be used, or null when it can. */
export function checkTitle(title: string): string | null {
  if (!title) return "The title must not be empty.";
  if (title.length > ArticleLimits.title) {
    return `The title must be at most ${ArticleLimits.title} characters long.`;
  }
  return null;
}

// Paths of pages that live beside /articles/<slug>.
export const reservedSlugs = new Set(["new"]);

/** Whether a chosen address can be used (format, length, not a page of its own). */
export function isUsableSlug(slug: string): boolean {
  return slugPattern.test(slug) && slug.length <= ArticleLimits.slug && !reservedSlugs.has(slug);
}

/**
 * Returns why serialized content is too large to store (UTF-8 bytes over
 * ArticleLimits.contentBytes), or null when it fits.
 */
export function checkContentSize(content: string): string | null {
  const bytes = new TextEncoder().encode(content).length;
  if (bytes <= ArticleLimits.contentBytes) return null;
  return `The content is ${Math.ceil(bytes / 1000)} kB; articles may be at most ${ArticleLimits.contentBytes / 1000} kB`;
}

/** One tag as stored: lowercase ASCII words joined by dashes ("Wi-Fi Calling" → "wi-fi-calling"). */
export function normalizeTag(tag: string): string {
  return slugify(tag);
}

/** Tag names as stored, each once, in the order given; empty ones dropped. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter(Boolean))];
}

/** "Also known as" terms as stored: single spaces, each once (ignoring case), empty ones dropped. */
export function normalizeKeywords(keywords: string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const keyword of keywords) {
    const term = keyword.split(/\s+/).filter(Boolean).join(" ");
    if (!term || seen.has(term.toLowerCase())) continue;
    seen.add(term.toLowerCase());
    kept.push(term);
  }
  return kept;
}

/** Returns why "also known as" terms cannot be stored (count, length), or null when they can. */
export function checkKeywords(keywords: string[]): "tooManyKeywords" | "keywordTooLong" | null {
  if (keywords.length > ArticleLimits.keywords) return "tooManyKeywords";
  if (keywords.some((keyword) => keyword.length > ArticleLimits.keyword)) return "keywordTooLong";
  return null;
}

/** Reads the stored "also known as" terms (a JSON array); anything else reads as none. */
export function parseKeywords(stored: string): string[] {
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
  } catch {
    return [];
  }
}
