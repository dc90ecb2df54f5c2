-- The in-app message centre and the person's action journal.
CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    params TEXT NOT NULL,
    application_id UUID REFERENCES applications (id),
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ
);
CREATE INDEX notifications_user_id ON notifications (user_id, created_at);

CREATE TABLE history_entries (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    occurred_at TIMESTAMPTZ NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed', 'in_progress')),
    application_id UUID REFERENCES applications (id),
    actor_id UUID REFERENCES users (id),
    details TEXT NOT NULL
);
CREATE INDEX history_entries_user_id ON history_entries (user_id, occurred_at);
