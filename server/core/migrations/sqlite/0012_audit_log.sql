-- The audit log: staff actions on a person's data and rejected attempts to change
-- history, in one hash chain ordered by `seq` from 1. `prev_hash` is the `hash` of the
-- entry before (32 zero bytes for the first); audit_chain_head holds the last link and is
-- locked while an entry is appended. Entries cannot be updated or deleted.
CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    occurred_at TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    action TEXT NOT NULL,
    subject_user_id BLOB REFERENCES users (id),
    application_id BLOB REFERENCES applications (id),
    details TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash BLOB NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_user_id, occurred_at);

CREATE TABLE audit_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL
);

CREATE TRIGGER audit_log_reject_update BEFORE UPDATE ON audit_log
BEGIN
    INSERT INTO history_tamper_attempts (table_name, operation, row_id, attempted_at)
    VALUES ('audit_log', 'UPDATE', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    SELECT RAISE(IGNORE);
END;

CREATE TRIGGER audit_log_reject_delete BEFORE DELETE ON audit_log
BEGIN
    INSERT INTO history_tamper_attempts (table_name, operation, row_id, attempted_at)
    VALUES ('audit_log', 'DELETE', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    SELECT RAISE(IGNORE);
END;
