-- 0008_meeting_records.sql: the indexes the meeting lists of db/list.c walk. Wrapped in a transaction by
-- the migration runner (no BEGIN/COMMIT here).

-- A meeting's agenda and decisions in order. The (meeting_id, position) keys of 0001 are deferrable
-- and end at the position; the lists key on (position, id).
CREATE INDEX agenda_item_meeting_position_idx ON iedesk.agenda_item (meeting_id, position, id);
CREATE INDEX decision_meeting_position_idx ON iedesk.decision (meeting_id, position, id);

-- Action items by due date: all of them (0001's action_item_due_idx holds only open ones), and one
-- decision's.
CREATE INDEX action_item_due_on_idx ON iedesk.action_item (due_on, id);
CREATE INDEX action_item_decision_due_idx ON iedesk.action_item (decision_id, due_on, id);

-- A meeting's attendees are found by the unique (meeting_id, person_id) of 0001 and sorted by the
-- joined name (a meeting's hundred or so rows).
