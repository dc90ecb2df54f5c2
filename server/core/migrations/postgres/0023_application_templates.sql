-- Templates of applications: a person's named answers to a service's form, saved from one
-- of their applications to start new forms from. The name and the answers are sealed
-- together with the data key, since both may hold personal data, so names are compared
-- for uniqueness in the application, not by an index.
CREATE TABLE application_templates (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service_code TEXT NOT NULL,
    content_enc BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX application_templates_user ON application_templates (user_id, created_at);
