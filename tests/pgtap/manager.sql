-- manager.sql: a manager (iedesk_manager) reads every district and writes only their own: schools, their
-- managers, inspections and findings; moving a row into another district is refused. Run by pg_prove against
-- a migrated database holding the demo (怀柔区 HR is district 1, 密云区 MY district 2; inspection 3 is at
-- HR school 16, inspection 26 at MY school 103).
BEGIN;
SELECT plan(26);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_manager_hr', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_manager_my', 'manager', 'MY');
END
$$;

SET ROLE tap_manager_hr;
SELECT is(iedesk.my_district(), 1::bigint, 'a manager''s district is their account''s');
SELECT is((SELECT count(*) FROM iedesk.inspection), 27::bigint, 'a manager reads every district''s inspections');

-- Their own district
SELECT lives_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 3$$, 'a manager changes an inspection of their district');
SELECT is((SELECT summary FROM iedesk.inspection WHERE id = 3), 'tap', 'and it is changed');
SELECT lives_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (1, 'supervision', '2026-12-01')$$,
	'a manager plans an inspection in their district');
SELECT is((SELECT count(*) FROM iedesk.backlog b JOIN iedesk.inspection i ON i.id = b.inspection_id
	WHERE i.school_id = 1 AND i.planned_on = '2026-12-01'), 1::bigint, 'whose backlog row the trigger writes');
SELECT lives_ok($$INSERT INTO iedesk.finding (inspection_id, severity, text, due_on) VALUES (3, 'low', 'tap', '2026-12-20')$$,
	'a manager records a finding in their district');
SELECT lives_ok($$UPDATE iedesk.school SET phone = '010-0000 0000' WHERE id = 1$$, 'a manager changes a school of their district');
SELECT lives_ok($$INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (1, 2, '2026-11-24')$$,
	'a manager appoints a school''s manager in their district (replacing the current one)');
SELECT is((SELECT ended_on FROM iedesk.manager_appointment WHERE id = 7), '2026-11-23'::date,
	'the previous appointment ends the day before');
SELECT lives_ok($$UPDATE iedesk.action_item SET status = 'in-progress' WHERE id = 1$$, 'a manager follows up an action item');

-- Another district
SELECT throws_ok($$UPDATE iedesk.inspection SET school_id = 101 WHERE id = 3$$, '42501', NULL,
	'a manager cannot move an inspection of their district into another');
SELECT is((SELECT school_id FROM iedesk.inspection WHERE id = 3), 16::bigint, 'the inspection stays where it was');
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 26$$, '42501', NULL,
	'a manager cannot change an inspection of another district');
SELECT throws_ok($$UPDATE iedesk.inspection SET school_id = 16 WHERE id = 26$$, '42501', NULL,
	'nor take it into their own');
SELECT throws_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (101, 'supervision', '2026-12-01')$$,
	'42501', NULL, 'a manager cannot plan an inspection in another district');
SELECT throws_ok($$DELETE FROM iedesk.inspection WHERE id = 26$$, '42501', NULL,
	'a manager cannot delete an inspection of another district');
SELECT throws_ok($$INSERT INTO iedesk.finding (inspection_id, severity, text) VALUES (26, 'low', 'tap')$$, '42501', NULL,
	'a manager cannot record a finding in another district');
SELECT throws_ok($$UPDATE iedesk.school SET district_id = 2 WHERE id = 1$$, '42501', NULL,
	'a manager cannot move a school into another district');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 101$$, '42501',
	'this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)',
	'a manager cannot change another district''s school, and is told why');
SELECT throws_ok($$INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (101, 2, '2026-11-24')$$,
	'42501', NULL, 'a manager cannot appoint managers in another district');

-- What managers do not do
SELECT throws_ok($$UPDATE iedesk.meeting SET title = 'x' WHERE id = 3$$, '42501', NULL, 'a manager cannot change a meeting');
SELECT throws_ok($$UPDATE iedesk.action_item SET text = 'x' WHERE id = 1$$, '42501', NULL,
	'a manager cannot rewrite an action item');
SELECT throws_ok('SELECT count(*) FROM iedesk.student_case', '42501', NULL, 'a manager cannot read student cases');
RESET ROLE;

-- A disabled account loses its district's writes in a session still open.
SELECT lives_ok($$SELECT iedesk.account_disable('tap_manager_my')$$, 'the owner disables an account');
SET ROLE tap_manager_my;
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 26$$, '42501', NULL,
	'a disabled manager changes nothing');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
