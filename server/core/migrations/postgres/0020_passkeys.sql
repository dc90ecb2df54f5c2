-- Passkeys (WebAuthn) as a second factor. The public key credential is kept sealed in
-- `secret_enc`, like a TOTP key; `label` names the device it was made on.
ALTER TABLE second_factors DROP CONSTRAINT second_factors_kind_check;
ALTER TABLE second_factors ADD CONSTRAINT second_factors_kind_check
    CHECK (kind IN ('totp', 'sms', 'email', 'passkey'));
ALTER TABLE second_factors ADD COLUMN label TEXT;

-- A passkey ceremony between its two requests: the challenge the browser was given and
-- what the answer must match. `scope` is the session (adding a passkey, a step-up) or the
-- sign-in challenge it belongs to; a new ceremony of the same scope and purpose replaces
-- the old one, and finishing one deletes it, so an answer counts once.
CREATE TABLE passkey_ceremonies (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope UUID NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('register', 'authenticate')),
    -- The passkey asked for; empty when a new one is being added.
    factor_id UUID,
    state_enc BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    UNIQUE (scope, purpose)
);
