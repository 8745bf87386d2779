/**
 * Demo content for a new install: users of every role and the support articles in
 * prisma/seed-data, imported like any Markdown folder. Idempotent: existing slugs are kept.
 *   npm run seed
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { importMarkdownDirectory } from "../app/models/markdown-io.server.ts";
import { isRole, type Role } from "../app/models/roles.ts";
import { hashPassword } from "../app/models/user.server.ts";
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

// "../prisma" from this file's folder: right both from source (prisma/) and from the server
// build (build/index.js), which bundles this module.
const defaultSeedDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../prisma/seed-data",
);

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
 * Seeds demo users (into a database without users) and imports the demo articles not there yet,
 * as the demo admin, through the same importer as `npm run import`; returns how many articles
 * were created. Throws RealInstallError beside real accounts, and when a demo file fails.
 */
export async function seedDemoContent(log: (line: string) => void = console.log): Promise<number> {
  const createdUsers = await ensureDemoUsers();
  const admin = await prisma.user.findUniqueOrThrow({
    where: { email: "admin@lagebild.example" },
    select: { id: true, role: true },
  });
  if (!isRole(admin.role)) throw new Error(`Demo admin has an unknown role: ${admin.role}`);
  const seedDir = getEnv().LAGEBILD_SEED_DIR ?? defaultSeedDir;
  const summary = await importMarkdownDirectory(seedDir, {
    actor: { id: admin.id, role: admin.role },
    existing: "keep",
  });
  if (summary.failed.length) {
    const problems = summary.failed.map((failure) => `${failure.file}: ${failure.message}`);
    throw new Error(`Demo content in ${seedDir} is broken:\n  ${problems.join("\n  ")}`);
  }
  await seedDemoIncidents(log);
  log(
    `Seeded ${summary.created.length} new demo articles ` +
      `(${summary.created.length + summary.unchanged.length} in seed-data).`,
  );
  if (createdUsers) {
    log(`Demo logins created (password "${DEMO_PASSWORD}"), for trying Lagebild only:`);
    for (const user of demoUsers) log(`  ${user.role.padEnd(9)} ${user.email}`);
  }
  return summary.created.length;
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
