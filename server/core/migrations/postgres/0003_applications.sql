-- The service catalogue, applications, their documents and status changes.
CREATE TABLE services (
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    definition TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE blobs (
    key TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE applications (
    id UUID PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    user_id UUID NOT NULL REFERENCES users (id),
    service_code TEXT NOT NULL,
    service_version INTEGER NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    status TEXT NOT NULL,
    answers_enc BYTEA NOT NULL,
    request_key TEXT NOT NULL,
    assignee_id UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (service_code, service_version) REFERENCES services (code, version),
    UNIQUE (user_id, request_key)
);
CREATE INDEX applications_user_id ON applications (user_id, created_at);
CREATE INDEX applications_department ON applications (department_code, status, created_at);

CREATE TABLE application_events (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id),
    occurred_at TIMESTAMPTZ NOT NULL,
    status TEXT NOT NULL,
    actor_id UUID REFERENCES users (id),
    comment TEXT
);
CREATE INDEX application_events_application ON application_events (application_id, occurred_at);

CREATE TABLE application_documents (
    id UUID PRIMARY KEY,
    application_id UUID NOT NULL REFERENCES applications (id),
    document_code TEXT NOT NULL,
    blob_key TEXT NOT NULL REFERENCES blobs (key),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX application_documents_application ON application_documents (application_id);

-- Files accepted from a form that was not submitted yet, kept so that a form shown again
-- with errors does not ask for them a second time.
CREATE TABLE staged_uploads (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_key TEXT NOT NULL,
    document_code TEXT NOT NULL,
    blob_key TEXT NOT NULL REFERENCES blobs (key),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
-- The same file sent twice for one document (a double click) is kept once.
CREATE UNIQUE INDEX staged_uploads_file ON staged_uploads (user_id, request_key, document_code, blob_key);
