-- The service catalogue, applications, their documents and status changes.
CREATE TABLE services (
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    definition TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE blobs (
    key TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE applications (
    id BLOB PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    user_id BLOB NOT NULL REFERENCES users (id),
    service_code TEXT NOT NULL,
    service_version INTEGER NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    status TEXT NOT NULL,
    answers_enc BLOB NOT NULL,
    request_key TEXT NOT NULL,
    assignee_id BLOB REFERENCES users (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    FOREIGN KEY (service_code, service_version) REFERENCES services (code, version),
    UNIQUE (user_id, request_key)
);
CREATE INDEX applications_user_id ON applications (user_id, created_at);
CREATE INDEX applications_department ON applications (department_code, status, created_at);

CREATE TABLE application_events (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES applications (id),
    occurred_at TEXT NOT NULL,
    status TEXT NOT NULL,
    actor_id BLOB REFERENCES users (id),
    comment TEXT
);
CREATE INDEX application_events_application ON application_events (application_id, occurred_at);

CREATE TABLE application_documents (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES applications (id),
    document_code TEXT NOT NULL,
    blob_key TEXT NOT NULL REFERENCES blobs (key),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX application_documents_application ON application_documents (application_id);

-- Files accepted from a form that was not submitted yet, kept so that a form shown again
-- with errors does not ask for them a second time.
CREATE TABLE staged_uploads (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_key TEXT NOT NULL,
    document_code TEXT NOT NULL,
    blob_key TEXT NOT NULL REFERENCES blobs (key),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- The same file sent twice for one document (a double click) is kept once.
CREATE UNIQUE INDEX staged_uploads_file ON staged_uploads (user_id, request_key, document_code, blob_key);
