/**
 * German and English stop words for the index settings, from the `stopwords-iso` lists minus the
 * words that carry meaning in a support knowledge base.
 */
import { createRequire } from "node:module";

const lists = createRequire(import.meta.url)("stopwords-iso") as Record<string, string[]>;

/** German function words (articles, prepositions, particles) as the stopwords-iso list has them. */
export const germanFunctionWords: ReadonlySet<string> = new Set(lists.de);

/**
 * Negations change what an agent looks for ("Router startet nicht", "kein Empfang", "no
 * signal"): they stay searchable.
 */
const negations = [
  "nicht",
  "nichts",
  "kein",
  "keine",
  "keinem",
  "keinen",
  "keiner",
  "keines",
  "nie",
  "niemand",
  "niemandem",
  "niemanden",
  "nein",
  "ohne",
  "not",
  "no",
  "non",
  "none",
  "nor",
  "never",
  "nothing",
  "nobody",
  "noone",
  "no-one",
  "without",
  "cannot",
  "neither",
  "null",
  "zero",
];

/**
 * Words the stopwords-iso lists count as noise that name things in telecom support: a bill, a
 * call, a number, the home page, an open ticket, the end of a contract, TV.
 */
const supportWords = [
  // English
  "available",
  "bill",
  "buy",
  "call",
  "case",
  "cases",
  "changes",
  "click",
  "computer",
  "copy",
  "date",
  "detail",
  "empty",
  "end",
  "fix",
  "free",
  "full",
  "group",
  "groups",
  "help",
  "home",
  "homepage",
  "index",
  "information",
  "line",
  "member",
  "members",
  "microsoft",
  "move",
  "name",
  "net",
  "new",
  "number",
  "numbers",
  "old",
  "open",
  "order",
  "orders",
  "page",
  "pages",
  "problem",
  "problems",
  "results",
  "ring",
  "run",
  "second",
  "seconds",
  "section",
  "site",
  "state",
  "stop",
  "system",
  "test",
  "text",
  "tip",
  "top",
  "tv",
  "value",
  "web",
  "webpage",
  "website",
  "work",
  "working",
  "www",
  // German
  "ende",
  "gross",
  "groß",
  "neue",
  "neuen",
  "offen",
  "schluss",
  "startseite",
  "suche",
  "tag",
  "tage",
  "tagen",
  "teil",
  "tel",
  "uhr",
  "zeit",
];

const keep = new Set([...negations, ...supportWords]);
const contractions = new Set(
  Object.values(lists)
    .flat()
    .filter((word) => word.includes("'"))
    .map((word) => word.replaceAll("'", "")),
);

/**
 * Returns the stop words for the index: German and English, words of two letters or more made
 * only of letters (no "d.h", "z.b", single letters as in "D-Netz"), negations and support
 * terms kept searchable, and no contraction of a negation ("dont", "cant").
 */
export const stopWords: string[] = [...new Set([...lists.de!, ...lists.en!])]
  .filter((word) => /^\p{L}{2,}$/u.test(word))
  .filter((word) => !keep.has(word))
  .filter((word) => !(contractions.has(word) && word.endsWith("nt")))
  .sort();
