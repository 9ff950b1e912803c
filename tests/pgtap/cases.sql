-- cases.sql: a student's case and its parts (0029, 0030) tried from SQL as each role would, as an attacker
-- would: who reads (and that every read is one audit row per case and transaction), who writes where, the
-- audit log's case rows, final IEPs, versions, the transfer, the case workers' views, the counts everyone
-- reads, the functions' search_path and a read-only transaction. Run by pg_prove against a migrated
-- database holding the demo (14 cases in 怀柔区 HR, 2 in 密云区 MY; IEP 11 of case 8 is a draft; case 14
-- has a transfer to MY's school 101 waiting).
BEGIN;
SELECT plan(86);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_case_hr', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_case_my', 'caseworker', 'MY');
	PERFORM iedesk.account_create('tap_manager_hr', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_secretary', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_admin', 'admin', NULL);
END
$$;

-- MY has no IEP in the demo: a draft with a goal, and a service for HR's draft, to aim at.
INSERT INTO iedesk.iep (id, case_id) VALUES (9001, 15);
INSERT INTO iedesk.iep_goal (id, iep_id, area, goal) VALUES (9001, 9001, 'social', 'tap');
INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes) VALUES (11, 'other', 'tap', 1, 30);

-- Run p_sql as p_role in a subtransaction always undone: '' when it worked with no rows touched, the rows
-- it touched as a number, else its SQLSTATE. Nothing it does stays, audit rows included.
CREATE FUNCTION pg_temp.tap_try(p_role text, p_sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	v_rows bigint;
	v_out text;
BEGIN
	BEGIN
		PERFORM set_config('role', p_role, true);
		EXECUTE p_sql;
		GET DIAGNOSTICS v_rows = ROW_COUNT;
		v_out := CASE WHEN v_rows = 0 THEN '' ELSE v_rows::text END;
		RAISE EXCEPTION 'undo' USING ERRCODE = 'TAP00';
	EXCEPTION WHEN OTHERS THEN
		IF SQLSTATE <> 'TAP00' THEN
			v_out := SQLSTATE;
		END IF;
	END;
	RETURN v_out;
END;
$$;

-- The read rows p_sql run twice as p_role adds to the audit log: after the first run, and after the second
-- (which, in the same transaction, must add none). Undone like tap_try.
CREATE FUNCTION pg_temp.tap_reads(p_role text, p_sql text, OUT first bigint, OUT second bigint)
LANGUAGE plpgsql AS $$
DECLARE
	v_before bigint;
BEGIN
	BEGIN
		SELECT count(*) INTO v_before FROM iedesk.audit_log WHERE action = 'read';
		PERFORM set_config('role', p_role, true);
		EXECUTE p_sql;
		RESET ROLE;
		SELECT count(*) - v_before INTO first FROM iedesk.audit_log WHERE action = 'read';
		PERFORM set_config('role', p_role, true);
		EXECUTE p_sql;
		RESET ROLE;
		SELECT count(*) - v_before - first INTO second FROM iedesk.audit_log WHERE action = 'read';
		RAISE EXCEPTION 'undo' USING ERRCODE = 'TAP00';
	EXCEPTION WHEN SQLSTATE 'TAP00' THEN
		NULL;
	END;
END;
$$;

-- Every table of a case, with the expression giving a row's case (as the owner reads it), and for each the
-- statements tried: an insert into a case of HR and one into MY's, an update and a delete of HR's rows, a
-- move of HR's rows into MY's case (or IEP, or goal).
CREATE TEMP TABLE tap_table (name text, case_of text, add_hr text, add_my text, change text, move text, remove text);
INSERT INTO tap_table VALUES
	('student_case', 'x.id',
	 $$INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES (2, 'TAP-1', 'autism')$$,
	 $$INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES (101, 'TAP-2', 'autism')$$,
	 $$UPDATE iedesk.student_case SET tried_first = 'tap' WHERE id = 1$$,
	 $$UPDATE iedesk.student_case SET school_id = 101 WHERE id = 1$$,
	 $$DELETE FROM iedesk.student_case WHERE id = 1$$),
	('case_assessment', 'x.case_id',
	 $$INSERT INTO iedesk.case_assessment (case_id, kind, assessed_on, assessor) VALUES (1, 'academic', '2026-11-20', 'tap')$$,
	 $$INSERT INTO iedesk.case_assessment (case_id, kind, assessed_on, assessor) VALUES (15, 'academic', '2026-11-20', 'tap')$$,
	 $$UPDATE iedesk.case_assessment SET notes = 'tap' WHERE case_id = 1$$,
	 $$UPDATE iedesk.case_assessment SET case_id = 15 WHERE case_id = 1$$,
	 $$DELETE FROM iedesk.case_assessment WHERE case_id = 1$$),
	('case_placement', 'x.case_id',
	 $$INSERT INTO iedesk.case_placement (case_id, school_id, placement, started_on) VALUES (1, 1, 'special-class', '2026-11-20')$$,
	 $$INSERT INTO iedesk.case_placement (case_id, school_id, placement, started_on) VALUES (15, 101, 'special-class', '2026-11-20')$$,
	 $$UPDATE iedesk.case_placement SET note = 'tap' WHERE case_id = 1$$,
	 $$UPDATE iedesk.case_placement SET case_id = 15 WHERE case_id = 1$$,
	 $$DELETE FROM iedesk.case_placement WHERE case_id = 1 AND placement = 'regular-class'$$),
	('iep', 'x.case_id',
	 $$INSERT INTO iedesk.iep (case_id) VALUES (1)$$,
	 $$INSERT INTO iedesk.iep (case_id) VALUES (16)$$,
	 $$UPDATE iedesk.iep SET present_levels = 'tap' WHERE id = 11$$,
	 $$UPDATE iedesk.iep SET case_id = 16 WHERE id = 11$$,
	 $$DELETE FROM iedesk.iep WHERE id = 11$$),
	('iep_member', '(SELECT i.case_id FROM iedesk.iep i WHERE i.id = x.iep_id)',
	 $$INSERT INTO iedesk.iep_member (iep_id, role, name) VALUES (11, 'therapist', 'tap')$$,
	 $$INSERT INTO iedesk.iep_member (iep_id, role, name) VALUES (9001, 'therapist', 'tap')$$,
	 $$UPDATE iedesk.iep_member SET name = 'tap' WHERE iep_id = 11$$,
	 $$UPDATE iedesk.iep_member SET iep_id = 9001 WHERE iep_id = 11$$,
	 $$DELETE FROM iedesk.iep_member WHERE iep_id = 11$$),
	('iep_goal', '(SELECT i.case_id FROM iedesk.iep i WHERE i.id = x.iep_id)',
	 $$INSERT INTO iedesk.iep_goal (iep_id, area, goal) VALUES (11, 'social', 'tap')$$,
	 $$INSERT INTO iedesk.iep_goal (iep_id, area, goal) VALUES (9001, 'social', 'tap')$$,
	 $$UPDATE iedesk.iep_goal SET goal = 'tap' WHERE iep_id = 11$$,
	 $$UPDATE iedesk.iep_goal SET iep_id = 9001 WHERE iep_id = 11$$,
	 $$DELETE FROM iedesk.iep_goal WHERE iep_id = 11$$),
	('iep_objective', '(SELECT i.case_id FROM iedesk.iep_goal g JOIN iedesk.iep i ON i.id = g.iep_id WHERE g.id = x.goal_id)',
	 $$INSERT INTO iedesk.iep_objective (goal_id, objective, measure) VALUES (12, 'tap', 'tap')$$,
	 $$INSERT INTO iedesk.iep_objective (goal_id, objective, measure) VALUES (9001, 'tap', 'tap')$$,
	 $$UPDATE iedesk.iep_objective SET measure = 'tap' WHERE goal_id = 12$$,
	 $$UPDATE iedesk.iep_objective SET goal_id = 9001 WHERE goal_id = 12$$,
	 $$DELETE FROM iedesk.iep_objective WHERE goal_id = 12$$),
	('iep_accommodation', '(SELECT i.case_id FROM iedesk.iep i WHERE i.id = x.iep_id)',
	 $$INSERT INTO iedesk.iep_accommodation (iep_id, kind, detail) VALUES (11, 'exams', 'tap')$$,
	 $$INSERT INTO iedesk.iep_accommodation (iep_id, kind, detail) VALUES (9001, 'exams', 'tap')$$,
	 $$UPDATE iedesk.iep_accommodation SET detail = 'tap' WHERE iep_id = 11$$,
	 $$UPDATE iedesk.iep_accommodation SET iep_id = 9001 WHERE iep_id = 11$$,
	 $$DELETE FROM iedesk.iep_accommodation WHERE iep_id = 11$$),
	('iep_service', '(SELECT i.case_id FROM iedesk.iep i WHERE i.id = x.iep_id)',
	 $$INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes) VALUES (11, 'other', 'tap', 1, 30)$$,
	 $$INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes) VALUES (9001, 'other', 'tap', 1, 30)$$,
	 $$UPDATE iedesk.iep_service SET provider = 'tap2' WHERE iep_id = 11$$,
	 $$UPDATE iedesk.iep_service SET iep_id = 9001 WHERE iep_id = 11$$,
	 $$DELETE FROM iedesk.iep_service WHERE iep_id = 11$$),
	('case_session', 'x.case_id',
	 $$INSERT INTO iedesk.case_session (case_id, held_on, kind, provider, minutes) VALUES (1, '2026-11-20', 'other', 'tap', 30)$$,
	 $$INSERT INTO iedesk.case_session (case_id, held_on, kind, provider, minutes) VALUES (15, '2026-11-20', 'other', 'tap', 30)$$,
	 $$UPDATE iedesk.case_session SET note = 'tap' WHERE case_id = 1$$,
	 $$UPDATE iedesk.case_session SET case_id = 15 WHERE case_id = 1$$,
	 $$DELETE FROM iedesk.case_session WHERE case_id = 1$$),
	('case_progress', 'x.case_id',
	 $$INSERT INTO iedesk.case_progress (case_id, goal_id, noted_on, rating) VALUES (1, 1, '2026-11-20', 'on-track')$$,
	 $$INSERT INTO iedesk.case_progress (case_id, goal_id, noted_on, rating) VALUES (15, 9001, '2026-11-20', 'on-track')$$,
	 $$UPDATE iedesk.case_progress SET next_steps = 'tap' WHERE case_id = 1$$,
	 $$UPDATE iedesk.case_progress SET case_id = 15 WHERE case_id = 1$$,
	 $$DELETE FROM iedesk.case_progress WHERE case_id = 1$$),
	('case_contact', 'x.case_id',
	 $$INSERT INTO iedesk.case_contact (case_id, contacted_on, with_whom, how) VALUES (1, '2026-11-20', 'tap', 'phone')$$,
	 $$INSERT INTO iedesk.case_contact (case_id, contacted_on, with_whom, how) VALUES (15, '2026-11-20', 'tap', 'phone')$$,
	 $$UPDATE iedesk.case_contact SET agreed = 'tap' WHERE case_id = 1$$,
	 $$UPDATE iedesk.case_contact SET case_id = 15 WHERE case_id = 1$$,
	 $$DELETE FROM iedesk.case_contact WHERE case_id = 1$$),
	('case_review', 'x.case_id',
	 $$INSERT INTO iedesk.case_review (case_id, kind, held_on, outcome) VALUES (3, 'annual-review', '2026-11-20', 'tap')$$,
	 $$INSERT INTO iedesk.case_review (case_id, kind, held_on, outcome) VALUES (15, 'annual-review', '2026-11-20', 'tap')$$,
	 $$UPDATE iedesk.case_review SET outcome = 'tap' WHERE case_id = 3$$,
	 $$UPDATE iedesk.case_review SET case_id = 15 WHERE case_id = 3$$,
	 $$DELETE FROM iedesk.case_review WHERE case_id = 3$$),
	('case_transfer', 'x.case_id',
	 $$INSERT INTO iedesk.case_transfer (case_id, to_school_id, requested_on) VALUES (1, 101, '2026-11-24')$$,
	 $$INSERT INTO iedesk.case_transfer (case_id, to_school_id, requested_on) VALUES (16, 1, '2026-11-24')$$,
	 $$UPDATE iedesk.case_transfer SET note = 'tap' WHERE case_id = 14$$,
	 $$UPDATE iedesk.case_transfer SET case_id = 15 WHERE case_id = 14$$,
	 $$DELETE FROM iedesk.case_transfer WHERE case_id = 14$$);

