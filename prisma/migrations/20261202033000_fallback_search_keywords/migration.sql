-- Written by hand: Prisma's schema does not describe full-text tables or triggers.
-- The reduced search also finds an article by its "also known as" terms (Article.keywords, a
-- JSON list the tokenizer reads as words), weighted like the title as in Meilisearch. FTS5
-- cannot add a column, so the index is made anew with the same options and rebuilt.
DROP TRIGGER IF EXISTS "ArticleFts_after_insert";
DROP TRIGGER IF EXISTS "ArticleFts_after_delete";
DROP TRIGGER IF EXISTS "ArticleFts_after_update";
DROP TABLE IF EXISTS "ArticleFts";

CREATE VIRTUAL TABLE "ArticleFts" USING fts5(
    title,
    keywords,
    bodyText,
    publicText,
    content = 'Article',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- The same text as articleFtsTriggers in prisma/article-fts.ts, which puts the triggers back
-- after a migration rebuilt the Article table.
CREATE TRIGGER IF NOT EXISTS "ArticleFts_after_insert" AFTER INSERT ON "Article" BEGIN
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
END;

INSERT INTO "ArticleFts" ("ArticleFts") VALUES ('rebuild');
