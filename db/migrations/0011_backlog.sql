-- 0011_backlog.sql: the backlog managers review — every inspection not closed, as one row with what it is
-- sorted, grouped and filtered by (when it is due, the worst of its open findings, where, who) — kept by
-- triggers so that the Backlog pane walks an index whatever the tables hold; the school year's terms; and
-- the closings the summary report reads. Wrapped in a transaction by the migration runner.
--
-- Why a table of its own rather than columns of inspection: what a row is due by changes when a finding of
-- the inspection changes, and a change to the inspection row would move its version (0001's bump_version),
-- so that a form open on it would report a conflict nobody made. The backlog row is derived, never edited.
--
-- A row's due date: a planned inspection is due on its planned date; a visited one (done, not closed) on
-- the due date of its oldest unresolved finding; one with nothing left to do by a date (no unresolved
-- finding with a due date) sorts last, under 9999-12-31, so the key is never NULL. Overdue days are
-- iedesk.today() - due_on when that is positive: the same as 0002's inspection_overdue_days.

CREATE TABLE iedesk.backlog (
	inspection_id       bigint PRIMARY KEY REFERENCES iedesk.inspection ON DELETE CASCADE,
	school_id           bigint NOT NULL,
	district_id         bigint NOT NULL,
	inspector_person_id bigint,
	kind                text NOT NULL,
	status              text NOT NULL,   -- planned or done
	planned_on          date NOT NULL,
	due_on              date NOT NULL,
	severity            text NOT NULL CHECK (severity IN ('high', 'medium', 'low', 'none')),
	open_findings       integer NOT NULL
);
-- The backlog in order, whole and filtered by each grouping (db/list.c's DB_LIST_BACKLOG*).
CREATE INDEX backlog_due_idx ON iedesk.backlog (due_on, inspection_id);
CREATE INDEX backlog_district_idx ON iedesk.backlog (district_id, due_on, inspection_id);
CREATE INDEX backlog_school_idx ON iedesk.backlog (school_id, due_on, inspection_id);
CREATE INDEX backlog_inspector_idx ON iedesk.backlog (inspector_person_id, due_on, inspection_id);
CREATE INDEX backlog_kind_idx ON iedesk.backlog (kind, due_on, inspection_id);
CREATE INDEX backlog_severity_idx ON iedesk.backlog (severity, due_on, inspection_id);

-- Worst first, for the severity groups.
CREATE FUNCTION iedesk.severity_rank(severity text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END
$$;

-- Put one inspection's backlog row right: gone when the inspection is closed or deleted, else as it stands.
-- It locks the backlog row first, so that two transactions changing findings of one inspection take turns,
-- and the second computes from what the first committed (each statement of a function sees the newest
-- committed data under READ COMMITTED). Not the inspection's row: 0010's finding trigger holds it FOR
-- SHARE, and two such holders both asking for more would deadlock.
CREATE FUNCTION iedesk.backlog_sync(p_inspection bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	v iedesk.inspection%ROWTYPE;
BEGIN
	PERFORM FROM iedesk.backlog b WHERE b.inspection_id = p_inspection FOR UPDATE;
	SELECT * INTO v FROM iedesk.inspection i WHERE i.id = p_inspection;
	IF NOT FOUND OR v.status = 'closed' THEN
		DELETE FROM iedesk.backlog b WHERE b.inspection_id = p_inspection;
		RETURN;
	END IF;
	INSERT INTO iedesk.backlog AS b (inspection_id, school_id, district_id, inspector_person_id, kind, status,
			planned_on, due_on, severity, open_findings)
	SELECT v.id, v.school_id, s.district_id, v.inspector_person_id, v.kind, v.status, v.planned_on,
		CASE WHEN v.status = 'planned' THEN v.planned_on ELSE coalesce(f.due_on, '9999-12-31') END,
		CASE WHEN v.status = 'planned' THEN 'none' ELSE coalesce(f.severity, 'none') END,
		coalesce(f.open, 0)
	FROM iedesk.school s
	LEFT JOIN LATERAL (SELECT min(x.due_on) AS due_on, count(*) AS open,
			(array_agg(x.severity ORDER BY iedesk.severity_rank(x.severity)))[1] AS severity
		FROM iedesk.finding x WHERE x.inspection_id = v.id AND x.resolved_on IS NULL) f ON true
	WHERE s.id = v.school_id
	ON CONFLICT (inspection_id) DO UPDATE SET school_id = excluded.school_id,
		district_id = excluded.district_id, inspector_person_id = excluded.inspector_person_id,
		kind = excluded.kind, status = excluded.status, planned_on = excluded.planned_on,
		due_on = excluded.due_on, severity = excluded.severity, open_findings = excluded.open_findings;
END;
$$;

CREATE FUNCTION iedesk.backlog_inspection_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM iedesk.backlog b WHERE b.inspection_id = OLD.id;
		RETURN OLD;
	END IF;
	PERFORM iedesk.backlog_sync(NEW.id);
	RETURN NEW;
END;
$$;

CREATE TRIGGER backlog_inspection
	AFTER INSERT OR UPDATE OR DELETE ON iedesk.inspection
	FOR EACH ROW EXECUTE FUNCTION iedesk.backlog_inspection_changed();

CREATE FUNCTION iedesk.backlog_finding_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		PERFORM iedesk.backlog_sync(OLD.inspection_id);
	END IF;
	IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.inspection_id <> OLD.inspection_id) THEN
		PERFORM iedesk.backlog_sync(NEW.inspection_id);
	END IF;
	RETURN NULL;
END;
$$;

CREATE TRIGGER backlog_finding
	AFTER INSERT OR UPDATE OF inspection_id, due_on, resolved_on, severity OR DELETE ON iedesk.finding
	FOR EACH ROW EXECUTE FUNCTION iedesk.backlog_finding_changed();

-- A school moved to another district takes its open inspections along.
CREATE FUNCTION iedesk.backlog_school_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE iedesk.backlog b SET district_id = NEW.district_id WHERE b.school_id = NEW.id;
	RETURN NULL;
END;
$$;

CREATE TRIGGER backlog_school
	AFTER UPDATE OF district_id ON iedesk.school
	FOR EACH ROW WHEN (NEW.district_id IS DISTINCT FROM OLD.district_id)
	EXECUTE FUNCTION iedesk.backlog_school_moved();

-- The inspections already stored.
SELECT iedesk.backlog_sync(i.id) FROM iedesk.inspection i WHERE i.status <> 'closed';

-- The school year's terms, as the due-date shortcuts of db/date.c count them: the autumn term runs from
-- 1 August to 31 January, the spring term from 1 February to 31 July. The first day of d's term.
CREATE FUNCTION iedesk.term_start(d date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE
		WHEN extract(month FROM d) >= 8 THEN make_date(extract(year FROM d)::int, 8, 1)
		WHEN extract(month FROM d) = 1 THEN make_date(extract(year FROM d)::int - 1, 8, 1)
		ELSE make_date(extract(year FROM d)::int, 2, 1)
	END
$$;

-- Closed inspections by school and closing date: the summary report's "closed this term" and "median days
-- to close" read one school's closings of a term from it.
CREATE INDEX inspection_school_closed_idx ON iedesk.inspection (school_id, closed_on) WHERE status = 'closed';
