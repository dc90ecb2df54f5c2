-- Documents waiting for an operator to check them against a scan ("Проверка документов").
-- The submitted details are sealed with the data key (context `document_reviews.details`
-- and the review id); the scan is a file of the file store.
CREATE TABLE document_reviews (
    id UUID PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('passport', 'snils')),
    details_enc BYTEA NOT NULL,
    scan_key TEXT NOT NULL,
    scan_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'replaced')),
    reason TEXT,
    reviewer_id UUID REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
CREATE INDEX document_reviews_status ON document_reviews (status, created_at);
CREATE INDEX document_reviews_user ON document_reviews (user_id, created_at);
