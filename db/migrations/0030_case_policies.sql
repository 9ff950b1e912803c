-- 0030_case_policies.sql: two of 0029's rules that refused everyone they were meant to let through.
-- Wrapped in a transaction by the migration runner.
--
-- A transfer is decided by the login at work. 0029's
-- iedesk.case_transfer_decide runs as the schema's owner (SECURITY DEFINER, to write a case the caller does not
-- read yet), so current_user inside it is the owner, and it asked whether the owner is a case worker of the
-- receiving district: no one could ever accept a transfer. It asks about session_user, the caller's login, as
-- iedesk.case_school_mine expects.

CREATE OR REPLACE FUNCTION iedesk.case_transfer_decide(p_transfer bigint, p_accept boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	t iedesk.case_transfer;
	v_placement text;
BEGIN
	SELECT * INTO t FROM iedesk.case_transfer WHERE id = p_transfer FOR UPDATE;
	IF NOT FOUND OR NOT iedesk.case_school_mine(t.to_school_id, session_user::text) THEN
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

-- A new case is read back as it is saved (INSERT ... RETURNING), and so passes the read policy. 0029's
-- iedesk.case_seen looks the case up by its id to find its district, and the row being inserted is not there
-- yet for it to find: no case worker could add a case. The read policy asks the row's own school instead,
-- which is the same rule for a row that is there (a case is its school's district's), and logs the read as
-- case_seen does.
CREATE FUNCTION iedesk.case_seen_at(p_case bigint, p_school bigint, p_login text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
BEGIN
	IF NOT iedesk.case_school_mine(p_school, p_login) THEN
		RETURN false;
	END IF;
	INSERT INTO iedesk.audit_log (login, table_name, row_id, action, read_xact)
	VALUES (session_user, 'student_case', p_case, 'read', pg_catalog.txid_current())
	ON CONFLICT (table_name, row_id, login, read_xact) WHERE action = 'read' DO NOTHING;
	RETURN true;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.case_seen_at(bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.case_seen_at(bigint, bigint, text) TO iedesk_caseworker;

DROP POLICY student_case_read ON iedesk.student_case;
CREATE POLICY student_case_read ON iedesk.student_case FOR SELECT TO iedesk_caseworker
	USING (iedesk.case_seen_at(id, school_id, current_user::text));