-- The cases of a district, as the owner counts them.
CREATE TEMP VIEW tap_case_district AS
SELECT c.id, s.district_id FROM iedesk.student_case c JOIN iedesk.school s ON s.id = c.school_id;
-- How many of a table's rows belong to the cases of a district, and how many cases they belong to.
CREATE FUNCTION pg_temp.tap_owned(p_table text, p_case_of text, p_district bigint, OUT rows bigint, OUT cases bigint)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('SELECT count(*), count(DISTINCT %s) FROM iedesk.%I x WHERE %s IN'
		' (SELECT d.id FROM pg_temp.tap_case_district d WHERE d.district_id = $1)', p_case_of, p_table, p_case_of)
		INTO rows, cases USING p_district;
END;
$$;

-- ---------------------------------------------------------------------------------------------------
-- Reading: an HR case worker reads HR's rows of every table, each read case logged once in the transaction

SELECT is(ARRAY(SELECT t.name FROM tap_table t, pg_temp.tap_owned(t.name, t.case_of, 1) o WHERE o.rows = 0),
	'{}'::text[], '(the demo has rows of HR in every table of a case)');
SELECT is(ARRAY(SELECT t.name || ': ' || r.first || ' read rows for ' || o.cases || ' cases, then ' || r.second
	  FROM tap_table t, pg_temp.tap_owned(t.name, t.case_of, 1) o,
	       pg_temp.tap_reads('tap_case_hr', format('SELECT * FROM iedesk.%I', t.name)) r
	 WHERE r.first <> o.cases OR r.second <> 0),
	'{}'::text[], 'a case worker of HR reading any table of a case logs one read per case, and no more the second time');
