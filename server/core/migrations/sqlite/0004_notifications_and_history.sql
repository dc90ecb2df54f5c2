-- The in-app message centre and the person's action journal.
CREATE TABLE notifications (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    application_id BLOB REFERENCES applications (id),
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_user_id ON notifications (user_id, created_at);

CREATE TABLE history_entries (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    occurred_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'in_progress')),
    application_id BLOB REFERENCES applications (id),
    actor_id BLOB REFERENCES users (id),
    details TEXT NOT NULL
);
CREATE INDEX history_entries_user_id ON history_entries (user_id, occurred_at);
