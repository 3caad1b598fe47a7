-- Graded access to share links: e-mail or domain checks, PIN, permission, personal links,
-- the visitors who came in and the one-time codes that prove their e-mail address.
ALTER TABLE "ShareLinks" ADD COLUMN "Access" character varying(40) NOT NULL DEFAULT 'Anyone';
ALTER TABLE "ShareLinks" ADD COLUMN "AllowedDomains" character varying(1000);
ALTER TABLE "ShareLinks" ADD COLUMN "PinHash" character varying(200);
ALTER TABLE "ShareLinks" ADD COLUMN "Permission" character varying(40) NOT NULL DEFAULT 'View';
ALTER TABLE "ShareLinks" ADD COLUMN "StakeholderId" uuid REFERENCES "Stakeholders" ("Id") ON DELETE CASCADE;
ALTER TABLE "ShareLinks" ADD COLUMN "AccessStamp" uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE "ShareLinks" ADD COLUMN "UpdatedAt" timestamp with time zone;
ALTER TABLE "ShareLinks" ADD COLUMN "InvitedAt" timestamp with time zone;
CREATE INDEX "IX_ShareLinks_StakeholderId" ON "ShareLinks" ("StakeholderId");

CREATE TABLE "LinkVisitors" (
    "Id" uuid NOT NULL,
    "LinkId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Name" character varying(200),
    "Email" character varying(200),
    "StakeholderId" uuid,
    "VerifiedAt" timestamp with time zone,
    "FirstSeenAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LinkVisitors" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LinkVisitors_ShareLinks_LinkId" FOREIGN KEY ("LinkId") REFERENCES "ShareLinks" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_LinkVisitors_Stakeholders_StakeholderId" FOREIGN KEY ("StakeholderId") REFERENCES "Stakeholders" ("Id") ON DELETE SET NULL
);
CREATE INDEX "IX_LinkVisitors_LinkId" ON "LinkVisitors" ("LinkId");
CREATE INDEX "IX_LinkVisitors_PlanId" ON "LinkVisitors" ("PlanId");
CREATE INDEX "IX_LinkVisitors_StakeholderId" ON "LinkVisitors" ("StakeholderId");

CREATE TABLE "LinkChallenges" (
    "Id" uuid NOT NULL,
    "LinkId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Email" character varying(200) NOT NULL,
    "CodeHash" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_LinkChallenges" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LinkChallenges_ShareLinks_LinkId" FOREIGN KEY ("LinkId") REFERENCES "ShareLinks" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_LinkChallenges_LinkId" ON "LinkChallenges" ("LinkId");
