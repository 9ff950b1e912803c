-- finding_resolution.sql: resolving a finding with a date and what was done (0025), as each role would try it
-- from SQL: a manager only in their district, an administrator anywhere, staff, secretaries and case workers
-- never; the date and note are stored; a date after today is refused by the database, whoever sends it.
-- Also every role reads the gaps one per row (0025's manager_gap_each) and none writes them.
BEGIN;
SELECT plan(17);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_res_manager', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_res_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_res_secretary', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_res_caseworker', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_res_admin', 'admin', NULL);
END
$$;
-- an open finding of a visited inspection in 怀柔区 (HR, 1); 密云区 (MY, 2) has none in the demo, so one is
-- recorded there, on a visit made for it
DO $$
DECLARE
	v_inspection bigint;
	v_finding bigint;
BEGIN
	PERFORM set_config('tap.hr_finding', min(f.id)::text, true)
	   FROM iedesk.finding f JOIN iedesk.inspection i ON i.id = f.inspection_id
	   JOIN iedesk.school s ON s.id = i.school_id
	  WHERE s.district_id = 1 AND f.resolved_on IS NULL AND i.visited_on IS NOT NULL;
	SELECT min(i.id) INTO v_inspection FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id
	 WHERE s.district_id = 2 AND i.status <> 'closed';
	UPDATE iedesk.inspection SET status = 'done', visited_on = least(planned_on, iedesk.today())
	 WHERE id = v_inspection AND visited_on IS NULL;
	INSERT INTO iedesk.finding (inspection_id, severity, text) VALUES (v_inspection, 'low', 'tap')
	RETURNING id INTO v_finding;
	PERFORM set_config('tap.my_finding', v_finding::text, true);
END
$$;

SET ROLE tap_res_staff;
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = 'x'
	WHERE id = current_setting('tap.hr_finding')::bigint$$, '42501', NULL, 'staff cannot resolve a finding');
SELECT is((SELECT count(*) FROM iedesk.manager_gap_each WHERE school_name = '怀柔区第三中学'), 2::bigint,
	'staff read every gap of a school, one row each');
RESET ROLE;
SET ROLE tap_res_secretary;
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = 'x'
	WHERE id = current_setting('tap.hr_finding')::bigint$$, '42501', NULL, 'a secretary cannot resolve a finding');
SELECT is(has_table_privilege('iedesk.manager_gap_each', 'INSERT, UPDATE, DELETE'), false, 'nor change the gaps');
RESET ROLE;
SET ROLE tap_res_caseworker;
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = 'x'
	WHERE id = current_setting('tap.hr_finding')::bigint$$, '42501', NULL, 'a case worker cannot resolve a finding');
SELECT lives_ok($$SELECT count(*) FROM iedesk.manager_gap_each$$, 'a case worker reads the gaps');
RESET ROLE;

SET ROLE tap_res_manager;
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-25'
	WHERE id = current_setting('tap.hr_finding')::bigint$$, '23514', 'a finding cannot be resolved after today',
	'a date after today is refused by the database');
SELECT throws_ok($$UPDATE iedesk.finding SET resolution_note = 'x'
	WHERE id = current_setting('tap.hr_finding')::bigint$$, '23514', NULL, 'what was done needs the date it was resolved');
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = '  '
	WHERE id = current_setting('tap.hr_finding')::bigint$$, '23514', NULL, 'and is not blanks');
SELECT lives_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = '资源教师到岗'
	WHERE id = current_setting('tap.hr_finding')::bigint$$,
	'a manager resolves a finding of their district with what was done');
SELECT is((SELECT resolved_on::text || ' ' || resolution_note FROM iedesk.finding
	WHERE id = current_setting('tap.hr_finding')::bigint), '2026-11-24 资源教师到岗', 'the date and the note are stored');
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = 'x'
	WHERE id = current_setting('tap.my_finding')::bigint$$, '42501', NULL,
	'a manager cannot resolve a finding of another district');
SELECT is((SELECT resolved_on FROM iedesk.finding WHERE id = current_setting('tap.my_finding')::bigint), NULL,
	'it stays open');
RESET ROLE;

SET ROLE tap_res_admin;
SELECT throws_ok($$UPDATE iedesk.finding SET resolved_on = '2027-01-01'
	WHERE id = current_setting('tap.my_finding')::bigint$$, '23514', NULL,
	'an administrator cannot date a resolution after today either');
SELECT lives_ok($$UPDATE iedesk.finding SET resolved_on = '2026-11-24', resolution_note = '已整改'
	WHERE id = current_setting('tap.my_finding')::bigint$$, 'an administrator resolves a finding of any district');
SELECT is((SELECT resolution_note FROM iedesk.finding WHERE id = current_setting('tap.my_finding')::bigint), '已整改',
	'with its note');
RESET ROLE;
-- a resolution dated before a later-fixed day stays valid: only a date set or moved is checked
SET LOCAL iedesk.today = '2026-11-01';
SELECT lives_ok($$UPDATE iedesk.finding SET resolved_on = resolved_on, severity = severity
	WHERE id = current_setting('tap.hr_finding')::bigint$$,
	'a finding resolved on a day after today (moved back) is not refused when the date is left as it is');

SELECT * FROM finish();
ROLLBACK;