SELECT is(ARRAY(SELECT t.name FROM tap_table t, pg_temp.tap_owned(t.name, t.case_of, 1) o
	 WHERE pg_temp.tap_try('tap_case_hr', format('SELECT * FROM iedesk.%I', t.name)) <> o.rows::text),
	'{}'::text[], 'and reads every row of HR''s cases');
SELECT is(ARRAY(SELECT t.name FROM tap_table t, pg_temp.tap_owned(t.name, t.case_of, 2) o
	 WHERE pg_temp.tap_try('tap_case_my', format('SELECT * FROM iedesk.%I', t.name)) <> coalesce(nullif(o.rows, 0)::text, '')),
	'{}'::text[], 'a case worker of MY reads the rows of MY''s cases and none of HR''s');
SELECT is((SELECT r.first FROM pg_temp.tap_reads('tap_case_my', 'SELECT * FROM iedesk.student_case') r), 2::bigint,
	'their reads logged too');
SELECT is((SELECT r.first FROM pg_temp.tap_reads('tap_case_hr', 'SELECT * FROM iedesk.student_case WHERE id = 15') r),
	0::bigint, 'a case worker''s try at another district''s case is no read of it');
SELECT is(ARRAY(SELECT r || ' ' || t.name FROM tap_table t,
	       unnest(ARRAY['tap_manager_hr', 'tap_staff', 'tap_secretary', 'tap_admin']) r
	 WHERE pg_temp.tap_try(r, format('SELECT * FROM iedesk.%I', t.name)) <> '42501'),
	'{}'::text[], 'managers, staff, secretaries and administrators read no table of a case (42501)');

