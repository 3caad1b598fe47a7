-- The plan calendar feed: what each milestone/action event last published (SEQUENCE, and
-- tombstones for removed items so subscribers get cancellations), and the secret subscription URLs.
CREATE TABLE "CalendarPublications" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "ItemId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Date" date NOT NULL,
    "Summary" character varying(300) NOT NULL,
    "Fingerprint" character varying(64) NOT NULL,
    "Sequence" integer NOT NULL,
    "FirstPublishedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "RemovedAt" timestamp with time zone,
    CONSTRAINT "PK_CalendarPublications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CalendarPublications_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "CalendarFeeds" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedBy" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "LastFetchedAt" timestamp with time zone,
    "Fetches" integer NOT NULL,
    CONSTRAINT "PK_CalendarFeeds" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CalendarFeeds_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_CalendarFeeds_PlanId" ON "CalendarFeeds" ("PlanId");
CREATE UNIQUE INDEX "IX_CalendarFeeds_TokenHash" ON "CalendarFeeds" ("TokenHash");
CREATE UNIQUE INDEX "IX_CalendarPublications_PlanId_ItemId" ON "CalendarPublications" ("PlanId", "ItemId");
