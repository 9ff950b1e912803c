-- 0025_finding_resolution.sql: resolving a finding says what was done, and on a day that has come. Also
-- the manager gaps one row per gap (issue 17), since the Managers pane's gaps view must show every gap
-- of a school and 0004's view names only the most pressing one.

-- What was done to put the finding right: optional (a finding put right by the visit itself needs no
-- words), never blank, and only on a resolved finding. The grants and policies of 0012/0022 cover the
-- column as they cover the table: managers of the finding's district and administrators write it, staff
-- and secretaries only read it.
ALTER TABLE iedesk.finding ADD COLUMN resolution_note text;
ALTER TABLE iedesk.finding ADD CONSTRAINT finding_resolution_note_check
	CHECK (resolution_note IS NULL OR (resolved_on IS NOT NULL AND btrim(resolution_note) <> ''));

-- 0010's rules, and one more: a finding is not resolved after today (iedesk.today()), checked when the
-- date is set or moved (a finding resolved before a test's fixed day is not refused later).
CREATE OR REPLACE FUNCTION iedesk.finding_rules_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	visit date;
	state text;
BEGIN
	SELECT i.visited_on, i.status INTO visit, state
	  FROM iedesk.inspection i WHERE i.id = NEW.inspection_id FOR SHARE;
	IF NOT FOUND THEN
		RETURN NEW;   -- finding_inspection_id_fkey refuses it, in its own words
	END IF;
	IF visit IS NULL THEN
		RAISE EXCEPTION 'a finding needs an inspection that has been visited'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_after_visit';
	END IF;
	IF NEW.due_on < visit THEN
		RAISE EXCEPTION 'a finding cannot be due before the visit'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_due_after_visit',
			      DETAIL = to_char(visit, 'YYYY-MM-DD');
	END IF;
	IF NEW.resolved_on < visit THEN
		RAISE EXCEPTION 'a finding cannot be resolved before the visit'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_resolved_after_visit',
			      DETAIL = to_char(visit, 'YYYY-MM-DD');
	END IF;
	IF NEW.resolved_on > iedesk.today()
	   AND (TG_OP = 'INSERT' OR NEW.resolved_on IS DISTINCT FROM OLD.resolved_on) THEN
		RAISE EXCEPTION 'a finding cannot be resolved after today'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_resolved_not_future',
			      DETAIL = to_char(iedesk.today(), 'YYYY-MM-DD');
	END IF;
	IF state = 'closed' AND NEW.resolved_on IS NULL THEN
		RAISE EXCEPTION 'a closed inspection cannot have an unresolved finding'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'finding_unresolved_of_closed_inspection';
	END IF;
	RETURN NEW;
END;
$$;

-- Every gap of a school, one row each (0004's manager_gap keeps one row per school, its lesser gap in
-- details, for the export): vacant, turnover (more than one manager in the two years up to today), no
-- training (the current manager attended none held by today). The same reading of the same rows as 0004,
-- bounded by the schools; school_rank is the school's worst gap, so a list keeps a school's rows together
-- in 0004's order. Read with the owner's rights as 0004's view is, and by every role as it is.
CREATE VIEW iedesk.manager_gap_each AS
SELECT x.school_id, x.school_code, x.school_name, x.district_id, x.district_code,
       min(e.rank) OVER (PARTITION BY x.school_id) AS school_rank, e.rank, e.gap,
       x.person_id, x.person_name, e.since, e.details
  FROM (SELECT s.id AS school_id, s.code AS school_code, s.name AS school_name, s.district_id,
               d.code AS district_code, m.person_id, m.person_name, m.started_on,
               h.last_ended, h.managers, w.window_start, t.trained
          FROM iedesk.school s
          JOIN iedesk.district d ON d.id = s.district_id
          LEFT JOIN iedesk.school_current_manager m ON m.school_id = s.id
          CROSS JOIN LATERAL (SELECT (iedesk.today() - interval '2 years')::date AS window_start) w
          CROSS JOIN LATERAL (
                SELECT max(a.ended_on) AS last_ended,
                       count(DISTINCT a.person_id) FILTER (WHERE a.started_on <= iedesk.today()
                             AND (a.ended_on IS NULL OR a.ended_on >= w.window_start)) AS managers
                  FROM iedesk.manager_appointment a
                 WHERE a.school_id = s.id) h
          CROSS JOIN LATERAL (
                SELECT EXISTS (SELECT 1 FROM iedesk.training_attendance ta
                                 JOIN iedesk.training tr ON tr.id = ta.training_id
                                WHERE ta.person_id = m.person_id AND tr.held_on <= iedesk.today()) AS trained) t
         WHERE s.archived_at IS NULL) x
 CROSS JOIN LATERAL (VALUES
       (1, 'vacant', x.last_ended + 1,
        CASE WHEN x.last_ended IS NULL THEN 'never had one'
             ELSE (iedesk.today() - (x.last_ended + 1))::text || ' days' END,
        x.person_id IS NULL),
       (2, 'turnover', x.started_on, x.managers || ' managers since ' || to_char(x.window_start, 'YYYY-MM-DD'),
        x.managers >= 2),
       (3, 'no training', x.started_on, 'no training recorded', x.person_id IS NOT NULL AND NOT x.trained)
       ) e(rank, gap, since, details, applies)
 WHERE e.applies;
REVOKE ALL ON iedesk.manager_gap_each FROM PUBLIC;
GRANT SELECT ON iedesk.manager_gap_each TO iedesk_staff;
