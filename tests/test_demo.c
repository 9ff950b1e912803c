/* test_demo: db/demo/demo.sql loads into a freshly migrated database and holds what the demo promises:
 * 怀柔区 with 30 open schools (18 resource classrooms, 7 resource centers, 2 autism bases), vacancies,
 * a September 2026 conference of about 80 attendee rows, overdue work, and sequences past its ids. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

static PGconn *demo_database(void)
{
	char *name = testdb_create_migrated();
	PGconn *conn = testdb_connect(name);
	free(name);
	testdb_load_demo(conn);
	return conn;
}

START_TEST(test_demo_schools)
{
	PGconn *c = demo_database();
	const char *hr = " FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id"
		" WHERE d.code = 'HR' AND s.archived_at IS NULL";
	char *sql = xasprintf("SELECT count(*)%s", hr);
	ck_assert_int_eq(testdb_count(c, sql), 30);
	free(sql);
	sql = xasprintf("SELECT count(*)%s AND s.has_resource_classroom", hr);
	ck_assert_int_eq(testdb_count(c, sql), 18);
	free(sql);
	sql = xasprintf("SELECT count(*)%s AND s.is_resource_center", hr);
	ck_assert_int_eq(testdb_count(c, sql), 7);
	free(sql);
	sql = xasprintf("SELECT count(*)%s AND s.is_autism_base", hr);
	ck_assert_int_eq(testdb_count(c, sql), 2);
	free(sql);
	/* every stage of the brief, both sectors, all three locales */
	sql = xasprintf("SELECT count(DISTINCT s.stage) * 100 + count(DISTINCT s.sector) * 10"
		" + count(DISTINCT s.locale)%s", hr);
	ck_assert_int_eq(testdb_count(c, sql), 723);
	free(sql);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.district"), 2);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.consortium WHERE kind IN"
		" ('education-association', 'alliance')"), 2);
	ck_assert_int_eq(testdb_count(c, "SELECT count(DISTINCT kind) FROM iedesk.shared_resource"), 4);
	PQfinish(c);
}
END_TEST

/* 怀柔区's schools as the Schools list shows them: in pinyin order (0026), 宝山 bao, 北房 bei, 渤海 bo, … 杨宋 yang,
 * 长哨营 zhang, then the English names; the archived school at its place. In code-point order 北 (U+5317)
 * would come before 宝 (U+5B9D), and 密云区 (U+5BC6) before 怀柔区 (U+6000). */
START_TEST(test_demo_schools_in_pinyin_order)
{
	PGconn *c = demo_database();
	static const char *const want[] = { "宝山镇中心小学", "北房镇中心小学", "北房镇中学", "渤海镇六渡河小学",
		"渤海镇中心小学", "怀北镇中心小学", "怀柔区第二小学", "怀柔区第二幼儿园", "怀柔区第二中学", "怀柔区第三小学",
		"怀柔区第三中学", "怀柔区第四小学", "怀柔区第一小学", "怀柔区第一幼儿园", "怀柔区第一中学", "怀柔区特殊教育学校",
		"怀柔区职业学校", "九渡河镇中心小学", "喇叭沟门满族乡中心小学", "琉璃庙镇中心小学", "庙城学校", "桥梓镇中心小学",
		"桥梓中学", "汤河口镇中心小学", "汤河口中学", "雁栖镇中心小学", "杨宋镇中心小学", "杨宋镇中学",
		"长哨营满族乡中心小学", "Huairou Experimental School", "Yanqi Lake Bilingual Kindergarten" };
	size_t n = sizeof(want) / sizeof(want[0]);
	/* the whole list, then window by window: the keyset follows the same order */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "", "1", 100, &rows);
	ck_assert_uint_eq(rows.count, n);
	const struct db_list_spec *spec = db_list_spec(DB_LIST_SCHOOLS);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(db_row_cell(spec, &rows.rows[i], "school"), want[i]);
	size_t seen = 0;
	struct db_rows window;
	testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_FIRST, NULL, "", "1", 4, &window);
	while (window.count > 0) {
		for (size_t i = 0; i < window.count; i++, seen++) {
			ck_assert_uint_lt(seen, n);
			ck_assert_str_eq(db_row_cell(spec, &window.rows[i], "school"), want[seen]);
		}
		struct db_rows next;
		testdb_fetch(c, DB_LIST_SCHOOLS, DB_WINDOW_AFTER, window.rows[window.count - 1].keys, "", "1", 4, &next);
		db_rows_done(&window);
		window = next;
	}
	db_rows_done(&window);
	ck_assert_uint_eq(seen, n);
	db_rows_done(&rows);
	/* the districts too: 怀柔区 huai before 滦平县 luan before 密云区 mi */
	testdb_fetch(c, DB_LIST_DISTRICTS, DB_WINDOW_FIRST, NULL, "", NULL, 10, &rows);
	ck_assert_uint_eq(rows.count, 3);
	ck_assert_str_eq(db_row_cell(db_list_spec(DB_LIST_DISTRICTS), &rows.rows[0], "district"), "怀柔区");
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_demo_managers)
{
	PGconn *c = demo_database();
	/* 3-4 vacancies in 怀柔区, some dated by an ended appointment */
	const char *vacant = " FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id"
		" WHERE d.code = 'HR' AND s.archived_at IS NULL"
		" AND NOT EXISTS (SELECT 1 FROM iedesk.school_current_manager m WHERE m.school_id = s.id)";
	char *sql = xasprintf("SELECT count(*)%s", vacant);
	long vacancies = testdb_count(c, sql);
	free(sql);
	ck_assert_int_ge(vacancies, 3);
	ck_assert_int_le(vacancies, 4);
	sql = xasprintf("SELECT count(*)%s AND EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
		" WHERE a.school_id = s.id)", vacant);
	ck_assert_int_ge(testdb_count(c, sql), 1);
	free(sql);
	/* a turnover in the last two months: a school with an appointment ended recently and a new open one */
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.manager_appointment old"
		" JOIN iedesk.school_current_manager cur ON cur.school_id = old.school_id"
		" WHERE old.ended_on BETWEEN '2026-09-24' AND '2026-11-24'"), 1);
	/* most, not all, current managers have been trained */
	long managers = testdb_count(c, "SELECT count(*) FROM iedesk.school_current_manager");
	long trained = testdb_count(c, "SELECT count(DISTINCT m.person_id) FROM iedesk.school_current_manager m"
		" JOIN iedesk.training_attendance t ON t.person_id = m.person_id");
	ck_assert_int_gt(trained * 2, managers);
	ck_assert_int_lt(trained, managers);
	PQfinish(c);
}
END_TEST

