-- Departments, people (citizens and staff) and their sessions.
CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE users (
    id BLOB PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'official', 'support', 'admin')),
    department_code TEXT REFERENCES departments (code),
    phone TEXT UNIQUE,
    email TEXT,
    email_key TEXT UNIQUE,
    snils_index BLOB UNIQUE,
    snils_enc BLOB,
    inn_index BLOB UNIQUE,
    inn_enc BLOB,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT,
    birth_date TEXT,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'ru',
    time_zone TEXT NOT NULL DEFAULT 'Europe/Moscow',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id BLOB PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    user_id BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    user_agent TEXT,
    ip TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);
