-- 0002_lists.sql: what the lists and details of db/list.c and db/detail.c need: an injectable "today",
-- the derived overdue days of an inspection, the pattern a filter matches, and the indexes their
-- keyset windows walk. Wrapped in a transaction by the migration runner (no BEGIN/COMMIT here).

-- Today, unless the session fixes it (tests and demos: SET iedesk.today = '2026-11-24', or
-- PGOPTIONS='-c iedesk.today=2026-11-24'). Everything "overdue" is measured from this.
CREATE FUNCTION iedesk.today() RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT coalesce(nullif(current_setting('iedesk.today', true), '')::date, current_date)
$$;

-- Where an inspection stands in the backlog: planned first, then done (awaiting closing), then closed.
CREATE FUNCTION iedesk.inspection_rank(status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE status WHEN 'planned' THEN 0 WHEN 'done' THEN 1 ELSE 2 END
$$;

-- Days an inspection is overdue, or NULL: a planned one past its date counts from that date; a done
-- one that is not closed counts from the due date of its oldest unresolved finding past due.
-- Positional parameters ($1 inspection id, $2 status, $3 planned_on): names would be shadowed by
-- the columns of finding.
CREATE FUNCTION iedesk.inspection_overdue_days(bigint, text, date) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
	SELECT CASE
		WHEN $2 = 'planned' AND $3 < iedesk.today() THEN iedesk.today() - $3
		WHEN $2 = 'done' THEN (SELECT iedesk.today() - min(f.due_on) FROM iedesk.finding f
		                        WHERE f.inspection_id = $1 AND f.resolved_on IS NULL
		                          AND f.due_on < iedesk.today())
	END
$$;

-- The ILIKE pattern matching text anywhere, with the user's %, _ and \ taken literally (E'' strings:
-- the same whatever standard_conforming_strings says).
CREATE FUNCTION iedesk.contains_pattern(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT '%' || replace(replace(replace($1, E'\\', E'\\\\'), '%', E'\\%'), '_', E'\\_') || '%'
$$;

-- The inspections list: open before closed, oldest plan (most overdue) first.
CREATE INDEX inspection_rank_planned_idx ON iedesk.inspection (iedesk.inspection_rank(status), planned_on, id);

-- The other lists walk indexes of 0001: district (name, id), school (district_id, name, id) and
-- (name, id), meeting (held_on, id) backwards.
