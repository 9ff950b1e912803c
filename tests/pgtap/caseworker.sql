-- caseworker.sql: student cases are seen only by the case workers of their school's district, every read
-- logged (0029); everyone sees how many there are. tests/pgtap/cases.sql tries the parts of a case. Run by pg_prove against a migrated database holding the demo (14 cases in 怀柔区 HR,
-- 2 in 密云区 MY; case 1 at HR school 1, case 15 at MY school 101).
BEGIN;
SELECT plan(24);
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_case_hr', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_case_my', 'caseworker', 'MY');
	PERFORM iedesk.account_create('tap_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_secretary', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_manager_hr', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_admin', 'admin', NULL);
END
$$;

SET ROLE tap_case_hr;
SELECT is((SELECT count(*) FROM iedesk.student_case), 14::bigint, 'a case worker of HR sees the 14 cases of HR');
SELECT is((SELECT count(*) FROM iedesk.student_case s JOIN iedesk.school c ON c.id = s.school_id WHERE c.district_id <> 1),
	0::bigint, 'and none of another district');
SELECT lives_ok($$INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES (2, 'TAP-1', 'autism')$$,
	'a case worker adds a case in their district');
SELECT lives_ok($$UPDATE iedesk.student_case SET placement = 'special-class' WHERE id = 1$$, 'and changes one');
SELECT throws_ok($$UPDATE iedesk.student_case SET school_id = 101 WHERE id = 1$$, '42501', NULL,
	'a case worker cannot move a case into another district');
SELECT throws_ok($$INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES (101, 'TAP-2', 'autism')$$,
	'42501', NULL, 'nor add one there');
UPDATE iedesk.student_case SET placement = 'special-class' WHERE id = 15;
-- what a case says: read from the table itself, each case read logged by the policy (0029's case_seen)
SELECT lives_ok('SELECT need_category FROM iedesk.student_case WHERE school_id = 1',
	'a case worker reads what a case says from the table');
SELECT is((SELECT count(*) FROM iedesk.student_case WHERE school_id = 1), 2::bigint,
	'every case of a school of their district');
SELECT is((SELECT count(*) FROM iedesk.student_case WHERE school_id = 101), 0::bigint,
	'and none of a school of another district');
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'x' WHERE id = 3$$, '42501', NULL,
	'a case worker cannot change an inspection');
RESET ROLE;
SELECT is((SELECT placement FROM iedesk.student_case WHERE id = 15), 'resource-classroom'::text,
	'a case worker of HR changed no case of MY');

SET ROLE tap_case_my;
SELECT is((SELECT count(*) FROM iedesk.student_case), 2::bigint, 'a case worker of MY sees the 2 cases of MY');
RESET ROLE;
SELECT is((SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND table_name = 'student_case'
	AND read_xact = txid_current()), 16::bigint, 'each case read logged once in the transaction, however often read');
SELECT is((SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND table_name = 'student_case'
	AND row_id IN (15, 16)), 2::bigint, '(the two of MY once, by the case worker of MY)');
SET ROLE tap_staff;
SELECT throws_ok('SELECT * FROM iedesk.student_case', '42501', NULL, 'staff cannot read cases');
RESET ROLE;

-- Counts for everyone
SET ROLE tap_staff;
SELECT cmp_ok((SELECT count(*) FROM iedesk.student_case_counts), '>', 0::bigint, 'staff see that there are cases');
RESET ROLE;
SET ROLE tap_secretary;
SELECT cmp_ok((SELECT count(*) FROM iedesk.student_case_counts), '>', 0::bigint, 'so do secretaries');
RESET ROLE;
SET ROLE tap_manager_hr;
SELECT cmp_ok((SELECT count(*) FROM iedesk.student_case_counts), '>', 0::bigint, 'and managers');
RESET ROLE;
SET ROLE tap_case_my;
SELECT cmp_ok((SELECT count(*) FROM iedesk.student_case_counts), '>', 0::bigint, 'and case workers, of every district');
RESET ROLE;
SET ROLE tap_admin;
SELECT cmp_ok((SELECT count(*) FROM iedesk.student_case_counts), '>', 0::bigint, 'and administrators');
SELECT throws_ok('SELECT count(*) FROM iedesk.student_case', '42501', NULL, 'who do not read the cases themselves');
RESET ROLE;

-- The audit log keeps the cases' rows from those who may not read them
SET ROLE tap_staff;
SELECT is((SELECT count(*) FROM iedesk.audit_log WHERE table_name = 'student_case'), 0::bigint,
	'staff read no student case in the audit log');
RESET ROLE;
SELECT cmp_ok((SELECT count(*) FROM iedesk.audit_log WHERE table_name = 'student_case'), '>', 0::bigint,
	'(there are such rows: the changes and reads above)');
SET ROLE tap_case_hr;
SELECT is((SELECT count(*) FROM iedesk.audit_log WHERE table_name = 'student_case'), 0::bigint,
	'nor do case workers: the rows hold whole cases, and reading them would go unlogged');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
