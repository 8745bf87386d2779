/**
 * The full-text index of the reduced search (SQLite FTS5 over the Article table's own text
 * columns), which Prisma's schema cannot describe. Migration 20261201233000_article_fallback_search
 * created it, 20261202033000_fallback_search_keywords added the keywords; the triggers below keep it in the same transaction as every write of an article.
 */
import type Database from "better-sqlite3";

/** The index table and its shadow tables, which Prisma must neither describe nor drop. */
export const articleFtsTables = [
  "ArticleFts",
  "ArticleFts_config",
  "ArticleFts_data",
  "ArticleFts_docsize",
  "ArticleFts_idx",
];

/** The triggers that mirror every insert, update and delete of an article into ArticleFts. */
export const articleFtsTriggers = `CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_insert" AFTER INSERT ON "Article" BEGIN
    INSERT INTO "ArticleFts" (rowid, title, keywords, bodyText, publicText)
    VALUES (new.rowid, new.title, new.keywords, new.bodyText, new.publicText);
END;

CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_delete" AFTER DELETE ON "Article" BEGIN
    INSERT INTO "ArticleFts" ("ArticleFts", rowid, title, keywords, bodyText, publicText)
    VALUES ('delete', old.rowid, old.title, old.keywords, old.bodyText, old.publicText);
END;

CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_update" AFTER UPDATE OF title, keywords, bodyText, publicText ON "Article" BEGIN
    INSERT INTO "ArticleFts" ("ArticleFts", rowid, title, keywords, bodyText, publicText)
    VALUES ('delete', old.rowid, old.title, old.keywords, old.bodyText, old.publicText);
    INSERT INTO "ArticleFts" (rowid, title, keywords, bodyText, publicText)
    VALUES (new.rowid, new.title, new.keywords, new.bodyText, new.publicText);
END;`;

/**
 * Puts back the triggers and rebuilds the index when a migration rebuilt the Article table
 * (Prisma's "RedefineTables" drops the table, and SQLite drops its triggers and renumbers its
 * rowids with it). Returns whether a repair was needed.
 */
export function repairArticleFts(db: Database.Database): boolean {
  const present = db
    .prepare(
      "SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Article' AND name LIKE 'ArticleFts_after_%'",
    )
    .get() as { n: number };
  const hasIndex = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ArticleFts'")
    .get();
  if (!hasIndex || present.n === 3) return false;
  db.transaction(() => {
    db.exec(articleFtsTriggers);
    db.exec(`INSERT INTO "ArticleFts" ("ArticleFts") VALUES ('rebuild')`);
  })();
  return true;
}
