-- The workspace's brand on the buyer's pages: a colour and a logo (uploaded, or an https URL).
ALTER TABLE "Workspaces" ADD COLUMN "BrandColor" character varying(7);
ALTER TABLE "Workspaces" ADD COLUMN "LogoUrl" character varying(500);
ALTER TABLE "Workspaces" ADD COLUMN "LogoContentType" character varying(40);
ALTER TABLE "Workspaces" ADD COLUMN "LogoData" bytea;
ALTER TABLE "Workspaces" ADD COLUMN "BrandUpdatedAt" timestamp with time zone;
