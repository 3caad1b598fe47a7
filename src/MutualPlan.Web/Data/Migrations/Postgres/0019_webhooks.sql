-- Outbound webhooks and Slack messages per workspace: endpoints, the delivery queue and log,
-- and the dispatcher's cursor over recorded events.
CREATE TABLE "WebhookEndpoints" (
    "Id" uuid NOT NULL,
    "WorkspaceId" uuid NOT NULL,
    "Format" text NOT NULL,
    "Url" text NOT NULL,
    "Secret" text NOT NULL,
    "Events" text NOT NULL,
    "IsActive" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" text NOT NULL,
    CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WebhookEndpoints_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_WebhookEndpoints_WorkspaceId" ON "WebhookEndpoints" ("WorkspaceId");
CREATE TABLE "WebhookDeliveries" (
    "Id" uuid NOT NULL,
    "EndpointId" uuid NOT NULL,
    "WorkspaceId" uuid NOT NULL,
    "EventKey" text NOT NULL,
    "EventType" text NOT NULL,
    "Payload" text NOT NULL,
    "Status" text NOT NULL,
    "Attempts" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "LeaseUntil" timestamp with time zone,
    "LastAttemptAt" timestamp with time zone,
    "LastStatusCode" integer,
    "LastError" text,
    "DeliveredAt" timestamp with time zone,
    CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WebhookDeliveries_WebhookEndpoints_EndpointId" FOREIGN KEY ("EndpointId") REFERENCES "WebhookEndpoints" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_WebhookDeliveries_EndpointId_EventKey" ON "WebhookDeliveries" ("EndpointId", "EventKey");
CREATE INDEX "IX_WebhookDeliveries_Status_NextAttemptAt" ON "WebhookDeliveries" ("Status", "NextAttemptAt");
CREATE INDEX "IX_WebhookDeliveries_WorkspaceId_CreatedAt" ON "WebhookDeliveries" ("WorkspaceId", "CreatedAt");
CREATE TABLE "WebhookCursors" (
    "Id" text NOT NULL,
    "Position" timestamp with time zone NOT NULL,
    "LeaseUntil" timestamp with time zone,
    CONSTRAINT "PK_WebhookCursors" PRIMARY KEY ("Id")
);
