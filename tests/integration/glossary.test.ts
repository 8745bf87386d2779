import { beforeEach, describe, expect, test } from "vitest";

import { listAuditEvents } from "~/models/audit.server.ts";
import {
  createGlossaryEntry,
  deleteGlossaryEntry,
  listGlossaryEntries,
  updateGlossaryEntry,
} from "~/models/glossary.server.ts";
import { drainSearchOutbox, searchArticles } from "~/models/search.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv, reloadEnv } from "~/utils/env.server.ts";

import { readGlossaryFile, seedDefaultGlossary } from "../../prisma/seed-glossary.ts";
import { buildArticle, buildUser, uniqueNumber } from "../factories.ts";
import { resetDatabase } from "../setup/reset-database.ts";
import { closedPort } from "../setup/server-process.ts";

const realHost = process.env.MEILI_HOST!;

beforeEach(async () => {
  process.env.MEILI_HOST = realHost;
  reloadEnv();
  await resetDatabase();
  // Clears what an earlier test left in the engine: the glossary is empty again.
  await createThenDeleteEntry();
});

async function admin() {
  return (await buildUser({ role: "admin", email: "admin@test.example" })).actor;
}

async function createThenDeleteEntry() {
  const actor = await admin();
  const created = await createGlossaryEntry(actor, ["platzhalter", "placeholder"]);
  if (created.status !== "saved") throw new Error(JSON.stringify(created));
  await deleteGlossaryEntry(actor, created.id);
}

const slugs = async (q: string, audience: "staff" | "public" = "staff") => {
  const result = await searchArticles({ q, audience });
  expect(result.status).toBe("ok");
  return result.hits.map((hit) => hit.slug);
};

/** A German article about invoices under a fresh address (earlier tests' documents stay indexed). */
async function germanInvoiceArticle() {
  const slug = `rechnung-pruefen-${uniqueNumber()}`;
  await buildArticle({
    slug,
    title: "Rechnung prüfen",
    markdown: "So lesen Kundinnen die Monatsrechnung und den Einzelverbindungsnachweis.",
    visibility: "public",
  });
  await drainSearchOutbox();
  return slug;
}

describe("glossary applied as search synonyms", () => {
  test("An English word finds a German article once a glossary entry says they mean the same", async () => {
    const slug = await germanInvoiceArticle();
    expect(await slugs("invoice")).not.toContain(slug);

    const saved = await createGlossaryEntry(await admin(), ["Rechnung", "invoice", "bill"]);
    expect(saved).toMatchObject({ status: "saved", appliedToSearch: true });

    expect(await slugs("invoice")).toContain(slug);
    expect(await slugs("bill", "public")).toContain(slug);
  });

  test("Each change is in the audit log with the terms before and after", async () => {
    const actor = await admin();
    const created = await createGlossaryEntry(actor, ["Funkloch", "kein Netz"]);
    if (created.status !== "saved") throw new Error(created.status);
    await updateGlossaryEntry(actor, created.id, ["Funkloch", "kein Netz", "no signal"]);
    await deleteGlossaryEntry(actor, created.id);

    const events = (await listAuditEvents())
      .filter((event) => event.target === `glossary #${created.id}`)
      .map((event) => [event.action, event.detail, event.actorId]);
    expect(events).toEqual([
      ["glossary.delete", "Funkloch, kein Netz, no signal →", actor.id],
      ["glossary.update", "Funkloch, kein Netz → Funkloch, kein Netz, no signal", actor.id],
      ["glossary.create", "→ Funkloch, kein Netz", actor.id],
    ]);
  });

  test("Editing and deleting an entry changes what search finds", async () => {
    const slug = await germanInvoiceArticle();
    const actor = await admin();
    const created = await createGlossaryEntry(actor, ["Rechnung", "invoice"]);
    if (created.status !== "saved") throw new Error(created.status);
    await updateGlossaryEntry(actor, created.id, ["Rechnung", "bill"]);
    expect(await slugs("invoice")).not.toContain(slug);
    expect(await slugs("bill")).toContain(slug);
    await deleteGlossaryEntry(actor, created.id);
    expect(await slugs("bill")).not.toContain(slug);
  });

  test("A change made while the engine is down reaches search with the next drain", async () => {
    const slug = await germanInvoiceArticle();
    process.env.MEILI_HOST = `http://127.0.0.1:${await closedPort()}`;
    reloadEnv();
    const saved = await createGlossaryEntry(await admin(), ["Rechnung", "invoice"]);
    expect(saved).toMatchObject({ status: "saved", appliedToSearch: false });
    expect(await listGlossaryEntries("invoice")).toHaveLength(1);

    process.env.MEILI_HOST = realHost;
    reloadEnv();
    expect(await slugs("invoice")).not.toContain(slug);
    await drainSearchOutbox();
    expect(await slugs("invoice")).toContain(slug);
    const sync = await prisma.glossarySync.findUniqueOrThrow({ where: { id: 1 } });
    expect(sync.appliedVersion).toBe(sync.version);
  });
});

