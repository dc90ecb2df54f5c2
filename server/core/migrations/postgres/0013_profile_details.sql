-- The rest of the profile: personal details in clear, and the identity documents and
-- addresses, each sealed as one JSON value with the data key (see crypto::seal; the
-- context is the column and the user id).
CREATE TABLE profile_details (
    user_id UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    former_names TEXT,
    sex TEXT CHECK (sex IN ('male', 'female')),
    birth_place TEXT,
    citizenship TEXT,
    telegram TEXT,
    documents_enc BYTEA,
    addresses_enc BYTEA,
    updated_at TIMESTAMPTZ NOT NULL
);
