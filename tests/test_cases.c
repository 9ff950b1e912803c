/* test_cases: the parts of a student's case (issue 19) — the decision, assessments, placements, transfers, the
 * review backlog, sessions, progress, home-school contacts and reviews — read and written as case workers of
 * the demo's districts, each read logged; and on screen, a new child taken from referral to a review with
 * the keyboard alone, a transfer accepted by the receiving district, and a manager who sees counts only. */
#include "tests/tests.h"
#include "tests/screen.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WAIT_MS 5000

/* ---- as a case worker, through the database layer ---- */

/* A login of this test's own (logins are cluster-wide, the database is the test's), made by the owner. */
static char *account_for(PGconn *owner, const char *prefix, const char *role, const char *district)
{
	char *login = xasprintf("%s_%s", prefix, PQdb(owner));
	for (char *p = login; *p; p++)
		if (*p == '-')
			*p = '_';
	const char *state = testdb_try(owner, "SELECT iedesk.account_create($1, $2, nullif($3, ''))", login, role,
		district ? district : "", NULL);
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

/* The reads of cases logged for login (the owner counts them). */
static long reads_of(PGconn *owner, const char *login)
{
	char *sql = xasprintf("SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND login = '%s'", login);
	long n = testdb_count(owner, sql);
	free(sql);
	return n;
}

static const char *cell(const struct db_rows *rows, size_t i, int kind, const char *column)
{
	ck_assert_uint_lt(i, rows->count);
	return rows->rows[i].cells[db_list_column(db_list_spec(kind), column)];
}

/* The list's ids are the query's, in its order. */
static void ck_ids(const struct db_rows *rows, PGconn *owner, const char *order_query)
{
	char *got = testdb_ids(rows), *want = testdb_ids_of_sql(owner, order_query);
	ck_assert_msg(!strcmp(got, want), "ids %s, want %s", got, want);
	free(got);
	free(want);
}

static enum db_save_outcome save(PGconn *conn, const struct db_record *rec, char **id, struct db_error *err)
{
	char *version = NULL;
	enum db_save_outcome outcome = testdb_save(conn, rec, id, &version, err);
	free(version);
	return outcome;
}

static char *lookup_ids(PGconn *c, int kind, const char *filter, char **first_name, char **first_detail)
{
	struct db_request req;
	db_lookup_request(kind, filter, 50, &req);
	PGresult *res = testdb_run(c, &req);
	struct db_choices choices;
	struct db_error err = { 0 };
	ck_assert_msg(db_lookup_parse(res, &choices, &err), "%s: %s", filter, err.message);
	char *ids = xstrdup("");
	for (size_t i = 0; i < choices.count; i++) {
		char *t = xasprintf("%s%s%s", ids, i ? "," : "", choices.items[i].id);
		free(ids);
		ids = t;
	}
	if (first_name)
		*first_name = xstrdup(choices.count ? choices.items[0].name : "");
	if (first_detail)
		*first_detail = xstrdup(choices.count ? choices.items[0].detail : "");
	db_choices_done(&choices);
	PQclear(res);
	db_request_done(&req);
	return ids;
}

/* Every part's list of a demo case as a case worker of 怀柔区: its rows and cells, and one logged read of
 * each case a window shows. */
START_TEST(test_part_lists)
{
	PGconn *owner = testdb_demo();
	char *login = account_for(owner, "cw", "caseworker", "HR");
	PGconn *c = connect_as(PQdb(owner), login);
	struct db_rows rows;

	/* a window of N cases is N reads in the audit log, one a case */
	long before = reads_of(owner, login);
	testdb_fetch(c, DB_LIST_CASES, DB_WINDOW_FIRST, NULL, "", NULL, 5, &rows);
	ck_assert_uint_eq(rows.count, 5);
	ck_assert_int_eq(reads_of(owner, login), before + 5);
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_CASES, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	ck_assert_uint_eq(rows.count, 14);   /* 怀柔区's 14, none of 密云区's */
	ck_assert_int_eq(reads_of(owner, login), before + 5 + 14);
	db_rows_done(&rows);
	/* a part's list reads its one case, however many rows it has */
	before = reads_of(owner, login);
	testdb_fetch(c, DB_LIST_CASE_SESSIONS, DB_WINDOW_FIRST, NULL, "", "1", 50, &rows);
	ck_assert_uint_eq(rows.count, 4);
	ck_assert_int_eq(reads_of(owner, login), before + 1);
	/* newest first, with the goal worked on */
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_SESSIONS, "date"), "2026-11-18");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_SESSIONS, "kind"), "resource classroom");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_SESSIONS, "minutes"), "40");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_SESSIONS, "goal"), "能与同伴轮流进行游戏");
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_CASE_ASSESSMENTS, DB_WINDOW_FIRST, NULL, "", "1", 50, &rows);
	ck_ids(&rows, owner, "SELECT id FROM iedesk.case_assessment WHERE case_id = 1 ORDER BY assessed_on, id");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_ASSESSMENTS, "date"), "2026-04-15");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_ASSESSMENTS, "kind"), "psychological");
	ck_assert_str_eq(cell(&rows, 1, DB_LIST_CASE_ASSESSMENTS, "kind"), "speech and language");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_ASSESSMENTS, "result"), "符合孤独症谱系障碍诊断标准");
	db_rows_done(&rows);

	/* placements, the case's own first */
	testdb_fetch(c, DB_LIST_CASE_PLACEMENTS, DB_WINDOW_FIRST, NULL, "", "1", 50, &rows);
	ck_assert_uint_eq(rows.count, 2);
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_PLACEMENTS, "since"), "2026-06-01");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_PLACEMENTS, "school"), "怀柔区第一小学");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_PLACEMENTS, "placement"), "resource classroom");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_PLACEMENTS, "hours"), "4");
	ck_assert_str_eq(cell(&rows, 1, DB_LIST_CASE_PLACEMENTS, "hours"), "");
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_CASE_TRANSFERS, DB_WINDOW_FIRST, NULL, "", "14", 50, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_TRANSFERS, "school"), "密云区第一小学");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_TRANSFERS, "dist"), "MY");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_TRANSFERS, "status"), "requested");
	db_rows_done(&rows);

	/* a concern is in the alert colour */
	testdb_fetch(c, DB_LIST_CASE_PROGRESS, DB_WINDOW_FIRST, NULL, "", "1", 50, &rows);
	ck_assert_uint_eq(rows.count, 2);
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_int_eq(!!(rows.rows[i].flags & DB_ROW_ALERT),
			strcmp(cell(&rows, i, DB_LIST_CASE_PROGRESS, "rating"), "concern") == 0);
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_CASE_CONTACTS, DB_WINDOW_FIRST, NULL, "", "1", 50, &rows);
	ck_assert_uint_eq(rows.count, 2);
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_CONTACTS, "how"), "phone");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_CONTACTS, "with"), "母亲");
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_CASE_REVIEWS, DB_WINDOW_FIRST, NULL, "", "3", 50, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_REVIEWS, "kind"), "IEP review");
	db_rows_done(&rows);

	/* another district's case is not theirs: its parts are empty */
	testdb_fetch(c, DB_LIST_CASE_ASSESSMENTS, DB_WINDOW_FIRST, NULL, "", "15", 50, &rows);
	ck_assert_uint_eq(rows.count, 0);
	db_rows_done(&rows);

	/* the keyset walks a part's rows in windows as it does whole lists */
	testdb_fetch(c, DB_LIST_CASE_SESSIONS, DB_WINDOW_FIRST, NULL, "", "1", 2, &rows);
	struct db_rows next;
	testdb_fetch(c, DB_LIST_CASE_SESSIONS, DB_WINDOW_AFTER, rows.rows[1].keys, "", "1", 2, &next);
	char *a = testdb_ids(&rows), *b = testdb_ids(&next);
	char *walked = xasprintf("%s,%s", a, b);
	char *want = testdb_ids_of_sql(owner, "SELECT id FROM iedesk.case_session WHERE case_id = 1 ORDER BY held_on DESC, id DESC");
	ck_assert_str_eq(walked, want);
	free(a);
	free(b);
	free(walked);
	free(want);
	db_rows_done(&next);
	db_rows_done(&rows);
	/* filtered by what a part says */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CASE_SESSIONS, "speech", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CASE_PLACEMENTS, "怀柔区第一", "1"), 2);

	PQfinish(c);
	free(login);
	PQfinish(owner);
}
END_TEST

