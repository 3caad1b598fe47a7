-- Every move of a milestone date, with its reason and who agreed it.
CREATE TABLE "DateChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DateChanges" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "MilestoneId" TEXT NOT NULL,
    "OldDate" TEXT NOT NULL,
    "NewDate" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "AgreedBy" TEXT NOT NULL,
    "ChangedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DateChanges_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DateChanges_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_DateChanges_MilestoneId" ON "DateChanges" ("MilestoneId");
CREATE INDEX "IX_DateChanges_PlanId_ChangedAt" ON "DateChanges" ("PlanId", "ChangedAt");
