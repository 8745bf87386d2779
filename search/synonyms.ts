/**
 * Returns Meilisearch's `synonyms` setting for glossary entries: every term of an entry is a
 * synonym of every other term (multi-way), keyed in lower case as the engine normalises queries.
 */
export function synonymsFor(entries: string[][]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const entry of entries) {
    const terms = [...new Set(entry.map((term) => term.toLowerCase()))];
    for (const term of terms) {
      synonyms[term] = [...(synonyms[term] ?? []), ...terms.filter((other) => other !== term)];
    }
  }
  return synonyms;
}