/* The backlog: what is due in the district, most overdue first, overdue rows flagged; no case read. */
START_TEST(test_due_backlog)
{
	PGconn *owner = testdb_demo();
	char *login = account_for(owner, "cw", "caseworker", "HR");
	PGconn *c = connect_as(PQdb(owner), login);
	long before = reads_of(owner, login);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_CASE_DUE, DB_WINDOW_FIRST, NULL, "", NULL, 100, &rows);
	ck_ids(&rows, owner, "SELECT case_id AS id FROM iedesk.case_due_each"
		" WHERE district_id = 1 AND due_on <= date '" TESTDB_TODAY "' + 30 ORDER BY due_on, due, case_id");
	ck_assert_uint_ge(rows.count, 5);
	ck_assert_int_eq(reads_of(owner, login), before);   /* codes and dates: nothing of a case */
	bool seen_due = false;
	for (size_t i = 0; i < rows.count; i++) {
		bool overdue = *cell(&rows, i, DB_LIST_CASE_DUE, "overdue") != '\0';
		ck_assert_int_eq(!!(rows.rows[i].flags & DB_ROW_ALERT), overdue);
		ck_assert_msg(!(overdue && seen_due), "an overdue row after one not yet due");
		seen_due |= !overdue;
	}
	ck_assert(rows.rows[0].flags & DB_ROW_ALERT);
	/* HR-2026-0005's IEP review was due on 2026-11-15: 9 days overdue, in words */
	bool found = false;
	for (size_t i = 0; i < rows.count; i++)
		if (!strcmp(cell(&rows, i, DB_LIST_CASE_DUE, "code"), "HR-2026-0005")
				&& !strcmp(cell(&rows, i, DB_LIST_CASE_DUE, "due"), "IEP review")) {
			ck_assert_str_eq(cell(&rows, i, DB_LIST_CASE_DUE, "due_on"), "2026-11-15");
			ck_assert_str_eq(cell(&rows, i, DB_LIST_CASE_DUE, "overdue"), "9");
			ck_assert_str_eq(testdb_row_id(&rows, i), "5");
			found = true;
		}
	ck_assert(found);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CASE_DUE, "0005", NULL), 2);
	db_rows_done(&rows);
	PQfinish(c);
	free(login);
	PQfinish(owner);
}
END_TEST

