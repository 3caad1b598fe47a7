-- Sign-off: each request to accept the plan (a round, with the canonical content it asks to sign
-- and its SHA-256) and its signers with their signatures.
CREATE TABLE "SignOffRounds" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Number" integer NOT NULL,
    "Message" character varying(2000),
    "RequestedBy" character varying(200) NOT NULL,
    "RequestedById" uuid,
    "RequestedAt" timestamp with time zone NOT NULL,
    "PlanRevision" integer NOT NULL,
    "ContentHash" character varying(64) NOT NULL,
    "Content" text NOT NULL,
    "Status" character varying(40) NOT NULL,
    "EndedAt" timestamp with time zone,
    "Version" integer NOT NULL,
    CONSTRAINT "PK_SignOffRounds" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SignOffRounds_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_SignOffRounds_PlanId_Number" ON "SignOffRounds" ("PlanId", "Number");

CREATE TABLE "SignOffSigners" (
    "Id" uuid NOT NULL,
    "RoundId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Side" character varying(40) NOT NULL,
    "StakeholderId" uuid,
    "UserId" uuid,
    "Name" character varying(200) NOT NULL,
    "Role" character varying(200) NOT NULL,
    "Email" character varying(256),
    "SignedName" character varying(200),
    "SignedTitle" character varying(200),
    "SignedAt" timestamp with time zone,
    "IpAddress" character varying(64),
    "UserAgent" character varying(512),
    "SignedRevision" integer,
    "SignedHash" character varying(64),
    "Version" integer NOT NULL,
    CONSTRAINT "PK_SignOffSigners" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SignOffSigners_SignOffRounds_RoundId" FOREIGN KEY ("RoundId") REFERENCES "SignOffRounds" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_SignOffSigners_RoundId" ON "SignOffSigners" ("RoundId");
CREATE INDEX "IX_SignOffSigners_PlanId" ON "SignOffSigners" ("PlanId");
