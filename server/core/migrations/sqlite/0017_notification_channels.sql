-- Notification channels: the person's choices per channel and category, quiet hours, and
-- a delivery queue that retries with backoff and records each message's status.

ALTER TABLE users ADD COLUMN quiet_start_minute INTEGER DEFAULT 1320;
ALTER TABLE users ADD COLUMN quiet_end_minute INTEGER DEFAULT 480;

ALTER TABLE notifications ADD COLUMN category TEXT NOT NULL DEFAULT 'applications'
    CHECK (category IN ('taxes', 'passports', 'social', 'applications', 'security', 'support'));
UPDATE notifications SET category = 'security'
    WHERE kind IN ('account_locked', 'new_device_sign_in', 'document_approved', 'document_rejected',
                   'password_changed', 'profile_changed', 'sign_in_disowned');
CREATE INDEX notifications_created_at ON notifications (created_at);

-- A missing row means the channel's default for the category.
CREATE TABLE notification_preferences (
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'telegram', 'push')),
    category TEXT NOT NULL
        CHECK (category IN ('taxes', 'passports', 'social', 'applications', 'security', 'support')),
    enabled BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, channel, category)
);

-- SQLite cannot change a CHECK constraint in place, so the queue is rebuilt.
CREATE TABLE deliveries_new (
    id BLOB PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'telegram', 'push')),
    recipient TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    html TEXT,
    user_id BLOB REFERENCES users (id) ON DELETE CASCADE,
    notification_id BLOB REFERENCES notifications (id) ON DELETE CASCADE,
    category TEXT,
    transient BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    sent_at TEXT,
    delivered_at TEXT,
    last_error TEXT,
    -- The gateway's id of the message, for its delivery reports.
    provider_id TEXT
);
INSERT INTO deliveries_new (id, channel, recipient, subject, body, status, attempts, created_at,
                            next_attempt_at, sent_at, last_error)
    SELECT id, channel, recipient, subject, body, status, attempts, created_at, created_at,
           sent_at, last_error
    FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_user ON deliveries (user_id, created_at);
CREATE INDEX deliveries_notification ON deliveries (notification_id);
CREATE INDEX deliveries_created_at ON deliveries (created_at);
CREATE INDEX deliveries_provider_id ON deliveries (provider_id);

-- Telegram: the chat the portal's bot writes to, linked by a one-time start code, and
-- the last update of the Bot API the portal has read.
ALTER TABLE users ADD COLUMN telegram_chat_id TEXT;
CREATE TABLE telegram_links (
    code_hash BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE telegram_updates (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    next_offset BIGINT NOT NULL
);

-- Web Push: the browsers that subscribed, each with its push service endpoint and the keys
-- (RFC 8291) that encrypt what is sent to it.
CREATE TABLE push_subscriptions (
    id BLOB PRIMARY KEY,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);