/* The demo's transfer of HR-2025-0047 to 密云区第一小学: 怀柔区 has none to decide; 密云区's case worker sees
 * it (code and where it comes from), accepts it, and the case is 密云区's and no longer 怀柔区's. */
START_TEST(test_transfer_accepted)
{
	PGconn *owner = testdb_demo();
	char *hr = account_for(owner, "cwhr", "caseworker", "HR");
	char *my = account_for(owner, "cwmy", "caseworker", "MY");
	PGconn *h = connect_as(PQdb(owner), hr), *m = connect_as(PQdb(owner), my);
	struct db_rows rows;
	ck_assert_int_eq(testdb_count_rows(h, DB_LIST_TRANSFERS_INCOMING, "", NULL), 0);
	ck_assert_int_eq(testdb_count_rows(m, DB_LIST_CASES, "HR-2025-0047", NULL), 0);
	char *ids = lookup_ids(m, DB_LOOKUP_CASE, "0047", NULL, NULL);
	ck_assert_str_eq(ids, "");
	free(ids);
	long before = reads_of(owner, my);
	testdb_fetch(m, DB_LIST_TRANSFERS_INCOMING, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_int_eq(reads_of(owner, my), before);   /* not theirs yet: nothing of it read */
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_TRANSFERS_INCOMING, "code"), "HR-2025-0047");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_TRANSFERS_INCOMING, "from_school"), "汤河口镇中心小学");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_TRANSFERS_INCOMING, "dist"), "HR");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_TRANSFERS_INCOMING, "to_school"), "密云区第一小学");
	char *id = xstrdup(testdb_row_id(&rows, 0));
	db_rows_done(&rows);

	/* the sending district may not decide it */
	struct db_request req;
	struct db_error err = { 0 };
	db_case_transfer_decide_request(id, true, &req);
	PGresult *res = testdb_run(h, &req);
	ck_assert_int_ne(PQresultStatus(res), PGRES_TUPLES_OK);
	db_error_explain(&err, res);
	ck_assert_str_eq(err.message, "only the case workers of the receiving district accept or decline a transfer");
	PQclear(res);
	/* the receiving one accepts */
	res = testdb_run(m, &req);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
	PQclear(res);
	/* twice is refused, in a sentence */
	res = testdb_run(m, &req);
	db_error_explain(&err, res);
	ck_assert_str_eq(err.message, "that transfer was already decided");
	PQclear(res);
	db_request_done(&req);

	ck_assert_int_eq(testdb_count_rows(m, DB_LIST_TRANSFERS_INCOMING, "", NULL), 0);
	ck_assert_int_eq(testdb_count_rows(m, DB_LIST_CASES, "HR-2025-0047", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(h, DB_LIST_CASES, "HR-2025-0047", NULL), 0);
	/* with its history: the placements, the new one first */
	testdb_fetch(m, DB_LIST_CASE_PLACEMENTS, DB_WINDOW_FIRST, NULL, "", "14", 50, &rows);
	ck_assert_uint_eq(rows.count, 2);
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_PLACEMENTS, "school"), "密云区第一小学");
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_PLACEMENTS, "placement"), "home teaching");
	db_rows_done(&rows);
	testdb_fetch(m, DB_LIST_CASE_TRANSFERS, DB_WINDOW_FIRST, NULL, "", "14", 50, &rows);
	ck_assert_str_eq(cell(&rows, 0, DB_LIST_CASE_TRANSFERS, "status"), "accepted");
	db_rows_done(&rows);
	free(id);
	PQfinish(h);
	PQfinish(m);
	free(hr);
	free(my);
	PQfinish(owner);
}
END_TEST

