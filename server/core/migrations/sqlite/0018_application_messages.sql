-- The thread of an application: messages between the applicant and the official, each
-- with its files. A message's text is encrypted, since people write personal data in it.
CREATE TABLE application_messages (
    id BLOB PRIMARY KEY,
    application_id BLOB NOT NULL REFERENCES applications (id),
    author_id BLOB NOT NULL REFERENCES users (id),
    body_enc BLOB NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX application_messages_application ON application_messages (application_id, created_at);

-- Files sent with a message belong to it; the application's own documents have none.
ALTER TABLE application_documents ADD COLUMN message_id BLOB REFERENCES application_messages (id);
