/**
 * Turns what a user typed into an SQLite FTS5 MATCH expression for the reduced search. Only runs
 * of letters and digits survive, each inside double quotes, so no input can reach FTS5's own
 * syntax (operators, column filters, NEAR, `*`, `^`, parentheses).
 */

/** At most this many words of a query are searched; more words only narrow an AND further. */
export const MAX_FALLBACK_TERMS = 8;
const MAX_TERM_LENGTH = 64;

/**
 * Spellings of a German word without umlauts or ß that the index (which only strips accents:
 * "storung" already finds "Störung") would miss: "Mueller" → "müller", "Strasse" ↔ "straße".
 */
function spellings(term: string): string[] {
  const umlauts = term
    .replace(/ae/g, "ä")
    .replace(/oe/g, "ö")
    .replace(/ue/g, "ü")
    .replace(/ss/g, "ß");
  return [...new Set([term, umlauts, term.replace(/ß/g, "ss")])];
}

function quoted(term: string, prefix: boolean): string {
  const variants = spellings(term).map((spelling) => `"${spelling}"${prefix ? "*" : ""}`);
  return variants.length === 1 ? variants[0]! : `(${variants.join(" OR ")})`;
}

/**
 * The MATCH expressions for `q` restricted to `columns`: `all` needs every word, `any` one of
 * them; the last word also matches as a prefix (the user may still be typing it). Null when `q`
 * holds no letters or digits.
 */
export function fallbackMatchQuery(
  q: string,
  columns: readonly string[],
): { all: string; any: string; terms: number } | null {
  const words = (
    q
      .normalize("NFC")
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  )
    .slice(0, MAX_FALLBACK_TERMS)
    .map((word) => word.slice(0, MAX_TERM_LENGTH));
  if (!words.length) return null;
  const terms = words.map((word, index) => quoted(word, index === words.length - 1));
  const filter = `{${columns.join(" ")}}`;
  return {
    all: `${filter} : (${terms.join(" AND ")})`,
    any: `${filter} : (${terms.join(" OR ")})`,
    terms: words.length,
  };
}
