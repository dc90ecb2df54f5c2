-- Backup codes are stored as Argon2id hashes, each with its own random salt, in
-- `code_phc` (the PHC string with the parameters). A keyed hash under the session key, as
-- before, resists offline guessing only while that key stays secret.
--
-- Rows written before this migration keep their keyed hash in `code_hash` and no
-- `code_phc`: their codes are on paper with their owners, so they stay usable until used
-- or replaced by a new set. New rows have `code_phc` only.
--
-- SQLite cannot drop the NOT NULL of `code_hash` in place, so the table is copied.
CREATE TABLE backup_codes_salted (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash BLOB,
    code_phc TEXT,
    created_at TEXT NOT NULL,
    used_at TEXT,
    CHECK (code_hash IS NOT NULL OR code_phc IS NOT NULL)
);
INSERT INTO backup_codes_salted (id, user_id, code_hash, created_at, used_at)
SELECT id, user_id, code_hash, created_at, used_at FROM backup_codes;
DROP TABLE backup_codes;
ALTER TABLE backup_codes_salted RENAME TO backup_codes;
CREATE INDEX backup_codes_user ON backup_codes (user_id);