-- A read-only transaction cannot read a case: its read could not be logged.
CREATE FUNCTION pg_temp.tap_read_only(p_role text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	PERFORM set_config('transaction_read_only', 'on', true);
	PERFORM set_config('role', p_role, true);
	SELECT count(*) INTO n FROM iedesk.student_case;
	RETURN n;
END;
$$;
SELECT throws_ok('SELECT pg_temp.tap_read_only(''tap_case_hr'')', '25006', NULL,
	'a case worker''s read in a read-only transaction fails rather than go unlogged');
CREATE FUNCTION pg_temp.tap_read_only_part(p_role text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	PERFORM set_config('transaction_read_only', 'on', true);
	PERFORM set_config('role', p_role, true);
	SELECT count(*) INTO n FROM iedesk.iep_goal;
	RETURN n;
END;
$$;
SELECT throws_ok('SELECT pg_temp.tap_read_only_part(''tap_case_hr'')', '25006', NULL, 'so does a read of a part');

-- ---------------------------------------------------------------------------------------------------
-- Writing: HR's case workers within HR only; nobody else at all

SELECT is(ARRAY(SELECT t.name FROM tap_table t WHERE pg_temp.tap_try('tap_case_hr', t.add_hr) !~ '^[0-9]+$'),
	'{}'::text[], 'a case worker of HR adds to every table for a case of HR');
SELECT is(ARRAY(SELECT t.name || ' ' || pg_temp.tap_try('tap_case_hr', t.add_my) FROM tap_table t
	 WHERE pg_temp.tap_try('tap_case_hr', t.add_my) <> '42501'),
	'{}'::text[], 'but to none for a case of MY (42501)');
SELECT is(ARRAY(SELECT t.name FROM tap_table t WHERE pg_temp.tap_try('tap_case_hr', t.change) !~ '^[0-9]+$'),
	'{}'::text[], 'changes HR''s rows of every table');
SELECT is(ARRAY(SELECT t.name || ' ' || pg_temp.tap_try('tap_case_hr', t.move) FROM tap_table t
	 WHERE pg_temp.tap_try('tap_case_hr', t.move) <> '42501'),
	'{}'::text[], 'moves no case, and no part of one, into MY''s (42501)');
SELECT is(ARRAY(SELECT t.name FROM tap_table t WHERE t.name <> 'student_case'
	   AND pg_temp.tap_try('tap_case_hr', t.remove) !~ '^[0-9]+$'),
	'{}'::text[], 'removes HR''s rows of every part');
SELECT is(pg_temp.tap_try('tap_case_hr', 'DELETE FROM iedesk.student_case WHERE id = 1'), '42501',
	'but not a case itself: it is closed, and stays on record');
SELECT is(ARRAY(SELECT t.name || ' ' || q FROM tap_table t, pg_temp.tap_owned(t.name, t.case_of, 2) o,
	       unnest(ARRAY[format('UPDATE iedesk.%I x SET version = version WHERE %s IN (15, 16)', t.name, t.case_of),
	                    format('DELETE FROM iedesk.%I x WHERE %s IN (15, 16)', t.name, t.case_of)]) q
	 WHERE pg_temp.tap_try('tap_case_hr', q) NOT IN ('', CASE WHEN t.name = 'student_case' AND q LIKE 'DELETE%' THEN '42501' END)
	    OR (t.name <> 'student_case' AND pg_temp.tap_try(session_user::text, q) <> coalesce(nullif(o.rows, 0)::text, ''))),
	'{}'::text[], 'changes and removals of MY''s rows touch none of them (which the owner''s do)');
SELECT is(pg_temp.tap_try('tap_case_hr',
	$$INSERT INTO iedesk.case_placement (case_id, school_id, placement, started_on) VALUES (1, 101, 'home-based', '2000-01-01')$$),
	'42501', 'nor places a case of HR at a school of MY, even before its latest placement (0030)');
SELECT is(pg_temp.tap_try('tap_case_hr', $$UPDATE iedesk.case_placement SET school_id = 101 WHERE case_id = 1$$),
	'42501', 'nor moves a placement there');
SELECT is(ARRAY(SELECT r || ' ' || t.name || ' ' || s FROM tap_table t,
	       unnest(ARRAY['tap_manager_hr', 'tap_staff', 'tap_secretary', 'tap_admin']) r,
	       unnest(ARRAY[t.add_hr, t.change, t.remove]) q, pg_temp.tap_try(r, q) s
	 WHERE s <> '42501'),
	'{}'::text[], 'managers, staff, secretaries and administrators write no table of a case (42501)');
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY['tap_case_hr', 'tap_case_my', 'tap_manager_hr', 'tap_staff', 'tap_secretary',
	       'tap_admin']) r
	 WHERE pg_temp.tap_try(r, $$SELECT iedesk.audit_read('student_case', ARRAY[1::bigint])$$) <> '42501'),
	'{}'::text[], 'nobody writes a read entry of their own making');
