-- The versions of an application's answers once its applicant has corrected them, so the
-- official sees what changed. Version 1 is the submitted answers and is written with the
-- first correction; applications never corrected have no rows. The answers are sealed
-- with the data key, like `applications.answers_enc`.
CREATE TABLE application_answer_versions (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    answers_enc BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (application_id, version)
);
