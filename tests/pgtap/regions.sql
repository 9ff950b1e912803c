-- regions.sql: beyond one district (0031), attacked role by role from SQL. Accounts scoped to a region write
-- the districts of its subtree; coordinators keep only the alliances across districts they are assigned to;
-- district managers keep their district's partners, partnerships, committees and activities and nothing of
-- an alliance across districts; staff read it all and write none. Run by pg_prove against a migrated
-- database holding the demo: regions 11 北京市 (over 怀柔区 HR, district 1, and 密云区 MY, 2), 13 河北省 and
-- its city 1308 承德市 (over 滦平县 LP, 3, schools 201 and 202); JJ-AL01 (consortium 5) across districts,
-- HR-AL01 (2) and the home-school alliance HR-HS01 (6) of HR; partners 1 and 5 of no district, 2-4 of HR,
-- 6 of MY; partnership 1 of JJ-AL01, 2 of HR school 1.
BEGIN;
SELECT plan(149);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_reg_city', 'manager', NULL, NULL, '1308');
	PERFORM iedesk.account_create('tap_reg_prov', 'manager', NULL, NULL, '11');
	PERFORM iedesk.account_create('tap_reg_mgr_hr', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_reg_sec', 'secretary', NULL, NULL, '11');
	PERFORM iedesk.account_create('tap_reg_case', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_reg_coord', 'coordinator', NULL);
	PERFORM iedesk.account_create('tap_reg_coord2', 'coordinator', NULL);
	PERFORM iedesk.account_create('tap_reg_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_reg_admin', 'admin', NULL);
END
$$;
-- EXPLAIN's lines, to see which index a query would use
CREATE FUNCTION pg_temp.tap_plan(p_query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE 'EXPLAIN ' || p_query;
END
$$;

-- ---------------------------------------------------------------------------------------------------
-- Accounts: a district or a region, never both; a case worker only a district

SELECT is((SELECT region_id FROM iedesk.account WHERE login = 'tap_reg_city'), 3::bigint,
	'an account made for a region keeps it');
SELECT is((SELECT district_id FROM iedesk.account WHERE login = 'tap_reg_city'), NULL::bigint, 'and no district');
SELECT throws_ok($$SELECT iedesk.account_create('tap_reg_x', 'manager', 'HR', NULL, '11')$$, '23514',
	'an account works for a district or for a region, not both', 'an account cannot have both a district and a region');
SELECT throws_ok($$SELECT iedesk.account_create('tap_reg_x', 'manager', NULL, NULL, '99')$$, '23503',
	'no region has the code 99', 'nor a region that does not exist');
SELECT throws_ok($$SELECT iedesk.account_create('tap_reg_x', 'manager', NULL, NULL, NULL)$$, '23514',
	'a manager account works for a district or a region: give its code', 'a manager needs a district or a region');
SELECT throws_ok($$SELECT iedesk.account_create('tap_reg_x', 'caseworker', NULL, NULL, '11')$$, '23514',
	'a case worker works for one district, not a region: give its code', 'a case worker cannot be given a region');
SELECT throws_ok($$SELECT iedesk.account_create('tap_reg_x', 'caseworker', NULL, NULL, NULL)$$, '23514',
	NULL, 'nor go without a district');
SELECT is((SELECT count(*) FROM pg_roles WHERE rolname = 'tap_reg_x'), 0::bigint, 'and no refused login was made');
SELECT throws_ok($$UPDATE iedesk.account SET region_id = 1 WHERE login = 'tap_reg_mgr_hr'$$, '23514', NULL,
	'an account''s row cannot hold a district and a region either');

-- What a partnership brings is its flags listed, in their order, and only the flags are written.
SELECT is((SELECT brings FROM iedesk.partnership WHERE id = 3), '{internships,equipment}'::text[],
	'a partnership brings what its flags say');
SELECT throws_ok($$UPDATE iedesk.partnership SET brings = '{funding}' WHERE id = 3$$, '428C9', NULL,
	'and its list is not written by hand');

-- Assigning coordinators: the owner's function, for administrators; only alliances across districts.
SET ROLE tap_reg_admin;
SELECT ok(iedesk.alliance_coordinator_set('tap_reg_coord', 'JJ-AL01', true), 'an administrator assigns a coordinator to JJ-AL01');
SELECT throws_ok($$SELECT iedesk.alliance_coordinator_set('tap_reg_coord', 'HR-AL01', true)$$, '23514',
	'HR-AL01 belongs to one district, whose managers keep it; only an alliance across districts has coordinators',
	'but not to an alliance of one district');
SELECT throws_ok($$SELECT iedesk.alliance_coordinator_set('tap_reg_mgr_hr', 'JJ-AL01', true)$$, '23503',
	'no coordinator account has the login tap_reg_mgr_hr', 'nor a manager''s account');
SELECT throws_ok($$INSERT INTO iedesk.alliance_coordinator (consortium_id, login) VALUES (5, 'tap_reg_coord2')$$, '42501', NULL,
	'an administrator cannot write the table itself');
RESET ROLE;
SET ROLE tap_reg_mgr_hr;
SELECT throws_ok($$SELECT iedesk.alliance_coordinator_set('tap_reg_coord2', 'JJ-AL01', true)$$, '42501', NULL,
	'a manager cannot assign coordinators');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- Staff read regions, partners, partnerships, committees, activities and who coordinates; write none.

SET ROLE tap_reg_staff;
SELECT is((SELECT count(*) FROM iedesk.region), 3::bigint, 'staff read the regions');
SELECT is((SELECT count(*) FROM iedesk.partner), 6::bigint, 'and the partners');
SELECT is((SELECT count(*) FROM iedesk.partnership), 6::bigint, 'and the partnerships');
SELECT is((SELECT count(*) FROM iedesk.committee_member), 4::bigint, 'and the parent committee');
SELECT is((SELECT count(*) FROM iedesk.activity), 6::bigint, 'and the activities');
SELECT is((SELECT login FROM iedesk.alliance_coordinator WHERE consortium_id = 5), 'tap_reg_coord',
	'and who coordinates an alliance');
SELECT throws_ok($$INSERT INTO iedesk.region (code, name, kind) VALUES ('12', '天津市', 'province')$$, '42501', NULL,
	'staff cannot add a region');
SELECT throws_ok($$INSERT INTO iedesk.partner (code, name, kind, district_id) VALUES ('P-TAP', 'tap', 'community', 1)$$,
	'42501', NULL, 'nor a partner');
SELECT throws_ok($$UPDATE iedesk.partnership SET notes = 'tap' WHERE id = 2$$, '42501', NULL, 'nor change a partnership');
SELECT throws_ok($$DELETE FROM iedesk.committee_member WHERE id = 1$$, '42501', NULL, 'nor remove a committee member');
SELECT throws_ok($$INSERT INTO iedesk.activity (consortium_id, kind, title, held_on) VALUES (6, 'other', 'tap', '2026-11-24')$$,
	'42501', NULL, 'nor record an activity');
SELECT throws_ok($$INSERT INTO iedesk.alliance_coordinator (consortium_id, login) VALUES (5, 'tap_reg_staff')$$, '42501', NULL,
	'nor make themselves a coordinator');
SELECT throws_ok($$SELECT iedesk.alliance_coordinator_set('tap_reg_coord2', 'JJ-AL01', true)$$, '42501', NULL,
	'nor assign one');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- A city officer: the districts of 承德市, and no others

SET ROLE tap_reg_city;
SELECT is(iedesk.my_district(), NULL::bigint, 'a city officer has no district of their own');
SELECT is(iedesk.my_region_path()::text, '13.1308', 'but their city''s place in the tree');
SELECT lives_ok($$UPDATE iedesk.school SET phone = '0314-000 0000' WHERE id = 201$$, 'a city officer changes a school of their city');
SELECT lives_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (202, 'supervision', '2026-12-01')$$,
	'and plans an inspection there');
SELECT lives_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE school_id = 202$$, 'and changes it');
SELECT lives_ok($$INSERT INTO iedesk.partner (code, name, kind, district_id) VALUES ('P-LP-TAP', '滦平县社区', 'community', 3)$$,
	'and adds a partner of a district of their city');
SELECT lives_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE code = 'P-LP-TAP'$$, 'and changes it');
SELECT lives_ok($$INSERT INTO iedesk.partnership (partner_id, school_id) VALUES ((SELECT id FROM iedesk.partner WHERE code = 'P-LP-TAP'), 201)$$,
	'and its partnership with a school there');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 1$$, '42501',
	'this record belongs to 怀柔区 (HR), and your account may change only those of 承德市 (1308)',
	'a city officer cannot change a school of another province, and is told their region');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 101$$, '42501',
	'this record belongs to 密云区 (MY), and your account may change only those of 承德市 (1308)', 'nor of MY');
