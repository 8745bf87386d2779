/**
 * Rendered article HTML, cached: rendering goes through happy-dom, so a spike of readers of one
 * revision should cost one render.
 */
import { LRUCache } from "lru-cache";

import { renderContent, type Audience } from "~/editor/content.server.ts";

const renderCache = new LRUCache<string, { html: string }>({ max: 500 });

/**
 * The article's HTML for the audience; public HTML keeps links only to the given public targets.
 * Cached per article, revision, audience and set of public targets.
 */
export function renderCached(
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
  renderCache.set(key, { html });
  return { html };
}