/* The forms' refusals in sentences: a decision without its date, a placement in another district's
 * school (a transfer), a second transfer while one waits. And the lookups of a case and its goals. */
START_TEST(test_part_records)
{
	PGconn *owner = testdb_demo();
	char *login = account_for(owner, "cw", "caseworker", "HR");
	PGconn *c = connect_as(PQdb(owner), login);
	struct db_record rec;
	struct db_error err = { 0 };
	char *id = NULL;

	/* the decision of HR-2026-0002, assessed */
	ck_assert_msg(testdb_load(c, DB_RECORD_CASE_DECISION, "2", &rec, &err), "%s", err.message);
	testdb_set_value(&rec, "identification_status", "confirmed");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a case confirmed or found not eligible is a decision: give the date it was decided"
		" (Decided on)");
	testdb_set_value(&rec, "decided_on", "2026-11-24");
	testdb_set_value(&rec, "decided_by", "区特殊教育中心评估组");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_OK);
	db_record_done(&rec);
	free(id);
	char *v = testdb_value(owner, "SELECT identification_status || ' ' || decided_on || ' ' || referral_reason"
		" FROM iedesk.student_case WHERE id = 2");
	ck_assert_str_eq(v, "confirmed 2026-11-24 语文、数学成绩持续落后，读写困难");   /* the referral untouched */
	free(v);

	/* a placement: in the district a new one, and the case's; in another district refused */
	db_record_init(&rec, DB_RECORD_CASE_PLACEMENT);
	testdb_set_value(&rec, "case_id", "2");
	testdb_set_value(&rec, "school_id", "101");
	testdb_set_value(&rec, "placement", "resource-classroom");
	testdb_set_value(&rec, "hours_per_week", "3");
	testdb_set_value(&rec, "started_on", "2026-11-24");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_REFUSED);
	ck_assert_msg(strstr(err.message, "a move to another district is a transfer"), "%s", err.message);
	testdb_set_value(&rec, "school_id", "3");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_OK);
	free(id);
	db_record_done(&rec);
	v = testdb_value(owner, "SELECT school_id || ' ' || placement FROM iedesk.student_case WHERE id = 2");
	ck_assert_str_eq(v, "3 resource-classroom");
	free(v);

	/* a transfer while one waits */
	db_record_init(&rec, DB_RECORD_CASE_TRANSFER);
	testdb_set_value(&rec, "case_id", "14");
	testdb_set_value(&rec, "to_school_id", "103");
	testdb_set_value(&rec, "requested_on", "2026-11-24");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "this case already has a transfer waiting for the receiving district's answer");
	db_record_done(&rec);

	/* a review, and a progress note on one of the case's goals */
	db_record_init(&rec, DB_RECORD_CASE_REVIEW);
	testdb_set_value(&rec, "case_id", "5");
	testdb_set_value(&rec, "kind", "iep-review");
	testdb_set_value(&rec, "held_on", "2026-11-24");
	testdb_set_value(&rec, "outcome", "进位加法已掌握，修订目标");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_OK);
	free(id);
	db_record_done(&rec);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_CASE_DUE, DB_WINDOW_FIRST, NULL, "HR-2026-0005", NULL, 50, &rows);
	for (size_t i = 0; i < rows.count; i++)   /* the review held is no longer due */
		ck_assert_str_ne(cell(&rows, i, DB_LIST_CASE_DUE, "due"), "IEP review");
	db_rows_done(&rows);

	char *name = NULL, *detail = NULL;
	char *ids = lookup_ids(c, DB_LOOKUP_GOAL, "HR-2026-0001", &name, &detail);
	ck_assert_str_eq(ids, "1,2");
	ck_assert_str_eq(name, "能在课堂上用完整句子向老师提出请求");
	ck_assert_str_eq(detail, "HR-2026-0001 #1");
	free(ids);
	free(name);
	free(detail);
	ids = lookup_ids(c, DB_LOOKUP_CASE, "HR-2026-001", &name, &detail);
	ck_assert_str_eq(ids, "10,11,12");
	ck_assert_str_eq(name, "HR-2026-0010");
	free(ids);
	free(name);
	free(detail);
	db_record_init(&rec, DB_RECORD_CASE_PROGRESS);
	testdb_set_value(&rec, "case_id", "1");
	testdb_set_value(&rec, "goal_id", "2");
	testdb_set_value(&rec, "noted_on", "2026-11-24");
	testdb_set_value(&rec, "rating", "on-track");
	ck_assert_int_eq(save(c, &rec, &id, &err), DB_SAVE_OK);
	db_record_done(&rec);
	/* loaded back, its lookups read as the form shows them */
	ck_assert_msg(testdb_load(c, DB_RECORD_CASE_PROGRESS, id, &rec, &err), "%s", err.message);
	ck_assert_str_eq(rec.lookup_names[testdb_field_index(DB_RECORD_CASE_PROGRESS, "case_id")], "HR-2026-0001");
	ck_assert_str_eq(rec.lookup_names[testdb_field_index(DB_RECORD_CASE_PROGRESS, "goal_id")], "能与同伴轮流进行游戏");
	db_record_done(&rec);
	free(id);

	PQfinish(c);
	free(login);
	PQfinish(owner);
}
END_TEST

