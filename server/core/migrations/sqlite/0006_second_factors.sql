-- Second factors: authenticator apps (TOTP), SMS and e-mail codes, backup codes, trusted
-- devices, the second step of sign-in, and the step-up time of a session.

-- When the session last proved a second factor (at sign-in or by a step-up), or, for an
-- account without second factors, last re-entered the password. Critical changes need
-- this within the last 15 minutes.
ALTER TABLE sessions ADD COLUMN stepped_up_at TEXT;

CREATE TABLE second_factors (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'sms', 'email')),
    -- The TOTP key, sealed with the data key; empty for SMS and e-mail.
    secret_enc BLOB,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    -- Empty while the enrolment waits for its first correct code.
    confirmed_at TEXT,
    -- The last TOTP time step accepted, so that a code cannot be used twice.
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_used_at TEXT
);
CREATE INDEX second_factors_user ON second_factors (user_id);

-- Single-use backup codes, stored as keyed hashes; a new set replaces the old one.
CREATE TABLE backup_codes (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX backup_codes_user ON backup_codes (user_id);

-- "Remember this device for 30 days": the cookie carries a random token, stored here as
-- its keyed hash, so that the owner can revoke it.
CREATE TABLE trusted_devices (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    device TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);

-- A sign-in whose password was right and that waits for its second factor.
CREATE TABLE sign_in_challenges (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_key BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    completed_at TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0
);
