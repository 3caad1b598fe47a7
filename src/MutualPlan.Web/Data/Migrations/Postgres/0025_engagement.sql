-- Engagement insight: the visits of link visitors to the buyer's view (page views, active time
-- the browser reported and the server capped) and the time each section was on screen.
CREATE TABLE "EngagementVisits" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "LinkId" uuid NOT NULL,
    "VisitorId" uuid NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "PageViews" integer NOT NULL,
    "ActiveSeconds" integer NOT NULL,
    CONSTRAINT "PK_EngagementVisits" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_EngagementVisits_LinkVisitors_VisitorId" FOREIGN KEY ("VisitorId") REFERENCES "LinkVisitors" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_EngagementVisits_PlanId_LastSeenAt" ON "EngagementVisits" ("PlanId", "LastSeenAt");
CREATE INDEX "IX_EngagementVisits_VisitorId_LastSeenAt" ON "EngagementVisits" ("VisitorId", "LastSeenAt");
CREATE INDEX "IX_EngagementVisits_LinkId" ON "EngagementVisits" ("LinkId");
CREATE TABLE "EngagementSections" (
    "Id" uuid NOT NULL,
    "VisitId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Section" character varying(40) NOT NULL,
    "Seconds" integer NOT NULL,
    "FirstSeenAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_EngagementSections" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_EngagementSections_EngagementVisits_VisitId" FOREIGN KEY ("VisitId") REFERENCES "EngagementVisits" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_EngagementSections_VisitId_Section" ON "EngagementSections" ("VisitId", "Section");
CREATE INDEX "IX_EngagementSections_PlanId" ON "EngagementSections" ("PlanId");
