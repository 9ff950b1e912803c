-- 0015_audit.sql: every insert, update and delete recorded in 0001's iedesk.audit_log (the login, when,
-- the table, the row, the whole row before and after as jsonb), and reads of student cases logged too.
-- Wrapped in a transaction by the migration runner.
--
-- The trigger runs as the owner (SECURITY DEFINER): no login may write the log itself (0012 grants none),
-- and the login recorded is session_user, the person who connected, whatever role the session has set.
-- Loads that bypass triggers (session_replication_role = replica: scripts/gendata) are not audited.

CREATE FUNCTION iedesk.audit_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
DECLARE
	v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
	v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
	INSERT INTO iedesk.audit_log (login, table_name, row_id, action, old, new)
	VALUES (session_user, TG_TABLE_NAME, (coalesce(v_new, v_old) ->> 'id')::bigint, lower(TG_OP), v_old, v_new);
	RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.audit_change() FROM PUBLIC;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['district', 'school', 'person', 'manager_appointment', 'training',
			'training_attendance', 'consortium', 'consortium_member', 'shared_resource', 'meeting',
			'meeting_attendee', 'agenda_item', 'decision', 'action_item', 'meeting_amendment', 'inspection',
			'finding', 'student_case', 'account'] LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON iedesk.%I'
			' FOR EACH ROW EXECUTE FUNCTION iedesk.audit_change()', t || '_audit', t);
	END LOOP;
END;
$$;

-- A read is an action too: of a student case, whose reads the law wants known.
ALTER TABLE iedesk.audit_log DROP CONSTRAINT audit_log_action_check;
ALTER TABLE iedesk.audit_log ADD CONSTRAINT audit_log_action_check
	CHECK (action IN ('insert', 'update', 'delete', 'read'));

-- The student cases of one school, as its reader's rights allow (row-level security of 0012 applies:
-- only case workers of the school's district see any), each row read written to the log.
CREATE FUNCTION iedesk.audit_read(p_table text, p_ids bigint[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, iedesk AS $$
	INSERT INTO iedesk.audit_log (login, table_name, row_id, action)
	SELECT session_user, p_table, id, 'read' FROM unnest(p_ids) id
$$;
REVOKE ALL ON FUNCTION iedesk.audit_read(text, bigint[]) FROM PUBLIC;

CREATE FUNCTION iedesk.student_cases(p_school bigint) RETURNS SETOF iedesk.student_case
LANGUAGE plpgsql SET search_path = pg_catalog, iedesk AS $$
DECLARE
	v_ids bigint[];
BEGIN
	SELECT array_agg(c.id ORDER BY c.id) INTO v_ids FROM iedesk.student_case c WHERE c.school_id = p_school;
	IF v_ids IS NOT NULL THEN
		PERFORM iedesk.audit_read('student_case', v_ids);
	END IF;
	RETURN QUERY SELECT c.* FROM iedesk.student_case c WHERE c.id = ANY (v_ids) ORDER BY c.id;
END;
$$;
-- A case worker may log reads (only as themselves: the login is session_user), never write other entries.
GRANT EXECUTE ON FUNCTION iedesk.student_cases(bigint) TO iedesk_caseworker;
GRANT EXECUTE ON FUNCTION iedesk.audit_read(text, bigint[]) TO iedesk_caseworker;
