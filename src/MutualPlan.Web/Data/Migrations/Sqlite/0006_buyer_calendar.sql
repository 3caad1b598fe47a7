-- The buyer's calendar (holidays, blackouts, fixed events) and each milestone's duration
-- estimate and pin, so the plan itself can be scheduled backwards on the buyer's working days.
CREATE TABLE "CalendarEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CalendarEntries" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_CalendarEntries_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_CalendarEntries_PlanId" ON "CalendarEntries" ("PlanId");
ALTER TABLE "Milestones" ADD COLUMN "DurationMinDays" INTEGER NULL;
ALTER TABLE "Milestones" ADD COLUMN "DurationMaxDays" INTEGER NULL;
ALTER TABLE "Milestones" ADD COLUMN "PinnedEventId" TEXT NULL
    CONSTRAINT "FK_Milestones_CalendarEntries_PinnedEventId" REFERENCES "CalendarEntries" ("Id") ON DELETE SET NULL;
CREATE INDEX "IX_Milestones_PinnedEventId" ON "Milestones" ("PinnedEventId");
