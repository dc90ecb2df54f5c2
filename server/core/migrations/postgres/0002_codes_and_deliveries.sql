-- Pending registrations, one-time codes, outgoing messages and form flashes.
CREATE TABLE registrations (
    id UUID PRIMARY KEY,
    payload_enc BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);

CREATE TABLE one_time_codes (
    id UUID PRIMARY KEY,
    purpose TEXT NOT NULL,
    subject TEXT NOT NULL,
    code_hash BYTEA NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    consumed_at TIMESTAMPTZ
);
CREATE INDEX one_time_codes_subject ON one_time_codes (purpose, subject, created_at);

CREATE TABLE deliveries (
    id UUID PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    last_error TEXT
);
CREATE INDEX deliveries_status ON deliveries (status, created_at);

CREATE TABLE form_flashes (
    id UUID PRIMARY KEY,
    form TEXT NOT NULL,
    data_enc BYTEA NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