START_TEST(test_demo_conference)
{
	PGconn *c = demo_database();
	char *id = testdb_value(c, "SELECT id FROM iedesk.meeting WHERE title = '怀柔区融合教育工作推进会'"
		" AND held_on BETWEEN '2026-09-01' AND '2026-09-30'");
	char *sql = xasprintf("SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = %s", id);
	long rows = testdb_count(c, sql);
	free(sql);
	ck_assert_int_ge(rows, 75);
	ck_assert_int_le(rows, 85);
	sql = xasprintf("SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = %s"
		" AND organisation IS NOT NULL AND head_count > 1", id);
	ck_assert_int_ge(testdb_count(c, sql), 2);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM iedesk.decision WHERE meeting_id = %s", id);
	long decisions = testdb_count(c, sql);
	free(sql);
	ck_assert_int_ge(decisions, 5);
	ck_assert_int_le(decisions, 6);
	sql = xasprintf("SELECT count(*) FROM iedesk.action_item a JOIN iedesk.decision d ON d.id = a.decision_id"
		" WHERE d.meeting_id = %s", id);
	ck_assert_int_ge(testdb_count(c, sql), 10);
	free(sql);
	free(id);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE status = 'draft'"), 1);
	/* some action items are past due on 2026-11-24, some done */
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.action_item"
		" WHERE status IN ('open', 'in-progress') AND due_on < '2026-11-24'"), 2);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.action_item WHERE status = 'done'"), 2);
	PQfinish(c);
}
END_TEST

START_TEST(test_demo_inspections)
{
	PGconn *c = demo_database();
	long n = testdb_count(c, "SELECT count(*) FROM iedesk.inspection");
	ck_assert_int_ge(n, 20);
	ck_assert_int_le(n, 30);
	ck_assert_int_eq(testdb_count(c, "SELECT count(DISTINCT kind) * 10 + count(DISTINCT status)"
		" FROM iedesk.inspection"), 33);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.inspection"
		" WHERE status = 'planned' AND planned_on < '2026-11-24'"), 3);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.inspection WHERE action_item_id IS NOT NULL"), 3);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.finding"
		" WHERE resolved_on IS NULL AND due_on < '2026-11-24'"), 1);
	ck_assert_int_ge(testdb_count(c, "SELECT count(*) FROM iedesk.student_case"), 5);
	PQfinish(c);
}
END_TEST

START_TEST(test_demo_sequences_and_reload)
{
	PGconn *c = demo_database();
	/* new rows after the demo do not collide with its explicit ids */
	testdb_exec(c, "INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" VALUES (1, 'HR-NEW', '新学校', 'primary', 'town')");
	testdb_exec(c, "INSERT INTO iedesk.person (name) VALUES ('新人')");
	testdb_exec(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
		" VALUES (3, '新单位', 2)");   /* the draft: final minutes take no new attendee */
	testdb_exec(c, "INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (1, 'supervision', '2026-12-10')");
	/* inspection 3: visited and not closed, so open to a new finding (0010) */
	testdb_exec(c, "INSERT INTO iedesk.finding (inspection_id, severity, text) VALUES (3, 'low', '新发现')");
	/* a second load is refused, and nothing changes */
	long before = testdb_count(c, "SELECT count(*) FROM iedesk.school");
	char *migrations = testdb_source_path("db/migrations");
	char *demo = testdb_source_path("db/demo/demo.sql");
	struct db_error err = { 0 };
	ck_assert(!db_demo_load(c, migrations, demo, &err));
	ck_assert_ptr_nonnull(strstr(err.message, "already holds data"));
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school"), before);
	free(migrations);
	free(demo);
	PQfinish(c);
}
END_TEST

Suite *demo_suite(void)
{
	Suite *s = suite_create("demo");
	TCase *tc = tcase_create("demo data");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_demo_schools);
	tcase_add_test(tc, test_demo_schools_in_pinyin_order);
	tcase_add_test(tc, test_demo_managers);
	tcase_add_test(tc, test_demo_conference);
	tcase_add_test(tc, test_demo_inspections);
	tcase_add_test(tc, test_demo_sequences_and_reload);
	suite_add_tcase(s, tc);
	return s;
}
