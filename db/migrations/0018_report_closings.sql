-- 0018_report_closings.sql: the summary report reads this term's closings of each school (how many, and the
-- median days from the visit to closing) from the index alone. 0011's index found them by school and
-- closing date but had to visit every closed inspection's row for its visit date: at 2M inspections,
-- 120,000 closings in a term, about a second for the report's first screen. With the visit date in the
-- index, the rows are not read once vacuum has marked their pages (closed inspections seldom change).
-- Wrapped in a transaction by the migration runner.
CREATE INDEX inspection_school_closed_visit_idx ON iedesk.inspection (school_id, closed_on) INCLUDE (visited_on)
	WHERE status = 'closed';
DROP INDEX iedesk.inspection_school_closed_idx;
