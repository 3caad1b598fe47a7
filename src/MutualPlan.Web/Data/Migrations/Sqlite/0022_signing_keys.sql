-- Keys for signing links sent by e-mail (unsubscribe, preferences): kept in the database so
-- every instance, and every restart, reads the links the others wrote.
CREATE TABLE "SigningKeys" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_SigningKeys" PRIMARY KEY,
    "Secret" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);
