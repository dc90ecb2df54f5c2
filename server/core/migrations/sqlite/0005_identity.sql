-- Lockout, the sign-in journal, account recovery and per-account network rules.

-- Wrong passwords in a row since the last successful sign-in or unlock. The account is
-- locked from `locked_at` until a one-time code unlocks it or, when `lock_reason` is
-- `not_me`, until the password is changed.
ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_at TEXT;
ALTER TABLE users ADD COLUMN lock_reason TEXT CHECK (lock_reason IN ('attempts', 'not_me'));
ALTER TABLE users ADD COLUMN password_changed_at TEXT;

-- Every sign-in attempt. `login_key` is a keyed hash of the canonical login, so attempts
-- on a login that has no account are counted the same way without storing what was typed.
CREATE TABLE sign_in_attempts (
    id BLOB PRIMARY KEY,
    user_id BLOB REFERENCES users (id) ON DELETE CASCADE,
    login_key BLOB NOT NULL,
    occurred_at TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('succeeded', 'wrong_password', 'locked', 'throttled', 'network_denied', 'wrong_code')),
    ip TEXT,
    network TEXT,
    device TEXT,
    user_agent TEXT,
    session_id BLOB REFERENCES sessions (id) ON DELETE SET NULL,
    disowned_at TEXT
);
CREATE INDEX sign_in_attempts_user ON sign_in_attempts (user_id, occurred_at);
CREATE INDEX sign_in_attempts_login ON sign_in_attempts (login_key, occurred_at);
CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip, occurred_at);

-- "Забыли пароль" and unlocking by code. `user_id` is empty when the login typed has no
-- account, so that the flow looks the same either way.
CREATE TABLE account_recoveries (
    id BLOB PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('unlock', 'reset')),
    user_id BLOB REFERENCES users (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    verified_at TEXT,
    completed_at TEXT
);

-- Codes sent per client address, for the rate limit on every code-sending form.
CREATE TABLE code_requests (
    id BLOB PRIMARY KEY,
    ip TEXT NOT NULL,
    requested_at TEXT NOT NULL
);
CREATE INDEX code_requests_ip ON code_requests (ip, requested_at);

-- Networks an account may (allow) or may not (deny) sign in from, in CIDR notation.
CREATE TABLE network_rules (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('allow', 'deny')),
    cidr TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, kind, cidr)
);
