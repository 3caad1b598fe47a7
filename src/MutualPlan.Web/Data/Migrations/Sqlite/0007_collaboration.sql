-- Collaboration: comments with mentions, notifications for the people mentioned, and the activity feed.
CREATE TABLE "ActivityEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ActivityEntries" PRIMARY KEY,
    "PlanId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorKind" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "ItemKind" TEXT NOT NULL,
    "ItemId" TEXT NOT NULL,
    "ItemTitle" TEXT NOT NULL,
    "Change" TEXT NOT NULL,
    "IsInternal" INTEGER NOT NULL,
    "Fields" TEXT NOT NULL,
    "DateChangeId" TEXT NULL,
    "Reason" TEXT NULL,
    CONSTRAINT "FK_ActivityEntries_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "Comments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Comments" PRIMARY KEY,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "TargetId" TEXT NULL,
    "ParentId" TEXT NULL,
    "AuthorKind" TEXT NOT NULL,
    "AuthorId" TEXT NULL,
    "AuthorName" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "IsInternal" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "EditedAt" INTEGER NULL,
    "DeletedAt" INTEGER NULL,
    "ResolvedAt" INTEGER NULL,
    "ResolvedBy" TEXT NULL,
    CONSTRAINT "FK_Comments_Comments_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Comments_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);
CREATE TABLE "CommentMentions" (
    "CommentId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "PersonId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "PK_CommentMentions" PRIMARY KEY ("CommentId", "Kind", "PersonId"),
    CONSTRAINT "FK_CommentMentions_Comments_CommentId" FOREIGN KEY ("CommentId") REFERENCES "Comments" ("Id") ON DELETE CASCADE
);
CREATE TABLE "Notifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY,
    "WorkspaceId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "RecipientKind" TEXT NOT NULL,
    "RecipientId" TEXT NOT NULL,
    "Email" TEXT NULL,
    "CommentId" TEXT NULL,
    "ActorName" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "Excerpt" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL,
    "EmailedAt" INTEGER NULL,
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
