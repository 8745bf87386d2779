/**
 * Demo content: users of every role and the support articles in prisma/seed-data (Markdown with
 * front matter; `:::internal` fences internal notes). Idempotent: existing slugs are skipped.
 *   npm run seed
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import matter from "gray-matter";
import { z } from "zod";

import { markdownToContent } from "../app/editor/content.server.ts";
import { articleKinds, slugPattern, visibilities } from "../app/models/article-limits.ts";
import { createArticle, rebuildAllLinks } from "../app/models/article.server.ts";
import { addDays } from "../app/models/review-dates.ts";
import type { Role } from "../app/models/roles.ts";
import { upsertUser } from "../app/models/user.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { getEnv } from "../app/utils/env.server.ts";

import { seedDemoIncidents } from "./seed-incidents.ts";

export const DEMO_PASSWORD = "lagebild-demo";

export const demoUsers: { email: string; name: string; role: Role }[] = [
  { email: "admin@lagebild.example", name: "Ada Admin", role: "admin" },
  { email: "agent@lagebild.example", name: "Anna Agent", role: "agent" },
  { email: "ben.berger@lagebild.example", name: "Ben Berger", role: "agent" },
  { email: "engineer@lagebild.example", name: "Emil Engineer", role: "engineer" },
  { email: "fatma.yilmaz@lagebild.example", name: "Fatma Yılmaz", role: "engineer" },
  { email: "comms@lagebild.example", name: "Clara Comms", role: "comms" },
];

const FrontMatterSchema = z.object({
  title: z.string().min(1),
  slug: z.string().regex(slugPattern),
  kind: z.enum(articleKinds),
  visibility: z.enum(visibilities),
  tags: z.array(z.string().regex(slugPattern)).max(12).default([]),
  updated: z.coerce.date().optional(),
  /** Review date; default: 180 days after the last update. */
  review: z.coerce.date().optional(),
  /** Owner's email; default: the engineer who wrote the demo content. */
  owner: z.string().email().optional(),
});

const defaultSeedDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "seed-data");

/** Seeds users and demo articles; returns how many articles were created. */
export async function seedDemoContent(log: (line: string) => void = console.log): Promise<number> {
  for (const user of demoUsers) await upsertUser({ ...user, password: DEMO_PASSWORD });
  const author = await prisma.user.findUniqueOrThrow({
    where: { email: "engineer@lagebild.example" },
  });
  const seedDir = getEnv().LAGEBILD_SEED_DIR ?? defaultSeedDir;
  const files = (await readdir(seedDir)).filter((file) => file.endsWith(".md")).sort();
  let created = 0;
  for (const file of files) {
    const parsed = matter(await readFile(path.join(seedDir, file), "utf8"));
    const front = FrontMatterSchema.parse(parsed.data);
    if (await prisma.article.findUnique({ where: { slug: front.slug }, select: { id: true } }))
      continue;
    const result = await createArticle({
      ...front,
      content: markdownToContent(parsed.content),
      authorId: author.id,
      updatedAt: front.updated,
      ownerId: front.owner
        ? (await prisma.user.findUniqueOrThrow({ where: { email: front.owner } })).id
        : author.id,
      reviewAt: front.review ?? addDays(front.updated ?? new Date(), 180),
    });
    if (result.status !== "created") {
      throw new Error(`${path.join(seedDir, file)}: ${result.field}: ${result.message}`);
    }
    created++;
  }
  await rebuildAllLinks();
  await seedDemoIncidents(log);
  log(
    `Seeded ${demoUsers.length} users and ${created} new articles (${files.length} in seed-data).`,
  );
  return created;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { bootDatabase } = await import("../app/boot.server.ts");
  await bootDatabase();
  await seedDemoContent();
  console.log("Run `npm start` (or the search reindex) to bring the search index up to date.");
  await prisma.$disconnect();
}
