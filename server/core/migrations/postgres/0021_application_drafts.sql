-- Drafts of application forms. A draft is one filling of a form, named by the request key
-- that its staged files and its eventual application share. The answers are kept as
-- typed, unchecked, and sealed with the data key, since they may hold personal data.
CREATE TABLE application_drafts (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_key TEXT NOT NULL,
    service_code TEXT NOT NULL,
    answers_enc BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, request_key)
);
CREATE INDEX application_drafts_user ON application_drafts (user_id, updated_at);