SELECT throws_ok($$UPDATE iedesk.school SET district_id = 1 WHERE id = 201$$, '42501', NULL,
	'nor move a school of their city out of it');
SELECT throws_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (1, 'supervision', '2026-12-01')$$,
	'42501', NULL, 'nor plan an inspection in HR');
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 26$$, '42501', NULL, 'nor change one in MY');
SELECT throws_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 3$$, '42501',
	'this record belongs to 怀柔区 (HR), and your account may change only those of 承德市 (1308)', 'nor an HR partner');
SELECT throws_ok($$INSERT INTO iedesk.partner (code, name, kind, district_id) VALUES ('P-MY-TAP', 'tap', 'community', 2)$$,
	'42501', NULL, 'nor add a partner to MY');
SELECT throws_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 1$$, '42501',
	'a partner of no district is kept by administrators and alliance coordinators', 'nor a partner of no district');
SELECT throws_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on) VALUES (5, 201, '2026-11-24')$$,
	'42501', 'the alliance 京冀融合教育协作联盟 (JJ-AL01) is kept by its coordinators, and your account is not one of them',
	'nor an alliance across districts, even with their city''s schools in it');
RESET ROLE;

-- A province officer: 北京市's districts, HR and MY, and not LP
SET ROLE tap_reg_prov;
SELECT lives_ok($$UPDATE iedesk.school SET phone = '010-0000 0001' WHERE id = 1$$, 'a province officer changes a school of HR');
SELECT lives_ok($$UPDATE iedesk.school SET phone = '010-0000 0002' WHERE id = 101$$, 'and of MY');
SELECT lives_ok($$UPDATE iedesk.inspection SET summary = 'tap' WHERE id = 3$$, 'and an inspection of HR');
SELECT lives_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (103, 'supervision', '2026-12-01')$$,
	'and plans one in MY');
