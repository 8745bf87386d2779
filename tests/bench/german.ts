/**
 * Costs of the German language handling (search/german.ts) on the demo articles: dictionary load
 * time and memory, compound splitting per 1000 words (first sight and cached), index aliases per
 * article and the query rewrite, next to a plain lower-casing of the same words as the baseline.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import {
  indexAliases,
  loadGermanDictionary,
  prepareQuery,
  splitCompound,
} from "../../search/german.ts";

const seedDir = path.resolve(import.meta.dirname, "../../prisma/seed-data");
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

// CPU time of this process: the machines are shared, and waiting for a core is not our cost.
function timed(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export async function benchGerman() {
  const texts = await Promise.all(
    (await readdir(seedDir)).map((file) => readFile(path.join(seedDir, file), "utf8")),
  );
  const words = [...new Set(texts.join(" ").match(/\p{L}+/gu) ?? [])];
  globalThis.gc?.();
  const before = process.memoryUsage();
  let stems = 0;
  const loadMs = timed(() => (stems = loadGermanDictionary()));
  const after = process.memoryUsage();
  let compounds = 0;
  const firstMs = timed(() => {
    for (const word of words) if (splitCompound(word).length) compounds++;
  });
  const cachedMs = timed(() => {
    for (const word of words) splitCompound(word);
  });
  const baselineMs = timed(() => {
    for (const word of words) word.toLowerCase().normalize("NFC");
  });
  const aliasMs = timed(() => {
    for (const text of texts) indexAliases(text);
  });
  const queries = ["netzstoerung hamburg", "Glasfaseranschluss", "CHG-10452", "esim aktivieren"];
  const rounds = 1000;
  const queryMs = timed(() => {
    for (let i = 0; i < rounds; i++) prepareQuery(queries[i % queries.length]!);
  });
  const perThousand = (total: number) => ms((total / words.length) * 1000);
  console.log(
    `\nGerman language handling, CPU time (${words.length} distinct words of ${texts.length} demo articles)`,
  );
  console.log(`  dictionary load (${stems} stems):            ${ms(loadMs)}`);
  console.log(`  RSS growth at load:                        ${mb(after.rss - before.rss)}`);
  console.log(
    `  heap growth at load:                       ${mb(after.heapUsed - before.heapUsed)}`,
  );
  console.log(
    `  split, first sight, per 1000 words:        ${perThousand(firstMs)} (${compounds} compounds)`,
  );
  console.log(`  split, cached, per 1000 words:             ${perThousand(cachedMs)}`);
  console.log(`  baseline lower-case + NFC, per 1000 words: ${perThousand(baselineMs)}`);
  console.log(`  index aliases, per article (mean):         ${ms(aliasMs / texts.length)}`);
  console.log(`  query rewrite, per query (mean):           ${ms(queryMs / rounds)}`);
  globalThis.gc?.();
  console.log(
    `  heap held with the caches filled:          ${mb(process.memoryUsage().heapUsed - before.heapUsed)}`,
  );
  console.log(
    `  RSS growth with the caches filled:         ${mb(process.memoryUsage().rss - before.rss)}`,
  );
}
