-- Links through which the buyer side reads a plan without an account.
CREATE TABLE "ShareLinks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ShareLinks" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "LastViewedAt" INTEGER NULL,
    "Views" INTEGER NOT NULL,
    CONSTRAINT "FK_ShareLinks_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ShareLinks_PlanId" ON "ShareLinks" ("PlanId");
CREATE UNIQUE INDEX "IX_ShareLinks_TokenHash" ON "ShareLinks" ("TokenHash");
