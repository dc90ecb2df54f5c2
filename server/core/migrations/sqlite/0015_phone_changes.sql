-- A new phone number waiting for the code sent to it; the number in `users` stays in
-- use until the code is entered. The code itself is a one_time_codes row whose subject
-- is this change's id.
CREATE TABLE phone_changes (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_phone TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    -- Set when the number is confirmed, or when a newer change replaces this one.
    closed_at TEXT
);
CREATE INDEX phone_changes_user ON phone_changes (user_id, created_at);
