/* test_meetings: the meeting records (db/record.c), their lookups (db/lookup.c), the lists of a meeting's
 * attendees, agenda, decisions and action items (db/list.c), the removals of db/meeting.c and final minutes
 * with their amendments (db/meeting.c, 0009_meeting_final.sql), against the demo with "today" fixed at
 * 2026-11-24. The walks and index checks of every list are in test_lists.c. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL 1000

/* The demo conference (meeting 1) is final: a test that changes its minutes amends them first. */
static void amend(PGconn *c, const char *meeting_id)
{
	char *sql = xasprintf("SELECT iedesk.meeting_amend(%s, '测试')", meeting_id);
	testdb_exec(c, sql);
	free(sql);
}

/* ---- records ---- */


static const struct testdb_sample samples[] = {
	{ DB_RECORD_MEETING, { "1", "committee", "测试会议", "2026-12-01", "区教委301会议室", "1", "", "第一行\n第二行" },
		"title", "测试会议（改）", NULL, { "怀柔区", NULL, NULL, NULL, NULL, "刘建国" } },
	{ DB_RECORD_MEETING_ATTENDEE, { "3", "", "区残疾人联合会", "3" }, "head_count", "4",
		NULL, { "2026-11-20 怀柔区融合教育推进委员会2026年第四次会议" } },
	{ DB_RECORD_AGENDA_ITEM, { "3", "4", "测试议题", "备注\n第二行" }, "title", "测试议题（改）",
		NULL, { "2026-11-20 怀柔区融合教育推进委员会2026年第四次会议" } },
	{ DB_RECORD_DECISION, { "3", "10", "2", "测试决定\n细则" }, "text", "测试决定（改）",
		NULL, { "2026-11-20 怀柔区融合教育推进委员会2026年第四次会议", "3. 2027年融合教育经费预算" } },
	{ DB_RECORD_ACTION_ITEM, { "9", "测试任务\n第二行", "14", "区教委人事科", "2026-12-31", "in-progress", "" },
		"due_on", "2027-01-31",
		NULL, { "1. 对推进会决定落实情况开展专项督导，超期任务限期整改。", NULL, "北房镇中学" } },
};

START_TEST(test_meeting_records_round_trip)
{
	PGconn *c = testdb_demo();
	testdb_round_trip(c, samples, sizeof(samples) / sizeof(samples[0]));
	/* a new meeting is a draft (no form field says otherwise) */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE title = '测试会议（改）'"
		" AND status = 'draft'"), 1);
	PQfinish(c);
}
END_TEST

/* Save a record of kind with values (in field order); the outcome, and err's sentence. */
static enum db_save_outcome try_save(PGconn *c, enum db_record_kind kind, const char *const *values,
		struct db_error *err)
{
	const struct db_record_def *def = db_record_def(kind);
	struct db_record rec;
	db_record_init(&rec, kind);
	for (int i = 0; i < def->nfields; i++) {
		free(rec.values[i]);
		rec.values[i] = xstrdup(values[i]);
	}
	enum db_save_outcome outcome = testdb_save(c, &rec, NULL, NULL, err);
	db_record_done(&rec);
	return outcome;
}

