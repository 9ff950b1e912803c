-- 0012_roles.sql: who may read and write what. Every person logs in as their own PostgreSQL role, a member
-- of one group role; iedesk.account maps the login to a person and a district; grants say which tables a
-- group may touch, and row-level security which rows: a manager writes only their own district's schools,
-- inspections, findings, appointments and consortia, a case worker reads and writes only the student cases
-- of their own district, everyone else sees cases only as counts (iedesk.student_case_counts). Wrapped in a
-- transaction by the migration runner (no BEGIN/COMMIT here).
--
-- Group roles are cluster-wide while this file runs once per database, possibly in two databases of one
-- cluster at once: they are created only when missing, and a concurrent creation is not an error.
-- The owner of the schema (who runs migrations) and superusers bypass row-level security, so migrations,
-- the demo and the tests, which connect as the owner, are unaffected; the program never connects as the
-- owner in production. Triggers that write other tables or lock rows run as the owner (SECURITY DEFINER,
-- below), so they work for any login whose statement fired them.

-- ---------------------------------------------------------------------------------------------------
-- Group roles

DO $$
DECLARE
	g text;
BEGIN
	FOREACH g IN ARRAY ARRAY['iedesk_staff', 'iedesk_secretary', 'iedesk_manager', 'iedesk_caseworker',
			'iedesk_admin'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = g) THEN
			BEGIN
				EXECUTE format('CREATE ROLE %I NOLOGIN', g);
			EXCEPTION WHEN duplicate_object OR unique_violation THEN
				NULL;   -- another database's migration created it first
			END;
		END IF;
	END LOOP;
	FOREACH g IN ARRAY ARRAY['iedesk_secretary', 'iedesk_manager', 'iedesk_caseworker', 'iedesk_admin'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
				JOIN pg_catalog.pg_roles r ON r.oid = m.member JOIN pg_catalog.pg_roles s ON s.oid = m.roleid
				WHERE r.rolname = g AND s.rolname = 'iedesk_staff') THEN
			BEGIN
				EXECUTE format('GRANT iedesk_staff TO %I', g);
			EXCEPTION WHEN duplicate_object OR unique_violation THEN
				NULL;
			END;
		END IF;
	END LOOP;
END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- Accounts

-- A login of iedesk: whose it is, which district it works for, which group it is in. Written only by
-- iedesk.account_create and iedesk.account_disable; disabled accounts stay, as history and so that the
-- audit log's logins keep a name.
CREATE TABLE iedesk.account (
	login       text PRIMARY KEY CONSTRAINT account_login_check CHECK (login ~ '^[a-z_][a-z0-9_$]{0,62}$'),
	person_id   bigint REFERENCES iedesk.person ON DELETE RESTRICT,
	district_id bigint REFERENCES iedesk.district ON DELETE RESTRICT,
	role        text NOT NULL CONSTRAINT account_role_check
	                CHECK (role IN ('staff', 'secretary', 'manager', 'caseworker', 'admin')),
	created_at  timestamptz NOT NULL DEFAULT now(),
	created_by  text NOT NULL DEFAULT session_user,
	disabled_at timestamptz,
	-- the roles scoped by district need one
	CONSTRAINT account_district_for_scoped_roles CHECK (district_id IS NOT NULL OR role NOT IN ('manager', 'caseworker'))
);
CREATE UNIQUE INDEX account_person_idx ON iedesk.account (person_id) WHERE disabled_at IS NULL;

