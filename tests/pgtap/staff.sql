-- staff.sql: what a staff login (iedesk_staff) and a meeting secretary (iedesk_secretary) may read and
-- write. Run by pg_prove against a migrated database holding the demo (tests/test_policies.c); the logins
-- are created inside the transaction and rolled back with it.
BEGIN;
SELECT plan(32);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_secretary', 'secretary', 'HR');
END
$$;

-- What each group may write at all, table by table (rows are the policies' business, below and in the
-- other files): a table added later is written by nobody until a migration says who.
CREATE TEMP VIEW tap_writable AS
SELECT r.rolname AS role, c.relname AS table_name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN pg_roles r
 WHERE n.nspname = 'iedesk' AND c.relkind IN ('r', 'v', 'p') AND r.rolname LIKE 'iedesk\_%'
   AND (has_table_privilege(r.oid, c.oid, 'INSERT') OR has_any_column_privilege(r.oid, c.oid, 'UPDATE')
        OR has_table_privilege(r.oid, c.oid, 'DELETE') OR has_table_privilege(r.oid, c.oid, 'TRUNCATE'));
GRANT SELECT ON tap_writable TO PUBLIC;
SELECT is_empty($$SELECT table_name FROM tap_writable WHERE role = 'iedesk_staff'$$, 'staff may write no table');
SELECT set_eq($$SELECT table_name FROM tap_writable WHERE role = 'iedesk_secretary'$$,
	ARRAY['meeting', 'meeting_attendee', 'agenda_item', 'decision', 'action_item', 'meeting_amendment', 'person'],
	'secretaries write meetings, their parts and people');
SELECT set_eq($$SELECT table_name FROM tap_writable WHERE role = 'iedesk_manager'$$,
	ARRAY['school', 'consortium', 'consortium_member', 'shared_resource', 'manager_appointment', 'inspection',
	      'finding', 'person', 'training', 'training_attendance', 'action_item', 'partner', 'partnership',
	      'committee_member', 'activity'],
	'managers write schools, consortia, appointments, inspections, findings, people, trainings (and action items'' status), partners, partnerships, parent committees and activities');
SELECT set_eq($$SELECT table_name FROM tap_writable WHERE role = 'iedesk_caseworker'$$,
	ARRAY['student_case', 'case_assessment', 'case_placement', 'iep', 'iep_member', 'iep_goal', 'iep_objective',
	      'iep_accommodation', 'iep_service', 'case_session', 'case_progress', 'case_contact', 'case_review',
	      'case_transfer'],
	'case workers write student cases and their parts only (0029)');
SELECT set_eq($$SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'iedesk' AND c.relrowsecurity$$,
	ARRAY['school', 'consortium', 'consortium_member', 'shared_resource', 'manager_appointment', 'inspection',
	      'finding', 'student_case', 'audit_log', 'meeting', 'meeting_attendee', 'agenda_item', 'decision',
	      'action_item', 'meeting_amendment', 'person', 'case_assessment', 'case_placement', 'iep', 'iep_member',
	      'iep_goal', 'iep_objective', 'iep_accommodation', 'iep_service', 'case_session', 'case_progress',
	      'case_contact', 'case_review', 'case_transfer', 'partner', 'partnership', 'committee_member', 'activity'],
	'the tables whose rows belong to a district have row-level security');

-- Staff read everything but the student cases and the accounts; they write nothing.
SET ROLE tap_staff;
SELECT is((SELECT count(*) FROM iedesk.inspection), 27::bigint, 'staff read every inspection');
SELECT is((SELECT count(*) FROM iedesk.school), 38::bigint, 'staff read every school');
SELECT ok((SELECT count(*) FROM iedesk.meeting) > 0, 'staff read meetings');
SELECT is((SELECT count(*) FROM iedesk.backlog), 20::bigint, 'staff read the backlog');
SELECT cmp_ok((SELECT count(*) FROM iedesk.student_case_counts), '>', 0::bigint, 'staff see that there are student cases');
SELECT throws_ok('SELECT count(*) FROM iedesk.student_case', '42501', NULL, 'staff cannot read student cases');
SELECT throws_ok('SELECT count(*) FROM iedesk.account', '42501', NULL, 'staff cannot read the accounts');
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'x' WHERE id = 3$$, '42501', NULL,
	'staff cannot change an inspection');
