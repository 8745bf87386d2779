-- AlterTable
ALTER TABLE "ArticleRevision" ADD COLUMN "meta" TEXT;

-- Backfill: the head revision of each article gets the article's current fields; older
-- revisions keep NULL (unknown), which the merge treats conservatively.
UPDATE "ArticleRevision" SET "meta" = (
    SELECT json_object(
        'kind', a."kind",
        'visibility', a."visibility",
        'tags', (SELECT json_group_array(t."name") FROM (
            SELECT t."name" FROM "_ArticleToTag" at JOIN "Tag" t ON t."id" = at."B"
            WHERE at."A" = a."id" ORDER BY t."name") t),
        'ownerId', a."ownerId",
        'reviewAt', a."reviewAt"
    )
    FROM "Article" a WHERE a."id" = "ArticleRevision"."articleId"
)
WHERE "number" = (SELECT a."revision" FROM "Article" a WHERE a."id" = "ArticleRevision"."articleId");
