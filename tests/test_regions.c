/* test_regions: beyond one district (0031) on the demo — the region tree with its districts' figures rolled
 * up, a region's districts, the alliances across districts, partners and their details, this year's
 * activities, partners and activities saved through db/record.c by the logins that may, and the Regions
 * pane as a city's officer and an alliance's coordinator see it. */
#include "tests/tests.h"
#include "tests/screen.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WAIT_MS 5000

/* The figures the Regions list must give a region, worked out here from the tables themselves. */
static char *figure(PGconn *c, const char *what, const char *region_code)
{
	char *sql = xasprintf("SELECT (%s)::text FROM iedesk.district d JOIN iedesk.region r ON r.id = d.region_id"
		" WHERE r.path OPERATOR(iedesk.<@) (SELECT p.path FROM iedesk.region p WHERE p.code = '%s')"
		" AND d.archived_at IS NULL", what, region_code);
	char *v = testdb_value(c, sql);
	free(sql);
	return v;
}

/* Every row of the Regions list has the figures of its subtree's districts as the tables give them. */
static void check_tree(PGconn *c, struct db_rows *rows)
{
	testdb_fetch(c, DB_LIST_REGIONS, DB_WINDOW_FIRST, NULL, "", NULL, 50, rows);
	ck_assert_uint_eq(rows->count, 3);
	const struct db_list_spec *spec = db_list_spec(DB_LIST_REGIONS);
	for (size_t i = 0; i < rows->count; i++) {
		const struct db_row *r = &rows->rows[i];
		const char *code = db_row_cell(spec, r, "code");
		char *want = figure(c, "count(*)", code);
		ck_assert_str_eq(db_row_cell(spec, r, "districts"), want);
		free(want);
		want = figure(c, "coalesce(sum((SELECT count(*) FROM iedesk.backlog b WHERE b.district_id = d.id)), 0)", code);
		ck_assert_msg(!strcmp(db_row_cell(spec, r, "open"), want), "%s: open %s, want %s", code,
			db_row_cell(spec, r, "open"), want);
		free(want);
		want = figure(c, "coalesce(sum((SELECT count(*) FROM iedesk.backlog b WHERE b.district_id = d.id"
			" AND b.due_on < iedesk.today())), 0)", code);
		ck_assert_msg(!strcmp(db_row_cell(spec, r, "overdue"), want), "%s: overdue %s, want %s", code,
			db_row_cell(spec, r, "overdue"), want);
		free(want);
	}
}

START_TEST(test_region_tree_rolls_up)
{
	PGconn *c = testdb_demo();
	testdb_check_order(c, DB_LIST_REGIONS, "", NULL, "SELECT id FROM iedesk.region ORDER BY path::text COLLATE \"C\", id");
	struct db_rows rows;
	check_tree(c, &rows);
	const struct db_list_spec *spec = db_list_spec(DB_LIST_REGIONS);
	static const char *const codes[] = { "11", "13", "1308" };
	static const char *const names[] = { "北京市", "河北省", "  承德市" };
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(db_row_cell(spec, &rows.rows[i], "code"), codes[i]);
		ck_assert_str_eq(db_row_cell(spec, &rows.rows[i], "region"), names[i]);
	}
	/* 北京市: 怀柔区 and 密云区, with the demo's overdue items flagged */
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[0], "districts"), "2");
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[0], "open"), "20");
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_ALERT);
	/* 河北省 counts its city's 滦平县 */
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[1], "districts"), "1");
	db_rows_done(&rows);

	/* the filter: a name, its pinyin, a code */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_REGIONS, "承德", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_REGIONS, "bjs", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_REGIONS, "13", NULL), 2);

	/* a region's districts: a province's own and those of its cities */
	testdb_check_order(c, DB_LIST_REGION_DISTRICTS, "", "1",
		"SELECT id FROM iedesk.district WHERE code IN ('HR', 'MY') ORDER BY name, id");
	testdb_fetch(c, DB_LIST_REGION_DISTRICTS, DB_WINDOW_FIRST, NULL, "", "2", 50, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(db_row_cell(db_list_spec(DB_LIST_REGION_DISTRICTS), &rows.rows[0], "district"), "滦平县");
	ck_assert_str_eq(db_row_cell(db_list_spec(DB_LIST_REGION_DISTRICTS), &rows.rows[0], "region"), "承德市");
	db_rows_done(&rows);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_REGION_DISTRICTS, "", "3"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_REGION_DISTRICTS, "", "999"), 0);

	/* the tally by region follows the backlog, a district moved to another region, and a city moved */
	testdb_exec(c, "INSERT INTO iedesk.inspection (school_id, kind, planned_on) VALUES (201, 'supervision', '2026-11-01'),"
		" (202, 'supervision', '2026-12-20')");
	check_tree(c, &rows);
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[2], "open"), "2");
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[2], "overdue"), "1");
	db_rows_done(&rows);
	testdb_exec(c, "UPDATE iedesk.district SET region_id = 3 WHERE code = 'MY'");
	check_tree(c, &rows);
	db_rows_done(&rows);
	testdb_exec(c, "UPDATE iedesk.region SET parent_id = 1 WHERE code = '1308'");
	check_tree(c, &rows);
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[0], "districts"), "3");
	ck_assert_str_eq(db_row_cell(spec, &rows.rows[1], "region"), "  承德市");   /* now under 北京市 */
	db_rows_done(&rows);

	PQfinish(c);
}
END_TEST

