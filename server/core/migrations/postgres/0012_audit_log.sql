-- The audit log: staff actions on a person's data and rejected attempts to change
-- history, in one hash chain ordered by `seq` from 1. `prev_hash` is the `hash` of the
-- entry before (32 zero bytes for the first); audit_chain_head holds the last link and is
-- locked while an entry is appended. Entries cannot be updated or deleted.
CREATE TABLE audit_log (
    id UUID PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor_id UUID REFERENCES users (id),
    action TEXT NOT NULL,
    subject_user_id UUID REFERENCES users (id),
    application_id UUID REFERENCES applications (id),
    details TEXT NOT NULL,
    prev_hash BYTEA NOT NULL,
    hash BYTEA NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_user_id, occurred_at);

CREATE TABLE audit_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash BYTEA NOT NULL
);

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION reject_history_change('audit_log');