START_TEST(test_meeting_record_defaults_and_refusals)
{
	/* the schema's defaults, and its choices */
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_MEETING_ATTENDEE);
	ck_assert_str_eq(rec.values[testdb_field_index(DB_RECORD_MEETING_ATTENDEE, "head_count")], "1");
	db_record_done(&rec);
	db_record_init(&rec, DB_RECORD_ACTION_ITEM);
	ck_assert_str_eq(rec.values[testdb_field_index(DB_RECORD_ACTION_ITEM, "status")], "open");
	ck_assert_ptr_null(rec.values[testdb_field_index(DB_RECORD_ACTION_ITEM, "done_on")]);
	db_record_done(&rec);
	db_record_init(&rec, DB_RECORD_MEETING);
	for (int i = 0; i < db_record_def(DB_RECORD_MEETING)->nfields; i++) {
		ck_assert_str_ne(db_record_def(DB_RECORD_MEETING)->fields[i].column, "status");
		ck_assert_ptr_null(rec.values[i]);
	}
	db_record_done(&rec);
	const struct db_field *count = &db_record_def(DB_RECORD_MEETING_ATTENDEE)->fields[3];
	char why[200];
	ck_assert(!db_field_check(count, "0", why, sizeof(why)));
	ck_assert(!db_field_check(count, "100001", why, sizeof(why)));
	ck_assert(db_field_check(count, "100000", why, sizeof(why)));
	const struct db_field *kind = &db_record_def(DB_RECORD_MEETING)->fields[1];
	ck_assert(db_field_check(kind, "resource-center-group", why, sizeof(why)));
	ck_assert(!db_field_check(kind, "final", why, sizeof(why)));

	PGconn *c = testdb_demo();
	struct db_error err = { 0 };
	/* an attendee is a person or an organisation */
	const char *both[] = { "3", "1", "区残联", "1" };
	ck_assert_int_eq(try_save(c, DB_RECORD_MEETING_ATTENDEE, both, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an attendee is either a person or an organisation, not both");
	const char *neither[] = { "3", "", "", "1" };
	ck_assert_int_eq(try_save(c, DB_RECORD_MEETING_ATTENDEE, neither, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an attendee is either a person or an organisation, not both");
	const char *crowd[] = { "3", "5", "", "5" };
	ck_assert_int_eq(try_save(c, DB_RECORD_MEETING_ATTENDEE, crowd, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a person counts as one attendee; only organisations count more");
	const char *again[] = { "3", "2", "", "1" };
	ck_assert_int_eq(try_save(c, DB_RECORD_MEETING_ATTENDEE, again, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "that person is already an attendee of this meeting");
	/* positions are unique in a meeting */
	const char *taken[] = { "3", "1", "重复", "" };
	ck_assert_int_eq(try_save(c, DB_RECORD_AGENDA_ITEM, taken, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "that place on the agenda is already taken");
	const char *dtaken[] = { "3", "", "1", "重复" };
	ck_assert_int_eq(try_save(c, DB_RECORD_DECISION, dtaken, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "that decision number is already taken in this meeting");
	/* an action item needs an owner; done goes with its date */
	const char *orphan[] = { "9", "无人负责", "", "", "2026-12-31", "open", "" };
	ck_assert_int_eq(try_save(c, DB_RECORD_ACTION_ITEM, orphan, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an action item needs an owner: a school, a unit or both");
	const char *undated[] = { "9", "已完成", "14", "", "2026-12-31", "done", "" };
	ck_assert_int_eq(try_save(c, DB_RECORD_ACTION_ITEM, undated, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an action item is done exactly when it has the date it was done");
	const char *done[] = { "9", "已完成", "14", "", "2026-12-31", "done", "2026-11-23" };
	ck_assert_int_eq(try_save(c, DB_RECORD_ACTION_ITEM, done, &err), DB_SAVE_OK);
	PQfinish(c);
}
END_TEST

/* ---- lookups ---- */

static void ck_lookup(PGconn *c, enum db_lookup_kind kind, const char *filter, const char *id, const char *name)
{
	struct db_request req;
	db_lookup_request(kind, filter, 50, &req);
	PGresult *res = testdb_run(c, &req);
	struct db_choices choices;
	struct db_error err = { 0 };
	ck_assert_msg(db_lookup_parse(res, &choices, &err), "%s", err.message);
	bool found = false;
	for (size_t i = 0; i < choices.count; i++) {
		if (!strcmp(choices.items[i].id, id)) {
			found = true;
			ck_assert_str_eq(choices.items[i].name, name);
			ck_assert(*choices.items[i].detail);
		}
	}
	ck_assert_msg(found, "lookup %d \"%s\": no %s", kind, filter, id);
	db_choices_done(&choices);
	PQclear(res);
	db_request_done(&req);
}

START_TEST(test_meeting_lookups)
{
	PGconn *c = testdb_demo();
	ck_lookup(c, DB_LOOKUP_MEETING, "推进会", "1", "2026-09-17 怀柔区融合教育工作推进会");
	ck_lookup(c, DB_LOOKUP_MEETING, "", "4", "2026-05-12 密云区融合教育工作会");
	ck_lookup(c, DB_LOOKUP_AGENDA_ITEM, "资源教室", "2", "2. 资源教室建设与使用情况通报");
	/* a decision is cut to 60 characters */
	ck_lookup(c, DB_LOOKUP_DECISION, "孤独症", "5", "5. 孤独症教育基地面向全区开放，承担孤独症学生入学和转衔评估。");
	amend(c, "1");
	testdb_exec(c, "UPDATE iedesk.decision SET text = repeat('长', 70) || E'\\n第二行' WHERE id = 6");
	char *sixty = testdb_value(c, "SELECT repeat('长', 60)");
	char *cut = xasprintf("6. %s", sixty);
	ck_lookup(c, DB_LOOKUP_DECISION, "长长", "6", cut);
	free(cut);
	free(sixty);
	/* the filter matches nothing else */
	struct db_request req;
	db_lookup_request(DB_LOOKUP_AGENDA_ITEM, "no such agenda", 50, &req);
	PGresult *res = testdb_run(c, &req);
	ck_assert_int_eq(PQntuples(res), 0);
	PQclear(res);
	db_request_done(&req);
	PQfinish(c);
}
END_TEST

/* ---- lists ---- */

START_TEST(test_attendees_of_the_conference)
{
	PGconn *c = testdb_demo();
	testdb_check_order(c, DB_LIST_MEETING_ATTENDEES, "", "1", "SELECT a.id FROM iedesk.meeting_attendee a"
		" LEFT JOIN iedesk.person p ON p.id = a.person_id WHERE a.meeting_id = 1"
		" ORDER BY coalesce(p.name, a.organisation), a.id");
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_MEETING_ATTENDEES, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, testdb_count(c, "SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = 1"));
	ck_assert_uint_ge(rows.count, 75);
	ck_assert_int_eq(rows.ncolumns, 3);
	ck_assert_int_eq(rows.nkeys, 2);
	const char *chair[] = { "刘建国", "1", "010-6964 0101" };
	testdb_check_cells(testdb_find_row(&rows, "1"), chair, 3);
	ck_assert_str_eq(testdb_find_row(&rows, "1")->keys[0], "刘建国");
	const char *nophone[] = { "陈立新", "1", "" };
	testdb_check_cells(testdb_find_row(&rows, "4"), nophone, 3);
	const char *org[] = { "区特殊教育中心", "12", "" };
	testdb_check_cells(testdb_find_row(&rows, "75"), org, 3);
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_uint_eq(rows.rows[i].flags, 0);
	db_rows_done(&rows);
	/* a window of 10 is the first 10 */
	testdb_fetch(c, DB_LIST_MEETING_ATTENDEES, DB_WINDOW_FIRST, NULL, "", "1", 10, &rows);
	ck_assert_uint_eq(rows.count, 10);
	db_rows_done(&rows);
	/* filter on person or organisation; other meetings apart */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MEETING_ATTENDEES, "残疾人联合会", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MEETING_ATTENDEES, "刘建国", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MEETING_ATTENDEES, "", "3"),
		testdb_count(c, "SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = 3"));
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MEETING_ATTENDEES, "", NULL), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_agenda_of_the_conference)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_AGENDA_ITEMS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	char *ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "1,2,3,4,5");
	free(ids);
	const char *first[] = { "1", "2025—2026学年融合教育工作总结",
		("张海燕通报：全区18所学校建有资源教室，7个资源中心、2个孤独症教育基地运行；随班就读学生建档率明显提高。"
		"问题：4所学校融合教育管理人员空缺，北部山区学校资源教室使用率偏低。") };
	testdb_check_cells(&rows.rows[0], first, 3);
	ck_assert_str_eq(rows.rows[4].keys[0], "5");
	ck_assert_str_eq(rows.rows[4].keys[1], "5");
	db_rows_done(&rows);
	/* notes: the first line only; none is empty */
	amend(c, "1");
	testdb_exec(c, "UPDATE iedesk.agenda_item SET notes = E'第一行\\n第二行' WHERE id = 2");
	testdb_fetch(c, DB_LIST_AGENDA_ITEMS, DB_WINDOW_FIRST, NULL, "", "3", ALL, &rows);
	ck_assert_uint_eq(rows.count, 3);
	ck_assert_str_eq(rows.rows[1].cells[2], "");
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_AGENDA_ITEMS, DB_WINDOW_FIRST, NULL, "第二行", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(rows.rows[0].cells[2], "第一行");
	db_rows_done(&rows);
	/* after the second, from the third on */
	char *key[] = { "2", "2" };
	testdb_fetch(c, DB_LIST_AGENDA_ITEMS, DB_WINDOW_AFTER, key, "", "1", 2, &rows);
	ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "3,4");
	free(ids);
	db_rows_done(&rows);
	ck_assert_ptr_null(db_list_open_target(DB_LIST_AGENDA_ITEMS));
	ck_assert_ptr_null(db_list_open_target(DB_LIST_MEETING_ATTENDEES));
	PQfinish(c);
}
END_TEST

START_TEST(test_decisions_of_the_conference)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_DECISIONS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	char *ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "1,2,3,4,5,6");
	free(ids);
	ck_assert_int_eq(rows.ncolumns, 5);
	/* No., Agenda, Actions, Open; flagged when an open one is overdue on 2026-11-24 */
	static const char *const counts[6][4] = {
		{ "1", "1", "3", "3" }, { "2", "2", "3", "1" }, { "3", "3", "3", "1" },
		{ "4", "4", "2", "2" }, { "5", "5", "1", "1" }, { "6", "5", "1", "1" },
	};
	static const unsigned flags[6] = { DB_ROW_ALERT, DB_ROW_ALERT, 0, DB_ROW_ALERT, DB_ROW_ALERT, 0 };
	long actions = 0;
	for (int i = 0; i < 6; i++) {
		const struct db_row *row = &rows.rows[i];
		ck_assert_str_eq(row->cells[0], counts[i][0]);
		ck_assert_str_eq(row->cells[2], counts[i][1]);
		ck_assert_str_eq(row->cells[3], counts[i][2]);
		ck_assert_str_eq(row->cells[4], counts[i][3]);
		ck_assert_msg(row->flags == flags[i], "decision %d: flags %u", i + 1, row->flags);
		actions += atol(row->cells[3]);
	}
	ck_assert_int_eq(actions, 13);
	ck_assert_str_eq(rows.rows[0].cells[1], "各校于10月31日前配齐融合教育管理人员，暂无人选的学校报区教委备案。");
	db_rows_done(&rows);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DECISIONS, "孤独症", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DECISIONS, "", "2"), 2);
	/* Enter opens the decision's action items */
	const struct db_list_open *open = db_list_open_target(DB_LIST_DECISIONS);
	ck_assert_ptr_nonnull(open);
	ck_assert(open->is_list);
	ck_assert_int_eq(open->list, DB_LIST_DECISION_ACTION_ITEMS);
	ck_assert_int_eq(open->id_key, 1);
	PQfinish(c);
}
END_TEST

START_TEST(test_action_items_of_a_decision)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_DECISION_ACTION_ITEMS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	char *ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "1,2,3");
	free(ids);
	ck_assert_int_eq(rows.ncolumns, 6);
	const char *first[] = { "2026-10-31", "确定本校融合教育管理人员并报区教委备案", "北房镇中学", "open", "24",
		"2026-09-17" };
	testdb_check_cells(&rows.rows[0], first, 6);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_ALERT);
	ck_assert_str_eq(rows.rows[0].keys[0], "2026-10-31");
	ck_assert_str_eq(rows.rows[0].keys[1], "1");
	const char *unit[] = { "2026-12-31", "将融合教育管理人员纳入岗位设置和绩效考核方案", "区教委人事科", "in progress", "",
		"2026-09-17" };
	testdb_check_cells(&rows.rows[2], unit, 6);
	ck_assert_uint_eq(rows.rows[2].flags, 0);
	db_rows_done(&rows);
	/* every action item of the conference, decision by decision: 13 */
	long total = 0;
	for (int d = 1; d <= 6; d++) {
		char parent[8];
		snprintf(parent, sizeof(parent), "%d", d);
		total += testdb_count_rows(c, DB_LIST_DECISION_ACTION_ITEMS, "", parent);
	}
	ck_assert_int_eq(total, 13);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DECISION_ACTION_ITEMS, "", NULL), 0);
	ck_assert_ptr_null(db_list_open_target(DB_LIST_DECISION_ACTION_ITEMS));
	PQfinish(c);
}
END_TEST