START_TEST(test_alliance_across_provinces)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_ALLIANCES, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	ck_assert_uint_eq(rows.count, 2);
	/* led by a university's centre; five schools of three districts in two provinces, three shares */
	const char *jj[] = { "JJ-AL01", "京冀融合教育协作联盟", "首都师范大学融合教育研究中心", "5", "3", "2", "3" };
	testdb_check_cells(testdb_find_row(&rows, "5"), jj, 7);
	const char *hr[] = { "HR-AL01", "怀柔区第二中学融合教育联盟", "怀柔区第二中学", "5", "1", "1", "4" };
	testdb_check_cells(testdb_find_row(&rows, "2"), hr, 7);
	db_rows_done(&rows);

	struct db_detail d;
	testdb_detail(c, DB_DETAIL_CONSORTIUM, "5", &d);
	ck_assert_str_eq(d.title, "京冀融合教育协作联盟");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Lead partner", NULL), "首都师范大学融合教育研究中心");
	ck_assert_ptr_null(testdb_line_value(&d, "Consortium", "District", NULL));
	ck_assert_ptr_null(testdb_line_value(&d, "Consortium", "Lead school", NULL));
	ck_assert_str_eq(testdb_line_value(&d, "Members by district", "滦平县 (LP)", NULL), "2");
	ck_assert_str_eq(testdb_line_value(&d, "Members by district", "密云区 (MY)", NULL), "1");
	ck_assert_str_eq(testdb_line_value(&d, "Partnerships", "首都师范大学融合教育研究中心", NULL),
		"active: research, training, 2024-09-01 – now");
	ck_assert_str_eq(testdb_line_value(&d, "Activities", "2026-11-05", NULL),
		"exchange visit: 滦平县教师到密云区特殊教育学校交流访问 (parents 0, teachers 16, students 0, partners 0)");
	db_detail_done(&d);

	/* a home-school alliance: its parent committee, chair first */
	testdb_detail(c, DB_DETAIL_CONSORTIUM, "6", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Parent committee", "chair", NULL), "钱慧 (joined 2024-09-01)");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "District", NULL), "怀柔区 (HR)");
	db_detail_done(&d);

	/* its members by their schools' names, in pinyin order, from the members' own index; a school renamed
	 * moves with its new name */
	testdb_check_order(c, DB_LIST_CONSORTIUM_MEMBERS, "", "5", "SELECT m.id FROM iedesk.consortium_member m"
		" JOIN iedesk.school s ON s.id = m.school_id WHERE m.consortium_id = 5 ORDER BY s.name, m.id");
	testdb_exec(c, "UPDATE iedesk.school SET name = '安定学校' WHERE id = 202");
	testdb_check_order(c, DB_LIST_CONSORTIUM_MEMBERS, "", "5", "SELECT m.id FROM iedesk.consortium_member m"
		" JOIN iedesk.school s ON s.id = m.school_id WHERE m.consortium_id = 5 ORDER BY s.name, m.id");
	testdb_fetch(c, DB_LIST_CONSORTIUM_MEMBERS, DB_WINDOW_FIRST, NULL, "", "5", 10, &rows);
	ck_assert_str_eq(db_row_cell(db_list_spec(DB_LIST_CONSORTIUM_MEMBERS), &rows.rows[0], "school"), "安定学校");
	db_rows_done(&rows);
	testdb_exec(c, "UPDATE iedesk.school SET name = '滦平县特殊教育学校' WHERE id = 202");

	/* a member school's detail names the alliance among its consortia */
	testdb_detail(c, DB_DETAIL_SCHOOL, "201", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Consortia", "member", NULL), "京冀融合教育协作联盟 (joined 2025-03-01)");
	db_detail_done(&d);
	PQfinish(c);
}
END_TEST

START_TEST(test_partners_and_activities)
{
	PGconn *c = testdb_demo();
	testdb_check_order(c, DB_LIST_PARTNERS, "", NULL, "SELECT id FROM iedesk.partner ORDER BY name, id");
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_PARTNERS, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	ck_assert_uint_eq(rows.count, 6);
	const char *com[] = { "P-HR-COM01", "泉河街道社区服务中心", "community", "HR", "马晓红", "1", "1" };
	testdb_check_cells(testdb_find_row(&rows, "3"), com, 7);
	db_rows_done(&rows);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_PARTNERS, "qhjd", NULL), 1);   /* 泉河街道 by its initials */

	struct db_detail d;
	testdb_detail(c, DB_DETAIL_PARTNER, "4", &d);
	ck_assert_str_eq(d.title, "雁栖康复器材有限公司");
	ck_assert_str_eq(testdb_line_value(&d, "Partner", "Kind", NULL), "business");
	ck_assert_str_eq(testdb_line_value(&d, "Partner", "Contact person", NULL), "邓凯");
	ck_assert_str_eq(testdb_line_value(&d, "Partnerships", "怀柔区特殊教育学校", NULL),
		"ended: equipment, internships, 2024-06-01 – 2026-06-30");
	ck_assert_str_eq(testdb_line_value(&d, "Activities", "2025-12-10", NULL),
		"other: 康复器材捐赠与使用培训 (parents 6, teachers 14, students 0, partners 3)");
	db_detail_done(&d);

	/* a school's detail: its partnerships and the activities it hosted, newest first */
	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Partnerships", "泉河街道社区服务中心", NULL),
		"active: volunteers, 2025-03-01 – now");
	ck_assert_str_eq(testdb_line_value(&d, "Activities", "2026-09-20", NULL),
		"parents' meeting: 秋季学期融合教育家长会 (parents 86, teachers 12, students 0, partners 2)");
	db_detail_done(&d);

	/* this year's activities (the database's year), newest first: not 2025's */
	testdb_check_order(c, DB_LIST_ACTIVITIES, "", NULL, "SELECT id FROM iedesk.activity WHERE held_on >= '2026-01-01'"
		" ORDER BY held_on DESC, id DESC");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTIVITIES, "", NULL), 5);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTIVITIES, "滦平县", NULL), 2);   /* by its place, or its title */
	testdb_exec(c, "SET iedesk.today = '2025-12-31'");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTIVITIES, "", NULL), 1);
	PQfinish(c);
}
END_TEST

