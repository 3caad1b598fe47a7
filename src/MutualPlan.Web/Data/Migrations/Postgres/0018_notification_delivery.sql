-- Notification delivery: event kinds and links on notifications, an idempotency key per
-- (event, recipient), the outbox of jobs the background worker claims, and e-mail preferences.
ALTER TABLE "Notifications" ADD COLUMN "Kind" character varying(40) NOT NULL DEFAULT 'Mention';
ALTER TABLE "Notifications" ADD COLUMN "Url" character varying(400);
ALTER TABLE "Notifications" ADD COLUMN "EventKey" character varying(300);
CREATE UNIQUE INDEX "IX_Notifications_EventKey" ON "Notifications" ("EventKey");
CREATE INDEX "IX_Notifications_RecipientKind_RecipientId_EmailedAt" ON "Notifications" ("RecipientKind", "RecipientId", "EmailedAt");
CREATE TABLE "Jobs" (
    "Id" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Key" character varying(300) NOT NULL,
    "Payload" character varying(4000) NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "LeaseUntil" timestamp with time zone,
    "LeasedBy" character varying(100),
    "LastError" character varying(4000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    "FailedAt" timestamp with time zone,
    "Outcome" character varying(400),
    CONSTRAINT "PK_Jobs" PRIMARY KEY ("Id")
);
CREATE UNIQUE INDEX "IX_Jobs_Key" ON "Jobs" ("Key");
-- The worker's claim scans only unfinished jobs.
CREATE INDEX "IX_Jobs_Pending_DueAt" ON "Jobs" ("DueAt") WHERE "CompletedAt" IS NULL;
CREATE TABLE "EmailPreferences" (
    "Id" uuid NOT NULL,
    "WorkspaceId" uuid NOT NULL,
    "RecipientKind" character varying(40) NOT NULL,
    "RecipientId" uuid NOT NULL,
    "Delivery" character varying(40) NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_EmailPreferences" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_EmailPreferences_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_EmailPreferences_RecipientKind_RecipientId" ON "EmailPreferences" ("RecipientKind", "RecipientId");
CREATE INDEX "IX_EmailPreferences_WorkspaceId" ON "EmailPreferences" ("WorkspaceId");