START_TEST(test_action_items_across_meetings)
{
	PGconn *c = testdb_demo();
	testdb_check_order(c, DB_LIST_ACTION_ITEMS, "", NULL, "SELECT id FROM iedesk.action_item ORDER BY due_on, id");
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_ACTION_ITEMS, DB_WINDOW_FIRST, NULL, "", NULL, 6, &rows);
	char *ids = testdb_ids(&rows);
	/* 10-10 done, 10-15 done, 10-20 done, 10-30 done (meeting 2), 10-31 open twice */
	ck_assert_str_eq(ids, "6,4,7,15,1,2");
	free(ids);
	const char *done[] = { "2026-10-10", "制定资源教室使用记录统一模板并下发各校", "区特殊教育中心", "done", "", "2026-09-17" };
	testdb_check_cells(&rows.rows[0], done, 6);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_DIM);
	ck_assert_str_eq(rows.rows[3].cells[5], "2026-10-15");
	ck_assert_uint_eq(rows.rows[4].flags, DB_ROW_ALERT);
	ck_assert_str_eq(rows.rows[4].cells[4], "24");
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_ACTION_ITEMS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_uint_eq(rows.count, 17);
	/* in progress and overdue: 14 days; a school and a unit: the school shows */
	const char *both[] = { "2026-11-10", "会同怀柔区第三小学制定孤独症学生转衔评估流程", "怀柔区特殊教育学校", "in progress",
		"14", "2026-09-17" };
	testdb_check_cells(testdb_find_row(&rows, "12"), both, 6);
	ck_assert_uint_eq(testdb_find_row(&rows, "12")->flags, DB_ROW_ALERT);
	ck_assert_str_eq(testdb_find_row(&rows, "5")->cells[4], "9");
	ck_assert_str_eq(testdb_find_row(&rows, "11")->cells[4], "4");
	/* due on or after today: not overdue */
	ck_assert_str_eq(testdb_find_row(&rows, "8")->cells[4], "");
	ck_assert_uint_eq(testdb_find_row(&rows, "8")->flags, 0);
	/* dropped: dim, never overdue */
	ck_assert_uint_eq(testdb_find_row(&rows, "9")->flags, DB_ROW_DIM);
	ck_assert_str_eq(testdb_find_row(&rows, "17")->cells[5], "2026-11-20");
	long overdue = 0;
	for (size_t i = 0; i < rows.count; i++)
		overdue += (rows.rows[i].flags & DB_ROW_ALERT) != 0;
	ck_assert_int_eq(overdue, testdb_count(c, "SELECT count(*) FROM iedesk.action_item"
		" WHERE status IN ('open', 'in-progress') AND due_on < '2026-11-24'"));
	ck_assert_int_eq(overdue, 5);
	db_rows_done(&rows);

	/* filter: text, the unit, the school */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEMS, "区特殊教育中心", NULL), 4);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEMS, "北房镇中学", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEMS, "轮训", NULL), 1);
	/* a parent is ignored: every meeting's */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEMS, "", "1"), 17);
	/* backwards from the end */
	testdb_fetch(c, DB_LIST_ACTION_ITEMS, DB_WINDOW_LAST, NULL, "", NULL, 2, &rows);
	ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "3,13");
	free(ids);
	db_rows_done(&rows);
	ck_assert_ptr_null(db_list_open_target(DB_LIST_ACTION_ITEMS));
	/* today moves: overdue follows */
	testdb_exec(c, "SET iedesk.today = '2026-12-01'");
	testdb_fetch(c, DB_LIST_ACTION_ITEMS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_str_eq(testdb_find_row(&rows, "8")->cells[4], "1");
	ck_assert_str_eq(testdb_find_row(&rows, "1")->cells[4], "31");
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

/* ---- removals ---- */

/* Run req; its result's number of rows, or -1 with err explained when it failed. */
static int run_action(PGconn *c, struct db_request *req, struct db_error *err, char **first)
{
	PGresult *res = testdb_run(c, req);
	int n = -1;
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		n = PQntuples(res);
		if (first && n)
			*first = xstrdup(PQgetvalue(res, 0, PQnfields(res) - 1));
	} else {
		db_error_explain(err, res);
	}
	PQclear(res);
	db_request_done(req);
	return n;
}

