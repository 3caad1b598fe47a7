-- Status updates sent for a review period.
CREATE TABLE "StatusUpdates" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "PeriodFrom" date NOT NULL,
    "PeriodTo" date NOT NULL,
    "Body" character varying(20000) NOT NULL,
    "Author" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_StatusUpdates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_StatusUpdates_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_StatusUpdates_PlanId_CreatedAt" ON "StatusUpdates" ("PlanId", "CreatedAt");
