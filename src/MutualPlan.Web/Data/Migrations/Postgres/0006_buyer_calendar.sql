-- The buyer's calendar (holidays, blackouts, fixed events) and each milestone's duration
-- estimate and pin, so the plan itself can be scheduled backwards on the buyer's working days.
CREATE TABLE "CalendarEntries" (
    "Id" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "Label" character varying(200) NOT NULL,
    "From" date NOT NULL,
    "To" date NOT NULL,
    "Version" integer NOT NULL,
    "PlanId" uuid NOT NULL,
    "Position" integer NOT NULL,
    CONSTRAINT "PK_CalendarEntries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CalendarEntries_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_CalendarEntries_PlanId" ON "CalendarEntries" ("PlanId");
ALTER TABLE "Milestones" ADD COLUMN "DurationMinDays" integer;
ALTER TABLE "Milestones" ADD COLUMN "DurationMaxDays" integer;
ALTER TABLE "Milestones" ADD COLUMN "PinnedEventId" uuid;
ALTER TABLE "Milestones" ADD CONSTRAINT "FK_Milestones_CalendarEntries_PinnedEventId"
    FOREIGN KEY ("PinnedEventId") REFERENCES "CalendarEntries" ("Id") ON DELETE SET NULL;
CREATE INDEX "IX_Milestones_PinnedEventId" ON "Milestones" ("PinnedEventId");