START_TEST(test_removals)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	struct db_error err = { 0 };
	amend(c, "1");   /* the conference's minutes are final; test_final_minutes_refuse_changes refuses */

	/* an attendee: gone; again: no rows */
	db_attendee_delete_request("75", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 1);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting_attendee WHERE id = 75"), 0);
	db_attendee_delete_request("75", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_MEETING_ATTENDEES, "区特殊教育中心", "1"), 0);

	/* an agenda item: gone, its decisions stay, unlinked */
	db_agenda_item_delete_request("5", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 1);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.decision WHERE id IN (5, 6)"
		" AND agenda_item_id IS NULL"), 2);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_DECISIONS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 6);
	ck_assert_str_eq(testdb_find_row(&rows, "5")->cells[2], "");
	db_rows_done(&rows);
	db_agenda_item_delete_request("5", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 0);

	/* a decision with action items is refused, in words; one without goes */
	db_decision_delete_request("6", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), -1);
	ck_assert_str_eq(err.message, "this decision has action items (dropped ones count too), so it is not deleted;"
		" drop its action items instead: they stay on record");
	ck_assert_str_eq(err.sqlstate, "23503");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.decision WHERE id = 6"), 1);
	char *id = testdb_value(c, "INSERT INTO iedesk.decision (meeting_id, position, text)"
		" VALUES (3, 2, '待删除') RETURNING id");
	db_decision_delete_request(id, &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_DECISIONS, "", "3"), 1);
	db_decision_delete_request(id, &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 0);
	free(id);
	/* an action item that refers to a decision gone meanwhile: the same constraint, the other sentence */
	ck_assert_str_eq(testdb_try(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
		" VALUES (999, 'x', 'y', '2026-12-01')", NULL), "23503");
	PGresult *res = PQexec(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
		" VALUES (999, 'x', 'y', '2026-12-01')");
	db_error_explain(&err, res);
	PQclear(res);
	ck_assert_str_eq(err.message, "the decision it refers to does not exist; someone may have deleted it");

	/* dropping: open or in progress only; the version moves */
	char *version = NULL;
	db_action_item_drop_request("1", &req);
	ck_assert_int_eq(run_action(c, &req, &err, &version), 1);
	ck_assert_str_eq(version, "2");
	free(version);
	char *status = testdb_value(c, "SELECT status FROM iedesk.action_item WHERE id = 1");
	ck_assert_str_eq(status, "dropped");
	free(status);
	db_action_item_drop_request("1", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 0);
	db_action_item_drop_request("4", &req);   /* done */
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 0);
	db_action_item_drop_request("999", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), 0);
	status = testdb_value(c, "SELECT status FROM iedesk.action_item WHERE id = 4");
	ck_assert_str_eq(status, "done");
	free(status);
	/* the dropped one: dim, no longer overdue, no longer open in its decision */
	testdb_fetch(c, DB_LIST_ACTION_ITEMS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_uint_eq(testdb_find_row(&rows, "1")->flags, DB_ROW_DIM);
	ck_assert_str_eq(testdb_find_row(&rows, "1")->cells[3], "dropped");
	ck_assert_str_eq(testdb_find_row(&rows, "1")->cells[4], "");
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_DECISIONS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_str_eq(testdb_find_row(&rows, "1")->cells[4], "2");
	db_rows_done(&rows);
	/* still a decision with action items: still refused */
	db_decision_delete_request("1", &req);
	ck_assert_int_eq(run_action(c, &req, &err, NULL), -1);
	PQfinish(c);
}
END_TEST

/* ---- final minutes and amendments ---- */

#define MINUTES_FINAL "the minutes of this meeting are final: start an amendment to change them"
#define AMENDMENT_KEPT "an amendment stays as recorded: it is only closed, by finalising the minutes again"

/* Every kind of change to the minutes of the conference (meeting 1): its parts, rows moving in and out
 * of it, and its own particulars. Each is possible while an amendment is open. */
