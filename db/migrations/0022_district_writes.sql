-- 0022_district_writes.sql: every login writes only what its role and district allow (issue 15). 0012
-- scoped schools, consortia, inspections and findings by district, but meetings and their parts, people,
-- and the schools a consortium's rows point at leaned on grants alone: a secretary of one district changed
-- another's minutes, a manager another district's action items and people, and who finalised minutes was
-- whatever the client sent. Wrapped in a transaction by the migration runner (no BEGIN/COMMIT here).
--
-- The owner of the schema and superusers bypass row-level security, as in 0012, so the demo, imports and
-- the tests connecting as the owner are unaffected.

-- ---------------------------------------------------------------------------------------------------
-- Who writes a district's records: administrators every district's; managers and, now, secretaries their
-- account's. Grants still say which tables each group writes at all (secretaries: meetings and people), so
-- naming secretaries here gives them no school or inspection.
CREATE OR REPLACE FUNCTION iedesk.may_write_district(p_district bigint) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT pg_catalog.pg_has_role(current_user, 'iedesk_admin', 'USAGE')
	    OR ((pg_catalog.pg_has_role(current_user, 'iedesk_manager', 'USAGE')
	         OR pg_catalog.pg_has_role(current_user, 'iedesk_secretary', 'USAGE'))
	        AND p_district = iedesk.my_district())
$$;

-- The district of a meeting, and of a decision (an action item belongs to a meeting through it).
CREATE FUNCTION iedesk.meeting_district(p_meeting bigint) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT m.district_id FROM iedesk.meeting m WHERE m.id = p_meeting
$$;
CREATE FUNCTION iedesk.decision_district(p_decision bigint) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, iedesk, pg_temp AS $$
	SELECT m.district_id FROM iedesk.decision d JOIN iedesk.meeting m ON m.id = d.meeting_id WHERE d.id = p_decision
$$;

-- A consortium's rows name schools (its lead, its members, a resource's provider): each must be of the
-- consortium's district, or a manager could bind another district's school to their own consortium. A
-- row naming no school passes. Refused in words, as district_write_check is.
CREATE FUNCTION iedesk.district_school_check(p_district bigint, p_school bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	v_school_district bigint;
BEGIN
	IF p_school IS NULL THEN
		RETURN true;
	END IF;
	v_school_district := iedesk.school_district(p_school);
	IF v_school_district IS NOT DISTINCT FROM p_district THEN
		RETURN true;
	END IF;
	RAISE EXCEPTION 'school % belongs to %, so a consortium of % may not name it',
		p_school,
		coalesce((SELECT d.name || ' (' || d.code || ')' FROM iedesk.district d WHERE d.id = v_school_district), 'no district'),
		coalesce((SELECT d.name || ' (' || d.code || ')' FROM iedesk.district d WHERE d.id = p_district), 'no district')
		USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'district_school_check';
END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- Meetings and their minutes: a meeting's district, and its parts through it. USING checks the row as it
-- was, WITH CHECK as it will be, so neither another district's meeting is changed nor one moved there.

ALTER TABLE iedesk.meeting ENABLE ROW LEVEL SECURITY;
CREATE POLICY meeting_read ON iedesk.meeting FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY meeting_insert ON iedesk.meeting FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(district_id));
CREATE POLICY meeting_update ON iedesk.meeting FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(district_id)) WITH CHECK (iedesk.district_write_check(district_id));
CREATE POLICY meeting_delete ON iedesk.meeting FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(district_id));

ALTER TABLE iedesk.meeting_attendee ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.agenda_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE iedesk.meeting_amendment ENABLE ROW LEVEL SECURITY;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['meeting_attendee', 'agenda_item', 'decision', 'meeting_amendment'] LOOP
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR SELECT TO iedesk_staff USING (true)', t || '_read', t);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR INSERT TO iedesk_staff
			WITH CHECK (iedesk.district_write_check(iedesk.meeting_district(meeting_id)))', t || '_insert', t);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR UPDATE TO iedesk_staff
			USING (iedesk.district_write_check(iedesk.meeting_district(meeting_id)))
			WITH CHECK (iedesk.district_write_check(iedesk.meeting_district(meeting_id)))', t || '_update', t);
		EXECUTE format('CREATE POLICY %I ON iedesk.%I FOR DELETE TO iedesk_staff
			USING (iedesk.district_write_check(iedesk.meeting_district(meeting_id)))', t || '_delete', t);
	END LOOP;
END;
$$;

-- Action items: the secretary of the meeting's district writes them, and its manager follows them up
-- (0012 grants managers only status and done_on).
ALTER TABLE iedesk.action_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY action_item_read ON iedesk.action_item FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY action_item_insert ON iedesk.action_item FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.decision_district(decision_id)));
CREATE POLICY action_item_update ON iedesk.action_item FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.decision_district(decision_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.decision_district(decision_id)));
CREATE POLICY action_item_delete ON iedesk.action_item FOR DELETE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.decision_district(decision_id)));

