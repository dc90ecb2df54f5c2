-- Who published each version of a service: NULL for the bundled catalogue file, or the
-- administrator who published it in the service constructor. The start-up seeding
-- compares the bundled file only with the latest version the file itself published, so
-- an administrator's version survives a restart.
ALTER TABLE services ADD COLUMN published_by BLOB REFERENCES users (id);
