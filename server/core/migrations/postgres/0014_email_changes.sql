-- A new e-mail address waiting for the owner to open the link sent to it. The address
-- in `users` stays in use until then. Only a keyed hash of the link's token is stored.
CREATE TABLE email_changes (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email TEXT NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    -- Set when the link is used, or when a newer change replaces this one.
    closed_at TIMESTAMPTZ,
    confirmed BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX email_changes_user ON email_changes (user_id, created_at);
