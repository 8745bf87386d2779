/**
 * Demo content: users of every role and the support articles in prisma/seed-data (Markdown with
 * front matter; `:::internal` fences internal notes). Idempotent: existing slugs are skipped.
 *   npm run seed
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { z } from "zod";

import { markdownToContent } from "../app/editor/content.server.ts";
import { articleKinds, slugPattern, visibilities } from "../app/models/article-limits.ts";
import { createArticle, rebuildAllLinks } from "../app/models/article.server.ts";
import { parseFrontMatter } from "../app/models/markdown-io.server.ts";
import { addDays } from "../app/models/review-dates.ts";
import type { Role } from "../app/models/roles.ts";
import { hashPassword } from "../app/models/user.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { getEnv } from "../app/utils/env.server.ts";

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

/** Refused when a database holds accounts other than the demo users. */
export class RealInstallError extends Error {
  override name = "RealInstallError";
}

/**
 * Creates the demo users in a database without any user; leaves existing demo users exactly as
 * they are (never reactivated, never given the published password again). Returns whether it
 * created them; throws RealInstallError when real accounts exist.
 */
async function ensureDemoUsers(): Promise<boolean> {
  const existing = await prisma.user.findMany({ select: { email: true } });
  const demoEmails = new Set(demoUsers.map((user) => user.email));
  if (existing.some((user) => !demoEmails.has(user.email))) {
    throw new RealInstallError(
      "This database has real accounts: demo users and content are only seeded into a new install.",
    );
  }
  if (existing.length) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.user.createMany({
    data: demoUsers.map((user) => ({ ...user, passwordHash })),
  });
  return true;
}

/**
 * Seeds demo users (into a database without users) and the demo articles not there yet; returns
 * how many articles were created. Throws RealInstallError beside real accounts.
 */
export async function seedDemoContent(log: (line: string) => void = console.log): Promise<number> {
  const createdUsers = await ensureDemoUsers();
  const author = await prisma.user.findUniqueOrThrow({
    where: { email: "engineer@lagebild.example" },
  });
  const seedDir = getEnv().LAGEBILD_SEED_DIR ?? defaultSeedDir;
  const files = (await readdir(seedDir)).filter((file) => file.endsWith(".md")).sort();
  let created = 0;
  for (const file of files) {
    const parsed = parseFrontMatter(await readFile(path.join(seedDir, file), "utf8"));
    const front = FrontMatterSchema.parse(parsed.data);
    if (await prisma.article.findUnique({ where: { slug: front.slug }, select: { id: true } }))
      continue;
    const result = await createArticle({
      ...front,
      content: markdownToContent(parsed.content),
      // The operator's own seed run: trusted to publish the demo help centre.
      actor: { id: author.id, role: "system" },
      updatedAt: front.updated,
      ownerId: front.owner
        ? (await prisma.user.findUniqueOrThrow({ where: { email: front.owner } })).id
        : author.id,
      reviewAt: front.review ?? addDays(front.updated ?? new Date(), 180),
    });
    if (result.status !== "created") {
      throw new Error(`${path.join(seedDir, file)}: ${result.message}`);
    }
    created++;
  }
  await rebuildAllLinks();
  log(`Seeded ${created} new demo articles (${files.length} in seed-data).`);
  if (createdUsers) {
    log(`Demo logins created (password "${DEMO_PASSWORD}"), for trying Lagebild only:`);
    for (const user of demoUsers) log(`  ${user.role.padEnd(9)} ${user.email}`);
  }
  return created;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { parseCommandLine, runTool } = await import("../scripts/cli.ts");
  parseCommandLine(
    `Usage: npm run seed

Seeds the demo users and articles into a new install (a database without real accounts);
articles already there are kept as they are.`,
    {},
  );
  await runTool(async () => {
    const { bootDatabase, bootSearch } = await import("../app/boot.server.ts");
    await bootDatabase(() => {});
    await seedDemoContent();
    await bootSearch(console.log, "reuse-only");
    await prisma.$disconnect();
  });
}
