-- Second factors: authenticator apps (TOTP), SMS and e-mail codes, backup codes, trusted
-- devices, the second step of sign-in, and the step-up time of a session.

-- When the session last proved a second factor (at sign-in or by a step-up), or, for an
-- account without second factors, last re-entered the password. Critical changes need
-- this within the last 15 minutes.
ALTER TABLE sessions ADD COLUMN stepped_up_at TIMESTAMPTZ;

CREATE TABLE second_factors (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'sms', 'email')),
    -- The TOTP key, sealed with the data key; empty for SMS and e-mail.
    secret_enc BYTEA,
    is_default BOOLEAN NOT NULL DEFAULT FALSE,
    -- Empty while the enrolment waits for its first correct code.
    confirmed_at TIMESTAMPTZ,
    -- The last TOTP time step accepted, so that a code cannot be used twice.
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ
);
CREATE INDEX second_factors_user ON second_factors (user_id);

-- Single-use backup codes, stored as keyed hashes; a new set replaces the old one.
CREATE TABLE backup_codes (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX backup_codes_user ON backup_codes (user_id);

-- "Remember this device for 30 days": the cookie carries a random token, stored here as
-- its keyed hash, so that the owner can revoke it.
CREATE TABLE trusted_devices (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BYTEA NOT NULL UNIQUE,
    device TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);

-- A sign-in whose password was right and that waits for its second factor.
CREATE TABLE sign_in_challenges (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    login_key BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    failed_attempts INTEGER NOT NULL DEFAULT 0
);