SELECT is((SELECT array_agg(x) FROM (SELECT iedesk.iep_case(9001, 'tap_case_hr') UNION ALL
	SELECT iedesk.goal_case(9001, 'tap_case_hr') UNION ALL SELECT iedesk.iep_case(11, 'tap_case_my')) v(x)),
	ARRAY[NULL, NULL, NULL]::bigint[], 'another district''s IEP and goal name no case');
SELECT is((SELECT array_agg(x) FROM (SELECT iedesk.iep_case(11, 'tap_case_hr') UNION ALL
	SELECT iedesk.goal_case(12, 'tap_case_hr')) v(x)), ARRAY[8, 8]::bigint[], 'one''s own do');

-- ---------------------------------------------------------------------------------------------------
-- The audit log's rows of the cases are the owner's alone

SELECT cmp_ok((SELECT count(*) FROM iedesk.audit_log WHERE table_name IN (SELECT name FROM tap_table)), '>', 0::bigint,
	'(the audit log holds rows of the case tables: the demo''s inserts)');
SELECT is(ARRAY(SELECT r || ' ' || t.name FROM tap_table t,
	       unnest(ARRAY['tap_case_hr', 'tap_case_my', 'tap_manager_hr', 'tap_staff', 'tap_secretary', 'tap_admin']) r
	 WHERE pg_temp.tap_try(r, format('SELECT * FROM iedesk.audit_log WHERE table_name = %L', t.name))
	       NOT IN ('', '42501')),
	'{}'::text[], 'nobody but the owner reads a row of the audit log of any table of a case');
SELECT isnt(pg_temp.tap_try('tap_staff', 'SELECT * FROM iedesk.audit_log WHERE table_name = ''school'''), '',
	'(while staff read the other rows)');

-- ---------------------------------------------------------------------------------------------------
-- Final IEPs: fixed but for the parents' consent, and their parts too

