/**
 * An install upgraded from a version whose index documents lack fields this version facets on:
 * the app rebuilds its index by itself at start (decision note 015), and the pins come back.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import { expect, test } from "vitest";

import { createSearchClient } from "../../search/client.ts";
import { REQUIRED_FIELDS } from "../../search/documents.ts";
import { readMasterKey } from "../../search/embedded.ts";
import { indexNames } from "../../search/settings.ts";
import { startServer, type ServerProcess } from "../setup/server-process.ts";

import { signInCookie } from "./session.ts";

const ONGOING = "stoerung-muenchen-volte-anrufe"; // seeded, active

async function pinnedSlugs(server: ServerProcess) {
  const cookie = await signInCookie(server.baseUrl, "agent@lagebild.example");
  const response = await fetch(`${server.baseUrl}/api/search?q=volte`, { headers: { cookie } });
  const body = (await response.json()) as { pinned: { slug: string }[] };
  return body.pinned.map((pin) => pin.slug);
}

test("An index an older version wrote is rebuilt at start, and active incidents are pinned again", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lagebild-upgrade-"));
  let server = await startServer({}, { dataDir });
  try {
    expect(await pinnedSlugs(server)).toEqual([ONGOING]);
    // Make the index what an older version left: passages without this version's fields.
    const running = JSON.parse(
      await readFile(path.join(dataDir, "meilisearch", "running.json"), "utf8"),
    ) as { host: string };
    const client = createSearchClient({
      host: running.host,
      apiKey: (await readMasterKey(dataDir)) ?? undefined,
    });
    const staff = client.index<Record<string, unknown>>(indexNames("lagebild_").staff);
    const { results } = await staff.getDocuments({ limit: 10_000 });
    const older = results.map((doc) =>
      Object.fromEntries(
        Object.entries(doc).filter(([key]) => !REQUIRED_FIELDS.includes(key as never)),
      ),
    );
    await staff.addDocuments(older).waitTask();
    expect(await pinnedSlugs(server)).toEqual([]);

    await server.stop();
    server = await startServer({}, { dataDir });
    for (let waited = 0; !server.output().includes("Search: rebuilt the index"); waited += 100) {
      if (waited > 60_000) throw new Error(`No rebuild:\n${server.output()}`);
      await sleep(100);
    }
    expect(server.output()).toContain("written by an older version; rebuilding it");
    expect(await pinnedSlugs(server)).toEqual([ONGOING]);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
