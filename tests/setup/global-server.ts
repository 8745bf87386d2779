import type { TestProject } from "vitest/node";

import { startServer } from "./server-process.ts";

/** One real server for the browser tests: own SQLite file, own bundled Meilisearch, demo content. */
export default async function setup(project: TestProject) {
  const server = await startServer();
  project.provide("baseUrl", server.baseUrl);
  project.provide("serverPid", server.child.pid ?? 0);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Process id of that server, for tests that watch its memory. */
    serverPid: number;
  }
}