SELECT lives_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 6$$, 'and changes a partner of MY');
SELECT lives_ok($$UPDATE iedesk.committee_member SET role = 'vice-chair' WHERE id = 2$$,
	'and a committee of an HR home-school alliance');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 201$$, '42501',
	'this record belongs to 滦平县 (LP), and your account may change only those of 北京市 (11)',
	'a province officer cannot change a school of another province, and is told their region');
SELECT throws_ok($$INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (202, 'supervision', '2026-12-01')$$,
	'42501', NULL, 'nor plan an inspection in LP');
SELECT throws_ok($$UPDATE iedesk.school SET district_id = 3 WHERE id = 101$$, '42501', NULL,
	'nor move a school of their province to LP');
SELECT throws_ok($$INSERT INTO iedesk.region (code, name, kind, parent_id) VALUES ('1101', 'tap', 'city', 1)$$, '42501', NULL,
	'a manager cannot add a region, even under their own');
SELECT throws_ok($$UPDATE iedesk.region SET name = 'tap' WHERE id = 1$$, '42501', NULL, 'nor rename one');
SELECT throws_ok('SELECT count(*) FROM iedesk.student_case', '42501', NULL, 'nor read student cases');
RESET ROLE;

-- A secretary of 北京市 records the meetings of its districts only
SET ROLE tap_reg_sec;
SELECT lives_ok($$INSERT INTO iedesk.meeting (district_id, kind, title, held_on) VALUES (1, 'committee', 'tap reg HR', '2026-11-24')$$,
	'a secretary of a province adds a meeting of HR');
SELECT lives_ok($$INSERT INTO iedesk.meeting (district_id, kind, title, held_on) VALUES (2, 'committee', 'tap reg MY', '2026-11-24')$$,
	'and of MY');
SELECT lives_ok($$INSERT INTO iedesk.agenda_item (meeting_id, position, title)
	SELECT id, 1, 'tap' FROM iedesk.meeting WHERE title = 'tap reg MY'$$, 'and its agenda');
