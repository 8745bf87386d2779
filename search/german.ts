/**
 * German language handling for the search index, driven by the maintained hunspell German
 * dictionary (`dictionary-de`, derived from igerman98): decompounding, ae/oe/ue/ss folding and
 * the query rewrite. Pure and synchronous once the dictionary is loaded (lazily, on first use).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { germanFunctionWords } from "./stop-words.ts";

interface Affix {
  flag: string;
  strip: string;
  add: string;
  /** Flags the affixed form gains (hunspell continuation class), e.g. "xoc" for compounding. */
  cont: string;
  condition: RegExp;
}

interface AffixGroup {
  strip: string;
  affixes: Affix[];
}

interface Dictionary {
  /** Flags of each stem, exactly as the .dic spells it (nouns capitalised); homonyms repeat. */
  stems: Map<string, string[]>;
  /** The first three letters of every stem: most substrings tried while splitting start no stem. */
  stemStarts: Set<string>;
  /** Affixes by the text they add, then by the text they strip from the stem. */
  suffixesByAdd: Map<string, AffixGroup[]>;
  prefixesByAdd: Map<string, AffixGroup[]>;
  longestAffix: number;
}

// Flags the de_DE .aff declares: COMPOUNDBEGIN x, COMPOUNDMIDDLE y, COMPOUNDEND z,
// ONLYINCOMPOUND o, NEEDAFFIX h, FORBIDDENWORD d.
const BEGIN = "x";
const MIDDLE = "y";
const END = "z";
const ONLY_IN_COMPOUND = "o";
const NEED_AFFIX = "h";
const FORBIDDEN = "d";
// Suffix flags that inflect a noun (plural, genitive) rather than derive a new word: a part
// reached through them is also indexed as its base form ("verträge" → "vertrag").
const NOUN_INFLECTIONS = new Set(["E", "N", "P", "S", "T", "R", "p", "q", "Q"]);
// Linking elements (Fugenelemente) stripped from a modifier to name the noun it stands for.
const LINKS = ["s", "es", "n", "en", "e", "er", "ns"];

/** Shortest compound part we accept: shorter ones ("ur", "öl", "ei") split too eagerly. */
const MIN_PART_LENGTH = 3;
const MAX_PARTS = 4;
/** A noun without a compound flag must be this long to start a compound (loose splitting). */
const LOOSE_PART_LENGTH = 4;

let loaded: Dictionary | undefined;

function parseAffixes(aff: string) {
  const suffixesByAdd = new Map<string, AffixGroup[]>();
  const prefixesByAdd = new Map<string, AffixGroup[]>();
  let longestAffix = 0;
  for (const line of aff.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || (fields[0] !== "SFX" && fields[0] !== "PFX")) continue;
    const [kind, flag = "", strip = "", addField = "", condition = "."] = fields;
    const [addRaw = "", cont = ""] = addField.split("/");
    const add = addRaw === "0" ? "" : addRaw;
    const isSuffix = kind === "SFX";
    const affix: Affix = {
      flag,
      strip: strip === "0" ? "" : strip,
      add,
      cont,
      condition: new RegExp(isSuffix ? `${condition}$` : `^${condition}`, "u"),
    };
    const byAdd = isSuffix ? suffixesByAdd : prefixesByAdd;
    const groups = byAdd.get(add) ?? [];
    const group = groups.find((candidate) => candidate.strip === affix.strip);
    if (group) group.affixes.push(affix);
    else groups.push({ strip: affix.strip, affixes: [affix] });
    byAdd.set(add, groups);
    longestAffix = Math.max(longestAffix, add.length);
  }
  return { suffixesByAdd, prefixesByAdd, longestAffix };
}

function parseStems(dic: string) {
  const stems = new Map<string, string[]>();
  // The first line is the entry count; comment lines start with a tab.
  for (const line of dic.split("\n").slice(1)) {
    if (!line || line.startsWith("\t")) continue;
    const slash = line.indexOf("/");
    const word = slash === -1 ? line.trim() : line.slice(0, slash);
    const flags = slash === -1 ? "" : line.slice(slash + 1).trim();
    if (flags.includes(FORBIDDEN)) continue;
    const known = stems.get(word);
    if (known) known.push(flags);
    else stems.set(word, [flags]);
  }
  return stems;
}

function dictionary(): Dictionary {
  if (!loaded) {
    // The package exports only its async loader; read its files synchronously beside it.
    const dir = path.dirname(createRequire(import.meta.url).resolve("dictionary-de"));
    const stems = parseStems(readFileSync(path.join(dir, "index.dic"), "utf8"));
    loaded = {
      ...parseAffixes(readFileSync(path.join(dir, "index.aff"), "utf8")),
      stems,
      stemStarts: new Set([...stems.keys()].map((stem) => stem.slice(0, 3))),
    };
  }
  return loaded;
}

