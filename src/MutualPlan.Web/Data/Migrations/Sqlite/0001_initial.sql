CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "Workspaces" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Workspaces" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "WorkspaceId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Invitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Invitations" PRIMARY KEY,
    "WorkspaceId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "InvitedById" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "AcceptedAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_Invitations_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);


CREATE TABLE "ApiTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "WorkspaceId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastUsedAt" INTEGER NULL,
    "ExpiresAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_ApiTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Plans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Plans" PRIMARY KEY,
    "WorkspaceId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "BuyerCompany" TEXT NOT NULL,
    "Solution" TEXT NOT NULL,
    "DealValue" TEXT NULL,
    "Currency" TEXT NOT NULL,
    "Stage" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "PreparedOn" TEXT NOT NULL,
    "PeriodStart" TEXT NULL,
    "PeriodEnd" TEXT NULL,
    "InternalNotes" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "ArchivedAt" INTEGER NULL,
    "Communication_Channels" TEXT NULL,
    "Communication_CheckInCadence" TEXT NULL,
    "Communication_EmergencyContact" TEXT NULL,
    "Context_BudgetStatus" TEXT NOT NULL,
    "Context_Challenges" TEXT NULL,
    "Context_CompanySize" TEXT NULL,
    "Context_CurrentState" TEXT NULL,
    "Context_CustomerLanguage" TEXT NULL,
    "Context_DesiredState" TEXT NULL,
    "Context_ExecutiveSponsor" TEXT NULL,
    "Context_ExpectedImpact" TEXT NULL,
    "Context_ImpactMeasure" TEXT NULL,
    "Context_Industry" TEXT NULL,
    "Context_WhyThisApproach" TEXT NULL,
    "Decision_BuyerMode" TEXT NOT NULL,
    "Decision_BuyerNotes" TEXT NULL,
    "Decision_SellerMode" TEXT NOT NULL,
    "Decision_SellerNotes" TEXT NULL,
    "KeyDates_CommitDate" TEXT NULL,
    "KeyDates_ExpectedSignature" TEXT NULL,
    "KeyDates_GoLive" TEXT NULL,
    "KeyDates_ImplementationKickoff" TEXT NULL,
    "KeyDates_ValueRealised" TEXT NULL,
    "Readiness_AllStakeholdersKnown" INTEGER NULL,
    "Readiness_BuyerTimeline" TEXT NULL,
    "Readiness_ChampionAuthority" TEXT NOT NULL,
    "Readiness_DecisionMakersKnown" INTEGER NULL,
    "Readiness_HardConstraint" TEXT NULL,
    "Readiness_HardConstraintDate" TEXT NULL,
    "Readiness_ImpactClear" INTEGER NULL,
    "Readiness_OutcomeAgreed" INTEGER NULL,
    "Readiness_ProcurementCycleDays" INTEGER NULL,
    "Readiness_ProcurementInvolved" INTEGER NULL,
    "Readiness_Resistance" TEXT NULL,
    "Readiness_SellerTargetClose" TEXT NULL,
    "Readiness_WillingToCommit" INTEGER NULL,
    "Review_AdjustmentProcess" TEXT NULL,
    "Review_Cadence" TEXT NULL,
    "Review_EvaluationCriteria" TEXT NULL,
    "Review_NextReviewDate" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Plans_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Plans_Workspaces_WorkspaceId" FOREIGN KEY ("WorkspaceId") REFERENCES "Workspaces" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Milestones" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Milestones" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Phase" TEXT NOT NULL,
    "Owner" TEXT NOT NULL,
    "TargetDate" TEXT NOT NULL,
    "BaselineDate" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CompletedOn" TEXT NULL,
    "Bridge" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Milestones_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Objectives" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Objectives" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Objectives_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Resources" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Resources" PRIMARY KEY,
    "Side" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Detail" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Resources_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Stakeholders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Stakeholders" PRIMARY KEY,
    "Side" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Title" TEXT NULL,
    "Function" TEXT NULL,
    "Email" TEXT NULL,
    "Phone" TEXT NULL,
    "Role" TEXT NOT NULL,
    "PrimaryConcern" TEXT NULL,
    "BuyIn" TEXT NOT NULL,
    "Involvement" TEXT NULL,
    "Engagement" TEXT NOT NULL,
    "DecisionRole" TEXT NOT NULL,
    "ReportsToId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Stakeholders_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Stakeholders_Stakeholders_ReportsToId" FOREIGN KEY ("ReportsToId") REFERENCES "Stakeholders" ("Id") ON DELETE SET NULL
);


CREATE TABLE "Assumptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Assumptions" PRIMARY KEY,
    "MilestoneId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Assumptions_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE
);