/* A login of this test's own, made by the owner (logins are cluster-wide, the database is the test's). */
static char *account(PGconn *owner, const char *prefix, const char *role, const char *district, const char *region)
{
	char *login = xasprintf("%s_%s", prefix, PQdb(owner));
	const char *state = testdb_try(owner, "SELECT iedesk.account_create($1, $2, nullif($3, ''), NULL, nullif($4, ''))",
		login, role, district ? district : "", region ? region : "", NULL);
	ck_assert_msg(!*state, "account_create %s: %s", login, state);
	return login;
}

static PGconn *connect_as(const char *dbname, const char *login)
{
	const char *keywords[] = { "dbname", "user", NULL };
	const char *values[] = { dbname, login, NULL };
	PGconn *conn = PQconnectdbParams(keywords, values, 0);
	ck_assert_msg(PQstatus(conn) == CONNECTION_OK, "cannot connect as %s: %s", login, PQerrorMessage(conn));
	PQsetNoticeProcessor(conn, NULL, NULL);
	testdb_exec(conn, "SET iedesk.today = '" TESTDB_TODAY "'");
	return conn;
}

/* An activity of consortium, hosted by school ("" for none). */
static void activity_record(struct db_record *rec, const char *consortium, const char *school)
{
	db_record_init(rec, DB_RECORD_ACTIVITY);
	testdb_set_value(rec, "consortium_id", consortium);
	testdb_set_value(rec, "school_id", *school ? school : NULL);
	testdb_set_value(rec, "kind", "joint-training");
	testdb_set_value(rec, "title", "联合教研");
	testdb_set_value(rec, "held_on", "2026-12-10");
	testdb_set_value(rec, "teachers", "30");
}

