-- Passkeys (WebAuthn) as a second factor. The public key credential is kept sealed in
-- `secret_enc`, like a TOTP key; `label` names the device it was made on. SQLite cannot
-- change a CHECK constraint in place, so the table is built again with the new kind.
CREATE TABLE second_factors_new (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'sms', 'email', 'passkey')),
    -- The TOTP key or the passkey credential, sealed with the data key; empty for SMS
    -- and e-mail.
    secret_enc BLOB,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    -- Empty while the enrolment waits for its first correct code.
    confirmed_at TEXT,
    -- The last TOTP time step accepted, so that a code cannot be used twice.
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    label TEXT
);
INSERT INTO second_factors_new (id, user_id, kind, secret_enc, is_default, confirmed_at, last_step, created_at, last_used_at)
    SELECT id, user_id, kind, secret_enc, is_default, confirmed_at, last_step, created_at, last_used_at FROM second_factors;
DROP TABLE second_factors;
ALTER TABLE second_factors_new RENAME TO second_factors;
CREATE INDEX second_factors_user ON second_factors (user_id);

-- A passkey ceremony between its two requests: the challenge the browser was given and
-- what the answer must match. `scope` is the session (adding a passkey, a step-up) or the
-- sign-in challenge it belongs to; a new ceremony of the same scope and purpose replaces
-- the old one, and finishing one deletes it, so an answer counts once.
CREATE TABLE passkey_ceremonies (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope BLOB NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('register', 'authenticate')),
    -- The passkey asked for; empty when a new one is being added.
    factor_id BLOB,
    state_enc BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    UNIQUE (scope, purpose)
);
