/** The one place that decides which text of an article enters which index. */

export interface ArticleDoc {
  id: string;
  slug: string;
  title: string;
  /** "Also known as" terms, searched with the title's weight (public text of a public article). */
  keywords: string[];
  kind: string;
  visibility: "internal" | "public";
  tags: string[];
  body: string;
  /** Extra words: ss spellings of ß words, parts of German compounds ("störung" in "Netzstörung"). */
  aliases: string;
  lang: string;
  updatedAt: number;
  reviewAt: number | null;
}

export interface IndexableArticle {
  id: string;
  slug: string;
  title: string;
  keywords: string[];
  kind: string;
  visibility: string;
  tags: string[];
  bodyText: string;
  publicText: string;
  updatedAt: Date;
  reviewAt: Date | null;
}

/** Meilisearch folds ä to a but not ß to ss: index the ss spelling of every ß word. */
export function sharpSAliases(text: string): string {
  const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}-]*ß[\p{L}\p{N}-]*/gu) ?? []);
  return [...words].map((word) => word.replaceAll("ß", "ss")).join(" ");
}

/**
 * Heads and modifiers of German compounds in support texts. Meilisearch does not split compounds,
 * so "Störung" would not find "Netzstörung": such parts are indexed as extra words.
 */
const compoundParts = [
  "störung",
  "störungen",
  "ausfall",
  "ausfälle",
  "abbruch",
  "abbrüche",
  "gespräch",
  "gespräche",
  "anruf",
  "anrufe",
  "vertrag",
  "verträge",
  "karte",
  "karten",
  "rechnung",
  "rechnungen",
  "tarif",
  "tarife",
  "netz",
  "empfang",
  "volumen",
  "daten",
  "router",
  "passwort",
  "nummer",
  "nummern",
  "mailbox",
  "einstellung",
  "einstellungen",
  "aktivierung",
  "sperre",
  "sperrung",
  "kosten",
  "gebühr",
  "gebühren",
  "dienst",
  "dienste",
  "meldung",
  "meldungen",
  "gerät",
  "geräte",
  "handy",
  "zugang",
  "roaming",
  "mobilfunk",
  "telefonie",
  "verbindung",
  "verbindungen",
  "wartung",
  "standort",
  "kunde",
  "kunden",
  "portal",
  "wechsel",
  "tausch",
  "sim",
  "esim",
  "puk",
  "pin",
];

/** Returns the known parts of German compounds in the text ("netzstörung" → "netz störung"). */
export function compoundAliases(text: string): string {
  const found = new Set<string>();
  for (const word of new Set(text.toLowerCase().match(/\p{L}{7,}/gu) ?? [])) {
    for (const part of compoundParts) {
      if (word !== part && (word.endsWith(part) || word.startsWith(part))) found.add(part);
    }
  }
  return [...found].join(" ");
}

/** Guesses the article language from function words; only used as a search filter. */
export function guessLanguage(text: string): "de" | "en" {
  const sample = ` ${text.slice(0, 2000).toLowerCase()} `;
  const count = (words: string[]) =>
    words.reduce((sum, word) => sum + sample.split(` ${word} `).length - 1, 0);
  return count(["der", "die", "das", "und", "nicht", "ist", "mit", "sie"]) >=
    count(["the", "and", "not", "is", "with", "you", "to", "of"])
    ? "de"
    : "en";
}

function toDoc(article: IndexableArticle, body: string): ArticleDoc {
  return {
    id: article.id,
    slug: article.slug,
    title: article.title,
    keywords: article.keywords,
    kind: article.kind,
    visibility: article.visibility === "public" ? "public" : "internal",
    tags: article.tags,
    body,
    aliases:
      `${sharpSAliases(`${article.title} ${body}`)} ${compoundAliases(`${article.title} ${body}`)}`.trim(),
    lang: guessLanguage(`${article.title} ${body}`),
    updatedAt: article.updatedAt.getTime(),
    reviewAt: article.reviewAt?.getTime() ?? null,
  };
}

/**
 * Returns the staff document (full text, internal notes included) and, only for public
 * articles, the public document built from the public projection (internal notes removed).
 */
export function documentsFor(article: IndexableArticle): {
  staff: ArticleDoc;
  public: ArticleDoc | null;
} {
  return {
    staff: toDoc(article, article.bodyText),
    public: article.visibility === "public" ? toDoc(article, article.publicText) : null,
  };
}
