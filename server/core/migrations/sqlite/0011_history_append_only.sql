-- History is append-only. An UPDATE or DELETE of a journal entry is skipped and the
-- attempt is written to history_tamper_attempts, which the application moves into the
-- hash-chained audit log. Two paths are let through while a row of history_maintenance
-- exists, which the application inserts and removes inside one transaction: deleting
-- entries (the retention job) and giving a hash to an entry that has none (chaining
-- entries written before the chain existed).
CREATE TABLE history_tamper_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    operation TEXT NOT NULL,
    row_id BLOB,
    attempted_at TEXT NOT NULL
);

CREATE TABLE history_maintenance (
    started_at TEXT NOT NULL
);

CREATE TRIGGER history_entries_reject_update BEFORE UPDATE ON history_entries
WHEN NOT (OLD.hash IS NULL AND EXISTS (SELECT 1 FROM history_maintenance))
BEGIN
    INSERT INTO history_tamper_attempts (table_name, operation, row_id, attempted_at)
    VALUES ('history_entries', 'UPDATE', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    SELECT RAISE(IGNORE);
END;

CREATE TRIGGER history_entries_reject_delete BEFORE DELETE ON history_entries
WHEN NOT EXISTS (SELECT 1 FROM history_maintenance)
BEGIN
    INSERT INTO history_tamper_attempts (table_name, operation, row_id, attempted_at)
    VALUES ('history_entries', 'DELETE', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    SELECT RAISE(IGNORE);
END;
