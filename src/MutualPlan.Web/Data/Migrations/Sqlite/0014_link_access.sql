-- Graded access to share links: e-mail or domain checks, PIN, permission, personal links,
-- the visitors who came in and the one-time codes that prove their e-mail address.
ALTER TABLE "ShareLinks" ADD COLUMN "Access" TEXT NOT NULL DEFAULT 'Anyone';
ALTER TABLE "ShareLinks" ADD COLUMN "AllowedDomains" TEXT NULL;
ALTER TABLE "ShareLinks" ADD COLUMN "PinHash" TEXT NULL;
ALTER TABLE "ShareLinks" ADD COLUMN "Permission" TEXT NOT NULL DEFAULT 'View';
ALTER TABLE "ShareLinks" ADD COLUMN "StakeholderId" TEXT NULL REFERENCES "Stakeholders" ("Id") ON DELETE CASCADE;
ALTER TABLE "ShareLinks" ADD COLUMN "AccessStamp" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE "ShareLinks" ADD COLUMN "UpdatedAt" INTEGER NULL;
ALTER TABLE "ShareLinks" ADD COLUMN "InvitedAt" INTEGER NULL;
CREATE INDEX "IX_ShareLinks_StakeholderId" ON "ShareLinks" ("StakeholderId");

CREATE TABLE "LinkVisitors" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LinkVisitors" PRIMARY KEY,
    "LinkId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Name" TEXT NULL,
    "Email" TEXT NULL,
    "StakeholderId" TEXT NULL,
    "VerifiedAt" INTEGER NULL,
    "FirstSeenAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    CONSTRAINT "FK_LinkVisitors_ShareLinks_LinkId" FOREIGN KEY ("LinkId") REFERENCES "ShareLinks" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_LinkVisitors_Stakeholders_StakeholderId" FOREIGN KEY ("StakeholderId") REFERENCES "Stakeholders" ("Id") ON DELETE SET NULL
);
CREATE INDEX "IX_LinkVisitors_LinkId" ON "LinkVisitors" ("LinkId");
CREATE INDEX "IX_LinkVisitors_PlanId" ON "LinkVisitors" ("PlanId");
CREATE INDEX "IX_LinkVisitors_StakeholderId" ON "LinkVisitors" ("StakeholderId");

CREATE TABLE "LinkChallenges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LinkChallenges" PRIMARY KEY,
    "LinkId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL,
    CONSTRAINT "FK_LinkChallenges_ShareLinks_LinkId" FOREIGN KEY ("LinkId") REFERENCES "ShareLinks" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_LinkChallenges_LinkId" ON "LinkChallenges" ("LinkId");
