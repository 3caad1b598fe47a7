-- Keys for signing links sent by e-mail (unsubscribe, preferences): kept in the database so
-- every instance, and every restart, reads the links the others wrote.
CREATE TABLE "SigningKeys" (
    "Name" character varying(100) NOT NULL,
    "Secret" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SigningKeys" PRIMARY KEY ("Name")
);