SET ROLE tap_case_hr;
SELECT throws_ok($$UPDATE iedesk.iep SET present_levels = 'tap' WHERE id = 1$$, '23514', NULL,
	'a final IEP is not changed');
SELECT throws_ok($$UPDATE iedesk.iep SET review_on = '2027-02-01' WHERE id = 1$$, '23514', NULL, 'not even its dates');
SELECT throws_ok($$DELETE FROM iedesk.iep WHERE id = 1$$, '23514', NULL, 'nor removed');
SELECT lives_ok($$UPDATE iedesk.iep SET consent = 'refused', consent_on = '2026-11-24' WHERE id = 1$$,
	'but its consent is recorded');
SELECT throws_ok($$UPDATE iedesk.iep_goal SET goal = 'tap' WHERE iep_id = 1$$, '23514', NULL, 'its goals are fixed');
SELECT throws_ok($$UPDATE iedesk.iep_objective SET measure = 'tap' WHERE goal_id = 1$$, '23514', NULL,
	'its objectives');
SELECT throws_ok($$DELETE FROM iedesk.iep_accommodation WHERE iep_id = 1$$, '23514', NULL, 'its accommodations');
SELECT throws_ok($$INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week, minutes)
	VALUES (1, 'other', 'tap', 1, 30)$$, '23514', NULL, 'its services');
SELECT throws_ok($$INSERT INTO iedesk.iep_member (iep_id, role, name) VALUES (1, 'other', 'tap')$$, '23514', NULL,
	'its team');
SELECT throws_ok($$UPDATE iedesk.iep_member SET iep_id = 1 WHERE iep_id = 11$$, '23514', NULL,
	'no part is moved into a final IEP');
SELECT throws_ok($$UPDATE iedesk.iep_goal SET iep_id = 11 WHERE id = 1$$, '23514', NULL, 'nor out of one');

-- Finalising: only a complete draft, numbered on from the case's last version
INSERT INTO iedesk.iep (id, case_id) VALUES (9002, 12);
SELECT throws_ok('SELECT iedesk.iep_finalise(9002, 1)', '23514', NULL, 'a draft without dates is not finalised');
UPDATE iedesk.iep SET starts_on = '2026-12-01', ends_on = '2027-07-15', review_on = '2027-03-01' WHERE id = 9002;
SELECT throws_ok('SELECT iedesk.iep_finalise(9002, 2)', '23514', NULL, 'nor one without a team');
INSERT INTO iedesk.iep_member (iep_id, role, name) VALUES (9002, 'parent', 'tap');
SELECT throws_ok('SELECT iedesk.iep_finalise(9002, 2)', '23514', NULL, 'nor one without goals');
INSERT INTO iedesk.iep_goal (id, iep_id, area, goal) VALUES (9002, 9002, 'social', 'tap');
SELECT throws_ok('SELECT iedesk.iep_finalise(9002, 2)', '23514', NULL, 'nor one with a goal without an objective');
INSERT INTO iedesk.iep_objective (goal_id, objective, measure) VALUES (9002, 'tap', 'tap');
SELECT throws_ok('SELECT iedesk.iep_finalise(9002, 1)', '40001', NULL, 'nor at a version since changed');
SELECT is(iedesk.iep_finalise(9002, 2), 1, 'a complete draft is finalised as version 1');
SELECT is((SELECT finalised_by FROM iedesk.iep WHERE id = 9002), session_user::text, 'by whom');
SELECT throws_ok('SELECT iedesk.iep_finalise(9002, 2)', '23514', NULL, 'once');
SELECT is((SELECT iep_review_due FROM iedesk.student_case WHERE id = 12), '2027-03-01'::date,
	'the case''s review date is the IEP''s');
SELECT throws_ok('SELECT iedesk.iep_revise(11)', '23514', NULL, 'a draft is not revised');
SELECT lives_ok('CREATE TEMP TABLE tap_draft AS SELECT iedesk.iep_revise(9002) AS id', 'a final IEP is revised');
SELECT is((SELECT array_agg(g.goal || '/' || o.objective || '/' || o.measure) FROM iedesk.iep_goal g
	JOIN iedesk.iep_objective o ON o.goal_id = g.id WHERE g.iep_id = (SELECT id FROM tap_draft)), ARRAY['tap/tap/tap'],
	'into a draft with its goals and their objectives');
SELECT is((SELECT status || ' ' || consent || ' ' || coalesce(number::text, '-') FROM iedesk.iep
	WHERE id = (SELECT id FROM tap_draft)), 'draft not-asked -', 'a draft, consent not asked, no number yet');