-- The active account of a login, for that login (or a role that may act as it: SET ROLE by a superuser).
-- SECURITY DEFINER reads the account table, which only administrators read directly; session_user is the
-- login that connected, whatever the definer.
CREATE FUNCTION iedesk.account_of(p_login text)
RETURNS TABLE (login text, role text, district_id bigint, district_code text, district_name text,
               person_id bigint, person_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
	SELECT a.login, a.role, a.district_id, d.code, d.name, a.person_id, p.name
	  FROM iedesk.account a
	  JOIN pg_catalog.pg_roles r ON r.rolname = a.login
	  LEFT JOIN iedesk.district d ON d.id = a.district_id
	  LEFT JOIN iedesk.person p ON p.id = a.person_id
	 WHERE a.login = p_login AND a.disabled_at IS NULL
	   AND pg_catalog.pg_has_role(session_user, r.oid, 'USAGE')
$$;

-- The district of the account of the login at work (current_user: the login itself, or the role a
-- superuser SET ROLE to). NULL without an account, for a disabled one and for the owner.
CREATE FUNCTION iedesk.my_district() RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT a.district_id FROM iedesk.account_of(current_user::text) a
$$;

-- May the login at work change the records of a district? Administrators always; managers their own.
CREATE FUNCTION iedesk.may_write_district(p_district bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT pg_catalog.pg_has_role(current_user, 'iedesk_admin', 'USAGE')
	    OR (pg_catalog.pg_has_role(current_user, 'iedesk_manager', 'USAGE')
	        AND p_district = iedesk.my_district())
$$;

-- may_write_district, or a refusal in words: what the write policies below check, so that a manager
-- changing another district's record is told why rather than finding nothing changed.
CREATE FUNCTION iedesk.district_write_check(p_district bigint) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
DECLARE
	v_mine bigint;
BEGIN
	IF iedesk.may_write_district(p_district) THEN
		RETURN true;
	END IF;
	v_mine := iedesk.my_district();
	IF v_mine IS NULL THEN
		RAISE EXCEPTION 'your login % has no iedesk account with a district, so it may not change the records of one; ask an administrator', current_user
			USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'district_write_check';
	END IF;
	RAISE EXCEPTION 'this record belongs to %, and your account may change only those of %',
		coalesce((SELECT d.name || ' (' || d.code || ')' FROM iedesk.district d WHERE d.id = p_district), 'no district'),
		(SELECT d.name || ' (' || d.code || ')' FROM iedesk.district d WHERE d.id = v_mine)
		USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'district_write_check';
END;
$$;

-- The district a school belongs to, and the district of a consortium and an inspection: what the policies
-- of the tables whose rows belong to a district through them compare.
CREATE FUNCTION iedesk.school_district(p_school bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT s.district_id FROM iedesk.school s WHERE s.id = p_school
$$;
CREATE FUNCTION iedesk.consortium_district(p_consortium bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT c.district_id FROM iedesk.consortium c WHERE c.id = p_consortium
$$;
CREATE FUNCTION iedesk.inspection_district(p_inspection bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT s.district_id FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE i.id = p_inspection
$$;

-- Create a login in a group, with its account. No password: the person sets one with psql's \password, or
-- the server authenticates them by peer or certificate. Refusals name a constraint of their own, with
-- the sentence as the message (db/error.c passes it on).
CREATE FUNCTION iedesk.account_create(p_login text, p_role text, p_district_code text, p_person_id bigint DEFAULT NULL)
RETURNS iedesk.account
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
DECLARE
	v_district bigint;
	v_taken text;
	v_account iedesk.account;
BEGIN
	IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_]{0,62}$' OR p_login LIKE 'pg\_%' OR p_login LIKE 'iedesk\_%' THEN
		RAISE EXCEPTION '"%" cannot be a login: use lower-case letters, digits and _, starting with a letter, and not beginning with pg_ or iedesk_', coalesce(p_login, '')
			USING ERRCODE = 'check_violation', CONSTRAINT = 'account_login_refused';
	END IF;
	IF p_role IS NULL OR p_role NOT IN ('staff', 'secretary', 'manager', 'caseworker', 'admin') THEN
		RAISE EXCEPTION 'there is no role "%": the roles are staff, secretary, manager, caseworker and admin', coalesce(p_role, '')
			USING ERRCODE = 'check_violation', CONSTRAINT = 'account_role_refused';
	END IF;
	IF EXISTS (SELECT 1 FROM iedesk.account a WHERE a.login = p_login) THEN
		RAISE EXCEPTION 'the account % already exists', p_login
			USING ERRCODE = 'unique_violation', CONSTRAINT = 'account_login_taken';
	END IF;
	IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = p_login) THEN
		RAISE EXCEPTION 'the database already has a role named %; choose another login', p_login
			USING ERRCODE = 'unique_violation', CONSTRAINT = 'account_login_taken';
	END IF;
	IF nullif(btrim(p_district_code), '') IS NOT NULL THEN
		SELECT d.id INTO v_district FROM iedesk.district d WHERE d.code = btrim(p_district_code);
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no district has the code %', btrim(p_district_code)
				USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'account_district_unknown';
		END IF;
	ELSIF p_role IN ('manager', 'caseworker') THEN
		RAISE EXCEPTION 'a % account works for one district: give its code', p_role
			USING ERRCODE = 'check_violation', CONSTRAINT = 'account_district_needed';
	END IF;
	IF p_person_id IS NOT NULL THEN
		SELECT p.login_role INTO v_taken FROM iedesk.person p WHERE p.id = p_person_id;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no person has the id %', p_person_id
				USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'account_person_unknown';
		END IF;
		IF v_taken IS DISTINCT FROM p_login AND EXISTS (SELECT 1 FROM iedesk.account a
				WHERE a.login = v_taken AND a.disabled_at IS NULL) THEN
			RAISE EXCEPTION 'person % already has the account %; disable it first', p_person_id, v_taken
				USING ERRCODE = 'unique_violation', CONSTRAINT = 'account_person_taken';
		END IF;
	END IF;

	EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', p_login, 'iedesk_' || p_role);
	INSERT INTO iedesk.account AS a (login, person_id, district_id, role, created_by)
	VALUES (p_login, p_person_id, v_district, p_role, session_user)
	RETURNING a.* INTO v_account;
	IF p_person_id IS NOT NULL THEN
		UPDATE iedesk.person p SET login_role = p_login
		 WHERE p.id = p_person_id AND p.login_role IS DISTINCT FROM p_login;
	END IF;
	RETURN v_account;
END;
$$;

-- Disable an account: its login may no longer connect, its open sessions are ended, and (my_district
-- reading only active accounts) one that could not be loses its district's writes at once. The account
-- stays, marked.
CREATE FUNCTION iedesk.account_disable(p_login text)
RETURNS iedesk.account
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
DECLARE
	v_account iedesk.account;
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
	END IF;
	-- its sessions end now, where the owner may end them (a superuser, or pg_signal_backend); those left
	-- keep reading until they disconnect, but my_district() no longer gives them a district to write
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

REVOKE ALL ON FUNCTION iedesk.account_create(text, text, text, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION iedesk.account_disable(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.account_create(text, text, text, bigint) TO iedesk_admin;
GRANT EXECUTE ON FUNCTION iedesk.account_disable(text) TO iedesk_admin;

-- ---------------------------------------------------------------------------------------------------
-- Triggers that write other tables or lock rows run as the owner, whoever fired them. Not
-- meeting_final_guard nor meeting_amendment_guard: they record current_user as who finalised or amended.

ALTER FUNCTION iedesk.manager_appointment_replace() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.meeting_minutes_check(bigint) SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.finding_rules_check() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.inspection_rules_check() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.district_archive_check() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.backlog_sync(bigint) SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.backlog_inspection_changed() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.backlog_finding_changed() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
ALTER FUNCTION iedesk.backlog_school_moved() SECURITY DEFINER SET search_path = pg_catalog, iedesk;
-- run as the owner, it is for the triggers only (meeting_minutes_check stays callable: meeting_part_guard
-- runs as whoever fired it, and it only refuses)
REVOKE ALL ON FUNCTION iedesk.backlog_sync(bigint) FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------
-- Grants. Staff read everything but student cases (and the accounts); the other groups are staff and
-- add what they write. Tables created by later migrations are readable by staff unless they say
-- otherwise (default privileges of the role running the migrations).

GRANT USAGE ON SCHEMA iedesk TO iedesk_staff;
GRANT SELECT ON ALL TABLES IN SCHEMA iedesk TO iedesk_staff;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA iedesk TO iedesk_staff;
ALTER DEFAULT PRIVILEGES IN SCHEMA iedesk GRANT SELECT ON TABLES TO iedesk_staff;
ALTER DEFAULT PRIVILEGES IN SCHEMA iedesk GRANT USAGE ON SEQUENCES TO iedesk_staff;
REVOKE ALL ON iedesk.student_case FROM iedesk_staff;
REVOKE ALL ON iedesk.account FROM iedesk_staff;
GRANT SELECT ON iedesk.account TO iedesk_admin;

-- Secretaries record meetings: the minutes and their amendments.
GRANT INSERT, UPDATE, DELETE ON iedesk.meeting, iedesk.meeting_attendee, iedesk.agenda_item, iedesk.decision,
	iedesk.action_item TO iedesk_secretary;
GRANT INSERT, UPDATE ON iedesk.meeting_amendment TO iedesk_secretary;
GRANT INSERT, UPDATE ON iedesk.person TO iedesk_secretary;
REVOKE ALL ON FUNCTION iedesk.meeting_finalise(bigint, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION iedesk.meeting_amend(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.meeting_finalise(bigint, int) TO iedesk_secretary, iedesk_admin;
GRANT EXECUTE ON FUNCTION iedesk.meeting_amend(bigint, text) TO iedesk_secretary, iedesk_admin;

-- Managers: schools, their managers, consortia, inspections and findings of their own district (the
-- policies below say which rows); people and trainings; and the follow-up of action items.
GRANT INSERT, UPDATE ON iedesk.school, iedesk.consortium TO iedesk_manager;
GRANT INSERT, UPDATE, DELETE ON iedesk.manager_appointment, iedesk.consortium_member, iedesk.shared_resource,
	iedesk.inspection, iedesk.finding TO iedesk_manager;
GRANT INSERT, UPDATE ON iedesk.person TO iedesk_manager;
GRANT INSERT, UPDATE, DELETE ON iedesk.training, iedesk.training_attendance TO iedesk_manager;
GRANT UPDATE (status, done_on) ON iedesk.action_item TO iedesk_manager;

-- Case workers: the student cases of their district.
GRANT SELECT, INSERT, UPDATE, DELETE ON iedesk.student_case TO iedesk_caseworker;

-- Administrators: every table but the student cases, which only case workers see; accounts through the
-- functions above.
GRANT INSERT, UPDATE, DELETE ON iedesk.district, iedesk.school, iedesk.person, iedesk.manager_appointment,
	iedesk.training, iedesk.training_attendance, iedesk.consortium, iedesk.consortium_member,
	iedesk.shared_resource, iedesk.meeting, iedesk.meeting_attendee, iedesk.agenda_item, iedesk.decision,
	iedesk.action_item, iedesk.inspection, iedesk.finding TO iedesk_admin;
GRANT INSERT, UPDATE ON iedesk.meeting_amendment TO iedesk_admin;

-- ---------------------------------------------------------------------------------------------------
-- Row-level security. Staff read every row (but the cases); writes must keep the row in a district the
-- login may write, before and after: USING checks the row as it was, WITH CHECK as it will be, so a
-- row is neither changed in nor moved into another district.

ALTER TABLE iedesk.school ENABLE ROW LEVEL SECURITY;
CREATE POLICY school_read ON iedesk.school FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY school_insert ON iedesk.school FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(district_id));
CREATE POLICY school_update ON iedesk.school FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(district_id)) WITH CHECK (iedesk.district_write_check(district_id));
CREATE POLICY school_delete ON iedesk.school FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(district_id));

ALTER TABLE iedesk.consortium ENABLE ROW LEVEL SECURITY;
CREATE POLICY consortium_read ON iedesk.consortium FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY consortium_insert ON iedesk.consortium FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(district_id));
CREATE POLICY consortium_update ON iedesk.consortium FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(district_id)) WITH CHECK (iedesk.district_write_check(district_id));
CREATE POLICY consortium_delete ON iedesk.consortium FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(district_id));

ALTER TABLE iedesk.consortium_member ENABLE ROW LEVEL SECURITY;
CREATE POLICY consortium_member_read ON iedesk.consortium_member FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY consortium_member_insert ON iedesk.consortium_member FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id)));
CREATE POLICY consortium_member_update ON iedesk.consortium_member FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.consortium_district(consortium_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id)));
CREATE POLICY consortium_member_delete ON iedesk.consortium_member FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.consortium_district(consortium_id)));