/* Who saves what through the forms' statements: a coordinator their alliance's activities (hosted by a school
 * of any district) but not a district's; a city's officer the partners of its district, not another's; what
 * is refused says why. */
START_TEST(test_saves_by_scope)
{
	PGconn *owner = testdb_demo();
	char *coordinator = account(owner, "coord", "coordinator", NULL, NULL);
	char *officer = account(owner, "city", "manager", NULL, "1308");
	ck_assert_str_eq(testdb_try(owner, "SELECT iedesk.alliance_coordinator_set($1, 'JJ-AL01', true)", coordinator, NULL), "");

	PGconn *c = connect_as(PQdb(owner), coordinator);
	struct db_record rec;
	struct db_error err = { 0 };
	char *id = NULL, *version = NULL;
	activity_record(&rec, "5", "202");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_OK);
	ck_assert_str_eq(version, "1");
	FREE(&id);
	FREE(&version);
	db_record_done(&rec);
	activity_record(&rec, "6", "1");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_msg(strstr(err.message, "has no iedesk account with a district"), "%s", err.message);
	db_record_done(&rec);
	PQfinish(c);

	c = connect_as(PQdb(owner), officer);
	db_record_init(&rec, DB_RECORD_PARTNER);
	testdb_set_value(&rec, "code", "P-LP-COM01");
	testdb_set_value(&rec, "name", "滦平县残疾人康复中心");
	testdb_set_value(&rec, "kind", "community");
	testdb_set_value(&rec, "district_id", "3");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_OK);
	FREE(&id);
	FREE(&version);
	testdb_set_value(&rec, "code", "P-HR-COM02");
	testdb_set_value(&rec, "district_id", "1");
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "this record belongs to 怀柔区 (HR), and your account may change only those of"
		" 承德市 (1308)");
	db_record_done(&rec);
	PQfinish(c);
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.partner WHERE code LIKE 'P-%-COM0%'"), 2);

	free(officer);
	free(coordinator);
	PQfinish(owner);
}
END_TEST

/* A partnership of an HR school and a parent on HR-HS01's committee, saved through the forms' statements by
 * HR's manager, who sees them in the partner's partnerships and the committee, and ends the membership with
 * D's statement; the same refused to 承德市's officer (another city's school) and to a coordinator (of no
 * district). What the partnership brings is its flags listed. */