CREATE TABLE "MilestoneDependencies" (
    "MilestoneId" TEXT NOT NULL,
    "DependsOnId" TEXT NOT NULL,
    CONSTRAINT "PK_MilestoneDependencies" PRIMARY KEY ("MilestoneId", "DependsOnId"),
    CONSTRAINT "FK_MilestoneDependencies_Milestones_DependsOnId" FOREIGN KEY ("DependsOnId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MilestoneDependencies_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Actions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Actions" PRIMARY KEY,
    "MilestoneId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Side" TEXT NOT NULL,
    "AssigneeId" TEXT NULL,
    "DueDate" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CompletedOn" TEXT NULL,
    "Notes" TEXT NULL,
    "IsInternal" INTEGER NOT NULL,
    "DependsOnIds" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Actions_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Actions_Stakeholders_AssigneeId" FOREIGN KEY ("AssigneeId") REFERENCES "Stakeholders" ("Id") ON DELETE SET NULL
);


CREATE TABLE "Metrics" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Metrics" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Baseline" TEXT NULL,
    "Target" TEXT NULL,
    "Unit" TEXT NULL,
    "TargetDate" TEXT NULL,
    "Frequency" TEXT NOT NULL,
    "OwnerStakeholderId" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Metrics_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Metrics_Stakeholders_OwnerStakeholderId" FOREIGN KEY ("OwnerStakeholderId") REFERENCES "Stakeholders" ("Id") ON DELETE SET NULL
);


CREATE TABLE "Risks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Risks" PRIMARY KEY,
    "Description" TEXT NOT NULL,
    "MilestoneId" TEXT NULL,
    "Probability" TEXT NOT NULL,
    "Impact" TEXT NOT NULL,
    "DelayDays" INTEGER NULL,
    "Mitigation" TEXT NULL,
    "MitigationOwnerId" TEXT NULL,
    "MitigationDue" TEXT NULL,
    "Status" TEXT NOT NULL,
    "IsInternal" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "PlanId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    CONSTRAINT "FK_Risks_Milestones_MilestoneId" FOREIGN KEY ("MilestoneId") REFERENCES "Milestones" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Risks_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Risks_Stakeholders_MitigationOwnerId" FOREIGN KEY ("MitigationOwnerId") REFERENCES "Stakeholders" ("Id") ON DELETE SET NULL
);


CREATE TABLE "Measurements" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Measurements" PRIMARY KEY,
    "MetricId" TEXT NOT NULL,
    "MeasuredOn" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Note" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Measurements_Metrics_MetricId" FOREIGN KEY ("MetricId") REFERENCES "Metrics" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_Actions_AssigneeId" ON "Actions" ("AssigneeId");


CREATE INDEX "IX_Actions_MilestoneId" ON "Actions" ("MilestoneId");


CREATE UNIQUE INDEX "IX_ApiTokens_TokenHash" ON "ApiTokens" ("TokenHash");


CREATE INDEX "IX_ApiTokens_UserId" ON "ApiTokens" ("UserId");


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE INDEX "IX_AspNetUsers_WorkspaceId" ON "AspNetUsers" ("WorkspaceId");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_Assumptions_MilestoneId" ON "Assumptions" ("MilestoneId");


CREATE UNIQUE INDEX "IX_Invitations_TokenHash" ON "Invitations" ("TokenHash");


CREATE INDEX "IX_Invitations_WorkspaceId" ON "Invitations" ("WorkspaceId");


CREATE INDEX "IX_Measurements_MetricId" ON "Measurements" ("MetricId");


CREATE INDEX "IX_Metrics_OwnerStakeholderId" ON "Metrics" ("OwnerStakeholderId");


CREATE INDEX "IX_Metrics_PlanId" ON "Metrics" ("PlanId");


CREATE INDEX "IX_MilestoneDependencies_DependsOnId" ON "MilestoneDependencies" ("DependsOnId");


CREATE INDEX "IX_Milestones_PlanId" ON "Milestones" ("PlanId");


CREATE INDEX "IX_Objectives_PlanId" ON "Objectives" ("PlanId");


CREATE INDEX "IX_Plans_OwnerId" ON "Plans" ("OwnerId");


CREATE INDEX "IX_Plans_WorkspaceId_ArchivedAt" ON "Plans" ("WorkspaceId", "ArchivedAt");


CREATE INDEX "IX_Resources_PlanId" ON "Resources" ("PlanId");


CREATE INDEX "IX_Risks_MilestoneId" ON "Risks" ("MilestoneId");


CREATE INDEX "IX_Risks_MitigationOwnerId" ON "Risks" ("MitigationOwnerId");


CREATE INDEX "IX_Risks_PlanId" ON "Risks" ("PlanId");


CREATE INDEX "IX_Stakeholders_PlanId" ON "Stakeholders" ("PlanId");


CREATE INDEX "IX_Stakeholders_ReportsToId" ON "Stakeholders" ("ReportsToId");



