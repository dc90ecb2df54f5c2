-- Pending registrations, one-time codes, outgoing messages and form flashes.
CREATE TABLE registrations (
    id BLOB PRIMARY KEY,
    payload_enc BLOB NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    completed_at TEXT
);

CREATE TABLE one_time_codes (
    id BLOB PRIMARY KEY,
    purpose TEXT NOT NULL,
    subject TEXT NOT NULL,
    code_hash BLOB NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    consumed_at TEXT
);
CREATE INDEX one_time_codes_subject ON one_time_codes (purpose, subject, created_at);

CREATE TABLE deliveries (
    id BLOB PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX deliveries_status ON deliveries (status, created_at);

CREATE TABLE form_flashes (
    id BLOB PRIMARY KEY,
    form TEXT NOT NULL,
    data_enc BLOB NOT NULL,
    expires_at TEXT NOT NULL
);
