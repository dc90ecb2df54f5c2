-- A new e-mail address waiting for the owner to open the link sent to it. The address
-- in `users` stays in use until then. Only a keyed hash of the link's token is stored.
CREATE TABLE email_changes (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    -- Set when the link is used, or when a newer change replaces this one.
    closed_at TEXT,
    confirmed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX email_changes_user ON email_changes (user_id, created_at);
