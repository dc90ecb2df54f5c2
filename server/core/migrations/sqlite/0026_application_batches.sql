-- Applications made together by one form whose group makes an application per item, such
-- as one application per child. Each of them stores the id of the first one; an
-- application made alone stores NULL.
ALTER TABLE applications ADD COLUMN batch_id BLOB REFERENCES applications (id);
CREATE INDEX applications_batch ON applications (batch_id) WHERE batch_id IS NOT NULL;
