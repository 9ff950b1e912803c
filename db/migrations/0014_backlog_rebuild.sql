-- 0014_backlog_rebuild.sql: the backlog of 0011 rebuilt in one set-based statement, for loads that bypass
-- triggers (scripts/gendata writes millions of rows with session_replication_role = replica) and to repair
-- it. The same rules as iedesk.backlog_sync, over every inspection at once. Wrapped in a transaction by the
-- migration runner.
CREATE FUNCTION iedesk.backlog_rebuild() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	LOCK TABLE iedesk.backlog IN EXCLUSIVE MODE;
	DELETE FROM iedesk.backlog;
	INSERT INTO iedesk.backlog (inspection_id, school_id, district_id, inspector_person_id, kind, status,
		planned_on, due_on, severity, open_findings)
	SELECT i.id, i.school_id, s.district_id, i.inspector_person_id, i.kind, i.status, i.planned_on,
		CASE WHEN i.status = 'planned' THEN i.planned_on ELSE coalesce(f.due_on, '9999-12-31') END,
		CASE WHEN i.status = 'planned' THEN 'none' ELSE coalesce(f.severity, 'none') END,
		coalesce(f.open, 0)
	FROM iedesk.inspection i
	JOIN iedesk.school s ON s.id = i.school_id
	LEFT JOIN (SELECT x.inspection_id, min(x.due_on) AS due_on, count(*) AS open,
			(array_agg(x.severity ORDER BY iedesk.severity_rank(x.severity)))[1] AS severity
		FROM iedesk.finding x WHERE x.resolved_on IS NULL GROUP BY x.inspection_id) f ON f.inspection_id = i.id
	WHERE i.status <> 'closed';
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END;
$$;
