-- pinyin.sql: 0026's hanzi -> pinyin table and the names' pinyin keys, tried by every role as that role:
-- each reads the table and the keys, none writes the table, and no client sets a name's keys apart from
-- the name. Run by pg_prove against a migrated database holding the demo (tests/test_policies.c).
BEGIN;
SELECT plan(31);
SET LOCAL iedesk.today = '2026-11-24';
DO $$
BEGIN
	PERFORM iedesk.account_create('tap_staff', 'staff', NULL);
	PERFORM iedesk.account_create('tap_secretary', 'secretary', 'HR');
	PERFORM iedesk.account_create('tap_manager', 'manager', 'HR');
	PERFORM iedesk.account_create('tap_case', 'caseworker', 'HR');
	PERFORM iedesk.account_create('tap_admin', 'admin', NULL);
END
$$;

-- Every role reads the readings and computes keys, and may neither add, change nor remove a reading.
CREATE FUNCTION pg_temp.tap_pinyin_role(p_login text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('SET LOCAL ROLE %I', p_login);
	RETURN NEXT is((SELECT readings[1] FROM iedesk.hanzi_pinyin WHERE hanzi = '怀'), 'huai',
		p_login || ' reads the readings');
	RETURN NEXT is(iedesk.pinyin_keys('怀柔区'), 'huairouqu hrq', p_login || ' computes a name''s keys');
	RETURN NEXT throws_ok($q$INSERT INTO iedesk.hanzi_pinyin (hanzi, readings) VALUES ('㐀', '{x}')$q$, '42501',
		NULL, p_login || ' adds no reading');
	RETURN NEXT throws_ok($q$UPDATE iedesk.hanzi_pinyin SET readings = '{x}' WHERE hanzi = '怀'$q$, '42501', NULL,
		p_login || ' changes no reading');
	RETURN NEXT throws_ok($q$DELETE FROM iedesk.hanzi_pinyin WHERE hanzi = '怀'$q$, '42501', NULL,
		p_login || ' removes no reading');
	RESET ROLE;
END;
$$;
SELECT pg_temp.tap_pinyin_role('tap_staff');
SELECT pg_temp.tap_pinyin_role('tap_secretary');
SELECT pg_temp.tap_pinyin_role('tap_manager');
SELECT pg_temp.tap_pinyin_role('tap_case');
SELECT pg_temp.tap_pinyin_role('tap_admin');

-- A manager who may write a school's row still cannot make its keys say something else: they follow
-- the name, on an insert as on an update.
SET ROLE tap_manager;
UPDATE iedesk.school SET name_pinyin = 'zzz' WHERE id = 1;
SELECT is((SELECT name_pinyin FROM iedesk.school WHERE id = 1), iedesk.pinyin_keys((SELECT name FROM iedesk.school
	WHERE id = 1)), 'a manager''s keys written by hand give way to the name''s');
UPDATE iedesk.school SET name = '重阳镇中心小学' WHERE id = 1;
SELECT is((SELECT name_pinyin FROM iedesk.school WHERE id = 1),
	'zhongyangzhenzhongxinxiaoxue zyzzxxx chongyangzhenzhongxinxiaoxue cyzzxxx',
	'a renamed school has the new name''s keys, by each character''s two most common readings');
INSERT INTO iedesk.person (name, district_id) VALUES ('吕行', 1);
SELECT is((SELECT name_pinyin FROM iedesk.person WHERE name = '吕行'), 'lvxing lx lvhang lh',
	'a new person has the name''s keys (ü typed v)');
RESET ROLE;

-- The function and the trigger have a fixed search_path: a temporary table named like the readings
-- changes nothing.
CREATE TEMP TABLE hanzi_pinyin (hanzi text, readings text[]);
INSERT INTO pg_temp.hanzi_pinyin VALUES ('怀', '{evil}');
SELECT is(iedesk.pinyin_keys('怀'), 'huai h', 'a temporary table does not stand in for the readings');
SELECT ok((SELECT count(*) FROM iedesk.hanzi_pinyin) >= 20000, 'the readings cover the common characters and more');
-- GB 2312's 6,763 hanzi: rows 0xB0-0xF7 of EUC-CN, less the five unassigned places at the end of level 1.
SELECT is((SELECT count(h.hanzi) FROM (SELECT convert_from(decode(to_hex(hi) || to_hex(lo), 'hex'), 'EUC_CN') AS ch
	FROM generate_series(176, 247) hi, generate_series(161, 254) lo WHERE NOT (hi = 215 AND lo >= 250)) g
	JOIN iedesk.hanzi_pinyin h ON h.hanzi = g.ch), 6763::bigint, 'every character of GB 2312 has a reading');

SELECT * FROM finish();
ROLLBACK;