/** Loads the German dictionary now (it loads on first use otherwise); returns the stem count. */
export function loadGermanDictionary(): number {
  return dictionary().stems.size;
}

interface Reading {
  /** The dictionary stem this form comes from. */
  stem: string;
  /** The stem's flags plus those the affix adds. */
  flags: string;
  /** The affix flag applied, or "" for the bare stem. */
  via: string;
}

// Most substrings tried while splitting are no words: they share one empty array.
const NO_READINGS: Reading[] = [];
const readingCache = new Map<string, Reading[]>();

/** Every way the dictionary explains `form` (case as given): bare stem, one suffix or prefix. */
function readings(form: string): Reading[] {
  const cached = readingCache.get(form);
  if (cached) return cached;
  const dict = dictionary();
  const found: Reading[] = [];
  for (const flags of dict.stems.get(form) ?? []) {
    if (!flags.includes(NEED_AFFIX)) found.push({ stem: form, flags, via: "" });
  }
  // A suffix that leaves three letters cannot make a stem from a start no stem has.
  const startsStem = dict.stemStarts.has(form.slice(0, 3));
  for (let length = 0; length <= Math.min(dict.longestAffix, form.length - 1); length++) {
    const end = form.length - length;
    const suffixes = dict.suffixesByAdd.get(form.slice(end));
    if (suffixes && (startsStem || end < 3)) {
      addReadings(found, dict, suffixes, form.slice(0, end), true);
    }
    const prefixes = dict.prefixesByAdd.get(form.slice(0, length));
    if (prefixes) addReadings(found, dict, prefixes, form.slice(length), false);
  }
  // Most forms tried while splitting are no words: caching those would cost more memory than
  // looking them up again.
  if (!found.length) return NO_READINGS;
  if (readingCache.size > 50_000) readingCache.clear();
  readingCache.set(form, found);
  return found;
}

function addReadings(
  found: Reading[],
  dict: Dictionary,
  groups: AffixGroup[],
  rest: string,
  suffix: boolean,
) {
  for (const { strip, affixes } of groups) {
    const stem = suffix ? rest + strip : strip + rest;
    const homonyms = dict.stems.get(stem);
    if (!homonyms) continue;
    for (const affix of affixes) {
      for (const flags of homonyms) {
        if (flags.includes(affix.flag) && affix.condition.test(stem)) {
          found.push({ stem, flags: flags + affix.cont, via: affix.flag });
        }
      }
    }
  }
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function readingsAnyCase(word: string): Reading[] {
  const lower = readings(word);
  const upper = readings(capitalise(word));
  return upper.length ? [...lower, ...upper] : lower;
}

const standalone = (reading: Reading) => !reading.flags.includes(ONLY_IN_COMPOUND);

/** Whether the lower-case word is a German word on its own (any inflection). */
function isGermanWord(word: string): boolean {
  return readingsAnyCase(word).some(standalone);
}

/** Whether the lower-case word is a noun form (the dictionary knows it capitalised). */
function isNoun(word: string): boolean {
  return readings(capitalise(word)).some(standalone);
}

/** A noun, possibly with a linking element, as a modifier the dictionary has no flag for. */
function isLinkedNoun(part: string): boolean {
  if (part.length < LOOSE_PART_LENGTH) return false;
  if (isNoun(part)) return true;
  return LINKS.some((link) => {
    const base = part.slice(0, -link.length);
    return part.endsWith(link) && base.length >= LOOSE_PART_LENGTH && isNoun(base);
  });
}

function canBegin(part: string, loose: boolean): boolean {
  if (readingsAnyCase(part).some((r) => r.flags.includes(BEGIN))) return true;
  return loose && isLinkedNoun(part);
}

function canMiddle(part: string, loose: boolean): boolean {
  if (readings(part).some((r) => r.flags.includes(MIDDLE))) return true;
  return loose && isLinkedNoun(part);
}

/** The dictionary marks the forms that may end a compound; verb forms ("stinkt") never do. */
function canEnd(part: string): boolean {
  return readings(part).some((r) => r.flags.includes(END));
}

/** Fewest parts first, then the longest head (the last part carries the meaning). */
function better(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let i = a.length - 1; i >= 0; i--) {
    if (a[i]!.length !== b[i]!.length) return a[i]!.length > b[i]!.length;
  }
  return false;
}

/**
 * A preposition or particle before a word of its own ("ein|richtung", "bei|spiel", "vor|sicht")
 * makes a derivation, not a compound: its "parts" would find unrelated articles. Before a form
 * that exists only inside words ("mit|nahme") the dictionary builds the word that way.
 */
function isDerivation(part: string, next: string): boolean {
  return germanFunctionWords.has(part) && isGermanWord(next);
}