/* The case's detail has the whole cycle: the decision, assessments, placements, transfers, the latest
 * sessions, progress, contacts and reviews held. */
START_TEST(test_case_detail_parts)
{
	PGconn *owner = testdb_demo();
	char *login = account_for(owner, "cw", "caseworker", "HR");
	PGconn *c = connect_as(PQdb(owner), login);
	struct db_detail d;
	testdb_detail(c, DB_DETAIL_CASE, "1", &d);
	ck_assert_str_eq(d.title, "HR-2026-0001");
	ck_assert_str_eq(testdb_line_value(&d, "Decision", "Need", NULL), "autism");
	ck_assert_str_eq(testdb_line_value(&d, "Decision", "Identification", NULL), "confirmed");
	ck_assert_str_eq(testdb_line_value(&d, "Decision", "Decided on", NULL), "2026-05-20");
	ck_assert_str_eq(testdb_line_value(&d, "Decision", "Decided by", NULL), "区特殊教育中心评估组");
	ck_assert_str_eq(testdb_line_value(&d, "Assessments", "2026-04-15", NULL),
		"psychological, by 区特殊教育中心评估组: 符合孤独症谱系障碍诊断标准");
	ck_assert_str_eq(testdb_line_value(&d, "Placements", "2026-06-01", NULL),
		"resource classroom at 怀柔区第一小学, 4 hours a week");
	ck_assert_str_eq(testdb_line_value(&d, "Placements", "2026-03-02", NULL), "regular class at 怀柔区第一小学");
	ck_assert_str_eq(testdb_line_value(&d, "Sessions (the latest 5)", "2026-11-18", NULL),
		"resource classroom by 朱勇, 40 minutes");
	ck_assert_str_eq(testdb_line_value(&d, "Progress", "2026-11-20", "concern"), "concern: 能与同伴轮流进行游戏");
	ck_assert_str_eq(testdb_line_value(&d, "Home-school contacts", "2026-11-20", NULL),
		"phone with 母亲: 反馈进展，约定学期末复查");
	db_detail_done(&d);
	testdb_detail(c, DB_DETAIL_CASE, "14", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Transfers", "2026-11-10", NULL), "to 密云区第一小学 (MY): requested");
	db_detail_done(&d);
	testdb_detail(c, DB_DETAIL_CASE, "3", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Reviews held", "2026-05-28", NULL), "IEP review: 目标基本达成，修订为第2版");
	/* not decided yet: no date line */
	db_detail_done(&d);
	testdb_detail(c, DB_DETAIL_CASE, "4", &d);
	ck_assert_ptr_null(testdb_line_value(&d, "Decision", "Decided on", NULL));
	ck_assert_str_eq(testdb_line_value(&d, "Decision", "Identification", NULL), "assessed");
	db_detail_done(&d);
	PQfinish(c);
	free(login);
	PQfinish(owner);
}
END_TEST

/* ---- on screen ---- */

static char *db_name;
static PGconn *conn;
static char *state_dir;
static struct screen *screen;

static void setup(void)
{
	db_name = testdb_create_migrated();
	conn = testdb_connect(db_name);
	testdb_load_demo(conn);
	char template[] = "/tmp/iedesk-cases-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	state_dir = xstrdup(template);
}

static void teardown(void)
{
	screen_free(screen);
	screen = NULL;
	PQfinish(conn);
	conn = NULL;
	char *cmd = xasprintf("rm -rf '%s'", state_dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	FREE(&state_dir);
	FREE(&db_name);
}

/* iedesk on the demo as login, rows x 110, with no config file. */
static struct screen *launch_rows_as(int rows, const char *login)
{
	char *database = xasprintf("PGDATABASE=%s", db_name);
	char *state = xasprintf("XDG_STATE_HOME=%s", state_dir);
	char *user = xasprintf("PGUSER=%s", login);
	const char *env[] = { database, "PGOPTIONS=" TESTDB_DAY_OPTIONS, "XDG_CONFIG_HOME=/nonexistent", state, user,
		NULL };
	const char *argv[] = { testdb_program(), NULL };
	screen = screen_start(argv, env, rows, 110);
	free(database);
	free(state);
	free(user);
	return screen;
}

static struct screen *launch_as(const char *login)
{
	return launch_rows_as(30, login);
}

static char *make_login(const char *prefix, const char *role, const char *district)
{
	return account_for(conn, prefix, role, district);
}

static char *value(const char *sql)
{
	return testdb_value(conn, sql);
}

static void assert_value(const char *sql, const char *want)
{
	char *got = value(sql);
	ck_assert_msg(!strcmp(got, want), "%s: %s, want %s", sql, got, want);
	free(got);
}

/* Pick a lookup's candidate by typing part of its name (the focus on the lookup field). */
static void pick(struct screen *s, const char *what, const char *typed)
{
	screen_key(s, SCREEN_KEY_ENTER);
	char *title = xasprintf("Pick %s", what);
	screen_assert_text(s, title, WAIT_MS);
	free(title);
	screen_type(s, typed);
	screen_assert(s, screen_wait_row(s, 2, typed, WAIT_MS), "the candidate found");
	screen_key(s, SCREEN_KEY_ENTER);
	screen_assert(s, screen_wait_gone(s, "Pick ", WAIT_MS), "the pick closed");
}

static void tabs(struct screen *s, int n)
{
	for (int i = 0; i < n; i++)
		screen_key(s, SCREEN_KEY_TAB);
}

/* A new child, from the referral to a review, keys only, as a case worker of 怀柔区. */
START_TEST(test_referral_to_review)
{
	char *login = make_login("cw", "caseworker", "HR");
	struct screen *s = launch_rows_as(50, login);   /* tall enough for the whole detail at the end */
	screen_assert_text(s, "怀柔区", WAIT_MS);
	screen_type(s, "5");
	screen_assert_text(s, "HR-2026-0001", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);

	/* the referral: n on the cases */
	screen_type(s, "n");
	screen_assert_text(s, "New Case (referral)", WAIT_MS);
	screen_type(s, "HR-2026-0099");
	screen_key(s, SCREEN_KEY_TAB);
	pick(s, "School", "怀柔区第一小学");
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "l");                 /* need: learning */
	tabs(s, 3);                          /* referred on (today), by (class teacher) */
	screen_type(s, "抄写错误多，阅读困难");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the Case (referral)", WAIT_MS);
	screen_assert_text(s, "HR-2026-0099", WAIT_MS);
	screen_settle(s, 200, WAIT_MS);
	assert_value("SELECT need_category || ' ' || parents_answer || ' ' || referred_on FROM iedesk.student_case"
		" WHERE code = 'HR-2026-0099'", "learning pending " TESTDB_TODAY);

	/* the parents' answer: e, to the answer and its date */
	screen_type(s, "e");
	screen_assert_text(s, "Edit Case (referral)", WAIT_MS);
	tabs(s, 8);
	screen_type(s, "a");                 /* agreed */
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, TESTDB_TODAY);
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the Case (referral)", WAIT_MS);
	screen_settle(s, 200, WAIT_MS);
	assert_value("SELECT parents_answer FROM iedesk.student_case WHERE code = 'HR-2026-0099'", "agreed");

	/* an assessment: E, n */
	screen_type(s, "E");
	screen_assert_text(s, "Assessments: HR-2026-0099", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	screen_type(s, "n");
	screen_assert_text(s, "New Assessment", WAIT_MS);
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "a");                 /* academic */
	tabs(s, 2);
	screen_type(s, "区特殊教育中心评估组");
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "读写能力落后两个年级");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the Assessment", WAIT_MS);
	screen_assert_text(s, "读写能力落后两个年级", WAIT_MS);
	screen_assert_text(s, "academic", WAIT_MS);
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert(s, screen_wait_gone(s, "Assessments: HR-2026-0099", WAIT_MS), "back on the cases");
	screen_settle(s, 200, WAIT_MS);

	/* the decision: I; confirmed wants its date, said before anything is saved */
	screen_type(s, "I");
	screen_assert_text(s, "Edit Case (decision)", WAIT_MS);
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "c");                 /* confirmed */
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "give the date it was decided", WAIT_MS);
	assert_value("SELECT identification_status FROM iedesk.student_case WHERE code = 'HR-2026-0099'", "suspected");
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, TESTDB_TODAY);
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "区特殊教育中心评估组");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the Case (decision)", WAIT_MS);
	screen_settle(s, 200, WAIT_MS);
	assert_value("SELECT identification_status || ' ' || decided_on FROM iedesk.student_case"
		" WHERE code = 'HR-2026-0099'", "confirmed " TESTDB_TODAY);

	/* a placement: L, n; another district's school is a transfer, said so */
	screen_type(s, "L");
	screen_assert_text(s, "Placements: HR-2026-0099", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	screen_type(s, "n");
	screen_assert_text(s, "New Placement", WAIT_MS);
	screen_key(s, SCREEN_KEY_TAB);
	pick(s, "School", "密云区第一小学");
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "r");
	screen_type(s, " ");                 /* regular class, then the next: resource classroom */
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "3");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "a move to another district is a transfer", WAIT_MS);
	tabs(s, 4);                          /* hours, since, note, case: back to the school */
	pick(s, "School", "怀柔区第一小学");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the Placement", WAIT_MS);
	screen_assert_text(s, "resource classroom", WAIT_MS);
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert(s, screen_wait_gone(s, "Placements: HR-2026-0099", WAIT_MS), "back on the cases");
	screen_settle(s, 200, WAIT_MS);
	assert_value("SELECT s.name || ' ' || c.placement FROM iedesk.student_case c JOIN iedesk.school s"
		" ON s.id = c.school_id WHERE c.code = 'HR-2026-0099'", "怀柔区第一小学 resource-classroom");

	/* a review held: K, n */
	screen_type(s, "K");
	screen_assert_text(s, "Reviews held: HR-2026-0099", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	screen_type(s, "n");
	screen_assert_text(s, "New Review", WAIT_MS);
	screen_key(s, SCREEN_KEY_TAB);
	screen_type(s, "r");                 /* re-assessment */
	tabs(s, 2);
	screen_type(s, "维持资源教室安置");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the Review", WAIT_MS);
	screen_assert_text(s, "维持资源教室安置", WAIT_MS);
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert(s, screen_wait_gone(s, "Reviews held: HR-2026-0099", WAIT_MS), "back on the cases");
	assert_value("SELECT kind || ' ' || held_on FROM iedesk.case_review r JOIN iedesk.student_case c ON c.id = r.case_id"
		" WHERE c.code = 'HR-2026-0099'", "reassessment " TESTDB_TODAY);

	/* the whole cycle in its detail */
	screen_settle(s, 200, WAIT_MS);
	screen_key(s, SCREEN_KEY_ENTER);
	screen_assert_text(s, "academic, by 区特殊教育中心评估组: 读写能力落后两个年级", WAIT_MS);
	screen_assert_text(s, "Decided on", WAIT_MS);
	screen_assert_text(s, "resource classroom at 怀柔区第一小学, 3 hours a week", WAIT_MS);
	screen_assert_text(s, "re-assessment: 维持资源教室安置", WAIT_MS);
	free(login);
}
END_TEST

