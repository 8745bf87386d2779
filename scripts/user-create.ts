/**
 * Creates (or updates) a user from the command line, e.g. the first admin of a new install:
 *   npm run user:create -- --email ada@example.com --name "Ada" --role admin [--password …]
 * Without --password a random one is generated and printed once.
 */
import { randomBytes } from "node:crypto";

import { z } from "zod";

import { bootDatabase } from "../app/boot.server.ts";
import { recordAudit } from "../app/models/audit.server.ts";
import { roles } from "../app/models/roles.ts";
import { upsertUser } from "../app/models/user.server.ts";
import { prisma } from "../app/utils/db.server.ts";

import { parseCommandLine, runTool } from "./cli.ts";

const ArgsSchema = z.object({
  email: z.string().trim().email(),
  name: z.string().trim().min(1),
  role: z.enum(roles).default("admin"),
  password: z.string().min(10, "at least 10 characters").optional(),
});

const usage = `Usage: npm run user:create -- --email <email> --name "<name>" [--role <role>] [--password <pw>]

Creates a user, or updates the one with this email (name, role, a new password).
  --role      ${roles.join(", ")} (default: admin)
  --password  at least 10 characters (default: a generated one, printed once)`;

const { values } = parseCommandLine(usage, {
  email: { type: "string" },
  name: { type: "string" },
  role: { type: "string" },
  password: { type: "string" },
});
const parsed = ArgsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error(`\n${usage}`);
  process.exit(2);
}
const input = parsed.data;

await runTool(async () => {
  const password = input.password ?? randomBytes(12).toString("base64url");
  await bootDatabase(() => {});
  const user = await upsertUser({ ...input, password });
  await recordAudit({
    actorId: null,
    action: "user.create",
    target: user.email,
    detail: `${user.role} (CLI)`,
  });
  console.log(`User ${user.email} (${user.role}) is ready.`);
  if (!input.password)
    console.log(`Password: ${password}   (shown once; change it after signing in)`);
  await prisma.$disconnect();
});
