-- districts.sql: secretaries and managers write only their own district's meetings, minutes, action items
-- and people, who finalised minutes is the server's to say, and a consortium names only its district's
-- schools (0022). Every assertion is made as the role, from SQL, as an attacker at psql would. Run by
-- pg_prove against the demo (怀柔区 HR is district 1, 密云区 MY district 2; meeting 3 is HR's draft, person 1 HR's, 12 MY's,
-- consortium 4 MY's, schools 1 and 16 HR's, 101 and 103 MY's).
BEGIN;
SELECT plan(27);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_sec_hr', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_sec_nodistrict', 'secretary', NULL);
	PERFORM iedesk.account_create('tap_mgr_my', 'manager', 'MY');
	PERFORM iedesk.account_create('tap_adm', 'admin', NULL);
END
$$;
-- MY minutes to attack, made by the owner: a draft with a decision and an action item, and final minutes
INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on) VALUES (9000, 2, 'committee', 'tap MY draft', '2026-11-20');
INSERT INTO iedesk.decision (id, meeting_id, position, text) VALUES (9001, 9000, 1, 'tap MY decision');
INSERT INTO iedesk.action_item (id, decision_id, text, owner_unit, due_on) VALUES (9001, 9001, 'tap MY item', 'unit', '2026-12-31');
INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on, status, finalised_at, finalised_by)
	VALUES (9002, 2, 'committee', 'tap MY final', '2026-11-01', 'final', '2026-11-02', 'tap_adm');

SET ROLE tap_sec_hr;
SELECT throws_ok($$DELETE FROM iedesk.meeting WHERE id = 9000$$, '42501', NULL,
	'a secretary cannot delete another district''s meeting');
SELECT throws_ok($$INSERT INTO iedesk.meeting (district_id, kind, title, held_on) VALUES (2, 'committee', 'tap', '2026-11-24')$$,
	'42501', 'this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)',
	'a secretary cannot add a meeting to another district, and is told why');
SELECT throws_ok($$UPDATE iedesk.meeting SET district_id = 2 WHERE id = 3$$, '42501', NULL,
	'a secretary cannot move a meeting of her district into another');
SELECT throws_ok($$UPDATE iedesk.action_item SET text = 'x' WHERE id = 9001$$, '42501', NULL,
	'a secretary cannot change another district''s action item');
SELECT throws_ok($$DELETE FROM iedesk.action_item WHERE id = 9001$$, '42501', NULL,
	'nor delete it');
SELECT throws_ok($$INSERT INTO iedesk.agenda_item (meeting_id, position, title) VALUES (9000, 99, 'tap')$$, '42501', NULL,
	'a secretary cannot add to another district''s agenda');
SELECT throws_ok($$SELECT * FROM iedesk.meeting_finalise(9000, (SELECT version FROM iedesk.meeting WHERE id = 9000))$$, '42501', NULL,
	'a secretary cannot finalise another district''s minutes');
SELECT throws_ok($$SELECT iedesk.meeting_amend(9002, 'tap')$$, '42501', NULL,
	'a secretary cannot amend another district''s final minutes');
SELECT lives_ok($$UPDATE iedesk.meeting SET title = title WHERE id = 3$$, 'a secretary still changes her district''s meeting');
-- who finalised, and when, come from the server
SELECT throws_ok($$INSERT INTO iedesk.meeting (district_id, kind, title, held_on, status, finalised_at, finalised_by)
	VALUES (1, 'committee', 'tap forged', '2026-11-24', 'final', '2020-01-01', 'tap_adm')$$, '23514',
	'a meeting is recorded as a draft first; its minutes become final when finalised',
	'a secretary cannot insert minutes already final');
SELECT lives_ok($$UPDATE iedesk.meeting SET status = 'final', finalised_at = '2020-01-01', finalised_by = 'tap_adm' WHERE id = 3$$,
	'a secretary finalises by an update');
SELECT is((SELECT finalised_by FROM iedesk.meeting WHERE id = 3), 'tap_sec_hr', 'but as herself, not whom she named');
SELECT ok((SELECT finalised_at > '2026-01-01' FROM iedesk.meeting WHERE id = 3), 'and now, not when she said');
RESET ROLE;

-- a secretary with no district writes none
SET ROLE tap_sec_nodistrict;
SELECT throws_ok($$UPDATE iedesk.meeting SET title = 'x' WHERE id = 2$$, '42501', NULL,
	'a secretary without a district changes no meeting');
RESET ROLE;

SET ROLE tap_mgr_my;
SELECT throws_ok($$UPDATE iedesk.action_item SET status = 'done', done_on = '2026-11-24' WHERE id = 1$$, '42501', NULL,
	'a manager cannot follow up another district''s action item');
SELECT lives_ok($$UPDATE iedesk.action_item SET status = 'in-progress' WHERE id = 9001$$,
	'a manager follows up their own district''s');
SELECT throws_ok($$UPDATE iedesk.person SET phone = 'x' WHERE id = 1$$, '42501', NULL,
	'a manager cannot change another district''s person');
SELECT throws_ok($$UPDATE iedesk.person SET district_id = 1 WHERE id = 12$$, '42501', NULL,
	'nor move one of theirs into another district');
SELECT throws_ok($$UPDATE iedesk.person SET login_role = 'tap_adm' WHERE id = 12$$, '42501', NULL,
	'a manager cannot give a person a login');
SELECT throws_ok($$INSERT INTO iedesk.person (name, login_role, district_id) VALUES ('forged', 'tap_adm', 2)$$, '42501', NULL,
	'nor add a person with one');
SELECT is(iedesk.login_name('tap_adm'), 'tap_adm', 'so a login''s name is not forged');
SELECT lives_ok($$UPDATE iedesk.person SET phone = '010-1' WHERE id = 12$$, 'a manager changes a person of their district');
SELECT throws_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on) VALUES (4, 16, '2026-11-24')$$,
	'42501', NULL, 'a manager cannot add another district''s school to their consortium');
SELECT throws_ok($$INSERT INTO iedesk.shared_resource (consortium_id, provider_school_id, kind, description) VALUES (4, 1, 'course', 'tap')$$,
	'42501', NULL, 'nor make one the provider of their consortium''s resource');
SELECT throws_ok($$UPDATE iedesk.consortium SET lead_school_id = 1 WHERE id = 4$$, '42501', NULL,
	'nor their consortium''s lead');
RESET ROLE;

-- administrators keep every district
SET ROLE tap_adm;
SELECT lives_ok($$UPDATE iedesk.action_item SET text = 'tap' WHERE id = 9001$$, 'an administrator changes any district''s minutes');
SELECT lives_ok($$UPDATE iedesk.person SET phone = '010-2' WHERE id = 1$$, 'and any district''s people');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
