-- Backup codes are stored as Argon2id hashes, each with its own random salt, in
-- `code_phc` (the PHC string with the parameters). A keyed hash under the session key, as
-- before, resists offline guessing only while that key stays secret.
--
-- Rows written before this migration keep their keyed hash in `code_hash` and no
-- `code_phc`: their codes are on paper with their owners, so they stay usable until used
-- or replaced by a new set. New rows have `code_phc` only.
ALTER TABLE backup_codes ALTER COLUMN code_hash DROP NOT NULL;
ALTER TABLE backup_codes ADD COLUMN code_phc TEXT;
ALTER TABLE backup_codes ADD CONSTRAINT backup_codes_hash_present
    CHECK (code_hash IS NOT NULL OR code_phc IS NOT NULL);
