import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { expect, test } from "vitest";

import { ensureExecutable, startEmbeddedMeilisearch } from "../../search/embedded.ts";

test("A bundled binary that lost its run bit is made executable again", async () => {
  // A copy of the file's situation, not the installed binary: other tests run that one.
  const dir = await mkdtemp(path.join(os.tmpdir(), "lb-bin-"));
  const binary = path.join(dir, "meilisearch");
  try {
    await writeFile(binary, "#!/bin/sh\n", { mode: 0o644 });
    await ensureExecutable(binary);
    expect((await stat(binary)).mode & 0o111).not.toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("A taken port gives a clear message instead of a hang", async () => {
  const blocker = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => blocker.once("listening", resolve));
  const { port } = blocker.address() as net.AddressInfo;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lb-port-"));
  try {
    await expect(startEmbeddedMeilisearch({ dataDir, port })).rejects.toThrow(
      `Port ${port} is already in use`,
    );
  } finally {
    blocker.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("The master key is generated once and reused on the next start", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lb-key-"));
  const first = await startEmbeddedMeilisearch({ dataDir });
  await first.stop();
  const second = await startEmbeddedMeilisearch({ dataDir });
  await second.stop();
  await rm(dataDir, { recursive: true, force: true });
  expect(second.masterKey).toBe(first.masterKey);
  expect(first.masterKey.length).toBeGreaterThanOrEqual(16);
});

test("The master key is not on the engine's command line, and it still guards the engine", async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "lb-cmdline-"));
  const engine = await startEmbeddedMeilisearch({ dataDir });
  try {
    // What `ps` shows every local user.
    const cmdline = await readFile(`/proc/${engine.process.pid}/cmdline`, "utf8");
    expect(cmdline).toContain("meilisearch");
    expect(cmdline).not.toContain(engine.masterKey);
    expect((await fetch(`${engine.host}/keys`)).status).toBe(401);
    const authorised = await fetch(`${engine.host}/keys`, {
      headers: { Authorization: `Bearer ${engine.masterKey}` },
    });
    expect(authorised.status).toBe(200);
  } finally {
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
