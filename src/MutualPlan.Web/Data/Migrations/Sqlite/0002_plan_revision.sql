-- A counter raised on every change inside a plan; caches of the rendered plan are keyed by it.
ALTER TABLE "Plans" ADD "Revision" INTEGER NOT NULL DEFAULT 0;
