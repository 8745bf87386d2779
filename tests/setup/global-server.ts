import type { TestProject } from "vitest/node";

import { startServer } from "./server-process.ts";

/** One real server for the browser tests: own SQLite file, own bundled Meilisearch, demo content. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide("baseUrl", server.baseUrl);
  return () => server.stop();
}