SELECT throws_ok('SELECT iedesk.iep_revise(9002)', '23505', NULL, 'one draft at a time');
SELECT is(iedesk.iep_finalise((SELECT id FROM tap_draft), 1), 2, 'made final it is version 2');
SELECT is((SELECT array_agg(number ORDER BY number) FROM iedesk.iep WHERE case_id = 12), ARRAY[1, 2],
	'and version 1 stays');
SELECT lives_ok('CREATE TEMP TABLE tap_draft3 AS SELECT iedesk.iep_revise(3) AS id', 'case 3''s second version revised');
SELECT is(iedesk.iep_finalise((SELECT id FROM tap_draft3), 1), 3, 'is its third');
RESET ROLE;
SET ROLE tap_case_my;
SELECT throws_ok('SELECT iedesk.iep_finalise(11, 1)', 'P0002', NULL, 'a case worker of MY finalises no IEP of HR');
SELECT throws_ok('SELECT iedesk.iep_revise(1)', 'P0002', NULL, 'nor revises one');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- The transfer of case 14 to MY's school 101: HR asks, MY sees the code only, MY accepts, the case is MY's

SET ROLE tap_case_hr;
SELECT is((SELECT count(*) FROM iedesk.case_transfer_incoming), 0::bigint, 'HR sees no transfer into HR');
SELECT throws_ok('SELECT iedesk.case_transfer_decide(1, true)', '42501', NULL, 'nor decides its own request');
SELECT is(pg_temp.tap_try('tap_case_hr', $$UPDATE iedesk.case_transfer SET status = 'accepted',
	decided_on = '2026-11-24' WHERE id = 1$$), '42501', 'not even by writing the table (0030)');
RESET ROLE;
SET ROLE tap_case_my;
SELECT is((SELECT array_agg(code) FROM iedesk.case_transfer_incoming), ARRAY['HR-2025-0047'],
	'MY sees the transfer waiting, by the case''s code');
SELECT is((SELECT count(*) FROM iedesk.student_case WHERE id = 14), 0::bigint, 'but not the case');
SELECT is((SELECT count(*) FROM iedesk.case_assessment WHERE case_id = 14), 0::bigint, 'nor its history');
RESET ROLE;
SELECT is(ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = 'iedesk.case_transfer_incoming'::regclass
	AND attnum > 0 ORDER BY attnum),
	ARRAY['id', 'case_id', 'code', 'from_school', 'from_district', 'to_school_id', 'to_school', 'requested_on', 'note',
	      'version'], 'the incoming transfers say nothing of the child but the code');
SELECT is(pg_temp.tap_try('tap_manager_hr', 'SELECT * FROM iedesk.case_transfer_incoming'), '42501',
	'managers read no transfer');
SET ROLE tap_case_my;
SELECT lives_ok('SELECT iedesk.case_transfer_decide(1, true)', 'MY accepts it');
SELECT throws_ok('SELECT iedesk.case_transfer_decide(1, false)', '23514', NULL, 'once');
SELECT is((SELECT school_id || ' ' || placement FROM iedesk.student_case WHERE id = 14), '101 home-based',
	'MY reads the case, at its new school in the setting it had');
SELECT is((SELECT count(*) FROM iedesk.case_assessment WHERE case_id = 14), 1::bigint, 'and its history');
SELECT is((SELECT count(*) FROM iedesk.case_index), 3::bigint, 'it is among MY''s cases');
RESET ROLE;
SET ROLE tap_case_hr;
SELECT is((SELECT count(*) FROM iedesk.student_case WHERE id = 14), 0::bigint, 'HR no longer reads it');
SELECT is((SELECT count(*) FROM iedesk.case_contact WHERE case_id = 14), 0::bigint, 'nor its contacts');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- The case workers' views show their own district; nobody else reads them

SET ROLE tap_case_hr;
SELECT is((SELECT array_agg(DISTINCT district_id) FROM iedesk.case_index), ARRAY[1::bigint],
	'the case index of HR''s case worker is HR''s');
SELECT is((SELECT count(*) FROM iedesk.case_index), 13::bigint, '(its 13 cases, 14 having gone to MY)');
SELECT is((SELECT array_agg(DISTINCT district_id) FROM iedesk.case_due), ARRAY[1::bigint], 'so is their backlog');
RESET ROLE;
SET ROLE tap_case_my;
SELECT is((SELECT array_agg(DISTINCT district_id) FROM iedesk.case_due), ARRAY[2::bigint], 'and MY''s is MY''s');
RESET ROLE;
SELECT is(ARRAY(SELECT r || ' ' || v FROM unnest(ARRAY['tap_manager_hr', 'tap_staff', 'tap_secretary', 'tap_admin']) r,
	       unnest(ARRAY['case_index', 'case_due', 'case_due_each', 'case_transfer_incoming']) v
	 WHERE pg_temp.tap_try(r, format('SELECT * FROM iedesk.%I', v)) <> '42501'),
	'{}'::text[], 'managers, staff, secretaries and administrators read none of them');