static const char *const minutes_changes[] = {
	"INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count) VALUES (1, '区残疾人联合会', 2)",
	"UPDATE iedesk.meeting_attendee SET head_count = 13 WHERE id = 75",
	"DELETE FROM iedesk.meeting_attendee WHERE id = 75",
	"UPDATE iedesk.meeting_attendee SET meeting_id = 3 WHERE id = 75",
	"INSERT INTO iedesk.agenda_item (meeting_id, position, title) VALUES (1, 6, '补充议题')",
	"UPDATE iedesk.agenda_item SET notes = '更正' WHERE id = 2",
	"DELETE FROM iedesk.agenda_item WHERE id = 5",
	"INSERT INTO iedesk.decision (meeting_id, position, text) VALUES (1, 7, '补充决定')",
	"UPDATE iedesk.decision SET text = '更正' WHERE id = 6",
	"UPDATE iedesk.decision SET meeting_id = 3, agenda_item_id = NULL, position = 5 WHERE id = 6",
	"UPDATE iedesk.decision SET meeting_id = 1, agenda_item_id = NULL, position = 7 WHERE id = 9",
	"DELETE FROM iedesk.action_item WHERE decision_id = 6; DELETE FROM iedesk.decision WHERE id = 6",
	"INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on) VALUES (1, '补充任务', '区教委', '2026-12-31')",
	"UPDATE iedesk.action_item SET text = '更正' WHERE id = 1",
	"UPDATE iedesk.action_item SET owner_school_id = 15 WHERE id = 1",
	"UPDATE iedesk.action_item SET owner_unit = '区教委人事科' WHERE id = 1",
	"UPDATE iedesk.action_item SET due_on = '2027-01-31' WHERE id = 1",
	"UPDATE iedesk.action_item SET decision_id = 2 WHERE id = 1",
	"UPDATE iedesk.action_item SET decision_id = 9 WHERE id = 1",
	"UPDATE iedesk.action_item SET decision_id = 1 WHERE id = 17",
	"DELETE FROM iedesk.action_item WHERE id = 9",
	"UPDATE iedesk.meeting SET district_id = 2 WHERE id = 1",
	"UPDATE iedesk.meeting SET kind = 'committee' WHERE id = 1",
	"UPDATE iedesk.meeting SET title = '更正' WHERE id = 1",
	"UPDATE iedesk.meeting SET held_on = '2026-09-18' WHERE id = 1",
	"UPDATE iedesk.meeting SET location = NULL WHERE id = 1",
	"UPDATE iedesk.meeting SET chair_person_id = 3 WHERE id = 1",
	"UPDATE iedesk.meeting SET secretary_person_id = NULL WHERE id = 1",
	"UPDATE iedesk.meeting SET summary = '更正' WHERE id = 1",
};
#define NCHANGES (sizeof(minutes_changes) / sizeof(minutes_changes[0]))

/* Run sql (one or more statements); "" when it succeeded, else the sentence db_error_explain makes of it. */
static char *try_change(PGconn *c, const char *sql)
{
	PGresult *res = PQexec(c, sql);
	struct db_error err = { 0 };
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
		db_error_explain(&err, res);
	PQclear(res);
	return xstrdup(err.message);
}

static void ck_refused(PGconn *c, const char *sql, const char *sentence)
{
	char *got = try_change(c, sql);
	ck_assert_msg(!strcmp(got, sentence), "%s: got \"%s\", want \"%s\"", sql, got, sentence);
	free(got);
}

/* Every change above is refused, in words. */
static void ck_minutes_refused(PGconn *c)
{
	for (size_t i = 0; i < NCHANGES; i++)
		ck_refused(c, minutes_changes[i], MINUTES_FINAL);
}

/* The minutes of a meeting as `iedesk minutes` writes them (allocated). */
static char *minutes_text(PGconn *c, const char *id)
{
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	struct db_error err = { 0 };
	ck_assert_msg(db_minutes_write(c, id, DB_MINUTES_MARKDOWN, f, &err), "%s", err.message);
	long size = ftell(f);
	ck_assert_int_gt(size, 0);
	char *text = xmalloc((size_t)size + 1);
	rewind(f);
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	text[size] = '\0';
	fclose(f);
	return text;
}

/* Run req (taken: done here); its result, which the caller clears; err explains a failure. */
static PGresult *run_request(PGconn *c, struct db_request *req, struct db_error *err)
{
	PGresult *res = testdb_run(c, req);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		db_error_explain(err, res);
	db_request_done(req);
	return res;
}

