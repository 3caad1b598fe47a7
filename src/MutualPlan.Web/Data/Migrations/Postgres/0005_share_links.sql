-- Links through which the buyer side reads a plan without an account.
CREATE TABLE "ShareLinks" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "Label" character varying(200) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedBy" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "LastViewedAt" timestamp with time zone,
    "Views" integer NOT NULL,
    CONSTRAINT "PK_ShareLinks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ShareLinks_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ShareLinks_PlanId" ON "ShareLinks" ("PlanId");
CREATE UNIQUE INDEX "IX_ShareLinks_TokenHash" ON "ShareLinks" ("TokenHash");
