-- Sign-in through an external OpenID Connect provider (ESIA).

-- An authorization request in flight. The id is the random `state` sent to the provider
-- and kept in the browser's cookie. The PKCE verifier and the nonce are sealed with the
-- data key. After the provider's answer, the received claims wait here, sealed, for the
-- person's consent. A request serves one callback and one consent, within 10 minutes.
CREATE TABLE sso_requests (
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    secrets_enc BLOB NOT NULL,
    next_path TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- When the callback used the request; a second callback with the same state fails.
    used_at TEXT,
    -- The verified claims of the ID token, sealed, while the consent page is open.
    claims_enc BLOB,
    -- When the consent page was answered; the pending claims are erased then.
    finished_at TEXT
);
CREATE INDEX sso_requests_created_at ON sso_requests (created_at);

-- A person's account at an identity provider, linked to a local account.
CREATE TABLE external_identities (
    provider TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at TEXT NOT NULL,
    -- Whether the link created the account. Such an account has a random password until
    -- its owner sets one through recovery (users.password_changed_at after linked_at).
    created_account BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (provider, subject)
);
-- One identity per provider and account.
CREATE UNIQUE INDEX external_identities_user ON external_identities (user_id, provider);
