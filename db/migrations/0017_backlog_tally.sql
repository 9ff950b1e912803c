-- 0017_backlog_tally.sql: the backlog's counts kept by triggers, so that the Backlog pane's line of counts
-- and its groups' counts read a few hundred rows instead of counting every open item (160,000 at 2M
-- inspections: 50–100 ms per counts line, and the session waits for it before the next key's window).
-- Wrapped in a transaction by the migration runner.
--
-- One row per dimension, group and due date: how many open items are due that day, and of them how many
-- are planned, visited with findings open, waiting to be closed, of high severity. Counts by due date
-- because "overdue" depends on today (iedesk.today()), which no trigger sees change: summing the rows
-- before today gives it. The dimensions are those the Backlog groups by, plus 'all' (group ''):
--   district (id), inspector (person id, '' for none), kind, severity.
-- Schools are not counted here: one school's open items are a few dozen rows of backlog_school_idx, while
-- a school's row here would be nearly one per item (few share a due date).

CREATE TABLE iedesk.backlog_tally (
	dimension     text NOT NULL CHECK (dimension IN ('all', 'district', 'inspector', 'kind', 'severity')),
	grp           text NOT NULL,
	due_on        date NOT NULL,
	n             integer NOT NULL,   -- open items
	planned       integer NOT NULL,   -- not visited yet
	findings      integer NOT NULL,   -- visited, with findings open
	to_close      integer NOT NULL,   -- visited, nothing open: waiting to be closed
	high          integer NOT NULL,   -- of high severity
	PRIMARY KEY (dimension, grp, due_on)
);
-- Rows that fell to zero are removed by the statement that zeroed them, through this.
CREATE INDEX backlog_tally_zero_idx ON iedesk.backlog_tally (dimension) WHERE n = 0;

-- What each backlog row adds to the tally (sign -1 takes it away), per dimension.
CREATE FUNCTION iedesk.backlog_tally_apply(p_old iedesk.backlog[], p_new iedesk.backlog[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
BEGIN
	-- In key order, so that two statements changing the same days take the rows' locks in the same order
	-- and wait for each other rather than deadlock.
	INSERT INTO iedesk.backlog_tally AS t (dimension, grp, due_on, n, planned, findings, to_close, high)
	SELECT d.* FROM (
		SELECT g.dimension, g.grp, r.due_on, sum(r.sign) AS n,
			coalesce(sum(r.sign) FILTER (WHERE r.status = 'planned'), 0) AS planned,
			coalesce(sum(r.sign) FILTER (WHERE r.status = 'done' AND r.open_findings > 0), 0) AS findings,
			coalesce(sum(r.sign) FILTER (WHERE r.status = 'done' AND r.open_findings = 0), 0) AS to_close,
			coalesce(sum(r.sign) FILTER (WHERE r.severity = 'high'), 0) AS high
		FROM (SELECT -1 AS sign, o.* FROM unnest(p_old) o
			UNION ALL SELECT 1, x.* FROM unnest(p_new) x) r
		CROSS JOIN LATERAL (VALUES ('all', ''), ('district', r.district_id::text),
			('inspector', coalesce(r.inspector_person_id::text, '')), ('kind', r.kind),
			('severity', r.severity)) g(dimension, grp)
		GROUP BY g.dimension, g.grp, r.due_on) d
	-- a row rewritten as it was (0011's sync rewrites on every finding change) changes nothing: no lock
	WHERE (d.n, d.planned, d.findings, d.to_close, d.high) <> (0, 0, 0, 0, 0)
	ORDER BY d.dimension, d.grp, d.due_on
	ON CONFLICT (dimension, grp, due_on) DO UPDATE SET n = t.n + excluded.n,
		planned = t.planned + excluded.planned, findings = t.findings + excluded.findings,
		to_close = t.to_close + excluded.to_close, high = t.high + excluded.high;
	DELETE FROM iedesk.backlog_tally t WHERE t.n = 0;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.backlog_tally_apply(iedesk.backlog[], iedesk.backlog[]) FROM PUBLIC;

-- Statement triggers with the statement's rows: a statement that changes many backlog rows (a school moved
-- with its open items, a rebuild) writes each tally row once. A trigger with transition tables serves one
-- event, hence three.
CREATE FUNCTION iedesk.backlog_tally_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
BEGIN
	PERFORM iedesk.backlog_tally_apply('{}'::iedesk.backlog[], ARRAY(SELECT x::iedesk.backlog FROM new_rows x));
	RETURN NULL;
END;
$$;

CREATE FUNCTION iedesk.backlog_tally_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
BEGIN
	PERFORM iedesk.backlog_tally_apply(ARRAY(SELECT o::iedesk.backlog FROM old_rows o),
		ARRAY(SELECT x::iedesk.backlog FROM new_rows x));
	RETURN NULL;
END;
$$;

CREATE FUNCTION iedesk.backlog_tally_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
BEGIN
	PERFORM iedesk.backlog_tally_apply(ARRAY(SELECT o::iedesk.backlog FROM old_rows o), '{}'::iedesk.backlog[]);
	RETURN NULL;
END;
$$;

CREATE TRIGGER backlog_tally_insert AFTER INSERT ON iedesk.backlog
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION iedesk.backlog_tally_inserted();
CREATE TRIGGER backlog_tally_update AFTER UPDATE ON iedesk.backlog
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION iedesk.backlog_tally_updated();
CREATE TRIGGER backlog_tally_delete AFTER DELETE ON iedesk.backlog
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION iedesk.backlog_tally_deleted();

-- The tally from the backlog as it stands: here, and after loads that bypass triggers. (0014's
-- iedesk.backlog_rebuild needs nothing more: its DELETE and INSERT fire the triggers above, and
-- scripts/gendata turns triggers back on before it calls it.)
CREATE FUNCTION iedesk.backlog_tally_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
BEGIN
	LOCK TABLE iedesk.backlog_tally IN EXCLUSIVE MODE;
	DELETE FROM iedesk.backlog_tally;
	PERFORM iedesk.backlog_tally_apply('{}'::iedesk.backlog[], ARRAY(SELECT b FROM iedesk.backlog b));
END;
$$;
REVOKE ALL ON FUNCTION iedesk.backlog_tally_rebuild() FROM PUBLIC;

SELECT iedesk.backlog_tally_rebuild();
GRANT SELECT ON iedesk.backlog_tally TO iedesk_staff;
