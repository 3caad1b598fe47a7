-- A seller may cancel an open sign-off request: who cancelled it and why stay in the signing trail.
ALTER TABLE "SignOffRounds" ADD COLUMN "CancelledBy" character varying(200);
ALTER TABLE "SignOffRounds" ADD COLUMN "CancelReason" character varying(1000);
