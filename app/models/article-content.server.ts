/**
 * An article's stored content as the model needs it: rendered for staff and the public (which
 * also proves it is a valid article document), and its staff Markdown.
 */
import {
  InvalidContentError,
  renderContent,
  type RenderedContent,
} from "~/editor/content.server.ts";

export interface CheckedContent {
  staff: RenderedContent;
  publicView: RenderedContent;
}

// Every save compares against the head it replaces, which was a draft rendered moments before:
// remembering the last few renderings keeps that comparison from rendering it again.
const checkedCache = new Map<string, CheckedContent | { invalid: string }>();
const CHECKED_CACHE_SIZE = 32;

/** Renders content for staff and the public, or returns why it is not a valid article document. */
export function renderArticleContent(content: string): CheckedContent | { invalid: string } {
  const hit = checkedCache.get(content);
  if (hit) return hit;
  const result = renderBoth(content);
  if (checkedCache.size >= CHECKED_CACHE_SIZE) {
    checkedCache.delete(checkedCache.keys().next().value!);
  }
  checkedCache.set(content, result);
  return result;
}

// The size limit is checked by renderContent (checkContentSize in the content schema).
function renderBoth(content: string): CheckedContent | { invalid: string } {
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

/** The staff Markdown of stored content; `stored` when it no longer renders. */
export function markdownOf(content: string, stored: string): string {
  try {
    return renderContent(content, "staff").markdown;
  } catch (error) {
    if (error instanceof InvalidContentError) return stored;
    throw error;
  }
}