/* Finalise meeting id at version: the rows of the answer (0: a conflict), its version in new_version. */
static int finalise(PGconn *c, const char *id, const char *version, char **new_version)
{
	struct db_request req;
	struct db_error err = { 0 };
	db_meeting_finalise_request(id, version, &req);
	PGresult *res = run_request(c, &req, &err);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "finalising %s: %s", id, err.message);
	int n = PQntuples(res);
	if (n) {
		ck_assert_int_eq(PQnfields(res), 3);
		ck_assert_str_eq(PQgetvalue(res, 0, 0), id);
		ck_assert_str_eq(PQgetvalue(res, 0, 2), "final");
		if (new_version)
			*new_version = xstrdup(PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	return n;
}

/* A refused finalise or amend: its sentence and SQLSTATE. */
static void ck_request_refused(PGconn *c, struct db_request *req, const char *sentence, const char *state)
{
	struct db_error err = { 0 };
	PGresult *res = run_request(c, req, &err);
	ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
	PQclear(res);
	ck_assert_str_eq(err.message, sentence);
	ck_assert_str_eq(err.sqlstate, state);
}

static char *meeting_version(PGconn *c, const char *id)
{
	char *sql = xasprintf("SELECT version FROM iedesk.meeting WHERE id = %s", id);
	char *version = testdb_value(c, sql);
	free(sql);
	return version;
}

START_TEST(test_finalise_a_draft)
{
	PGconn *c = testdb_demo();
	char *login = testdb_value(c, "SELECT current_user");
	/* read at another version: a conflict, nothing changes */
	ck_assert_int_eq(finalise(c, "3", "7", NULL), 0);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE id = 3 AND status = 'draft'"
		" AND version = 1 AND finalised_at IS NULL AND finalised_by IS NULL"), 1);
	/* at its version: final, with when and the login that did it */
	char *version = NULL;
	ck_assert_int_eq(finalise(c, "3", "1", &version), 1);
	ck_assert_str_eq(version, "2");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE id = 3 AND status = 'final'"
		" AND version = 2 AND finalised_by = current_user AND finalised_at BETWEEN now() - interval '1 minute'"
		" AND now()"), 1);
	struct db_detail d;
	testdb_detail(c, DB_DETAIL_MEETING, "3", &d);
	char *when = testdb_value(c, "SELECT to_char(finalised_at, 'YYYY-MM-DD HH24:MI') FROM iedesk.meeting WHERE id = 3");
	char *want = xasprintf("final since %s by %s", when, login);
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Status", NULL), want);
	ck_assert_ptr_null(testdb_line_value(&d, "Amendments", NULL, NULL));
	db_detail_done(&d);
	free(want);
	/* a login that belongs to a person reads as the person */
	testdb_exec(c, "UPDATE iedesk.person SET login_role = current_user WHERE id = 3");
	testdb_detail(c, DB_DETAIL_MEETING, "3", &d);
	want = xasprintf("final since %s by 张海燕", when);
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Status", NULL), want);
	db_detail_done(&d);
	free(want);
	free(when);

	/* final again: refused in words (a stale version is still a conflict) */
	struct db_request req;
	db_meeting_finalise_request("3", "2", &req);
	ck_request_refused(c, &req, "the minutes are already final", "23514");
	ck_assert_int_eq(finalise(c, "3", "1", NULL), 0);
	ck_assert_int_eq(finalise(c, "999", "1", NULL), 0);
	/* never a draft again, when and who stay as recorded, and the meeting is kept */
	ck_refused(c, "UPDATE iedesk.meeting SET status = 'draft', finalised_at = NULL, finalised_by = NULL WHERE id = 3",
		"final minutes never become a draft again: start an amendment to change them");
	testdb_exec(c, "UPDATE iedesk.meeting SET finalised_at = '2020-01-01', finalised_by = 'someone_else' WHERE id = 3");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE id = 3"
		" AND finalised_by = current_user AND finalised_at > '2021-01-01'"), 1);
	ck_refused(c, "DELETE FROM iedesk.meeting WHERE id = 4", "a meeting with final minutes is kept: it cannot be deleted");
	ck_refused(c, "INSERT INTO iedesk.meeting (district_id, kind, title, held_on, finalised_by)"
		" VALUES (1, 'other', '草稿', '2026-12-01', 'x')", "only final minutes say who finalised them");

	/* the demo's were finalised by their secretaries, the day after */
	testdb_detail(c, DB_DETAIL_MEETING, "1", &d);
	when = testdb_value(c, "SELECT to_char(timestamptz '2026-09-18 16:30+08', 'YYYY-MM-DD HH24:MI')");
	want = xasprintf("final since %s by 王静", when);
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Status", NULL), want);
	db_detail_done(&d);
	free(want);
	free(when);

	/* a draft is still deleted with its attendees and agenda */
	char *id = testdb_value(c, "INSERT INTO iedesk.meeting (district_id, kind, title, held_on)"
		" VALUES (1, 'other', '草稿', '2026-12-01') RETURNING id");
	char *sql = xasprintf("INSERT INTO iedesk.meeting_attendee (meeting_id, person_id) VALUES (%s, 1);"
		"INSERT INTO iedesk.agenda_item (meeting_id, position, title) VALUES (%s, 1, '议题');"
		"DELETE FROM iedesk.meeting WHERE id = %s", id, id, id);
	testdb_exec(c, sql);
	free(sql);
	sql = xasprintf("SELECT (SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = %s)"
		" + (SELECT count(*) FROM iedesk.agenda_item WHERE meeting_id = %s)", id, id);
	ck_assert_int_eq(testdb_count(c, sql), 0);
	free(sql);
	free(id);
	free(version);
	free(login);
	PQfinish(c);
}
END_TEST

START_TEST(test_final_minutes_refuse_changes)
{
	PGconn *c = testdb_demo();
	char *before = minutes_text(c, "1");
	ck_minutes_refused(c);
	PGresult *res = PQexec(c, minutes_changes[0]);
	ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "23514");
	PQclear(res);
	/* through the forms and the removals too */
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert(testdb_load(c, DB_RECORD_AGENDA_ITEM, "2", &rec, &err));
	testdb_set_value(&rec, "title", "更正");
	ck_assert_int_eq(testdb_save(c, &rec, NULL, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, MINUTES_FINAL);
	db_record_done(&rec);
	ck_assert(testdb_load(c, DB_RECORD_MEETING, "1", &rec, &err));
	testdb_set_value(&rec, "summary", "更正");
	ck_assert_int_eq(testdb_save(c, &rec, NULL, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, MINUTES_FINAL);
	db_record_done(&rec);
	struct db_request req;
	db_attendee_delete_request("75", &req);
	ck_request_refused(c, &req, MINUTES_FINAL, "23514");
	db_agenda_item_delete_request("5", &req);
	ck_request_refused(c, &req, MINUTES_FINAL, "23514");
	db_decision_delete_request("6", &req);
	ck_request_refused(c, &req, MINUTES_FINAL, "23514");
	char *after = minutes_text(c, "1");
	ck_assert_str_eq(after, before);

	/* follow-up is not minutes: an action item's status and done date still move, by any path */
	testdb_exec(c, "UPDATE iedesk.action_item SET status = 'done', done_on = '2026-11-23' WHERE id = 1");
	db_action_item_drop_request("2", &req);
	res = run_request(c, &req, &err);
	ck_assert_int_eq(PQntuples(res), 1);
	PQclear(res);
	ck_assert(testdb_load(c, DB_RECORD_ACTION_ITEM, "3", &rec, &err));
	testdb_set_value(&rec, "status", "done");
	testdb_set_value(&rec, "done_on", "2026-11-24");
	char *id = NULL, *version = NULL;
	ck_assert_msg(testdb_save(c, &rec, &id, &version, &err) == DB_SAVE_OK, "%s", err.message);
	ck_assert_str_eq(version, "2");
	db_record_done(&rec);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.action_item WHERE (id = 1 AND status = 'done')"
		" OR (id = 2 AND status = 'dropped') OR (id = 3 AND done_on = '2026-11-24')"), 3);
	/* but not with its text alongside */
	ck_refused(c, "UPDATE iedesk.action_item SET status = 'open', done_on = NULL, text = '更正' WHERE id = 1",
		MINUTES_FINAL);
	free(id);
	free(version);
	free(after);
	free(before);
	PQfinish(c);
}
END_TEST

