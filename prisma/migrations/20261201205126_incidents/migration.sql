-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "nameDe" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'investigating',
    "severity" TEXT NOT NULL DEFAULT 'major',
    "areas" TEXT NOT NULL DEFAULT '[]',
    "startedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "summary" TEXT NOT NULL DEFAULT '',
    "statementDe" TEXT NOT NULL DEFAULT '',
    "statementEn" TEXT NOT NULL DEFAULT '',
    "statementVersion" INTEGER NOT NULL DEFAULT 0,
    "statementUpdatedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "from" TEXT NOT NULL DEFAULT '',
    "to" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IncidentEvent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" TEXT NOT NULL,
    "agentId" TEXT,
    "postcode" TEXT,
    "symptom" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IncidentReport_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentReport_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentView" (
    "userId" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "statementVersion" INTEGER NOT NULL,
    "seenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "incidentId"),
    CONSTRAINT "IncidentView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentView_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_IncidentHowto" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_IncidentHowto_A_fkey" FOREIGN KEY ("A") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_IncidentHowto_B_fkey" FOREIGN KEY ("B") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_IncidentToService" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_IncidentToService_A_fkey" FOREIGN KEY ("A") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_IncidentToService_B_fkey" FOREIGN KEY ("B") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Service_key_key" ON "Service"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_articleId_key" ON "Incident"("articleId");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "Incident_updatedAt_idx" ON "Incident"("updatedAt");

-- CreateIndex
CREATE INDEX "IncidentEvent_incidentId_id_idx" ON "IncidentEvent"("incidentId", "id");

-- CreateIndex
CREATE INDEX "IncidentReport_incidentId_createdAt_idx" ON "IncidentReport"("incidentId", "createdAt");

-- CreateIndex
CREATE INDEX "IncidentReport_incidentId_agentId_createdAt_idx" ON "IncidentReport"("incidentId", "agentId", "createdAt");

-- CreateIndex
CREATE INDEX "IncidentView_incidentId_idx" ON "IncidentView"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "_IncidentHowto_AB_unique" ON "_IncidentHowto"("A", "B");

-- CreateIndex
CREATE INDEX "_IncidentHowto_B_index" ON "_IncidentHowto"("B");

-- CreateIndex
CREATE UNIQUE INDEX "_IncidentToService_AB_unique" ON "_IncidentToService"("A", "B");

-- CreateIndex
CREATE INDEX "_IncidentToService_B_index" ON "_IncidentToService"("B");

-- The initial list of services; admins add more on /admin/services.
INSERT INTO "Service" ("id", "key", "nameDe", "nameEn", "position") VALUES
  ('svc-mobile-data', 'mobile-data', 'Mobile Daten', 'Mobile data', 10),
  ('svc-voice', 'voice', 'Telefonie (Mobilfunk)', 'Voice (mobile)', 20),
  ('svc-volte', 'volte', 'VoLTE (4G-Telefonie)', 'VoLTE (4G calling)', 30),
  ('svc-wifi-calling', 'wifi-calling', 'WLAN Call', 'Wi-Fi calling', 40),
  ('svc-sms', 'sms', 'SMS', 'SMS', 50),
  ('svc-voicemail', 'voicemail', 'Mailbox', 'Voicemail', 60),
  ('svc-landline', 'landline', 'Festnetz', 'Landline', 70),
  ('svc-internet-fixed', 'internet-fixed', 'Internet (Festnetz)', 'Internet (fixed)', 80),
  ('svc-tv', 'tv', 'TV', 'TV', 90),
  ('svc-email', 'email', 'E-Mail', 'E-mail', 100),
  ('svc-billing', 'billing', 'Rechnung', 'Billing', 110);
