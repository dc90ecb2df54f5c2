-- Departments, people (citizens and staff) and their sessions.
CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE users (
    id UUID PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('citizen', 'official', 'support', 'admin')),
    department_code TEXT REFERENCES departments (code),
    phone TEXT UNIQUE,
    email TEXT,
    email_key TEXT UNIQUE,
    snils_index BYTEA UNIQUE,
    snils_enc BYTEA,
    inn_index BYTEA UNIQUE,
    inn_enc BYTEA,
    surname TEXT NOT NULL,
    given_name TEXT NOT NULL,
    patronymic TEXT,
    birth_date DATE,
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'ru',
    time_zone TEXT NOT NULL DEFAULT 'Europe/Moscow',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE sessions (
    id UUID PRIMARY KEY,
    token_hash BYTEA NOT NULL UNIQUE,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ,
    user_agent TEXT,
    ip TEXT
);
CREATE INDEX sessions_user_id ON sessions (user_id);