/**
 * The best split of `word` by dynamic programming from its end: `tails[i]` is the best way to
 * read `word.slice(i)` as middle parts and a head, so each substring is looked up at most once.
 */
function bestSplit(word: string, loose: boolean): string[] {
  const tails: (string[] | null)[] = [];
  const choose = (candidates: Iterable<string[]>) => {
    let best: string[] | null = null;
    for (const candidate of candidates) if (!best || better(candidate, best)) best = candidate;
    return best;
  };
  function* readingsFrom(start: number, first: boolean) {
    for (let cut = start + MIN_PART_LENGTH; cut <= word.length - MIN_PART_LENGTH; cut++) {
      const tail = tails[cut];
      const part = word.slice(start, cut);
      if (!tail || isDerivation(part, tail[0]!)) continue;
      if (first ? canBegin(part, loose) : canMiddle(part, loose)) yield [part, ...tail];
    }
  }
  for (let start = word.length - MIN_PART_LENGTH; start >= MIN_PART_LENGTH; start--) {
    const rest = word.slice(start);
    // Without the dictionary's flags a short head splits English words ("inst|all").
    const head = canEnd(rest) && (!loose || rest.length >= LOOSE_PART_LENGTH) ? [[rest]] : [];
    tails[start] = choose([...head, ...readingsFrom(start, false)]);
  }
  const best = choose(readingsFrom(0, true));
  return best && best.length <= MAX_PARTS ? best : [];
}

const splitCache = new Map<string, string[]>();

/**
 * Returns the parts of a German compound in lower case ("netzstörung" → ["netz", "störung"]),
 * or [] when the word is not a compound the dictionary can explain. The dictionary's own
 * compound flags decide first; only for a word it does not know at all may any noun (with a
 * linking element) start a compound ("routertausch" → ["router", "tausch"]).
 */
export function splitCompound(word: string): string[] {
  const lower = word.toLowerCase();
  if (lower.length < 2 * MIN_PART_LENGTH || !/^\p{L}+$/u.test(lower)) return [];
  const cached = splitCache.get(lower);
  if (cached) return cached;
  // A word the dictionary lists whole is no compound of ours: it holds the verbs ("beinhalten",
  // "erstellen") and the compounds whose parts no longer mean the whole ("Verbrauch", not
  // "Verb" + "Rauch"; "Urinstinkt"; "Standort"), while "Netzstörung" or "Rufnummer" are
  // left to its compounding rules. Only where its flags find nothing may any noun start one.
  let parts: string[] = [];
  if (!isGermanWord(lower)) {
    parts = bestSplit(lower, false);
    if (!parts.length) parts = bestSplit(lower, true);
  }
  if (splitCache.size > 50_000) splitCache.clear();
  splitCache.set(lower, parts);
  return parts;
}

/** The base form of a noun form: "verträge" → "vertrag", "kündigungs" → "kündigung". */
function baseForm(part: string): string {
  const asNoun = readings(capitalise(part)).filter(standalone);
  if (asNoun.some((r) => r.via === "")) return part;
  const inflected = [...asNoun, ...readings(part)].find((r) => NOUN_INFLECTIONS.has(r.via));
  if (inflected) return inflected.stem.toLowerCase();
  if (readings(part).some((r) => r.via === "" && standalone(r))) return part;
  for (const link of LINKS) {
    const base = part.slice(0, -link.length);
    if (!part.endsWith(link) || base.length < MIN_PART_LENGTH) continue;
    if (isNoun(base) || splitCompound(base).length) return base;
  }
  return part;
}

const knownOrCompound = (word: string) => isGermanWord(word) || splitCompound(word).length > 0;

/**
 * Returns the words a compound should also be found by: its parts as written, their base
 * forms, and every run of adjacent parts that is a word itself ("rufnummer", "mitnahme").
 */
export function compoundWords(word: string): string[] {
  const parts = splitCompound(word);
  const words = new Set<string>();
  for (let from = 0; from < parts.length; from++) {
    for (let to = from + 1; to <= parts.length; to++) {
      if (to - from === parts.length) continue;
      const run = parts.slice(from, to).join("");
      const base = baseForm(run);
      if (to - from > 1 && !knownOrCompound(base)) continue;
      words.add(run);
      words.add(base);
    }
  }
  words.delete(word.toLowerCase());
  return [...words];
}

const UMLAUT_SPELLINGS: [string, string][] = [
  ["ä", "ae"],
  ["ö", "oe"],
  ["ü", "ue"],
  ["ß", "ss"],
];

/** The spelling without umlauts and ß ("größe" → "groesse"), as typed on foreign keyboards. */
export function transcribeUmlauts(word: string): string {
  return UMLAUT_SPELLINGS.reduce(
    (text, [letter, spelling]) => text.replaceAll(letter, spelling),
    word,
  );
}

