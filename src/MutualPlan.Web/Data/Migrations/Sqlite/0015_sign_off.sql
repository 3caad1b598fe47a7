-- Sign-off: each request to accept the plan (a round, with the canonical content it asks to sign
-- and its SHA-256) and its signers with their signatures.
CREATE TABLE "SignOffRounds" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SignOffRounds" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Message" TEXT NULL,
    "RequestedBy" TEXT NOT NULL,
    "RequestedById" TEXT NULL,
    "RequestedAt" INTEGER NOT NULL,
    "PlanRevision" INTEGER NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "EndedAt" INTEGER NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_SignOffRounds_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_SignOffRounds_PlanId_Number" ON "SignOffRounds" ("PlanId", "Number");

CREATE TABLE "SignOffSigners" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SignOffSigners" PRIMARY KEY,
    "RoundId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Side" TEXT NOT NULL,
    "StakeholderId" TEXT NULL,
    "UserId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Email" TEXT NULL,
    "SignedName" TEXT NULL,
    "SignedTitle" TEXT NULL,
    "SignedAt" INTEGER NULL,
    "IpAddress" TEXT NULL,
    "UserAgent" TEXT NULL,
    "SignedRevision" INTEGER NULL,
    "SignedHash" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_SignOffSigners_SignOffRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "SignOffRounds" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_SignOffSigners_RoundId" ON "SignOffSigners" ("RoundId");
CREATE INDEX "IX_SignOffSigners_PlanId" ON "SignOffSigners" ("PlanId");
