-- Drafts of application forms. A draft is one filling of a form, named by the request key
-- that its staged files and its eventual application share. The answers are kept as
-- typed, unchecked, and sealed with the data key, since they may hold personal data.
CREATE TABLE application_drafts (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_key TEXT NOT NULL,
    service_code TEXT NOT NULL,
    answers_enc BLOB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_id, request_key)
);
CREATE INDEX application_drafts_user ON application_drafts (user_id, updated_at);