START_TEST(test_partnerships_and_committee_saved)
{
	PGconn *owner = testdb_demo();
	char *manager = account(owner, "hrm", "manager", "HR", NULL);
	char *officer = account(owner, "city", "manager", NULL, "1308");
	char *coordinator = account(owner, "coord", "coordinator", NULL, NULL);

	struct db_record partnership, member;
	db_record_init(&partnership, DB_RECORD_PARTNERSHIP);
	testdb_set_value(&partnership, "partner_id", "4");
	testdb_set_value(&partnership, "school_id", "2");
	testdb_set_value(&partnership, "brings_mentoring", "t");
	testdb_set_value(&partnership, "brings_volunteers", "t");
	testdb_set_value(&partnership, "from_on", "2026-11-01");
	db_record_init(&member, DB_RECORD_COMMITTEE_MEMBER);
	testdb_set_value(&member, "consortium_id", "6");
	testdb_set_value(&member, "person_id", "1");
	testdb_set_value(&member, "joined_on", "2026-09-01");

	struct db_error err = { 0 };
	char *id = NULL, *version = NULL;
	PGconn *c = connect_as(PQdb(owner), officer);
	ck_assert_int_eq(testdb_save(c, &partnership, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "this record belongs to 怀柔区 (HR), and your account may change only those of"
		" 承德市 (1308)");
	PQfinish(c);
	c = connect_as(PQdb(owner), coordinator);
	ck_assert_int_eq(testdb_save(c, &member, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_msg(strstr(err.message, "has no iedesk account with a district"), "%s", err.message);
	PQfinish(c);

	c = connect_as(PQdb(owner), manager);
	ck_assert_int_eq(testdb_save(c, &partnership, &id, &version, &err), DB_SAVE_OK);
	char *sql = xasprintf("SELECT brings::text FROM iedesk.partnership WHERE id = %s", id);
	char *brings = testdb_value(c, sql);
	ck_assert_str_eq(brings, "{mentoring,volunteers}");
	free(brings);
	free(sql);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_PARTNERSHIPS, DB_WINDOW_FIRST, NULL, "", "4", 50, &rows);
	ck_assert_uint_eq(rows.count, 2);   /* the demo's, ended, and this one, the latest started */
	const char *mine[] = { "怀柔区第二小学", "mentoring, volunteers", "2026-11-01", "", "active" };
	ck_assert_str_eq(rows.rows[0].keys[1], id);
	testdb_check_cells(&rows.rows[0], mine, 5);
	ck_assert_uint_eq(rows.rows[1].flags, DB_ROW_DIM);
	db_rows_done(&rows);
	FREE(&id);
	FREE(&version);

	ck_assert_int_eq(testdb_save(c, &member, &id, &version, &err), DB_SAVE_OK);
	testdb_check_order(c, DB_LIST_COMMITTEE_MEMBERS, "", "6", "SELECT m.id FROM iedesk.committee_member m"
		" JOIN iedesk.person p ON p.id = m.person_id WHERE m.consortium_id = 6 ORDER BY p.name, m.id");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_COMMITTEE_MEMBERS, "钱慧", "6"), 1);
	struct db_request req;
	db_removal_request(DB_REMOVE_END_COMMITTEE_MEMBERSHIP, id, &req);
	PGresult *res = PQexecParams(c, req.sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1, "%s", PQresultErrorMessage(res));
	PQclear(res);
	res = PQexecParams(c, req.sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
	ck_assert_int_eq(PQntuples(res), 0);   /* left already */
	PQclear(res);
	db_request_done(&req);
	sql = xasprintf("SELECT left_on::text FROM iedesk.committee_member WHERE id = %s", id);
	char *left = testdb_value(c, sql);
	ck_assert_str_eq(left, TESTDB_TODAY);
	free(left);
	free(sql);
	FREE(&id);
	FREE(&version);
	PQfinish(c);

	db_record_done(&member);
	db_record_done(&partnership);
	free(coordinator);
	free(officer);
	free(manager);
	PQfinish(owner);
}
END_TEST

/* ---- the Regions pane on screen ---- */

static char *db_name;
static char *state_dir;
static struct screen *screen;

static void setup(void)
{
	db_name = testdb_create_migrated();
	PGconn *c = testdb_connect(db_name);
	testdb_load_demo(c);
	PQfinish(c);
	char template[] = "/tmp/iedesk-regions-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	state_dir = xstrdup(template);
}

static void teardown(void)
{
	screen_free(screen);
	screen = NULL;
	char *cmd = xasprintf("rm -rf '%s'", state_dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	FREE(&state_dir);
	FREE(&db_name);
}

static struct screen *launch_as(const char *login)
{
	char *database = xasprintf("PGDATABASE=%s", db_name);
	char *state = xasprintf("XDG_STATE_HOME=%s", state_dir);
	char *user = xasprintf("PGUSER=%s", login);
	const char *env[] = { database, "PGOPTIONS=" TESTDB_DAY_OPTIONS, "XDG_CONFIG_HOME=/nonexistent", state, user,
		"LANG=C.UTF-8", NULL };
	const char *argv[] = { testdb_program(), NULL };
	screen = screen_start(argv, env, 30, 110);
	free(database);
	free(state);
	free(user);
	return screen;
}

/* The key pressed on the row the filter finds first. */
static void on_row(struct screen *s, const char *filter, const char *key)
{
	screen_type(s, "/");
	screen_type(s, filter);
	screen_key(s, SCREEN_KEY_ENTER);
	screen_settle(s, 200, WAIT_MS);
	screen_type(s, key);
}

/* A province's officer starts in its districts, not another province's; Esc gives the tree, whose rows sum
 * their districts; c the alliances, m an alliance's members from every province, and a partner's
 * partnerships; M in the Districts pane a home-school alliance's parent committee. */
START_TEST(test_regions_pane_as_officer)
{
	PGconn *owner = testdb_connect(db_name);
	char *officer = account(owner, "bj", "manager", NULL, "11");
	PQfinish(owner);
	struct screen *s = launch_as(officer);
	screen_assert_text(s, "manager 北京市", WAIT_MS);   /* the status line: who, as what, where */
	screen_type(s, "6");
	screen_assert_text(s, "Districts: 北京市", WAIT_MS);   /* its region's districts */
	screen_assert_text(s, "密云区", WAIT_MS);
	screen_assert_text(s, "怀柔区", WAIT_MS);
	ck_assert(!screen_wait_text(s, "滦平县", 300));
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert_text(s, "承德市", WAIT_MS);
	screen_assert_text(s, "北京市", WAIT_MS);
	screen_type(s, "c");
	screen_assert_text(s, "京冀融合教育协作联盟", WAIT_MS);
	on_row(s, "JJ", "m");
	screen_assert_text(s, "滦平县特殊教育学校", WAIT_MS);
	screen_assert_text(s, "密云区特殊教育学校", WAIT_MS);
	screen_key(s, SCREEN_KEY_ESC);
	screen_key(s, SCREEN_KEY_ESC);
	screen_type(s, "z");
	screen_assert_text(s, "Activities this year", WAIT_MS);
	screen_assert_text(s, "社区融合开放日", WAIT_MS);
	ck_assert(!screen_wait_text(s, "康复器材捐赠与使用培训", 300));   /* 2025's */
	/* m on a partner: its partnerships */
	screen_key(s, SCREEN_KEY_ESC);
	screen_type(s, "Z");
	screen_assert_text(s, "雁栖康复器材有限公司", WAIT_MS);
	on_row(s, "BIZ01", "m");
	screen_assert_text(s, "Partnerships: 雁栖康复器材有限公司", WAIT_MS);
	screen_assert_text(s, "equipment, internships", WAIT_MS);
	/* M on a home-school alliance in the Districts pane: its parent committee */
	screen_type(s, "1");
	screen_assert_text(s, "怀柔区", WAIT_MS);
	on_row(s, "HR", "c");
	screen_assert_text(s, "怀柔区第一小学家校共育联盟", WAIT_MS);
	on_row(s, "HS01", "M");
	screen_assert_text(s, "Parent committee: 怀柔区第一小学家校共育联盟", WAIT_MS);
	screen_assert_text(s, "钱慧", WAIT_MS);
	free(officer);
}
END_TEST

/* A coordinator starts in the alliances. */
START_TEST(test_regions_pane_as_coordinator)
{
	PGconn *owner = testdb_connect(db_name);
	char *coordinator = account(owner, "co", "coordinator", NULL, NULL);
	ck_assert_str_eq(testdb_try(owner, "SELECT iedesk.alliance_coordinator_set($1, 'JJ-AL01', true)", coordinator, NULL), "");
	PQfinish(owner);
	struct screen *s = launch_as(coordinator);
	screen_assert_text(s, "Districts", WAIT_MS);
	screen_type(s, "6");
	screen_assert_text(s, "Alliances", WAIT_MS);
	screen_assert_text(s, "首都师范大学", WAIT_MS);
	screen_type(s, "Z");
	screen_assert_text(s, "雁栖康复器材有限公司", WAIT_MS);
	free(coordinator);
}
END_TEST

Suite *regions_suite(void)
{
	Suite *s = suite_create("regions");
	TCase *tc = tcase_create("lists and details");
	tcase_add_test(tc, test_region_tree_rolls_up);
	tcase_add_test(tc, test_alliance_across_provinces);
	tcase_add_test(tc, test_partners_and_activities);
	tcase_add_test(tc, test_saves_by_scope);
	tcase_add_test(tc, test_partnerships_and_committee_saved);
	suite_add_tcase(s, tc);
	tc = tcase_create("pane");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_regions_pane_as_officer);
	tcase_add_test(tc, test_regions_pane_as_coordinator);
	suite_add_tcase(s, tc);
	return s;
}
