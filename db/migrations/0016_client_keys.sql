-- 0016_client_keys.sql: a key the client chooses for every row it inserts, so that an INSERT sent again
-- after its answer was lost (the session re-sends what was in flight) finds the row the first one stored
-- instead of storing it twice or being refused as a duplicate of itself. Wrapped in a transaction by the
-- migration runner.
--
-- Rows stored before (and rows loaded by other means) keep NULL, which UNIQUE lets any number of rows
-- share. The key never changes after the insert, so 0009's meeting_part_guard (comparing whole rows) and
-- the audit and notify triggers (0013, 0015) need nothing; INSERT is granted per table (0012), so the
-- new column is covered.

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['district', 'school', 'consortium', 'consortium_member', 'shared_resource', 'person',
			'manager_appointment', 'training', 'training_attendance', 'meeting', 'meeting_attendee',
			'agenda_item', 'decision', 'action_item', 'inspection', 'finding'] LOOP
		EXECUTE format('ALTER TABLE iedesk.%I ADD COLUMN client_key uuid, ADD CONSTRAINT %I UNIQUE (client_key)',
			t, t || '_client_key_key');
	END LOOP;
END;
$$;