START_TEST(test_amendment_cycle)
{
	PGconn *c = testdb_demo();
	char *login = testdb_value(c, "SELECT current_user");
	struct db_error err = { 0 };
	struct db_request req;
	const char *reason = "更正出席人数和第6项决定的表述";
	db_meeting_amend_request("1", reason, &req);
	PGresult *res = run_request(c, &req, &err);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", err.message);
	ck_assert_int_eq(PQntuples(res), 1);
	ck_assert_int_eq(PQnfields(res), 3);
	char *amendment = xstrdup(PQgetvalue(res, 0, 0));
	ck_assert_str_eq(PQgetvalue(res, 0, 1), login);
	/* recorded with who and when, the server's */
	char *sql = xasprintf("SELECT count(*) FROM iedesk.meeting_amendment WHERE id = %s AND meeting_id = 1"
		" AND reason = '%s' AND opened_by = current_user AND opened_at = '%s'"
		" AND opened_at BETWEEN now() - interval '1 minute' AND now() AND closed_by IS NULL AND closed_at IS NULL",
		amendment, reason, PQgetvalue(res, 0, 2));
	ck_assert_int_eq(testdb_count(c, sql), 1);
	free(sql);
	PQclear(res);
	char *opened = testdb_value(c, "SELECT to_char(opened_at, 'YYYY-MM-DD HH24:MI') FROM iedesk.meeting_amendment");
	char *finalised = testdb_value(c, "SELECT to_char(timestamptz '2026-09-18 16:30+08', 'YYYY-MM-DD HH24:MI')");

	/* while it is open, every change goes through (each tried, then undone) */
	for (size_t i = 0; i < NCHANGES; i++) {
		testdb_exec(c, "BEGIN");
		char *got = try_change(c, minutes_changes[i]);
		ck_assert_msg(!*got, "%s: %s", minutes_changes[i], got);
		free(got);
		testdb_exec(c, "ROLLBACK");
	}
	/* one kept: a new summary through the meeting's form */
	struct db_record rec, stale;
	ck_assert(testdb_load(c, DB_RECORD_MEETING, "1", &rec, &err));
	db_record_copy(&stale, &rec);
	testdb_set_value(&rec, "summary", "会议形成六项决定（更正）。");
	char *id = NULL, *version = NULL;
	ck_assert_msg(testdb_save(c, &rec, &id, &version, &err) == DB_SAVE_OK, "%s", err.message);
	db_record_done(&rec);
	/* the detail says the amendment is open, and lists it */
	struct db_detail d;
	testdb_detail(c, DB_DETAIL_MEETING, "1", &d);
	char *want = xasprintf("final since %s by 王静 — amendment open since %s by %s", finalised, opened, login);
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Status", NULL), want);
	free(want);
	want = xasprintf("by %s: %s — open", login, reason);
	ck_assert_str_eq(testdb_line_value(&d, "Amendments", opened, NULL), want);
	free(want);
	db_detail_done(&d);
	/* one at a time */
	db_meeting_amend_request("1", "再次更正", &req);
	ck_request_refused(c, &req, "this meeting already has an amendment open", "23505");

	/* finalising with a stale version: a conflict, still open */
	ck_assert_int_eq(finalise(c, "1", stale.version, NULL), 0);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting_amendment WHERE closed_at IS NULL"), 1);
	/* with the version: closed, by whom and when; the meeting's version moves; its finalising stays */
	char *now_version = meeting_version(c, "1");
	ck_assert_str_eq(now_version, version);
	char *final_version = NULL;
	ck_assert_int_eq(finalise(c, "1", version, &final_version), 1);
	ck_assert_int_eq(atoi(final_version), atoi(version) + 1);
	sql = xasprintf("SELECT count(*) FROM iedesk.meeting_amendment WHERE id = %s AND closed_by = current_user"
		" AND closed_at BETWEEN opened_at AND now()", amendment);
	ck_assert_int_eq(testdb_count(c, sql), 1);
	free(sql);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE id = 1 AND status = 'final'"
		" AND finalised_by = 'hr_wangjing' AND finalised_at = '2026-09-18 16:30+08'"
		" AND summary = '会议形成六项决定（更正）。'"), 1);
	/* a form opened during the amendment no longer saves: a conflict, then refused once reloaded */
	testdb_set_value(&stale, "title", "更正");
	ck_assert_int_eq(testdb_save(c, &stale, NULL, NULL, &err), DB_SAVE_CONFLICT);
	db_record_done(&stale);
	ck_assert(testdb_load(c, DB_RECORD_MEETING, "1", &stale, &err));
	testdb_set_value(&stale, "title", "更正");
	ck_assert_int_eq(testdb_save(c, &stale, NULL, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, MINUTES_FINAL);
	db_record_done(&stale);
	/* and every change is refused again */
	ck_minutes_refused(c);
	db_meeting_finalise_request("1", final_version, &req);
	ck_request_refused(c, &req, "the minutes are already final", "23514");

	/* the detail lists it closed */
	testdb_detail(c, DB_DETAIL_MEETING, "1", &d);
	want = xasprintf("final since %s by 王静", finalised);
	ck_assert_str_eq(testdb_line_value(&d, "Meeting", "Status", NULL), want);
	free(want);
	char *closed = testdb_value(c, "SELECT to_char(closed_at, 'YYYY-MM-DD HH24:MI') FROM iedesk.meeting_amendment");
	want = xasprintf("by %s: %s — final again %s by %s", login, reason, closed, login);
	ck_assert_str_eq(testdb_line_value(&d, "Amendments", opened, NULL), want);
	free(want);
	db_detail_done(&d);
	/* an amendment is a record: never rewritten, reopened or deleted */
	ck_refused(c, "UPDATE iedesk.meeting_amendment SET reason = '改写'", AMENDMENT_KEPT);
	ck_refused(c, "UPDATE iedesk.meeting_amendment SET closed_at = NULL, closed_by = NULL", AMENDMENT_KEPT);
	ck_refused(c, "UPDATE iedesk.meeting_amendment SET opened_by = 'someone_else'", AMENDMENT_KEPT);
	ck_refused(c, "DELETE FROM iedesk.meeting_amendment", AMENDMENT_KEPT);
	/* a second amendment later: both listed, in order */
	db_meeting_amend_request("1", "第二次更正", &req);
	res = run_request(c, &req, &err);
	ck_assert_int_eq(PQntuples(res), 1);
	PQclear(res);
	testdb_detail(c, DB_DETAIL_MEETING, "1", &d);
	size_t amendments = 0;
	for (size_t i = 0; i < d.count; i++)
		if (!strcmp(d.lines[i].section, "Amendments"))
			ck_assert_ptr_nonnull(strstr(d.lines[i].value, amendments++ ? "第二次更正 — open" : reason));
	ck_assert_uint_eq(amendments, 2);
	db_detail_done(&d);
	free(closed);
	free(final_version);
	free(now_version);
	free(id);
	free(version);
	free(finalised);
	free(opened);
	free(amendment);
	free(login);
	PQfinish(c);
}
END_TEST