SELECT is((SELECT count(*) FROM iedesk.meeting_finalise((SELECT id FROM iedesk.meeting WHERE title = 'tap reg MY'),
	(SELECT version FROM iedesk.meeting WHERE title = 'tap reg MY'))), 1::bigint, 'and finalises its minutes');
SELECT throws_ok($$INSERT INTO iedesk.meeting (district_id, kind, title, held_on) VALUES (3, 'committee', 'tap reg LP', '2026-11-24')$$,
	'42501', 'this record belongs to 滦平县 (LP), and your account may change only those of 北京市 (11)',
	'but not of LP');
SELECT throws_ok($$UPDATE iedesk.meeting SET district_id = 3 WHERE title = 'tap reg HR'$$, '42501', NULL,
	'nor move one there');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 1$$, '42501', NULL,
	'a secretary''s region gives her no school');
RESET ROLE;

-- A case worker's cases are still their district's
SET ROLE tap_reg_case;
SELECT is((SELECT count(*) FROM iedesk.student_case), 14::bigint, 'a case worker of HR still sees the 14 cases of HR');
SELECT throws_ok($$INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES (201, 'TAP-REG-1', 'autism')$$,
	'42501', NULL, 'and adds none in LP');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- A district manager (HR): the district's partners, partnerships, committees and activities; nothing of an
-- alliance across districts, even where it holds HR's schools

SET ROLE tap_reg_mgr_hr;
SELECT lives_ok($$INSERT INTO iedesk.committee_member (consortium_id, person_id, role, joined_on) VALUES (6, 1, 'member', '2026-11-24')$$,
	'a district manager adds a parent committee member to their home-school alliance');
SELECT lives_ok($$UPDATE iedesk.committee_member SET left_on = '2026-11-24' WHERE id = 3$$, 'and ends another''s term');
SELECT lives_ok($$INSERT INTO iedesk.activity (consortium_id, school_id, kind, title, held_on) VALUES (6, 1, 'parents-meeting', 'tap', '2026-11-24')$$,
	'and records its activity');
SELECT lives_ok($$UPDATE iedesk.activity SET parents = 90 WHERE id = 1$$, 'and changes one');
SELECT lives_ok($$INSERT INTO iedesk.activity (partnership_id, school_id, kind, title, held_on) VALUES (2, 1, 'open-day', 'tap', '2026-11-24')$$,
	'and an activity of a partnership of an HR school');
SELECT lives_ok($$INSERT INTO iedesk.partner (code, name, kind, district_id) VALUES ('P-HR-TAP', 'tap', 'community', 1)$$,
	'and adds a partner of their district');
SELECT lives_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 3$$, 'and changes one');
SELECT lives_ok($$INSERT INTO iedesk.partnership (partner_id, school_id, brings_volunteers) VALUES (3, 2, true)$$,
	'and a partnership of an HR school');
SELECT lives_ok($$UPDATE iedesk.partnership SET status = 'ended', to_on = '2026-11-24' WHERE id = 2$$, 'and ends one');
SELECT lives_ok($$INSERT INTO iedesk.partnership (partner_id, consortium_id) VALUES (3, 6)$$,
	'and a partnership of their home-school alliance');
SELECT throws_ok($$UPDATE iedesk.consortium SET name = 'tap' WHERE id = 5$$, '42501',
	'the alliance 京冀融合教育协作联盟 (JJ-AL01) is kept by its coordinators, and your account is not one of them',
	'a district manager cannot change an alliance across districts');
SELECT throws_ok($$UPDATE iedesk.consortium_member SET left_on = '2026-11-24' WHERE id = 16$$, '42501', NULL,
	'nor end the membership of an HR school in it');
SELECT throws_ok($$DELETE FROM iedesk.consortium_member WHERE id = 17$$, '42501', NULL, 'nor remove one');
SELECT throws_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on) VALUES (5, 7, '2026-11-24')$$,
	'42501', NULL, 'nor add an HR school to it');
SELECT throws_ok($$UPDATE iedesk.consortium_member SET consortium_id = 2 WHERE id = 16$$, '42501', NULL,
	'nor take an HR school''s membership into an HR consortium');
SELECT throws_ok($$UPDATE iedesk.shared_resource SET capacity = 1 WHERE id = 11$$, '42501', NULL,
	'nor change what an HR school shares in it');
