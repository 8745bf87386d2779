import { mkdir, rm } from "node:fs/promises";
import path from "node:path";

import type { TestProject } from "vitest/node";

import { deployMigrations } from "../../prisma/migrate.ts";

export const tmpRoot = path.resolve(import.meta.dirname, "../.tmp");

/** Migrates one template database per run; each test file copies it (tests/setup/integration.ts). */
export default async function setup(project: TestProject) {
  const dir = path.join(tmpRoot, `run-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  await deployMigrations(`file:${template}`);
  project.provide("templateDatabase", template);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    baseUrl: string;
  }
}
