-- Written by hand: Prisma's schema does not describe full-text tables or triggers.
-- The reduced search used while Meilisearch is down (docs/decisions/013-*.md): an FTS5 index
-- over the Article table's own text columns (external content, so no second copy of the text),
-- kept by triggers in the same transaction as every write of an article. remove_diacritics 2
-- lets "storung" find "Störung".
CREATE VIRTUAL TABLE "ArticleFts" USING fts5(
    title,
    bodyText,
    publicText,
    content = 'Article',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The same text as articleFtsTriggers in prisma/article-fts.ts, which puts the triggers back
-- after a migration rebuilt the Article table.
CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_insert" AFTER INSERT ON "Article" BEGIN
    INSERT INTO "ArticleFts" (rowid, title, bodyText, publicText)
    VALUES (new.rowid, new.title, new.bodyText, new.publicText);
END;

CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_delete" AFTER DELETE ON "Article" BEGIN
    INSERT INTO "ArticleFts" ("ArticleFts", rowid, title, bodyText, publicText)
    VALUES ('delete', old.rowid, old.title, old.bodyText, old.publicText);
END;

CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_update" AFTER UPDATE OF title, bodyText, publicText ON "Article" BEGIN
    INSERT INTO "ArticleFts" ("ArticleFts", rowid, title, bodyText, publicText)
    VALUES ('delete', old.rowid, old.title, old.bodyText, old.publicText);
    INSERT INTO "ArticleFts" (rowid, title, bodyText, publicText)
    VALUES (new.rowid, new.title, new.bodyText, new.publicText);
END;

-- Articles written before this migration.
INSERT INTO "ArticleFts" ("ArticleFts") VALUES ('rebuild');