SELECT throws_ok($$UPDATE iedesk.partnership SET notes = 'tap' WHERE id = 1$$, '42501', NULL, 'nor its partnerships');
SELECT throws_ok($$INSERT INTO iedesk.partnership (partner_id, consortium_id) VALUES (3, 5)$$, '42501', NULL, 'nor add one');
SELECT throws_ok($$UPDATE iedesk.activity SET title = 'tap' WHERE id = 4$$, '42501', NULL, 'nor its activities');
SELECT throws_ok($$INSERT INTO iedesk.activity (consortium_id, partnership_id, kind, title, held_on) VALUES (6, 1, 'other', 'tap', '2026-11-24')$$,
	'42501', NULL, 'nor file an activity under its partnership by naming their own alliance');
SELECT throws_ok($$UPDATE iedesk.consortium SET district_id = NULL WHERE id = 2$$, '42501', NULL,
	'nor turn an HR alliance into one across districts');
SELECT throws_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on) VALUES (2, 201, '2026-11-24')$$,
	'42501', 'school 201 belongs to 滦平县 (LP), so a consortium of 怀柔区 (HR) may not name it',
	'a district manager cannot add an LP school to an HR consortium');
SELECT throws_ok($$INSERT INTO iedesk.activity (consortium_id, school_id, kind, title, held_on) VALUES (6, 201, 'other', 'tap', '2026-11-24')$$,
	'42501', NULL, 'nor have one host their alliance''s activity');
SELECT throws_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 1$$, '42501',
	'a partner of no district is kept by administrators and alliance coordinators',
	'a district manager cannot change a partner of no district');
SELECT throws_ok($$UPDATE iedesk.partner SET district_id = NULL WHERE id = 3$$, '42501', NULL,
	'nor make one of theirs a partner of no district');
SELECT throws_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 6$$, '42501',
	'this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)', 'nor a partner of MY');
SELECT throws_ok($$INSERT INTO iedesk.partnership (partner_id, school_id) VALUES (3, 101)$$, '42501', NULL,
	'nor a partnership of a MY school');
SELECT throws_ok($$UPDATE iedesk.partnership SET school_id = 101 WHERE id = 3$$, '42501', NULL,
	'nor move one of theirs to a MY school');
-- a parent committee is a home-school alliance's only
SELECT throws_ok($$INSERT INTO iedesk.committee_member (consortium_id, person_id, joined_on) VALUES (2, 1, '2026-11-24')$$,
	'23514', 'only a home-school alliance has a parent committee', 'an alliance has no parent committee');
SELECT throws_ok($$UPDATE iedesk.committee_member SET consortium_id = 1 WHERE id = 1$$, '23514',
	'only a home-school alliance has a parent committee', 'nor does an education association');
SELECT throws_ok($$UPDATE iedesk.consortium SET kind = 'alliance' WHERE id = 6$$, '23514', NULL,
	'a home-school alliance with a committee stays one');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- An alliance coordinator: the alliances across districts they are assigned to, with schools of any
-- district; nothing else

SET ROLE tap_reg_coord;
SELECT lives_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, role, joined_on) VALUES (5, 101, 'member', '2026-11-24')$$,
	'a coordinator adds a MY school to their alliance');
SELECT lives_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, role, joined_on) VALUES (5, 7, 'member', '2026-11-24')$$,
	'and an HR school');
SELECT lives_ok($$UPDATE iedesk.consortium_member SET left_on = '2026-11-24' WHERE id = 18$$, 'and ends a membership');
SELECT lives_ok($$INSERT INTO iedesk.shared_resource (consortium_id, provider_school_id, kind, description, capacity)
	VALUES (5, 201, 'course', 'tap', 10)$$, 'and adds a resource an LP school shares');
SELECT lives_ok($$UPDATE iedesk.consortium SET name = name WHERE id = 5$$, 'and changes the alliance itself');
SELECT lives_ok($$INSERT INTO iedesk.partnership (partner_id, consortium_id, brings_training) VALUES (5, 5, true)$$,
	'and adds a partnership of the alliance');
SELECT lives_ok($$UPDATE iedesk.partnership SET notes = 'tap' WHERE id = 1$$, 'and changes one');
SELECT lives_ok($$INSERT INTO iedesk.activity (consortium_id, partnership_id, school_id, kind, title, held_on)
	VALUES (5, 1, 201, 'exchange-visit', 'tap', '2026-11-24')$$, 'and records an activity of the alliance at an LP school');
