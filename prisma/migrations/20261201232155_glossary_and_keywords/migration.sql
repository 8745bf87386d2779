-- CreateTable
CREATE TABLE "GlossaryEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GlossaryTerm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    CONSTRAINT "GlossaryTerm_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "GlossaryEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GlossarySync" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "appliedVersion" INTEGER NOT NULL DEFAULT 0
);

-- AlterTable (hand-written: ADD COLUMN keeps the Article table, its triggers and indexes)
ALTER TABLE "Article" ADD COLUMN "keywords" TEXT NOT NULL DEFAULT '[]';

-- CreateIndex
CREATE UNIQUE INDEX "GlossaryTerm_key_key" ON "GlossaryTerm"("key");

-- CreateIndex
CREATE INDEX "GlossaryTerm_entryId_idx" ON "GlossaryTerm"("entryId");
