-- hardening.sql: issue 15's holes, each tried by every role it concerns, as that role (0023_hardening.sql):
-- a disabled account's open session, the audit log and the minutes' locks, counts that single a child
-- out, and the functions' search_path. Run by pg_prove against a migrated database holding the demo.
BEGIN;
SELECT plan(26);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_secretary', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_manager', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_case', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_admin', 'admin', NULL);
	PERFORM iedesk.account_create('tap_off_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_off_secretary', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_off_manager', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_off_case', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_off_admin', 'admin', NULL);
END
$$;

-- A disabled account can do nothing, its session open or not: it is in no group any more.
SET ROLE tap_admin;
SELECT lives_ok($$SELECT iedesk.account_disable(l) FROM unnest(ARRAY['tap_off_staff', 'tap_off_secretary',
	'tap_off_manager', 'tap_off_case', 'tap_off_admin']) l$$, 'an administrator disables one account of each role');
RESET ROLE;
SET ROLE tap_off_staff;
SELECT throws_ok('SELECT count(*) FROM iedesk.school', '42501', NULL, 'a disabled staff login reads nothing');
RESET ROLE;
SET ROLE tap_off_secretary;
SELECT throws_ok($$UPDATE iedesk.meeting SET title = 'x' WHERE id = 3$$, '42501', NULL,
	'a disabled secretary changes no meeting');
RESET ROLE;
SET ROLE tap_off_manager;
SELECT throws_ok('SELECT count(*) FROM iedesk.inspection', '42501', NULL, 'a disabled manager reads nothing');
RESET ROLE;
SET ROLE tap_off_case;
SELECT throws_ok('SELECT count(*) FROM iedesk.student_case', '42501', NULL, 'a disabled case worker finds no case');
RESET ROLE;
SET ROLE tap_off_admin;
SELECT throws_ok($$SELECT iedesk.account_create('tap_sneak', 'admin', NULL)$$, '42501', NULL,
	'a disabled administrator creates no administrator');
RESET ROLE;
SELECT ok(NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tap_sneak'), '(and none was created)');

-- Only the cases' policies (iedesk.case_seen, 0029) write read entries to the audit log; meeting_minutes_check
-- locks for writers.
SET ROLE tap_case;
SELECT throws_ok($$SELECT iedesk.audit_read('student_case', ARRAY[15::bigint])$$, '42501', NULL,
	'a case worker cannot write a made-up read entry');
SELECT lives_ok('SELECT * FROM iedesk.student_case WHERE school_id = 1', 'but reads the cases of their district, logged');
SELECT throws_ok('SELECT iedesk.meeting_minutes_check(3)', '42501', NULL, 'nor lock a meeting''s rows');
RESET ROLE;
SET ROLE tap_staff;
SELECT throws_ok($$SELECT iedesk.audit_read('school', ARRAY[1::bigint])$$, '42501', NULL, 'nor can staff');
SELECT throws_ok('SELECT iedesk.meeting_minutes_check(3)', '42501', NULL, 'staff lock no meeting rows');
RESET ROLE;
SET ROLE tap_manager;
SELECT throws_ok('SELECT iedesk.meeting_minutes_check(3)', '42501', NULL, 'nor do managers');
RESET ROLE;
SET ROLE tap_secretary;
SELECT lives_ok($$INSERT INTO iedesk.agenda_item (meeting_id, position, title) VALUES (3, 99, 'tap')$$,
	'a secretary still changes a draft''s minutes, checked');
SELECT throws_ok($$INSERT INTO iedesk.agenda_item (meeting_id, position, title) VALUES (1, 99, 'tap')$$, '23514', NULL,
	'and is still refused on final ones');
RESET ROLE;

-- Counts single no child out, for any role; a case moved to an empty school shows no category there.
SELECT is((SELECT count(*) FROM iedesk.student_case_counts c WHERE c.need_category IS NOT NULL AND c.count < 3),
	0::bigint, 'no category is shown with fewer than 3 cases');
SET ROLE tap_case;
UPDATE iedesk.student_case SET school_id = 2 WHERE id = 1;
SELECT is((SELECT count(*) FROM iedesk.student_case_counts c WHERE c.school_id = 2 AND c.need_category IS NOT NULL),
	0::bigint, 'a case worker who moved a case to an empty school reads no category of it there');
SELECT is((SELECT shown FROM iedesk.student_case_counts c WHERE c.school_id = 2), '<3', 'only that it has fewer than 3');
UPDATE iedesk.student_case SET school_id = 1 WHERE id = 1;
RESET ROLE;
SET ROLE tap_staff;
SELECT is((SELECT count(*) FROM iedesk.student_case_counts c WHERE c.need_category IS NOT NULL AND c.count < 3),
	0::bigint, 'staff see no category of fewer than 3 cases');
RESET ROLE;
SET ROLE tap_manager;
SELECT is((SELECT count(*) FROM iedesk.student_case_counts c WHERE c.need_category IS NOT NULL AND c.count < 3),
	0::bigint, 'nor do managers');
RESET ROLE;
SET ROLE tap_admin;
SELECT is((SELECT count(*) FROM iedesk.student_case_counts c WHERE c.need_category IS NOT NULL AND c.count < 3),
	0::bigint, 'nor administrators');
RESET ROLE;

-- Every function that is not plain SQL run with the caller's rights (those stay inlinable, 0023) has a
-- fixed search_path with pg_temp last, 0022's too; a temporary table named after a type no longer breaks a
-- trigger.
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc p
	 WHERE p.pronamespace = 'iedesk'::regnamespace AND p.prokind IN ('f', 'p')
	   AND (p.prosecdef OR p.prolang <> (SELECT l.oid FROM pg_language l WHERE l.lanname = 'sql'))
	   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
	   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c WHERE c ~ '^search_path=.*pg_temp$')
	 ORDER BY 1), '{}'::text[], 'every iedesk function but inlinable SQL has a fixed search_path with pg_temp last');
SET ROLE tap_manager;
CREATE TEMP TABLE jsonb (x int);
SELECT lives_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 3$$,
	'a manager with a temporary table named jsonb still saves, audited');
DROP TABLE pg_temp.jsonb;
RESET ROLE;
SET ROLE tap_secretary;
CREATE TEMP TABLE jsonb (x int);
SELECT lives_ok($$UPDATE iedesk.meeting SET title = title || ' ' WHERE id = 3$$, 'so does a secretary');
DROP TABLE pg_temp.jsonb;
RESET ROLE;
SET ROLE tap_case;
CREATE TEMP TABLE jsonb (x int);
SELECT lives_ok($$UPDATE iedesk.student_case SET placement = 'special-class' WHERE id = 1$$, 'and a case worker');
DROP TABLE pg_temp.jsonb;
RESET ROLE;
SET ROLE tap_admin;
CREATE TEMP TABLE jsonb (x int);
SELECT lives_ok($$UPDATE iedesk.district SET name = name WHERE id = 2$$, 'and an administrator');
DROP TABLE pg_temp.jsonb;
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