SELECT lives_ok($$UPDATE iedesk.activity SET teachers = 20 WHERE id = 4$$, 'and changes one');
SELECT lives_ok($$INSERT INTO iedesk.partner (code, name, kind) VALUES ('P-UNI-TAP', 'tap', 'university')$$,
	'and adds a partner of no district');
SELECT throws_ok($$UPDATE iedesk.consortium SET name = 'tap' WHERE id = 2$$, '42501', NULL,
	'a coordinator cannot change an alliance of one district');
SELECT throws_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on) VALUES (2, 101, '2026-11-24')$$,
	'42501', NULL, 'nor add a member to it');
SELECT throws_ok($$UPDATE iedesk.consortium_member SET consortium_id = 2 WHERE id = 16$$, '42501', NULL,
	'nor move their alliance''s membership into it');
SELECT throws_ok($$UPDATE iedesk.consortium SET district_id = 1 WHERE id = 5$$, '42501', NULL,
	'nor hand their alliance to a district');
SELECT throws_ok($$INSERT INTO iedesk.consortium (code, name, kind, lead_partner_id) VALUES ('JJ-AL02', 'tap', 'alliance', 1)$$,
	'42501', NULL, 'nor found another alliance across districts');
SELECT throws_ok($$UPDATE iedesk.school SET phone = 'x' WHERE id = 201$$, '42501', NULL, 'nor change a school');
SELECT throws_ok($$UPDATE iedesk.inspection SET summary = 'x' WHERE id = 3$$, '42501', NULL, 'nor an inspection');
SELECT throws_ok($$INSERT INTO iedesk.committee_member (consortium_id, person_id, joined_on) VALUES (6, 1, '2026-11-24')$$,
	'42501', NULL, 'nor a home-school alliance''s committee');
SELECT throws_ok($$UPDATE iedesk.activity SET title = 'tap' WHERE id = 1$$, '42501', NULL, 'nor its activities');
SELECT throws_ok($$INSERT INTO iedesk.partnership (partner_id, school_id) VALUES (5, 201)$$, '42501', NULL,
	'nor a school''s partnership');
SELECT throws_ok($$INSERT INTO iedesk.activity (partnership_id, kind, title, held_on) VALUES (2, 'other', 'tap', '2026-11-24')$$,
	'42501', NULL, 'nor its activities');
SELECT throws_ok($$INSERT INTO iedesk.activity (consortium_id, partnership_id, kind, title, held_on) VALUES (5, 2, 'other', 'tap', '2026-11-24')$$,
	'42501', NULL, 'even by naming their alliance too');
SELECT throws_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 3$$, '42501', NULL, 'nor a partner of a district');
SELECT throws_ok($$INSERT INTO iedesk.alliance_coordinator (consortium_id, login) VALUES (2, 'tap_reg_coord')$$, '42501', NULL,
	'nor assign themselves elsewhere');
RESET ROLE;

-- one not assigned to it
SET ROLE tap_reg_coord2;
SELECT throws_ok($$INSERT INTO iedesk.consortium_member (consortium_id, school_id, joined_on) VALUES (5, 104, '2026-11-24')$$,
	'42501', 'the alliance 京冀融合教育协作联盟 (JJ-AL01) is kept by its coordinators, and your account is not one of them',
	'a coordinator not assigned to an alliance cannot add its members, and is told why');
SELECT throws_ok($$UPDATE iedesk.consortium_member SET left_on = '2026-11-24' WHERE id = 17$$, '42501', NULL, 'nor end them');
SELECT throws_ok($$UPDATE iedesk.consortium SET name = 'tap' WHERE id = 5$$, '42501', NULL, 'nor change the alliance');
SELECT throws_ok($$INSERT INTO iedesk.activity (consortium_id, kind, title, held_on) VALUES (5, 'other', 'tap', '2026-11-24')$$,
	'42501', NULL, 'nor record its activities');
RESET ROLE;

