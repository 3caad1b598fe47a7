-- A seller may cancel an open sign-off request: who cancelled it and why stay in the signing trail.
ALTER TABLE "SignOffRounds" ADD COLUMN "CancelledBy" TEXT NULL;
ALTER TABLE "SignOffRounds" ADD COLUMN "CancelReason" TEXT NULL;
