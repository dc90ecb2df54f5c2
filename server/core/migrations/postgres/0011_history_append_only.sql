-- History is append-only. An UPDATE or DELETE of a journal entry is skipped and the
-- attempt is written to history_tamper_attempts, which the application moves into the
-- hash-chained audit log. Two paths are let through while a row of history_maintenance
-- exists, which the application inserts and removes inside one transaction, so no other
-- transaction ever sees it: deleting entries (the retention job) and giving a hash to an
-- entry that has none (chaining entries written before the chain existed). Dropping a
-- whole month's partition, the other retention path, is DDL and fires no row trigger.
CREATE TABLE history_tamper_attempts (
    id BIGSERIAL PRIMARY KEY,
    table_name TEXT NOT NULL,
    operation TEXT NOT NULL,
    row_id UUID,
    attempted_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE history_maintenance (
    started_at TIMESTAMPTZ NOT NULL
);

-- TG_ARGV[0] is the protected table's name; only history_entries has maintenance paths.
CREATE FUNCTION reject_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_ARGV[0] = 'history_entries' AND EXISTS (SELECT 1 FROM history_maintenance) THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL THEN
            RETURN NEW;
        END IF;
    END IF;
    INSERT INTO history_tamper_attempts (table_name, operation, row_id, attempted_at)
    VALUES (TG_ARGV[0], TG_OP, OLD.id, clock_timestamp());
    RETURN NULL;
END $$;

CREATE TRIGGER history_entries_append_only BEFORE UPDATE OR DELETE ON history_entries
FOR EACH ROW EXECUTE FUNCTION reject_history_change('history_entries');