-- taken off, and disabled
SET ROLE tap_reg_admin;
SELECT ok(iedesk.alliance_coordinator_set('tap_reg_coord', 'JJ-AL01', false), 'an administrator takes a coordinator off');
SELECT ok(iedesk.alliance_coordinator_set('tap_reg_coord2', 'JJ-AL01', true), 'and puts another on');
RESET ROLE;
SET ROLE tap_reg_coord;
SELECT throws_ok($$UPDATE iedesk.consortium_member SET left_on = '2026-11-24' WHERE id = 17$$, '42501', NULL,
	'a coordinator taken off changes the alliance no longer');
RESET ROLE;
SET ROLE tap_reg_coord2;
SELECT lives_ok($$UPDATE iedesk.consortium_member SET left_on = '2026-11-24' WHERE id = 17$$, 'the one put on does');
RESET ROLE;
SET ROLE tap_reg_admin;
SELECT lives_ok($$SELECT iedesk.account_disable('tap_reg_coord2')$$, 'an administrator disables the coordinator''s account');
RESET ROLE;
SET ROLE tap_reg_coord2;
SELECT throws_ok($$UPDATE iedesk.consortium_member SET left_on = NULL WHERE id = 17$$, '42501', NULL,
	'a disabled coordinator changes nothing in the session still open');
SELECT throws_ok($$UPDATE iedesk.partner SET notes = 'tap' WHERE id = 5$$, '42501', NULL,
	'not even a partner of no district');
RESET ROLE;

-- ---------------------------------------------------------------------------------------------------
-- The tree: paths follow codes and parents; administrators write it

SELECT is((SELECT path::text FROM iedesk.region WHERE code = '1308'), '13.1308', 'a city''s path is its province''s and its code');
SET ROLE tap_reg_admin;
SELECT lives_ok($$INSERT INTO iedesk.region (code, name, kind, parent_id) VALUES ('1301', '石家庄市', 'city', 2)$$,
	'an administrator adds a city');
SELECT is((SELECT path::text FROM iedesk.region WHERE code = '1301'), '13.1301', 'whose path the trigger sets');
SELECT lives_ok($$UPDATE iedesk.region SET code = 'HB' WHERE id = 2$$, 'an administrator renames a province''s code');
SELECT set_eq($$SELECT path::text FROM iedesk.region WHERE parent_id = 2$$, ARRAY['HB.1308', 'HB.1301'],
	'and its cities'' paths follow');
SELECT lives_ok($$UPDATE iedesk.region SET code = '13' WHERE id = 2$$, 'and renames it back');
SELECT is((SELECT path::text FROM iedesk.region WHERE code = '1308'), '13.1308', 'and they follow again');
SELECT lives_ok($$UPDATE iedesk.region SET parent_id = 1 WHERE code = '1301'$$, 'an administrator moves a city to another province');
SELECT is((SELECT path::text FROM iedesk.region WHERE code = '1301'), '11.1301', 'and its path follows');
SELECT throws_ok($$INSERT INTO iedesk.region (code, name, kind, parent_id) VALUES ('130801', 'tap', 'city', 3)$$, '23514',
	'a city belongs to a province, and region 3 is not one', 'a city cannot be under a city');
SELECT throws_ok($$UPDATE iedesk.region SET kind = 'city', parent_id = 1 WHERE id = 2$$, '23514', NULL,
	'nor a province with cities become a city');
SELECT throws_ok($$INSERT INTO iedesk.region (code, name, kind, parent_id) VALUES ('12', '天津市', 'province', 1)$$, '23514', NULL,
	'a province is at the top');
SELECT throws_ok($$INSERT INTO iedesk.region (code, name, kind) VALUES ('1308', 'tap', 'province')$$, '23505', NULL,
	'codes are unique');
SELECT lives_ok($$UPDATE iedesk.region SET path = 'zz' WHERE id = 3$$, 'a path set by hand');
SELECT is((SELECT path::text FROM iedesk.region WHERE id = 3), '13.1308', 'is set right again');
RESET ROLE;

-- "Which regions are in 北京市" is an index probe
SET LOCAL enable_seqscan = off;
SELECT ok(EXISTS (SELECT 1 FROM pg_temp.tap_plan($$SELECT id FROM iedesk.region WHERE path OPERATOR(iedesk.<@) '11'$$) l
	WHERE l LIKE '%region_path_gist%'), 'a subtree is found with the GiST index on the path');
RESET enable_seqscan;

SELECT * FROM finish();
ROLLBACK;