SELECT throws_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (1, 'supervision', '2026-12-01')$$,
	'42501', NULL, 'staff cannot add an inspection');
SELECT throws_ok($$UPDATE iedesk.meeting SET title = 'x' WHERE id = 3$$, '42501', NULL, 'staff cannot change a meeting');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 1$$, '42501', NULL, 'staff cannot change a school');
SELECT throws_ok($$INSERT INTO iedesk.person (name) VALUES ('x')$$, '42501', NULL, 'staff cannot add a person');
SELECT throws_ok($$DELETE FROM iedesk.finding$$, '42501', NULL, 'staff cannot delete findings');
SELECT throws_ok($$SELECT iedesk.account_create('tap_other', 'admin', NULL)$$, '42501', NULL,
	'staff cannot create accounts');
RESET ROLE;

-- Secretaries record meetings, and nothing else.
SET ROLE tap_secretary;
SELECT lives_ok($$INSERT INTO iedesk.meeting (district_id, kind, title, held_on) VALUES (1, 'committee', 'tap', '2026-11-24')$$,
	'a secretary adds a meeting to her district');
SELECT lives_ok($$INSERT INTO iedesk.agenda_item (meeting_id, position, title)
	SELECT id, 1, 'tap' FROM iedesk.meeting WHERE title = 'tap'$$, 'a secretary adds an agenda item');
SELECT lives_ok($$INSERT INTO iedesk.decision (meeting_id, position, text) SELECT id, 1, 'tap' FROM iedesk.meeting WHERE title = 'tap'$$,
	'a secretary records a decision');
SELECT lives_ok($$INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)
	SELECT d.id, 'tap', 'unit', '2026-12-31' FROM iedesk.decision d JOIN iedesk.meeting m ON m.id = d.meeting_id WHERE m.title = 'tap'$$,
	'a secretary adds an action item');
SELECT is((SELECT count(*) FROM iedesk.meeting_finalise((SELECT id FROM iedesk.meeting WHERE title = 'tap'),
	(SELECT version FROM iedesk.meeting WHERE title = 'tap'))), 1::bigint, 'a secretary finalises the minutes');
SELECT is((SELECT finalised_by FROM iedesk.meeting WHERE title = 'tap'), 'tap_secretary', 'as herself');
SELECT lives_ok($$SELECT iedesk.meeting_amend((SELECT id FROM iedesk.meeting WHERE title = 'tap'), 'a typo')$$,
	'a secretary opens an amendment');
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'x' WHERE id = 3$$, '42501', NULL,
	'a secretary cannot change an inspection');
SELECT throws_ok($$INSERT INTO iedesk.finding (inspection_id, severity, text) VALUES (3, 'low', 'x')$$, '42501', NULL,
	'a secretary cannot add a finding');
SELECT throws_ok('SELECT count(*) FROM iedesk.student_case', '42501', NULL, 'a secretary cannot read student cases');
RESET ROLE;

-- The day ends at the session's midnight (0021), which the program waits for; a fixed day never ends.
SET ROLE tap_staff;
SELECT is(iedesk.today_ends(), NULL, 'a fixed day never ends');
SET LOCAL iedesk.today = '';
SET LOCAL TimeZone = 'Asia/Shanghai';
SELECT is(iedesk.today_ends(), (current_date + 1)::timestamptz, 'the day ends at the session''s midnight');
SELECT cmp_ok(iedesk.today_ends() - now(), '<=', interval '1 day', 'within a day from now');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
