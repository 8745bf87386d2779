/**
 * Recall on the seeded content (demo articles, demo incidents, default glossary) in a real
 * Meilisearch: queries an agent types on a call, each of which must put the right article in the
 * top 3. Written by hand, by category; none of them is a word list in the code.
 */
import { beforeAll, describe, expect, test } from "vitest";

import { reindexAllArticles, searchArticles } from "~/models/search.server.ts";

import { seedDefaultGlossary } from "../../prisma/seed-glossary.ts";
import { seedDemoContent } from "../../prisma/seed.ts";

type Category =
  | "typo"
  | "no umlauts"
  | "English word, German article"
  | "colloquial word"
  | "compound part"
  | "number";

/** Query, category, and the slugs any of which counts as the right answer. */
const queries: [string, Category, string[]][] = [
  ["esim aktiviern", "typo", ["esim-aktivieren"]],
  ["rufnumermitnahme", "typo", ["faq-rufnummernmitnahme", "rufnummernmitnahme-zu-funkwerk"]],
  ["drosslung", "typo", ["datenverbrauch-drosselung"]],
  ["voicemial outage", "typo", ["voicemail-retrieval-outage"]],
  ["homebox neustartschlefe", "typo", ["homebox-5g-neustartschleife-firmware"]],
  ["roamign eu", "typo", ["faq-roaming-eu"]],
  ["wifi caling", "typo", ["wifi-calling-setup", "faq-wifi-calling-volte-agents"]],

  ["stoerung muenchen", "no umlauts", ["stoerung-muenchen-volte-anrufe"]],
  ["gespraechsabbrueche diagnose", "no umlauts", ["gespraechsabbrueche-diagnose"]],
  ["netzstorung hamburg", "no umlauts", ["netzstoerung-hamburg-berlin-datenabbrueche"]],
  ["haeufige fragen rechnung", "no umlauts", ["faq-rechnung"]],
  ["netzabdeckung pruefen", "no umlauts", ["netzabdeckung-pruefen"]],
  ["koeln deutz", "no umlauts", ["stoerung-koeln-gespraechsabbrueche"]],
  ["apn einstellungen pruefen", "no umlauts", ["apn-einstellungen-android"]],

  [
    "invoice questions",
    "English word, German article",
    ["faq-rechnung", "rechnung-erklaeren-agents"],
  ],
  [
    "number porting",
    "English word, German article",
    ["faq-rufnummernmitnahme", "rufnummernmitnahme-zu-funkwerk"],
  ],
  ["check network coverage", "English word, German article", ["netzabdeckung-pruefen"]],
  ["set up voicemail", "English word, German article", ["mailbox-einrichten"]],
  ["replacement sim card", "English word, German article", ["sim-tausch-ersatzkarte"]],
  ["dropped calls", "English word, German article", ["gespraechsabbrueche-diagnose"]],
  ["activate esim", "English word, German article", ["esim-aktivieren", "faq-esim"]],

  ["handy kein internet", "colloquial word", ["kein-internet-trotz-vollem-empfang"]],
  ["funkloch", "colloquial word", ["netzabdeckung-pruefen", "coverage-complaint-ticket"]],
  ["anrufbeantworter", "colloquial word", ["mailbox-einrichten", "voicemail-retrieval-outage"]],
  ["handynummer mitnehmen", "colloquial word", ["rufnummernmitnahme-zu-funkwerk"]],
  ["wlan telefonie", "colloquial word", ["wifi-calling-setup", "faq-wifi-calling-volte-agents"]],
  ["internet gedrosselt", "colloquial word", ["datenverbrauch-drosselung", "faq-data-throttling"]],

  ["mitnahme", "compound part", ["faq-rufnummernmitnahme", "rufnummernmitnahme-zu-funkwerk"]],
  ["ersatzkarte", "compound part", ["sim-tausch-ersatzkarte"]],
  ["neustart schleife", "compound part", ["homebox-5g-neustartschleife-firmware"]],
  ["kommunikation agents", "compound part", ["faq-stoerungskommunikation"]],
  ["abbrüche köln", "compound part", ["stoerung-koeln-gespraechsabbrueche"]],
  ["verbrauch", "compound part", ["datenverbrauch-drosselung"]],
  ["verdacht eskalation", "compound part", ["eskalation-agents"]],

  ["CHG-2291", "number", ["netzstoerung-hamburg-berlin-datenabbrueche"]],
  ["CHG-2107", "number", ["homebox-5g-neustartschleife-firmware"]],
  ["CHG-2240", "number", ["esim-activation-failures-smdp"]],
  ["firmware 3.2.1", "number", ["homebox-5g-neustartschleife-firmware"]],
  ["50679", "number", ["stoerung-koeln-gespraechsabbrueche"]],
  ["homebox 5g einrichten", "number", ["homebox-5g-einrichten"]],
];

beforeAll(async () => {
  await seedDefaultGlossary();
  await seedDemoContent(() => {});
  // A fresh index with the glossary's synonyms, as `npm run reindex` builds it.
  await reindexAllArticles();
}, 240_000);

describe("agent queries on the seeded content", () => {
  test("There are 40 queries, at least five in each category", () => {
    expect(queries).toHaveLength(40);
    const perCategory = new Map<Category, number>();
    for (const [, category] of queries) {
      perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
    }
    expect(perCategory.size).toBe(6);
    for (const [category, count] of perCategory) expect(count, category).toBeGreaterThanOrEqual(5);
  });

  test.each(queries)("%s (%s) has the right article in the top 3", async (q, _category, slugs) => {
    const result = await searchArticles({ q, audience: "staff", limit: 10 });
    expect(result.status).toBe("ok");
    const top = result.hits.map((hit) => hit.slug);
    expect(
      top.slice(0, 3).some((slug) => slugs.includes(slug)),
      `top 10 for "${q}": ${top.join(", ")}`,
    ).toBe(true);
  });
});
