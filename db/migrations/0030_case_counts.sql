-- 0030_case_counts.sql: holes tests/pgtap/cases.sql found in 0029, tried as each role from SQL, and what the
-- counts in the Districts and Backlog panes need. Wrapped in a transaction by the migration runner.

-- ---------------------------------------------------------------------------------------------------
-- A transfer is decided by the receiving district's case workers. 0029's function asked whether its own
-- current_user (the owner: it is SECURITY DEFINER) was one, and refused everyone. The caller's role is
-- now passed in, as the policies pass it, and honoured only when the session may act as it.

CREATE FUNCTION iedesk.case_transfer_decide_as(p_transfer bigint, p_accept boolean, p_login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	t iedesk.case_transfer;
	v_placement text;
BEGIN
	SELECT * INTO t FROM iedesk.case_transfer WHERE id = p_transfer FOR UPDATE;
	IF NOT FOUND OR NOT iedesk.case_school_mine(t.to_school_id, p_login) THEN
		RAISE EXCEPTION 'only the case workers of the receiving district decide a transfer'
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF t.status <> 'requested' THEN
		RAISE EXCEPTION 'that transfer was already %', t.status USING ERRCODE = 'check_violation',
			CONSTRAINT = 'case_transfer_decided';
	END IF;
	UPDATE iedesk.case_transfer SET status = CASE WHEN p_accept THEN 'accepted' ELSE 'declined' END,
	       decided_on = iedesk.today(), decided_by = session_user
	 WHERE id = p_transfer;
	IF p_accept THEN
		SELECT c.placement INTO v_placement FROM iedesk.student_case c WHERE c.id = t.case_id;
		INSERT INTO iedesk.case_placement (case_id, school_id, placement, started_on, note)
		VALUES (t.case_id, t.to_school_id, v_placement, iedesk.today(), t.note);
	END IF;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.case_transfer_decide_as(bigint, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.case_transfer_decide_as(bigint, boolean, text) TO iedesk_caseworker;

-- The name the program calls, now with the caller's rights, so that current_user is the caller's role.
CREATE OR REPLACE FUNCTION iedesk.case_transfer_decide(p_transfer bigint, p_accept boolean) RETURNS void
LANGUAGE sql VOLATILE SECURITY INVOKER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT iedesk.case_transfer_decide_as(p_transfer, p_accept, current_user::text)
$$;

-- The sending district asks; it does not decide. Its case workers could set a transfer's status
-- themselves (the table's UPDATE policy asked only whose case it is): a transfer is written by them only
-- while it is requested, and stays requested.
ALTER POLICY case_transfer_add ON iedesk.case_transfer
	WITH CHECK (iedesk.case_writable(case_id, current_user::text) AND status = 'requested' AND decided_on IS NULL);
ALTER POLICY case_transfer_change ON iedesk.case_transfer
	USING (iedesk.case_writable(case_id, current_user::text) AND status = 'requested')
	WITH CHECK (iedesk.case_writable(case_id, current_user::text) AND status = 'requested' AND decided_on IS NULL);
ALTER POLICY case_transfer_remove ON iedesk.case_transfer
	USING (iedesk.case_writable(case_id, current_user::text) AND status = 'requested');

-- A placement is at a school of the case's district: an earlier-dated one at another district's school
-- (which the trigger does not copy onto the case) was let in, a part of the case filed under a school its
-- case workers do not hold. Moving there is a transfer.
ALTER POLICY case_placement_add ON iedesk.case_placement
	WITH CHECK (iedesk.case_writable(case_id, current_user::text)
	            AND iedesk.case_school_mine(school_id, current_user::text));
ALTER POLICY case_placement_change ON iedesk.case_placement
	USING (iedesk.case_writable(case_id, current_user::text))
	WITH CHECK (iedesk.case_writable(case_id, current_user::text)
	            AND iedesk.case_school_mine(school_id, current_user::text));

-- ---------------------------------------------------------------------------------------------------
-- The case of an IEP or a goal, for the policies: 0029's iep_case and goal_case told any case worker the
-- case of any IEP or goal by its id, another district's too (how many versions and goals its cases have).
-- Now only for a case p_login may write, NULL otherwise, which the policies refuse as before.

CREATE FUNCTION iedesk.iep_case(p_iep bigint, p_login text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT i.case_id FROM iedesk.iep i WHERE i.id = p_iep AND iedesk.case_writable(i.case_id, p_login)
$$;
CREATE FUNCTION iedesk.goal_case(p_goal bigint, p_login text) RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT i.case_id FROM iedesk.iep_goal g JOIN iedesk.iep i ON i.id = g.iep_id
	 WHERE g.id = p_goal AND iedesk.case_writable(i.case_id, p_login)
$$;
REVOKE ALL ON FUNCTION iedesk.iep_case(bigint, text), iedesk.goal_case(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.iep_case(bigint, text), iedesk.goal_case(bigint, text) TO iedesk_caseworker;

DO $$
DECLARE
	t text;
	k text;
BEGIN
	FOREACH t IN ARRAY ARRAY['iep_member', 'iep_goal', 'iep_objective', 'iep_accommodation', 'iep_service'] LOOP
		k := CASE WHEN t = 'iep_objective' THEN 'iedesk.goal_case(goal_id, current_user::text)'
		          ELSE 'iedesk.iep_case(iep_id, current_user::text)' END;
		EXECUTE format('ALTER POLICY %I ON iedesk.%I USING (iedesk.case_seen(%s, current_user::text))',
			t || '_read', t, k);
		EXECUTE format('ALTER POLICY %I ON iedesk.%I WITH CHECK (iedesk.case_writable(%s, current_user::text))',
			t || '_add', t, k);
		EXECUTE format('ALTER POLICY %I ON iedesk.%I USING (iedesk.case_writable(%s, current_user::text))'
			' WITH CHECK (iedesk.case_writable(%s, current_user::text))', t || '_change', t, k, k);
		EXECUTE format('ALTER POLICY %I ON iedesk.%I USING (iedesk.case_writable(%s, current_user::text))',
			t || '_remove', t, k);
	END LOOP;
END;
$$;
DROP FUNCTION iedesk.iep_case(bigint);
DROP FUNCTION iedesk.goal_case(bigint);

-- ---------------------------------------------------------------------------------------------------
-- The district list counts every district's cases (0029's case_district_counts): counted school by school,
-- each school's cases from its index, rather than a scan of every case for every district it shows (at a
-- city's size the planner chose one). The same columns and rules.

CREATE OR REPLACE VIEW iedesk.case_district_counts AS
SELECT d.id AS district_id,
       CASE WHEN k.cases >= 3 OR k.cases = 0 THEN k.cases END AS cases, iedesk.case_count_shown(k.cases) AS cases_shown,
       CASE WHEN k.overdue >= 3 OR k.overdue = 0 THEN k.overdue END AS overdue,
       iedesk.case_count_shown(k.overdue) AS overdue_shown
  FROM iedesk.district d
  CROSS JOIN LATERAL (
	SELECT coalesce(sum(n.cases), 0)::bigint AS cases, coalesce(sum(n.overdue), 0)::bigint AS overdue
	  FROM iedesk.school s
	  CROSS JOIN LATERAL (
		SELECT count(*) AS cases,
		       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM iedesk.case_due_each e WHERE e.case_id = c.id
		                       AND e.due IN ('iep-review', 'annual-review', 'reassessment') AND e.days_over > 0)) AS overdue
		  FROM iedesk.student_case c WHERE c.school_id = s.id AND c.status = 'open') n
	 WHERE s.district_id = d.id) k;
