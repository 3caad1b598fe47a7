-- Who has a plan open right now (live presence): one row per live connection, per app instance.
CREATE TABLE "PlanViewers" (
    "ConnectionId" TEXT NOT NULL CONSTRAINT "PK_PlanViewers" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "InstanceId" TEXT NOT NULL,
    "IsBuyer" INTEGER NOT NULL,
    "PersonId" TEXT NOT NULL,
    "Name" TEXT NULL,
    "Email" TEXT NULL,
    "LinkId" TEXT NULL,
    "LinkStamp" TEXT NULL,
    "JoinedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    CONSTRAINT "FK_PlanViewers_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_PlanViewers_PlanId_LastSeenAt" ON "PlanViewers" ("PlanId", "LastSeenAt");
CREATE INDEX "IX_PlanViewers_InstanceId" ON "PlanViewers" ("InstanceId");
