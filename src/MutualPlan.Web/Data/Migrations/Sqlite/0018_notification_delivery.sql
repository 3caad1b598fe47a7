-- Notification delivery: event kinds and links on notifications, an idempotency key per
-- (event, recipient), the outbox of jobs the background worker claims, and e-mail preferences.
ALTER TABLE "Notifications" ADD COLUMN "Kind" TEXT NOT NULL DEFAULT 'Mention';
ALTER TABLE "Notifications" ADD COLUMN "Url" TEXT NULL;
ALTER TABLE "Notifications" ADD COLUMN "EventKey" TEXT NULL;
CREATE UNIQUE INDEX "IX_Notifications_EventKey" ON "Notifications" ("EventKey");
CREATE INDEX "IX_Notifications_RecipientKind_RecipientId_EmailedAt" ON "Notifications" ("RecipientKind", "RecipientId", "EmailedAt");
CREATE TABLE "Jobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Jobs" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "DueAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "LeaseUntil" INTEGER NULL,
    "LeasedBy" TEXT NULL,
    "LastError" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    "FailedAt" INTEGER NULL,
    "Outcome" TEXT NULL
);
CREATE UNIQUE INDEX "IX_Jobs_Key" ON "Jobs" ("Key");
CREATE INDEX "IX_Jobs_CompletedAt_DueAt" ON "Jobs" ("CompletedAt", "DueAt");
CREATE TABLE "EmailPreferences" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EmailPreferences" PRIMARY KEY,
    "WorkspaceId" TEXT NOT NULL,
    "RecipientKind" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Delivery" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_EmailPreferences_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_EmailPreferences_RecipientKind_RecipientId" ON "EmailPreferences" ("RecipientKind", "RecipientId");
CREATE INDEX "IX_EmailPreferences_WorkspaceId" ON "EmailPreferences" ("WorkspaceId");
