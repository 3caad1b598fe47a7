-- Date proposals between the two sides: proposed, then accepted, countered or declined.
CREATE TABLE "DateProposals" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "MilestoneId" uuid NOT NULL,
    "FromDate" date NOT NULL,
    "ProposedDate" date NOT NULL,
    "Reason" character varying(4000) NOT NULL,
    "ProposedBySide" character varying(40) NOT NULL,
    "ProposedBy" character varying(200) NOT NULL,
    "ProposedAt" timestamp with time zone NOT NULL,
    "Status" character varying(40) NOT NULL,
    "RespondedBy" character varying(200),
    "RespondedAt" timestamp with time zone,
    "ResponseNote" character varying(2000),
    "CounterToId" uuid,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_DateProposals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DateProposals_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_DateProposals_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_DateProposals_MilestoneId" ON "DateProposals" ("MilestoneId");
CREATE INDEX "IX_DateProposals_PlanId_Status" ON "DateProposals" ("PlanId", "Status");
