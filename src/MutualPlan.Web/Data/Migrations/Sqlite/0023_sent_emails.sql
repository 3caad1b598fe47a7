-- E-mails sent from a plan: meeting recaps and status updates sent on, as they went out.
CREATE TABLE "SentEmails" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SentEmails" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "StatusUpdateId" TEXT NULL,
    "MeetingDate" TEXT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Recipients" TEXT NOT NULL,
    "PdfAttached" INTEGER NOT NULL,
    "SentById" TEXT NULL,
    "SentBy" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    "MessageId" TEXT NOT NULL,
    CONSTRAINT "FK_SentEmails_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SentEmails_StatusUpdates_StatusUpdateId" FOREIGN KEY ("StatusUpdateId") REFERENCES "StatusUpdates" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_SentEmails_PlanId_SentAt" ON "SentEmails" ("PlanId", "SentAt");
CREATE INDEX "IX_SentEmails_StatusUpdateId" ON "SentEmails" ("StatusUpdateId");
