-- Every move of a milestone date, with its reason and who agreed it.
CREATE TABLE "DateChanges" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "MilestoneId" uuid NOT NULL,
    "OldDate" date NOT NULL,
    "NewDate" date NOT NULL,
    "Reason" character varying(4000) NOT NULL,
    "AgreedBy" character varying(200) NOT NULL,
    "ChangedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DateChanges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DateChanges_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DateChanges_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_DateChanges_MilestoneId" ON "DateChanges" ("MilestoneId");
CREATE INDEX "IX_DateChanges_PlanId_ChangedAt" ON "DateChanges" ("PlanId", "ChangedAt");
