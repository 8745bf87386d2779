/**
 * The glossary every install starts with: common telecom support terms in German and English,
 * colloquial and technical (prisma/glossary.json). It is product content, not demo content:
 * loaded into an empty glossary only, so an admin's edits are never overwritten.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { seedGlossary } from "../app/models/glossary.server.ts";

// "../prisma" from this file's folder: right both from source (prisma/) and from the server
// build (build/index.js), which bundles this module.
export const glossaryFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../prisma/glossary.json",
);

const GlossaryFileSchema = z.array(z.object({ topic: z.string(), terms: z.array(z.string()) }));

/** Reads the glossary file's entries (topic and terms); throws when the file is malformed. */
export async function readGlossaryFile(file = glossaryFile) {
  return GlossaryFileSchema.parse(JSON.parse(await readFile(file, "utf8")));
}

/** Loads the glossary file into an empty glossary; returns how many entries it added. */
export async function seedDefaultGlossary(): Promise<number> {
  const entries = await readGlossaryFile();
  return seedGlossary(entries.map((entry) => entry.terms));
}