/* The review backlog (U): most overdue first, in the alert colour; Enter opens the case. */
START_TEST(test_due_on_screen)
{
	char *login = make_login("cw", "caseworker", "HR");
	struct screen *s = launch_as(login);
	screen_assert_text(s, "怀柔区", WAIT_MS);
	screen_type(s, "5");
	screen_assert_text(s, "HR-2026-0001", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	screen_type(s, "U");
	screen_assert_text(s, "Reviews due", WAIT_MS);
	char *first = value("SELECT code FROM iedesk.case_due WHERE district_id = 1 ORDER BY due_on, due, case_id LIMIT 1");
	screen_assert(s, screen_wait_row(s, 2, first, WAIT_MS), "the most overdue first");
	screen_assert_text(s, "HR-2025-0047", WAIT_MS);   /* the last row: the window is drawn */
	screen_settle(s, 200, WAIT_MS);
	screen_assert(s, screen_cell_fg(s, 3, 0) == CONFIG_COLOR_RED, "overdue in the alert colour");
	screen_key(s, SCREEN_KEY_ENTER);
	char *title = xasprintf("%s", first);
	screen_assert_text(s, "Referral", WAIT_MS);
	screen_assert_text(s, title, WAIT_MS);
	free(title);
	free(first);
	free(login);
}
END_TEST

/* 密云区's case worker accepts the demo's transfer (Y, Enter, y): the case is theirs. */
START_TEST(test_transfer_on_screen)
{
	char *login = make_login("cwmy", "caseworker", "MY");
	char *hr = make_login("cwhr", "caseworker", "HR");
	struct screen *s = launch_as(login);
	screen_assert_text(s, "密云区", WAIT_MS);
	screen_type(s, "5");
	screen_assert_text(s, "MY-2026-0001", WAIT_MS);
	screen_assert(s, !screen_find(s, "HR-2025-0047", NULL, NULL), "not theirs yet");
	screen_settle(s, 100, WAIT_MS);
	screen_type(s, "Y");
	screen_assert_text(s, "Incoming transfers", WAIT_MS);
	screen_assert_text(s, "HR-2025-0047", WAIT_MS);
	screen_assert_text(s, "汤河口镇中心小学", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	screen_key(s, SCREEN_KEY_ENTER);
	screen_assert_text(s, "Accept the transfer of HR-2025-0047 to 密云区第一小学? (y accept / n decline / Esc)", WAIT_MS);
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert_text(s, "still waiting for your district's answer", WAIT_MS);
	assert_value("SELECT status FROM iedesk.case_transfer WHERE case_id = 14", "requested");
	screen_type(s, "Y");
	screen_assert_text(s, "Accept the transfer of HR-2025-0047", WAIT_MS);
	screen_type(s, "y");
	screen_assert_text(s, "is accepted: the case is your district's now", WAIT_MS);
	assert_value("SELECT t.status || ' ' || c.school_id FROM iedesk.case_transfer t JOIN iedesk.student_case c"
		" ON c.id = t.case_id WHERE t.case_id = 14", "accepted 101");
	screen_assert(s, screen_wait_gone(s, "汤河口镇中心小学", WAIT_MS), "no transfer waits any more");
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert_text(s, "HR-2025-0047", WAIT_MS);
	/* and 怀柔区's case worker no longer reads it */
	PGconn *h = connect_as(db_name, hr);
	ck_assert_int_eq(testdb_count_rows(h, DB_LIST_CASES, "HR-2025-0047", NULL), 0);
	PQfinish(h);
	free(hr);
	free(login);
}
END_TEST

/* A manager of 怀柔区 pressing 5 sees the counts: no code of any child, and none of the case workers' keys. */
START_TEST(test_manager_sees_counts)
{
	char *login = make_login("mgr", "manager", "HR");
	struct screen *s = launch_as(login);
	screen_assert_text(s, "Schools: 怀柔区", WAIT_MS);
	screen_type(s, "5");
	screen_assert_text(s, "Reviews overdue", WAIT_MS);
	screen_assert_text(s, "北房镇中心小学", WAIT_MS);
	screen_settle(s, 200, WAIT_MS);
	screen_assert(s, !screen_find(s, "HR-20", NULL, NULL), "no case's code");
	screen_type(s, "U");
	screen_type(s, "Y");
	screen_settle(s, 300, WAIT_MS);
	screen_assert(s, !screen_find(s, "Reviews due", NULL, NULL) && !screen_find(s, "Incoming transfers", NULL, NULL),
		"the case workers' lists stay closed");
	screen_assert(s, !screen_find(s, "HR-20", NULL, NULL), "still no case's code");
	free(login);
}
END_TEST

Suite *cases_suite(void)
{
	Suite *s = suite_create("cases");
	TCase *tc = tcase_create("parts");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_part_lists);
	tcase_add_test(tc, test_due_backlog);
	tcase_add_test(tc, test_transfer_accepted);
	tcase_add_test(tc, test_part_records);
	tcase_add_test(tc, test_case_detail_parts);
	suite_add_tcase(s, tc);
	TCase *screens = tcase_create("screens");
	tcase_set_timeout(screens, 120);
	tcase_add_checked_fixture(screens, setup, teardown);
	tcase_add_test(screens, test_referral_to_review);
	tcase_add_test(screens, test_due_on_screen);
	tcase_add_test(screens, test_transfer_on_screen);
	tcase_add_test(screens, test_manager_sees_counts);
	suite_add_tcase(s, screens);
	return s;
}
