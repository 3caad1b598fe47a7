-- Collaboration: comments with mentions, notifications for the people mentioned, and the activity feed.
CREATE TABLE "ActivityEntries" (
    "Id" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorKind" character varying(40) NOT NULL,
    "ActorId" uuid,
    "ActorName" character varying(200) NOT NULL,
    "ItemKind" character varying(40) NOT NULL,
    "ItemId" uuid NOT NULL,
    "ItemTitle" character varying(200) NOT NULL,
    "Change" character varying(40) NOT NULL,
    "IsInternal" boolean NOT NULL,
    "Fields" text NOT NULL,
    "DateChangeId" uuid,
    "Reason" character varying(4000),
    CONSTRAINT "PK_ActivityEntries" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ActivityEntries_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "Comments" (
    "Id" uuid NOT NULL,
    "Version" integer NOT NULL,
    "PlanId" uuid NOT NULL,
    "Target" character varying(40) NOT NULL,
    "TargetId" uuid,
    "ParentId" uuid,
    "AuthorKind" character varying(40) NOT NULL,
    "AuthorId" uuid,
    "AuthorName" character varying(200) NOT NULL,
    "Body" character varying(5000) NOT NULL,
    "IsInternal" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "EditedAt" timestamp with time zone,
    "DeletedAt" timestamp with time zone,
    "ResolvedAt" timestamp with time zone,
    "ResolvedBy" character varying(200),
    CONSTRAINT "PK_Comments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Comments_Comments_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Comments_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "CommentMentions" (
    "CommentId" uuid NOT NULL,
    "Kind" character varying(40) NOT NULL,
    "PersonId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    CONSTRAINT "PK_CommentMentions" PRIMARY KEY ("CommentId", "Kind", "PersonId"),
    CONSTRAINT "FK_CommentMentions_Comments_CommentId" FOREIGN KEY ("CommentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE
);
CREATE TABLE "Notifications" (
    "Id" uuid NOT NULL,
    "WorkspaceId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "RecipientKind" character varying(40) NOT NULL,
    "RecipientId" uuid NOT NULL,
    "Email" character varying(256),
    "CommentId" uuid,
    "ActorName" character varying(200) NOT NULL,
    "Text" character varying(400) NOT NULL,
    "Excerpt" character varying(400) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ReadAt" timestamp with time zone,
    "EmailedAt" timestamp with time zone,
    CONSTRAINT "PK_Notifications" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Notifications_Comments_CommentId" FOREIGN KEY ("CommentId") REFERENCES "Comments" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Notifications_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Notifications_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id")
);
CREATE INDEX "IX_ActivityEntries_PlanId_At" ON "ActivityEntries" ("PlanId", "At");
CREATE INDEX "IX_ActivityEntries_PlanId_ItemId" ON "ActivityEntries" ("PlanId", "ItemId");
CREATE INDEX "IX_Comments_ParentId" ON "Comments" ("ParentId");
CREATE INDEX "IX_Comments_PlanId_TargetId" ON "Comments" ("PlanId", "TargetId");
CREATE INDEX "IX_Notifications_CommentId" ON "Notifications" ("CommentId");
CREATE INDEX "IX_Notifications_PlanId" ON "Notifications" ("PlanId");
CREATE INDEX "IX_Notifications_RecipientId_ReadAt" ON "Notifications" ("RecipientId", "ReadAt");
CREATE INDEX "IX_Notifications_WorkspaceId" ON "Notifications" ("WorkspaceId");
