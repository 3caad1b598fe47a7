-- Who has a plan open right now (live presence): one row per live connection, per app instance.
CREATE TABLE "PlanViewers" (
    "ConnectionId" character varying(100) NOT NULL,
    "PlanId" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "IsBuyer" boolean NOT NULL,
    "PersonId" uuid NOT NULL,
    "Name" character varying(200),
    "Email" character varying(200),
    "LinkId" uuid,
    "LinkStamp" uuid,
    "JoinedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PlanViewers" PRIMARY KEY ("ConnectionId"),
    CONSTRAINT "FK_PlanViewers_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_PlanViewers_PlanId_LastSeenAt" ON "PlanViewers" ("PlanId", "LastSeenAt");
CREATE INDEX "IX_PlanViewers_InstanceId" ON "PlanViewers" ("InstanceId");
