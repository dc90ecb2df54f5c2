-- The processing deadline of each application, in working days from submission, kept so
-- that the department queue can be sorted, filtered and paged by it in SQL. It is
-- counted again on every start, so a change of the holiday calendar reaches open
-- applications.
ALTER TABLE applications ADD COLUMN due_on DATE;
CREATE INDEX applications_department_due ON applications (department_code, status, due_on, created_at);

-- A line of an application's history is a status change unless `action` names another
-- step: `returned` to the department's queue, or `reassigned` to `assignee_id`. A refusal
-- names its ground from the list in `reason_code`.
ALTER TABLE application_events ADD COLUMN action TEXT;
ALTER TABLE application_events ADD COLUMN assignee_id UUID REFERENCES users (id);
ALTER TABLE application_events ADD COLUMN reason_code TEXT;

-- The head of a department gets the daily report of its overdue applications.
ALTER TABLE users ADD COLUMN department_head BOOLEAN NOT NULL DEFAULT FALSE;

-- One report per department and day, so a restart or a second server sends no second one.
CREATE TABLE overdue_reports (
    department_code TEXT NOT NULL REFERENCES departments (code),
    report_day DATE NOT NULL,
    overdue_count INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (department_code, report_day)
);
