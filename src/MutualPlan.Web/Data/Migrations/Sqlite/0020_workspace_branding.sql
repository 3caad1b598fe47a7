-- The workspace's brand on the buyer's pages: a colour and a logo (uploaded, or an https URL).
ALTER TABLE "Workspaces" ADD COLUMN "BrandColor" TEXT NULL;
ALTER TABLE "Workspaces" ADD COLUMN "LogoUrl" TEXT NULL;
ALTER TABLE "Workspaces" ADD COLUMN "LogoContentType" TEXT NULL;
ALTER TABLE "Workspaces" ADD COLUMN "LogoData" BLOB NULL;
ALTER TABLE "Workspaces" ADD COLUMN "BrandUpdatedAt" INTEGER NULL;
