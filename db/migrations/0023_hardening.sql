-- 0023_hardening.sql: closing issue 15's holes in the database itself — a disabled account loses its groups
-- at once, the audit log and the minutes' locks are for those who write, student case counts no longer
-- single a child out, and every function of the schema has a fixed search_path with pg_temp last. Wrapped
-- in a transaction by the migration runner; runs after 0022, whose functions the last block covers too.

-- ---------------------------------------------------------------------------------------------------
-- Disabling an account. 0012 ended the login's sessions only where the owner may signal them (a
-- superuser, or pg_signal_backend); an owner with CREATEROLE alone may not, and a session left open kept
-- its group's rights: a disabled administrator could still create accounts. The login now also leaves
-- every iedesk group: privileges are checked against the groups on each statement, so an open session can
-- do nothing from its next statement on, whoever the owner is. The account keeps its role, as history.
CREATE OR REPLACE FUNCTION iedesk.account_disable(p_login text)
RETURNS iedesk.account
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	v_account iedesk.account;
	v_group text;
BEGIN
	SELECT * INTO v_account FROM iedesk.account a WHERE a.login = p_login FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no account has the login %', coalesce(p_login, '')
			USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'account_unknown';
	END IF;
	IF v_account.disabled_at IS NOT NULL THEN
		RAISE EXCEPTION 'the account % is already disabled (since %)', p_login,
			to_char(v_account.disabled_at, 'YYYY-MM-DD HH24:MI')
			USING ERRCODE = 'check_violation', CONSTRAINT = 'account_already_disabled';
	END IF;
	IF p_login = session_user THEN
		RAISE EXCEPTION 'you cannot disable your own account; ask another administrator'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'account_disable_self';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = p_login) THEN
		EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
		FOR v_group IN
			SELECT g.rolname FROM pg_catalog.pg_auth_members m
			  JOIN pg_catalog.pg_roles g ON g.oid = m.roleid JOIN pg_catalog.pg_roles r ON r.oid = m.member
			 WHERE r.rolname = p_login AND g.rolname LIKE 'iedesk\_%'
		LOOP
			EXECUTE format('REVOKE %I FROM %I', v_group, p_login);
		END LOOP;
	END IF;
	-- where the owner may, its sessions end now too; where it may not, they are left with no rights
	BEGIN
		PERFORM pg_catalog.pg_terminate_backend(s.pid) FROM pg_catalog.pg_stat_activity s
		 WHERE s.usename = p_login AND s.pid <> pg_catalog.pg_backend_pid();
	EXCEPTION WHEN insufficient_privilege THEN
		NULL;
	END;
	UPDATE iedesk.account a SET disabled_at = now() WHERE a.login = p_login RETURNING a.* INTO v_account;
	RETURN v_account;
END;
$$;

-- Accounts disabled before this migration leave their groups now.
DO $$
DECLARE
	v record;
BEGIN
	FOR v IN
		SELECT g.rolname AS grp, r.rolname AS login FROM iedesk.account a
		  JOIN pg_catalog.pg_roles r ON r.rolname = a.login
		  JOIN pg_catalog.pg_auth_members m ON m.member = r.oid JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
		 WHERE a.disabled_at IS NOT NULL AND g.rolname LIKE 'iedesk\_%'
	LOOP
		EXECUTE format('REVOKE %I FROM %I', v.grp, v.login);
	END LOOP;
END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- The audit log and the minutes' locks. 0015 let case workers call audit_read, which writes read entries
-- of any table and row; only iedesk.student_case_rows (running as the owner) needs it.
REVOKE EXECUTE ON FUNCTION iedesk.audit_read(text, bigint[]) FROM iedesk_caseworker;

-- meeting_minutes_check runs as the owner to lock the meeting and its open amendment FOR SHARE: called by
-- a login that may not write minutes, it held those locks and stalled a secretary's save. Only those whose
-- changes fire the guards that call it (secretaries and administrators) may call it now; a manager's
-- follow-up of an action item changes no minutes and never reaches it.
REVOKE ALL ON FUNCTION iedesk.meeting_minutes_check(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.meeting_minutes_check(bigint) TO iedesk_secretary, iedesk_admin;

-- ---------------------------------------------------------------------------------------------------
-- Student case counts, read by everyone with the owner's rights. A count of one or two at a school singles
-- a child out, and its need category with it (a case worker moved a case to another school inside a
-- rolled-back transaction and read its category here, with no read logged). So a category is shown at a
-- school only where it has 3 cases or more; the rest of the school's cases are one row without a category,
-- its count NULL when they are fewer than 3 (shown "<3"). What a case says is read through
-- iedesk.student_cases(), logged.
CREATE OR REPLACE VIEW iedesk.student_case_counts AS
WITH cell AS (
	SELECT c.school_id, c.need_category, count(*) AS n FROM iedesk.student_case c GROUP BY c.school_id, c.need_category
), small AS (
	SELECT cell.school_id, sum(cell.n)::bigint AS n FROM cell WHERE cell.n < 3 GROUP BY cell.school_id
)
SELECT cell.school_id, cell.need_category, cell.n AS count, cell.n::text AS shown FROM cell WHERE cell.n >= 3
UNION ALL
SELECT small.school_id, NULL::text, CASE WHEN small.n >= 3 THEN small.n END,
       CASE WHEN small.n >= 3 THEN small.n::text ELSE '<3' END
  FROM small;
ALTER VIEW iedesk.student_case_counts SET (security_invoker = false);

-- ---------------------------------------------------------------------------------------------------
-- Every function of the schema, 0022's and this file's included, with a fixed search_path ending in pg_temp:
-- unset, a policy helper resolved names through the caller's path; without pg_temp named, the session's
-- temporary schema is searched first (a temp table named jsonb broke the audit trigger). Extensions'
-- functions are theirs to set. Not the plain SQL functions that run with the caller's rights (today(), the
-- policy helpers): a SET stops the planner inlining them, which made each row they are called for several
-- times slower (3,000 findings inserted: 5 s to 27 s); they name every table with its schema and can only
-- mislead the caller's own session.
DO $$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN
		SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
		 WHERE p.pronamespace = 'iedesk'::regnamespace AND p.prokind IN ('f', 'p')
		   AND (p.prosecdef OR p.prolang <> (SELECT l.oid FROM pg_catalog.pg_language l WHERE l.lanname = 'sql'))
		   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
		                    WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
	LOOP
		EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, iedesk, pg_temp', f);
	END LOOP;
END;
$$;
