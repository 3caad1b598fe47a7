-- Outbound webhooks and Slack messages per workspace: endpoints, the delivery queue and log,
-- and the dispatcher's cursor over recorded events.
CREATE TABLE "WebhookEndpoints" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY,
    "WorkspaceId" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Secret" TEXT NOT NULL,
    "Events" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_WebhookEndpoints_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_WebhookEndpoints_WorkspaceId" ON "WebhookEndpoints" ("WorkspaceId");
CREATE TABLE "WebhookDeliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY,
    "EndpointId" TEXT NOT NULL,
    "WorkspaceId" TEXT NOT NULL,
    "EventKey" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "Payload" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LeaseUntil" INTEGER NULL,
    "LastAttemptAt" INTEGER NULL,
    "LastStatusCode" INTEGER NULL,
    "LastError" TEXT NULL,
    "DeliveredAt" INTEGER NULL,
    CONSTRAINT "FK_WebhookDeliveries_WebhookEndpoints_EndpointId" FOREIGN KEY ("EndpointId") REFERENCES "WebhookEndpoints" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_WebhookDeliveries_EndpointId_EventKey" ON "WebhookDeliveries" ("EndpointId", "EventKey");
CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");
CREATE INDEX "IX_WebhookDeliveries_WorkspaceId_CreatedAt" ON "WebhookDeliveries" ("WorkspaceId", "CreatedAt");
CREATE TABLE "WebhookCursors" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookCursors" PRIMARY KEY,
    "Position" INTEGER NOT NULL,
    "LeaseUntil" INTEGER NULL
);