ALTER TABLE iedesk.shared_resource ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_resource_read ON iedesk.shared_resource FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY shared_resource_insert ON iedesk.shared_resource FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id)));
CREATE POLICY shared_resource_update ON iedesk.shared_resource FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.consortium_district(consortium_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id)));
CREATE POLICY shared_resource_delete ON iedesk.shared_resource FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.consortium_district(consortium_id)));

ALTER TABLE iedesk.manager_appointment ENABLE ROW LEVEL SECURITY;
CREATE POLICY manager_appointment_read ON iedesk.manager_appointment FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY manager_appointment_insert ON iedesk.manager_appointment FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.school_district(school_id)));
CREATE POLICY manager_appointment_update ON iedesk.manager_appointment FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.school_district(school_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.school_district(school_id)));
CREATE POLICY manager_appointment_delete ON iedesk.manager_appointment FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.school_district(school_id)));

ALTER TABLE iedesk.inspection ENABLE ROW LEVEL SECURITY;
CREATE POLICY inspection_read ON iedesk.inspection FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY inspection_insert ON iedesk.inspection FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.school_district(school_id)));
CREATE POLICY inspection_update ON iedesk.inspection FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.school_district(school_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.school_district(school_id)));
CREATE POLICY inspection_delete ON iedesk.inspection FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.school_district(school_id)));

