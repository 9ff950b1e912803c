-- 0005_manager_replace.sql: appointing a manager to a school that has one replaces them.
-- The current appointment ends the day before the new one starts, in the same statement (so in the
-- same transaction) as the insert; history is kept. An appointment that starts before the current
-- one began is refused by manager_appointment_ends_after_start, as it should be.

CREATE FUNCTION iedesk.manager_appointment_replace() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.ended_on IS NULL THEN
		UPDATE iedesk.manager_appointment
		   SET ended_on = NEW.started_on - 1
		 WHERE school_id = NEW.school_id AND ended_on IS NULL;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER manager_appointment_replace
	BEFORE INSERT ON iedesk.manager_appointment
	FOR EACH ROW EXECUTE FUNCTION iedesk.manager_appointment_replace();

-- Ending the current appointment of a school (the Managers pane's archive key) as one statement.
CREATE FUNCTION iedesk.manager_appointment_end(p_school bigint, p_on date)
RETURNS TABLE (id bigint, version int)
LANGUAGE sql AS $$
	UPDATE iedesk.manager_appointment a
	   SET ended_on = p_on
	 WHERE a.school_id = p_school AND a.ended_on IS NULL
	RETURNING a.id, a.version;
$$;