describe("glossary refusals write nothing", () => {
  test("Only admins change the glossary", async () => {
    const engineer = (await buildUser({ role: "engineer" })).actor;
    expect(await createGlossaryEntry(engineer, ["Handy", "mobile phone"])).toEqual({
      status: "forbidden",
    });
    expect(await listGlossaryEntries()).toEqual([]);
  });

  test("A term already in another entry is refused with that term", async () => {
    const actor = await admin();
    await createGlossaryEntry(actor, ["Handy", "Smartphone"]);
    expect(await createGlossaryEntry(actor, ["smartphone", "mobile phone"])).toEqual({
      status: "taken",
      term: "Smartphone",
    });
    expect((await listGlossaryEntries()).map((entry) => entry.terms)).toEqual([
      ["Handy", "Smartphone"],
    ]);
  });

  test("A term the engine would refuse (an unpaired surrogate) is refused before it", async () => {
    const actor = await admin();
    expect(await createGlossaryEntry(actor, ["Rechnung", "bill\uD800"])).toEqual({
      status: "invalid",
      message: "termFormat",
    });
    expect(await listGlossaryEntries()).toEqual([]);
  });

  test("The bundled engine refuses the whole synonyms setting for an unpaired surrogate", async () => {
    const env = getEnv();
    const response = await fetch(
      `${env.MEILI_HOST}/indexes/${env.MEILI_INDEX_PREFIX}articles/settings/synonyms`,
      {
        method: "PUT",
        headers: {
          authorization: `Bearer ${env.MEILI_MASTER_KEY}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ rechnung: ["bill\uD800"] }),
      },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("malformed_payload");
  });
});

describe("the default glossary", () => {
  test("A new install gets the seed file's entries; an edited or emptied one is left alone", async () => {
    await resetDatabase();
    const entries = await readGlossaryFile();
    expect(entries.length).toBeGreaterThanOrEqual(250);
    expect(await seedDefaultGlossary()).toBe(entries.length);
    expect(await prisma.glossaryEntry.count()).toBe(entries.length);

    const actor = await admin();
    const [first] = await listGlossaryEntries("Tarif");
    await deleteGlossaryEntry(actor, first!.id);
    expect(await seedDefaultGlossary()).toBe(0);
    expect(await prisma.glossaryEntry.count()).toBe(entries.length - 1);
    await prisma.glossaryEntry.deleteMany();
    expect(await seedDefaultGlossary()).toBe(0);
  });

  test("The default glossary covers every topic of a telecom support organisation", async () => {
    const topics = new Set((await readGlossaryFile()).map((entry) => entry.topic));
    expect([...topics]).toEqual(
      expect.arrayContaining([
        "tariffs",
        "billing",
        "contracts",
        "devices",
        "network",
        "fixed line",
        "tv",
        "fraud",
      ]),
    );
  });
});
