-- The plan calendar feed: what each milestone/action event last published (SEQUENCE, and
-- tombstones for removed items so subscribers get cancellations), and the secret subscription URLs.
CREATE TABLE "CalendarPublications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CalendarPublications" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Fingerprint" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "FirstPublishedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "RemovedAt" INTEGER NULL,
    CONSTRAINT "FK_CalendarPublications_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "CalendarFeeds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CalendarFeeds" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    "LastFetchedAt" INTEGER NULL,
    "Fetches" INTEGER NOT NULL,
    CONSTRAINT "FK_CalendarFeeds_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_CalendarFeeds_PlanId" ON "CalendarFeeds" ("PlanId");
CREATE UNIQUE INDEX "IX_CalendarFeeds_TokenHash" ON "CalendarFeeds" ("TokenHash");
CREATE UNIQUE INDEX "IX_CalendarPublications_PlanId_ItemId" ON "CalendarPublications" ("PlanId", "ItemId");