SELECT is(ARRAY(SELECT r FROM unnest(ARRAY['tap_case_hr', 'tap_case_my']) r
	 WHERE pg_temp.tap_try(r, 'SELECT * FROM iedesk.case_due_each') <> '42501'),
	'{}'::text[], 'nor do case workers read every district''s dues');

-- ---------------------------------------------------------------------------------------------------
-- Counts for everyone, small cells suppressed

SELECT is(ARRAY(SELECT r || ' ' || v FROM unnest(ARRAY['tap_case_hr', 'tap_case_my', 'tap_manager_hr', 'tap_staff',
	       'tap_secretary', 'tap_admin']) r,
	       unnest(ARRAY['case_school_counts', 'case_district_counts', 'case_placement_counts', 'student_case_counts']) v
	 WHERE pg_temp.tap_try(r, format('SELECT * FROM iedesk.%I', v)) !~ '^[0-9]+$'),
	'{}'::text[], 'every role reads the counts');
SELECT is(ARRAY(SELECT 'school ' || school_id FROM iedesk.case_school_counts
	 WHERE cases BETWEEN 1 AND 2 OR overdue BETWEEN 1 AND 2 OR cases_shown IN ('1', '2') OR overdue_shown IN ('1', '2')
	 UNION ALL SELECT 'district ' || district_id FROM iedesk.case_district_counts
	 WHERE cases BETWEEN 1 AND 2 OR overdue BETWEEN 1 AND 2 OR cases_shown IN ('1', '2') OR overdue_shown IN ('1', '2')
	 UNION ALL SELECT 'placement at ' || school_id FROM iedesk.case_placement_counts
	 WHERE count BETWEEN 1 AND 2 OR shown IN ('1', '2')
	 UNION ALL SELECT 'category at ' || school_id FROM iedesk.student_case_counts
	 WHERE count BETWEEN 1 AND 2 OR shown IN ('1', '2')),
	'{}'::text[], 'no count of 1 or 2 is shown anywhere');
SELECT is((SELECT cases_shown FROM iedesk.case_district_counts WHERE district_id = 1), '13',
	'怀柔区 has 13 open cases (14 went to 密云区)');
SELECT is((SELECT cases_shown FROM iedesk.case_district_counts WHERE district_id = 2), '3', '密云区 3');
SELECT is((SELECT cases_shown FROM iedesk.case_school_counts WHERE school_id = 1), '<3', 'a school''s 2 cases are "<3"');
SELECT is((SELECT array_agg(shown) FROM iedesk.case_placement_counts WHERE school_id = 1), ARRAY['<3'],
	'and its placements one cell without a setting');
SET ROLE tap_manager_hr;
SELECT is((SELECT overdue_shown FROM iedesk.case_school_counts WHERE school_id = 13), '<3',
	'a manager sees that a school has an overdue review, not how many when under 3');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- Every function of 0029 and 0030 has a fixed search_path; those run as the owner end it with pg_temp

SELECT is((SELECT count(*) FROM pg_proc WHERE pronamespace = 'iedesk'::regnamespace AND proname IN ('case_writable',
	'case_seen', 'case_school_mine', 'case_row_seen', 'iep_case', 'goal_case', 'case_placement_apply',
	'iep_final_guard', 'iep_finalise', 'iep_revise', 'case_transfer_decide', 'case_transfer_decide_as', 'case_owner',
	'case_count_shown')), 14::bigint, '(the functions of 0029 and 0030, each once)');
SELECT is(ARRAY(SELECT p.proname::text FROM pg_proc p
	 WHERE p.pronamespace = 'iedesk'::regnamespace
	   AND p.proname IN ('case_writable', 'case_seen', 'case_school_mine', 'case_row_seen', 'iep_case', 'goal_case',
	        'case_placement_apply', 'iep_final_guard', 'iep_finalise', 'iep_revise', 'case_transfer_decide',
	        'case_transfer_decide_as', 'case_owner', 'case_count_shown')
	   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) c
	                    WHERE c ~ '^search_path=' AND (NOT p.prosecdef OR c ~ 'pg_temp$'))
	 ORDER BY 1), '{}'::text[], 'each has a fixed search_path, pg_temp last when it runs as the owner');

SELECT * FROM finish();
ROLLBACK;
