-- 0024_account_enable.sql: enabling an account again, the inverse of 0023's account_disable — its login may
-- connect and is back in the group of the account's role (only that one: the role is the account's, as
-- account_create gave it). Refused when the account's person has since been given another active account.
CREATE FUNCTION iedesk.account_enable(p_login text)
RETURNS iedesk.account
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, iedesk, pg_temp AS $$
DECLARE
	v_account iedesk.account;
	v_other text;
BEGIN
	SELECT * INTO v_account FROM iedesk.account a WHERE a.login = p_login FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no account has the login %', coalesce(p_login, '')
			USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'account_unknown';
	END IF;
	IF v_account.disabled_at IS NULL THEN
		RAISE EXCEPTION 'the account % is already active', p_login
			USING ERRCODE = 'check_violation', CONSTRAINT = 'account_already_active';
	END IF;
	IF v_account.person_id IS NOT NULL THEN
		SELECT a.login INTO v_other FROM iedesk.account a
		 WHERE a.person_id = v_account.person_id AND a.login <> p_login AND a.disabled_at IS NULL;
		IF FOUND THEN
			RAISE EXCEPTION 'the person of % has the active account % now; disable it first', p_login, v_other
				USING ERRCODE = 'unique_violation', CONSTRAINT = 'account_person_taken';
		END IF;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname = p_login) THEN
		RAISE EXCEPTION 'the database has no login % any more; create another account', p_login
			USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'account_login_gone';
	END IF;
	EXECUTE format('ALTER ROLE %I LOGIN', p_login);
	EXECUTE format('GRANT %I TO %I', 'iedesk_' || v_account.role, p_login);
	IF v_account.person_id IS NOT NULL THEN
		UPDATE iedesk.person p SET login_role = p_login
		 WHERE p.id = v_account.person_id AND p.login_role IS DISTINCT FROM p_login;
	END IF;
	UPDATE iedesk.account a SET disabled_at = NULL WHERE a.login = p_login RETURNING a.* INTO v_account;
	RETURN v_account;
END;
$$;
REVOKE ALL ON FUNCTION iedesk.account_enable(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.account_enable(text) TO iedesk_admin;
