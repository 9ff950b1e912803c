-- 0019_student_case_reads.sql: what a student case says is read only through iedesk.student_cases(), which
-- logs every row it returns. 0015 logged reads through the function, but case workers could still SELECT
-- the table and read unlogged. Now they may SELECT only the keys a change needs (id, school, code,
-- version): enough to find a case and update it with a version check, not enough to read it (a RETURNING
-- of more is refused as well). Wrapped in a transaction by the migration runner.
REVOKE SELECT ON iedesk.student_case FROM iedesk_caseworker;
GRANT SELECT (id, school_id, code, version) ON iedesk.student_case TO iedesk_caseworker;

-- The cases of one school as p_login may read them, each row returned written to the log. It runs as the
-- owner to read the whole rows, so it applies 0012's rule itself: the owner and superusers read all; a case
-- worker the cases of their account's district; anyone else nothing. p_login is the caller's current_user
-- (iedesk.student_cases passes it): honoured only when the session's login may act as that role, as
-- iedesk.account_of does.
CREATE FUNCTION iedesk.student_case_rows(p_login text, p_school bigint) RETURNS SETOF iedesk.student_case
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
DECLARE
	v_all boolean;
	v_district bigint;
	v_ids bigint[];
BEGIN
	IF NOT pg_catalog.pg_has_role(session_user, p_login::name, 'MEMBER') THEN
		RAISE EXCEPTION 'this session may not read student cases as %', p_login USING ERRCODE = '42501';
	END IF;
	SELECT r.rolsuper OR r.oid = (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'iedesk')
	  INTO v_all FROM pg_catalog.pg_roles r WHERE r.rolname = p_login;
	IF NOT coalesce(v_all, false) THEN
		IF NOT pg_catalog.pg_has_role(p_login::name, 'iedesk_caseworker', 'USAGE') THEN
			RAISE EXCEPTION 'only case workers read student cases' USING ERRCODE = '42501';
		END IF;
		SELECT a.district_id INTO v_district FROM iedesk.account_of(p_login) a;
	END IF;
	SELECT array_agg(c.id ORDER BY c.id) INTO v_ids
	  FROM iedesk.student_case c JOIN iedesk.school s ON s.id = c.school_id
	 WHERE c.school_id = p_school AND (coalesce(v_all, false) OR s.district_id = v_district);
	IF v_ids IS NOT NULL THEN
		PERFORM iedesk.audit_read('student_case', v_ids);
	END IF;
	RETURN QUERY SELECT c.* FROM iedesk.student_case c WHERE c.id = ANY (v_ids) ORDER BY c.id;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.student_case_rows(text, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.student_case_rows(text, bigint) TO iedesk_caseworker;

-- 0015's function, now a door to the one above for whoever is at work.
CREATE OR REPLACE FUNCTION iedesk.student_cases(p_school bigint) RETURNS SETOF iedesk.student_case
LANGUAGE sql SET search_path = pg_catalog, iedesk AS $$
	SELECT * FROM iedesk.student_case_rows(current_user::text, p_school)
$$;
