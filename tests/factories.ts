/**
 * Test factories: real rows written through the model functions the app itself calls, so a
 * test's arrangement obeys the same rules (and fails the same way) as the app's own writes.
 * Anything not given gets a unique default; each test arranges its own rows with these.
 */
import { markdownToContent } from "~/editor/content.server.ts";
import type { Actor } from "~/models/actor.ts";
import { createArticle, type NewArticle } from "~/models/article.server.ts";
import { createIncident, type IncidentFields } from "~/models/incident.server.ts";
import type { Role } from "~/models/roles.ts";
import { createSession } from "~/models/session.server.ts";
import { upsertUser } from "~/models/user.server.ts";
import { commitSignIn } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";

let sequence = 0;

/** A number no earlier factory call in this test file returned: for unique emails and slugs. */
export function uniqueNumber(): number {
  return ++sequence;
}

/** The password every built user signs in with unless one is given. */
export const testPassword = "correct horse battery";

/**
 * A user with the role (engineer by default), written with upsertUser; an existing email is
 * updated instead (so a fixed email gives the same user again, also after a database reset).
 */
export async function buildUser(
  overrides: { role?: Role; email?: string; name?: string; password?: string } = {},
) {
  const role = overrides.role ?? "engineer";
  const n = uniqueNumber();
  const user = await upsertUser({
    email: overrides.email ?? `${role}-${n}-${process.pid}@test.example`,
    name: overrides.name ?? `Test ${role} ${n}`,
    role,
    password: overrides.password ?? testPassword,
  });
  const actor: Actor = { id: user.id, role };
  return { ...user, actor };
}

/** The author of built articles when a test does not care who wrote them. */
async function defaultAuthor(): Promise<Actor> {
  return (await buildUser({ role: "comms", email: "author@test.example", name: "Ada Author" }))
    .actor;
}

export type ArticleOverrides = Partial<Omit<NewArticle, "content" | "actor">> & {
  /** The body as Markdown (`:::internal` fences for notes); ignored when `content` is given. */
  markdown?: string;
  /** The body as serialized Lexical state. */
  content?: string;
  /** Who creates it; a comms user by default (who may publish). */
  actor?: Actor;
};

/**
 * An article created with createArticle (first revision, tags, links, index job): internal
 * how-to with a unique slug unless told otherwise. Throws when the model refuses it.
 */
export async function buildArticle(overrides: ArticleOverrides = {}) {
  const { markdown, content, actor, ...fields } = overrides;
  const n = uniqueNumber();
  const created = await createArticle({
    slug: `article-${n}`,
    title: `Article ${n}`,
    kind: "howto",
    visibility: "internal",
    tags: [],
    ...fields,
    content: content ?? markdownToContent(markdown ?? `Text of article ${n}.`),
    actor: actor ?? (await defaultAuthor()),
  });
  if (created.status !== "created") {
    throw new Error(`buildArticle: ${created.status}: ${created.message}`);
  }
  return created.article;
}

/**
 * An incident created with createIncident (its article, the structured part, the "created"
 * timeline entry), begun an hour ago. Returns its slug and incident id; throws when refused.
 */
export async function buildIncident(
  actor: Actor,
  overrides: Partial<IncidentFields> & {
    title?: string;
    detail?: string;
    startedAt?: Date;
    statementDe?: string;
    statementEn?: string;
  } = {},
) {
  const created = await createIncident(actor, {
    title: `Störung Test ${uniqueNumber()}`,
    detail: "Interne Details.",
    startedAt: new Date(Date.now() - 3_600_000),
    severity: "major",
    areas: "München 80331-81929\nUnterföhring 85774",
    serviceKeys: ["volte"],
    howtoSlugs: [],
    summary: "P-CSCF",
    ...overrides,
  });
  if (created.status !== "created") throw new Error(`buildIncident: ${JSON.stringify(created)}`);
  const incident = await prisma.incident.findFirstOrThrow({
    where: { article: { slug: created.slug } },
    select: { id: true },
  });
  return { slug: created.slug, id: incident.id };
}

/**
 * A real request of the signed-in user, carrying the signed session cookie as the browser sends
 * it; `init` sets the method, address and body.
 */
export async function requestAs(
  userId: string,
  init: { url?: string; method?: string; body?: string } = {},
): Promise<Request> {
  const { id } = await createSession(userId);
  const cookie = (await commitSignIn(new Request("http://localhost/login"), id, "/")).headers
    .get("set-cookie")!
    .split(";")[0]!;
  return new Request(init.url ?? "http://localhost/anything", {
    method: init.method,
    headers: { cookie },
    body: init.body,
  });
}