ALTER TABLE iedesk.finding ENABLE ROW LEVEL SECURITY;
CREATE POLICY finding_read ON iedesk.finding FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY finding_insert ON iedesk.finding FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.inspection_district(inspection_id)));
CREATE POLICY finding_update ON iedesk.finding FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.inspection_district(inspection_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.inspection_district(inspection_id)));
CREATE POLICY finding_delete ON iedesk.finding FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.inspection_district(inspection_id)));

-- Student cases: only case workers, and only their own district's; everyone else reads
-- iedesk.student_case_counts, a view that reads the table with its owner's rights.
ALTER TABLE iedesk.student_case ENABLE ROW LEVEL SECURITY;
CREATE POLICY student_case_caseworker ON iedesk.student_case FOR ALL TO iedesk_caseworker
	USING (school_id IN (SELECT s.id FROM iedesk.school s WHERE s.district_id = iedesk.my_district()))
	WITH CHECK (school_id IN (SELECT s.id FROM iedesk.school s WHERE s.district_id = iedesk.my_district()));
ALTER VIEW iedesk.student_case_counts SET (security_invoker = false);

-- The audit log holds whole rows: a student case's only for case workers, an account's only for
-- administrators. It is written by triggers running as the owner, never by a login directly.
ALTER TABLE iedesk.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON iedesk.audit_log FOR SELECT TO iedesk_staff
	USING (CASE table_name
	           WHEN 'student_case' THEN pg_catalog.pg_has_role(current_user, 'iedesk_caseworker', 'USAGE')
	           WHEN 'account' THEN pg_catalog.pg_has_role(current_user, 'iedesk_admin', 'USAGE')
	           ELSE true END);
