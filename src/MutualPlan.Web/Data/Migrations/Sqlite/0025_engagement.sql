-- Engagement insight: the visits of link visitors to the buyer's view (page views, active time
-- the browser reported and the server capped) and the time each section was on screen.
CREATE TABLE "EngagementVisits" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EngagementVisits" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "LinkId" TEXT NOT NULL,
    "VisitorId" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    "PageViews" INTEGER NOT NULL,
    "ActiveSeconds" INTEGER NOT NULL,
    CONSTRAINT "FK_EngagementVisits_LinkVisitors_VisitorId" FOREIGN KEY ("VisitorId") REFERENCES "LinkVisitors" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_EngagementVisits_PlanId_LastSeenAt" ON "EngagementVisits" ("PlanId", "LastSeenAt");
CREATE INDEX "IX_EngagementVisits_VisitorId_LastSeenAt" ON "EngagementVisits" ("VisitorId", "LastSeenAt");
CREATE INDEX "IX_EngagementVisits_LinkId" ON "EngagementVisits" ("LinkId");
CREATE TABLE "EngagementSections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EngagementSections" PRIMARY KEY,
    "VisitId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Section" TEXT NOT NULL,
    "Seconds" INTEGER NOT NULL,
    "FirstSeenAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    CONSTRAINT "FK_EngagementSections_EngagementVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "EngagementVisits" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_EngagementSections_VisitId_Section" ON "EngagementSections" ("VisitId", "Section");
CREATE INDEX "IX_EngagementSections_PlanId" ON "EngagementSections" ("PlanId");
