-- Date proposals between the two sides: proposed, then accepted, countered or declined.
CREATE TABLE "DateProposals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DateProposals" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "MilestoneId" TEXT NOT NULL,
    "FromDate" TEXT NOT NULL,
    "ProposedDate" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ProposedBySide" TEXT NOT NULL,
    "ProposedBy" TEXT NOT NULL,
    "ProposedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "RespondedBy" TEXT NULL,
    "RespondedAt" INTEGER NULL,
    "ResponseNote" TEXT NULL,
    "CounterToId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_DateProposals_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DateProposals_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_DateProposals_MilestoneId" ON "DateProposals" ("MilestoneId");
CREATE INDEX "IX_DateProposals_PlanId_Status" ON "DateProposals" ("PlanId", "Status");