-- Who finalised the minutes, and when, is the server's to say. 0009 took a finalised_by the client sent
-- (for imports) and any finalised_at; now only the schema's owner (the demo, imports) may say so, and
-- minutes become final only by an update of a draft, so a login cannot insert them already final.
CREATE FUNCTION iedesk.meeting_final_source() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk, pg_temp AS $$
BEGIN
	IF pg_catalog.pg_has_role(current_user,
			(SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'iedesk'), 'USAGE') THEN
		RETURN NEW;
	END IF;
	IF TG_OP = 'INSERT' AND NEW.status = 'final' THEN
		RAISE EXCEPTION 'a meeting is recorded as a draft first; its minutes become final when finalised'
			USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_insert_final';
	END IF;
	IF TG_OP = 'UPDATE' AND OLD.status = 'draft' AND NEW.status = 'final' THEN
		NEW.finalised_at := now();
		NEW.finalised_by := current_user;
	ELSIF TG_OP = 'UPDATE' AND OLD.status = 'draft' THEN
		NEW.finalised_by := NULL;
	END IF;
	RETURN NEW;
END;
$$;
-- named to fire after meeting_final_guard (triggers fire in name order), whose coalesce it overrides
CREATE TRIGGER meeting_final_source
	BEFORE INSERT OR UPDATE ON iedesk.meeting
	FOR EACH ROW EXECUTE FUNCTION iedesk.meeting_final_source();

-- ---------------------------------------------------------------------------------------------------
-- People: a manager or secretary writes the people of their district; a person of no district only while
-- no login belongs to it. A person's login is set by iedesk.account_create alone (it runs as the owner):
-- iedesk.login_name shows the person's name as who finalised minutes, so a person whose login_role a
-- client could set would forge that name.
ALTER TABLE iedesk.person ENABLE ROW LEVEL SECURITY;
CREATE POLICY person_read ON iedesk.person FOR SELECT TO iedesk_staff USING (true);
CREATE POLICY person_insert ON iedesk.person FOR INSERT TO iedesk_staff
	WITH CHECK ((district_id IS NULL AND login_role IS NULL) OR iedesk.district_write_check(district_id));
CREATE POLICY person_update ON iedesk.person FOR UPDATE TO iedesk_staff
	USING ((district_id IS NULL AND login_role IS NULL) OR iedesk.district_write_check(district_id))
	WITH CHECK ((district_id IS NULL AND login_role IS NULL) OR iedesk.district_write_check(district_id));
CREATE POLICY person_delete ON iedesk.person FOR DELETE TO iedesk_staff
	USING ((district_id IS NULL AND login_role IS NULL) OR iedesk.district_write_check(district_id));
REVOKE INSERT, UPDATE ON iedesk.person FROM iedesk_secretary, iedesk_manager;
GRANT INSERT (id, name, phone, email, district_id, version, updated_at, client_key),
	UPDATE (name, phone, email, district_id, version, updated_at)
	ON iedesk.person TO iedesk_secretary, iedesk_manager;

-- ---------------------------------------------------------------------------------------------------
-- Consortia name schools of their own district only: the lead, the members, the resources' providers.
-- Replaces 0012's write policies, adding the school to what WITH CHECK checks.

DROP POLICY consortium_insert ON iedesk.consortium;
DROP POLICY consortium_update ON iedesk.consortium;
CREATE POLICY consortium_insert ON iedesk.consortium FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(district_id) AND iedesk.district_school_check(district_id, lead_school_id));
CREATE POLICY consortium_update ON iedesk.consortium FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(district_id))
	WITH CHECK (iedesk.district_write_check(district_id) AND iedesk.district_school_check(district_id, lead_school_id));

DROP POLICY consortium_member_insert ON iedesk.consortium_member;
DROP POLICY consortium_member_update ON iedesk.consortium_member;
CREATE POLICY consortium_member_insert ON iedesk.consortium_member FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id))
	            AND iedesk.district_school_check(iedesk.consortium_district(consortium_id), school_id));
CREATE POLICY consortium_member_update ON iedesk.consortium_member FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.consortium_district(consortium_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id))
	            AND iedesk.district_school_check(iedesk.consortium_district(consortium_id), school_id));

DROP POLICY shared_resource_insert ON iedesk.shared_resource;
DROP POLICY shared_resource_update ON iedesk.shared_resource;
CREATE POLICY shared_resource_insert ON iedesk.shared_resource FOR INSERT TO iedesk_staff
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id))
	            AND iedesk.district_school_check(iedesk.consortium_district(consortium_id), provider_school_id));
CREATE POLICY shared_resource_update ON iedesk.shared_resource FOR UPDATE TO iedesk_staff
	USING (iedesk.district_write_check(iedesk.consortium_district(consortium_id)))
	WITH CHECK (iedesk.district_write_check(iedesk.consortium_district(consortium_id))
	            AND iedesk.district_school_check(iedesk.consortium_district(consortium_id), provider_school_id));

-- ---------------------------------------------------------------------------------------------------
-- Tables without row-level security, and why:
-- rls: none (only administrators read it; written only by account_create and account_disable, as the owner) account
-- rls: none (written only by triggers running as the owner; everyone reads it) backlog
-- rls: none (written only by triggers running as the owner; everyone reads it) backlog_tally
-- rls: none (only administrators write it, and they write every district) district
-- rls: none (trainings are the commission's, not a district's; managers of every district record them) training
-- rls: none (an attendance belongs to a training, which is no district's) training_attendance
