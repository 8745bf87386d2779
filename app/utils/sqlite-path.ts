/** Turns `file:./x.db` (Prisma's URL form) or a plain path into the path better-sqlite3 opens. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : databaseUrl;
}
