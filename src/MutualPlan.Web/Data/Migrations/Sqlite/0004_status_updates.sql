-- Status updates sent for a review period.
CREATE TABLE "StatusUpdates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StatusUpdates" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "PeriodFrom" TEXT NOT NULL,
    "PeriodTo" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_StatusUpdates_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_StatusUpdates_PlanId_CreatedAt" ON "StatusUpdates" ("PlanId", "CreatedAt");
