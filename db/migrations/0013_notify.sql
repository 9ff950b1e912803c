-- 0013_notify.sql: live updates — every change to an editable table (and to the derived backlog) tells
-- every listening iedesk which row changed, on the channel iedesk, as "table:id" (the backlog's id is its
-- inspection's). Wrapped in a transaction by the migration runner.
--
-- The payload stays small on purpose: a NOTIFY carries at most 8000 bytes and is queued per listener, so
-- the row itself is read again by whoever shows it. Notifications are sent at commit and only then;
-- identical ones of one transaction are sent once, so a bulk change costs one per row.

CREATE FUNCTION iedesk.notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	IF TG_OP = 'DELETE' THEN
		r := OLD;
	ELSE
		r := NEW;
	END IF;
	-- plpgsql plans a statement when it first runs it, per table: the backlog's branch never sees r.id
	IF TG_TABLE_NAME = 'backlog' THEN
		PERFORM pg_notify('iedesk', TG_TABLE_NAME || ':' || r.inspection_id);
	ELSE
		PERFORM pg_notify('iedesk', TG_TABLE_NAME || ':' || r.id);
	END IF;
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['district', 'school', 'person', 'manager_appointment', 'training',
		'training_attendance', 'consortium', 'consortium_member', 'shared_resource', 'meeting',
		'meeting_attendee', 'agenda_item', 'decision', 'action_item', 'inspection', 'finding',
		'meeting_amendment', 'backlog']
	LOOP
		EXECUTE format('CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON iedesk.%I'
			' FOR EACH ROW EXECUTE FUNCTION iedesk.notify_change()', t);
	END LOOP;
END
$$;