/** Every spelling of `word` with some ae/oe/ue/ss turned back into ä/ö/ü/ß (at most 6 places). */
function umlautSpellings(word: string): string[] {
  const places = [...word.matchAll(/ae|oe|ue|ss/g)].slice(0, 6);
  const spellings: string[] = [];
  for (let mask = 1; mask < 1 << places.length; mask++) {
    let spelled = word;
    for (let i = places.length - 1; i >= 0; i--) {
      if (!(mask & (1 << i))) continue;
      const at = places[i]!.index;
      const letter = UMLAUT_SPELLINGS.find(([, spelling]) => spelling === places[i]![0])![0];
      spelled = spelled.slice(0, at) + letter + spelled.slice(at + 2);
    }
    spellings.push(spelled);
  }
  return spellings;
}

/**
 * Returns the umlaut spelling of a word typed with ae/oe/ue/ss ("mueller" → "müller") when the
 * typed word is no word of its own and the dictionary knows the umlaut spelling (as a word or a
 * compound), else null ("neue", "masse", "aktuell" stay).
 */
export function restoreUmlauts(word: string): string | null {
  const lower = word.toLowerCase();
  if (!/^\p{L}+$/u.test(lower) || !/ae|oe|ue|ss/.test(lower) || isGermanWord(lower)) return null;
  return umlautSpellings(lower).find(knownOrCompound) ?? null;
}

/** Lower-case letter words of a text, each once. */
function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
}

/**
 * Returns the extra words to index for a text (the `aliases` field): compound parts, the
 * ae/oe/ue/ss spelling of words with umlauts or ß, and the umlaut spelling of words typed without.
 */
export function indexAliases(text: string): string {
  const aliases = new Set<string>();
  for (const word of wordsOf(text)) {
    const transcribed = transcribeUmlauts(word);
    if (transcribed !== word) aliases.add(transcribed);
    const restored = restoreUmlauts(word);
    if (restored) aliases.add(restored);
    for (const part of compoundWords(restored ?? word)) {
      aliases.add(part);
      const partTranscribed = transcribeUmlauts(part);
      if (partTranscribed !== part) aliases.add(partTranscribed);
    }
  }
  return [...aliases].join(" ");
}

/**
 * Rewrites a search query for the engine: words typed without umlauts get their umlaut spelling
 * and compounds are preceded by their parts ("Glasfaseranschluss" → "glas faser anschluss
 * Glasfaseranschluss"), so an article with the parts as separate words is found too and one
 * with the whole compound ranks first. Identifiers mixing letters and digits become phrases, so
 * the engine never answers "CHG-10425" with every "CHG" change; phrases and negated words stay
 * as typed.
 */
export function prepareQuery(q: string): string {
  // Quoted phrases pass through as they are; only the text between them is rewritten.
  const chunks = q.split(/("[^"]*"?)/);
  let spare = MAX_QUERY_WORDS - (q.match(/[\p{L}\p{N}]+/gu)?.length ?? 0);
  return chunks
    .map((chunk, index) => {
      if (chunk.startsWith('"')) return chunk;
      const atEnd = index === chunks.length - 1;
      return chunk
        .replace(/(^|\s)(\p{L}+)(?=\s|$)/gu, (match, space: string, word: string, at: number) => {
          const parts = queryParts(word, atEnd && at + match.length === chunk.length);
          if (parts.length > spare + 1) return match;
          spare -= parts.length - 1;
          return `${space}${parts.join(" ")}`;
        })
        .replace(IDENTIFIER, (match, space: string, id: string) =>
          (id.match(/\p{N}/gu)?.length ?? 0) >= 3 && !/^\p{N}+$/u.test(id)
            ? `${space}"${id}"`
            : match,
        );
    })
    .join("");
}

/** Meilisearch reads at most 10 words of a query: added parts never push a typed word out. */
const MAX_QUERY_WORDS = 10;
/** A compound still being typed ("netzstör") must not be split off a head that is no word yet. */
const MIN_HEAD_WHILE_TYPING = 5;

// A change, ticket or order number ("CHG-10452", "INC2041778", "80331-81929"): three digits or
// more. Plain numbers need no phrase (the index disables typos on numbers, and they keep matching
// as a prefix), and product names with a digit or two ("5G", "IPv6", "VDSL2") must stay words:
// a phrase gets no glossary synonyms.
const IDENTIFIER = /(^|\s)([\p{L}\p{N}]+(?:[-_./:#][\p{L}\p{N}]+)*)(?=\s|$)/gu;

/** The word as the engine should get it: its parts (base forms) first, the word itself last. */
function queryParts(word: string, typing: boolean): string[] {
  const spelled = restoreUmlauts(word) ?? word;
  const parts = splitCompound(spelled);
  if (typing && (parts.at(-1)?.length ?? 0) < MIN_HEAD_WHILE_TYPING) return [spelled];
  return [...parts.map(baseForm), spelled];
}