START_TEST(test_amend_refusals)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	db_meeting_amend_request("3", "更正", &req);
	ck_request_refused(c, &req, "a draft needs no amendment: edit it", "23514");
	db_meeting_amend_request("1", "  ", &req);
	ck_request_refused(c, &req, "an amendment needs a reason", "23514");
	db_meeting_amend_request("1", NULL, &req);
	ck_request_refused(c, &req, "an amendment needs a reason", "23514");
	db_meeting_amend_request("999", "更正", &req);
	ck_request_refused(c, &req, "the meeting it refers to does not exist; someone may have deleted it", "23503");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting_amendment"), 0);
	/* nor by SQL; and who and when are the server's, whatever the client says */
	ck_refused(c, "INSERT INTO iedesk.meeting_amendment (meeting_id, reason) VALUES (3, '更正')",
		"a draft needs no amendment: edit it");
	testdb_exec(c, "INSERT INTO iedesk.meeting_amendment (meeting_id, reason, opened_by, opened_at, closed_by,"
		" closed_at) VALUES (4, '补记', 'someone_else', '2020-01-01', 'someone_else', '2020-01-02')");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting_amendment WHERE meeting_id = 4"
		" AND opened_by = current_user AND opened_at > '2021-01-01' AND closed_by IS NULL AND closed_at IS NULL"), 1);
	/* closing it by hand records who and when too */
	testdb_exec(c, "UPDATE iedesk.meeting_amendment SET closed_by = 'someone_else', closed_at = '2020-01-02'");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.meeting_amendment WHERE closed_by = current_user"
		" AND closed_at >= opened_at"), 1);
	PQfinish(c);
}
END_TEST

/* Until pid waits for a lock another session holds (bounded: the test fails after 20 seconds). */
static void wait_until_blocked(PGconn *c, int pid)
{
	char *sql = xasprintf("SELECT count(*) FROM (SELECT pg_sleep(0.01)) s WHERE cardinality(pg_blocking_pids(%d)) > 0",
		pid);
	int tries = 0;
	while (testdb_count(c, sql) == 0)
		ck_assert_msg(++tries < 2000, "session %d never waited", pid);
	free(sql);
}

/* Two sessions at once: an edit in flight holds a finalise back until it is in; a finalise in flight makes
 * an edit wait and then find the minutes final. Nothing slips in after the minutes were closed. */
START_TEST(test_finalise_and_edits_in_flight)
{
	PGconn *a = testdb_demo();
	PGconn *b = testdb_connect(PQdb(a));
	amend(a, "1");
	char *version = meeting_version(a, "1");
	testdb_exec(a, "BEGIN");
	testdb_exec(a, "UPDATE iedesk.agenda_item SET notes = '更正' WHERE id = 2");
	const char *params[1] = { version };
	ck_assert(PQsendQueryParams(b, "SELECT * FROM iedesk.meeting_finalise(1, $1::int)", 1, NULL, params, NULL,
		NULL, 0));
	wait_until_blocked(a, PQbackendPID(b));
	testdb_exec(a, "COMMIT");
	PGresult *res = PQgetResult(b);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	ck_assert_int_eq(PQntuples(res), 1);
	PQclear(res);
	ck_assert_ptr_null(PQgetResult(b));
	ck_assert_int_eq(testdb_count(a, "SELECT count(*) FROM iedesk.agenda_item a, iedesk.meeting_amendment m"
		" WHERE a.id = 2 AND a.notes = '更正' AND m.closed_at >= a.updated_at"), 1);
	free(version);

	amend(a, "1");
	version = meeting_version(a, "1");
	testdb_exec(b, "BEGIN");
	char *sql = xasprintf("SELECT iedesk.meeting_finalise(1, %s)", version);
	testdb_exec(b, sql);
	free(sql);
	ck_assert(PQsendQuery(a, "UPDATE iedesk.agenda_item SET notes = '再次更正' WHERE id = 2"));
	wait_until_blocked(b, PQbackendPID(a));
	testdb_exec(b, "COMMIT");
	res = PQgetResult(a);
	struct db_error err = { 0 };
	db_error_explain(&err, res);
	PQclear(res);
	ck_assert_ptr_null(PQgetResult(a));
	ck_assert_str_eq(err.message, MINUTES_FINAL);
	ck_assert_int_eq(testdb_count(a, "SELECT count(*) FROM iedesk.agenda_item WHERE id = 2 AND notes = '更正'"), 1);
	free(version);
	PQfinish(b);
	PQfinish(a);
}
END_TEST

Suite *meetings_suite(void)
{
	Suite *s = suite_create("meetings");
	TCase *tc = tcase_create("meetings");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_meeting_records_round_trip);
	tcase_add_test(tc, test_meeting_record_defaults_and_refusals);
	tcase_add_test(tc, test_meeting_lookups);
	tcase_add_test(tc, test_attendees_of_the_conference);
	tcase_add_test(tc, test_agenda_of_the_conference);
	tcase_add_test(tc, test_decisions_of_the_conference);
	tcase_add_test(tc, test_action_items_of_a_decision);
	tcase_add_test(tc, test_action_items_across_meetings);
	tcase_add_test(tc, test_removals);
	tcase_add_test(tc, test_finalise_a_draft);
	tcase_add_test(tc, test_final_minutes_refuse_changes);
	tcase_add_test(tc, test_amendment_cycle);
	tcase_add_test(tc, test_amend_refusals);
	tcase_add_test(tc, test_finalise_and_edits_in_flight);
	suite_add_tcase(s, tc);
	return s;
}
