-- 0021_today_ends.sql: when the database's day ends. A program open across midnight asks for
-- iedesk.today() again then, so its prefills and overdue counts move on with the database, whatever the
-- clocks of the machines in between say. Wrapped in a transaction by the migration runner.

-- The next midnight in the session's time zone, when current_date (and so iedesk.today()) changes; NULL
-- when the session has fixed its day (SET iedesk.today, iedesk --today), which never ends.
CREATE FUNCTION iedesk.today_ends() RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog AS $$
	SELECT CASE WHEN nullif(current_setting('iedesk.today', true), '') IS NULL
	            THEN (current_date + 1)::timestamptz END
$$;
REVOKE EXECUTE ON FUNCTION iedesk.today_ends() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION iedesk.today_ends() TO iedesk_staff;
