-- E-mails sent from a plan: meeting recaps and status updates sent on, as they went out.
CREATE TABLE "SentEmails" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "StatusUpdateId" uuid,
    "MeetingDate" date,
    "Subject" character varying(200) NOT NULL,
    "Body" character varying(20000) NOT NULL,
    "Recipients" text NOT NULL,
    "PdfAttached" boolean NOT NULL,
    "SentById" uuid,
    "SentBy" character varying(200) NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "MessageId" character varying(400) NOT NULL,
    CONSTRAINT "PK_SentEmails" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SentEmails_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_SentEmails_StatusUpdates_StatusUpdateId" FOREIGN KEY ("StatusUpdateId") REFERENCES "StatusUpdates" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_SentEmails_PlanId_SentAt" ON "SentEmails" ("PlanId", "SentAt");
CREATE INDEX "IX_SentEmails_StatusUpdateId" ON "SentEmails" ("StatusUpdateId");
