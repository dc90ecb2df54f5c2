-- The action journal gains the fields a person sees in an entry's detail (service, the
-- official's comment, attached files), a lower-cased search text, and a hash chain per
-- person: `seq` numbers a person's entries from 1, `prev_hash` is the `hash` of the entry
-- before (32 zero bytes for the first). Rows written before this migration have no hash
-- yet; the application chains them when it opens the database.
ALTER TABLE history_entries ADD COLUMN service_code TEXT;
ALTER TABLE history_entries ADD COLUMN comment TEXT;
ALTER TABLE history_entries ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE history_entries ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE history_entries ADD COLUMN seq INTEGER;
ALTER TABLE history_entries ADD COLUMN prev_hash BLOB;
ALTER TABLE history_entries ADD COLUMN hash BLOB;
CREATE INDEX history_entries_user_seq ON history_entries (user_id, seq);

-- The last link of each person's chain, locked while an entry is appended, and the
-- anchor: the seq and hash just before the oldest entry that retention kept.
CREATE TABLE history_chain_heads (
    user_id BLOB PRIMARY KEY REFERENCES users (id),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL,
    last_at TEXT,
    anchor_seq INTEGER NOT NULL DEFAULT 0,
    anchor_hash BLOB NOT NULL
);
