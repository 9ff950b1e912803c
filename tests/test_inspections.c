/* test_inspections: inspections and findings as records (db/record.c), the rules of 0010 that govern them
 * told as sentences (db/error.c), planning an inspection from an action item or a finding, resolving and
 * closing (db/inspection.c), the lists of an action item's inspections and of an inspection's findings
 * (db/list.c) and their lookups (db/lookup.c), against the demo with "today" fixed at 2026-11-24. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL 1000

/* ---- helpers ---- */

static const char *value_of(const struct db_record *rec, const char *column)
{
	return rec->values[testdb_field_index(rec->kind, column)];
}

static const char *name_of(const struct db_record *rec, const char *column)
{
	return rec->lookup_names[testdb_field_index(rec->kind, column)];
}

/* Run a request that answers as a save does (a record's save, a resolve, a close); the outcome, with the
 * new version (allocated, when wanted) and the sentence in err. */
static enum db_save_outcome answer(PGconn *conn, struct db_request *req, char **version, struct db_error *err)
{
	PGresult *res = testdb_run(conn, req);
	struct db_error failure = { 0 };
	bool failed = PQresultStatus(res) != PGRES_TUPLES_OK;
	if (failed)
		db_error_explain(&failure, res);
	char *id = NULL, *v = NULL;
	enum db_save_outcome outcome = db_record_save_outcome(failed ? NULL : res, &failure, &id, &v, err);
	free(id);
	if (version)
		*version = v;
	else
		free(v);
	PQclear(res);
	db_request_done(req);
	return outcome;
}

/* Load kind id, set column to value, save: the outcome, the sentence in err. */
static enum db_save_outcome edit(PGconn *conn, enum db_record_kind kind, const char *id, const char *column,
		const char *value, struct db_error *err)
{
	struct db_record rec;
	ck_assert_msg(testdb_load(conn, kind, id, &rec, err), "%s", err->message);
	testdb_set_value(&rec, column, value);
	char *saved_id = NULL, *version = NULL;
	enum db_save_outcome outcome = testdb_save(conn, &rec, &saved_id, &version, err);
	free(saved_id);
	free(version);
	db_record_done(&rec);
	return outcome;
}

/* A new finding of inspection with its values (NULL: empty): the outcome, the sentence in err. */
static enum db_save_outcome add_finding(PGconn *conn, const char *inspection, const char *due, const char *resolved,
		struct db_error *err)
{
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_FINDING);
	testdb_set_value(&rec, "inspection_id", inspection);
	testdb_set_value(&rec, "text", "测试发现");
	testdb_set_value(&rec, "due_on", due);
	testdb_set_value(&rec, "resolved_on", resolved);
	char *id = NULL, *version = NULL;
	enum db_save_outcome outcome = testdb_save(conn, &rec, &id, &version, err);
	free(id);
	free(version);
	db_record_done(&rec);
	return outcome;
}

static char *version_of(PGconn *conn, const char *table, const char *id)
{
	char *sql = xasprintf("SELECT version FROM iedesk.%s WHERE id = %s", table, id);
	char *version = testdb_value(conn, sql);
	free(sql);
	return version;
}

static void ck_value(PGconn *conn, const char *sql, const char *want)
{
	char *got = testdb_value(conn, sql);
	ck_assert_msg(!strcmp(got, want), "%s: %s, want %s", sql, got, want);
	free(got);
}

/* ---- records ---- */


static const struct testdb_sample samples[] = {
	/* checks an action item */
	{ DB_RECORD_INSPECTION, { "14", "follow-up", "1", "", "2026-12-01", "7", "planned", "", "第一行\n第二行", "" },
		"planned_on", "2026-12-02",
		NULL, { "北房镇中学", NULL, "确定本校融合教育管理人员并报区教委备案", NULL, NULL, "李秀兰" } },
	/* follows up a finding, visited and closed */
	{ DB_RECORD_INSPECTION, { "16", "follow-up", "", "3", "2026-11-20", "", "closed", "2026-11-21", "复查", "2026-11-22" },
		"summary", "复查（改）",
		NULL, { "杨宋镇中学", NULL, NULL, "high: 5名随班就读学生中3名未制定个别化教育计划。" } },
	{ DB_RECORD_FINDING, { "3", "low", "测试发现\n第二行", "2026-12-31", "", "" }, "severity", "high",
		NULL, { "杨宋镇中学 — supervision, 2026-05-20" } },
	{ DB_RECORD_FINDING, { "14", "medium", "已整改", "2026-11-01", "2026-11-02", "换了专职资源教师" }, "due_on", "2026-11-02",
		NULL, { "长哨营满族乡中心小学 — itinerant guidance, 2026-10-13" } },
};

START_TEST(test_records_round_trip)
{
	PGconn *c = testdb_demo();
	testdb_round_trip(c, samples, sizeof(samples) / sizeof(samples[0]));
	PQfinish(c);
}
END_TEST

START_TEST(test_record_defaults_and_fields)
{
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_INSPECTION);
	ck_assert_str_eq(db_record_def(DB_RECORD_INSPECTION)->name, "inspection");
	ck_assert_str_eq(db_record_def(DB_RECORD_INSPECTION)->table, "iedesk.inspection");
	ck_assert_str_eq(value_of(&rec, "kind"), "itinerant-guidance");
	ck_assert_str_eq(value_of(&rec, "status"), "planned");
	ck_assert_ptr_null(value_of(&rec, "school_id"));
	ck_assert_ptr_null(value_of(&rec, "planned_on"));
	const struct db_field *f = &db_record_def(DB_RECORD_INSPECTION)->fields[testdb_field_index(DB_RECORD_INSPECTION,
		"action_item_id")];
	ck_assert_int_eq(f->type, DB_FIELD_LOOKUP);
	ck_assert_int_eq(f->lookup, DB_LOOKUP_ACTION_ITEM);
	ck_assert(!f->required);
	f = &db_record_def(DB_RECORD_INSPECTION)->fields[testdb_field_index(DB_RECORD_INSPECTION, "school_id")];
	ck_assert(f->required);
	db_record_done(&rec);

	db_record_init(&rec, DB_RECORD_FINDING);
	ck_assert_str_eq(value_of(&rec, "severity"), "medium");
	f = &db_record_def(DB_RECORD_FINDING)->fields[testdb_field_index(DB_RECORD_FINDING, "inspection_id")];
	ck_assert_int_eq(f->lookup, DB_LOOKUP_INSPECTION);
	ck_assert(f->required);
	char why[256];
	f = &db_record_def(DB_RECORD_FINDING)->fields[testdb_field_index(DB_RECORD_FINDING, "severity")];
	ck_assert(!db_field_check(f, "urgent", why, sizeof(why)));
	ck_assert_str_eq(why, "Severity must be one of: low, medium, high");
	db_record_done(&rec);
}
END_TEST

/* ---- the closing rule ---- */

START_TEST(test_closing_rule)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	struct db_error err = { 0 };
	char *version = NULL;

	/* inspection 7 (done) has finding 5 unresolved: closing is refused in words */
	char *v7 = version_of(c, "inspection", "7");
	db_inspection_close_request("7", v7, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an inspection with unresolved findings cannot be closed: resolve them first");
	ck_assert_str_eq(err.sqlstate, "23514");
	ck_value(c, "SELECT status FROM iedesk.inspection WHERE id = 7", "done");
	/* and so through the form */
	struct db_record rec;
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, "7", &rec, &err));
	testdb_set_value(&rec, "status", "closed");
	testdb_set_value(&rec, "closed_on", "2026-11-24");
	char *id = NULL;
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an inspection with unresolved findings cannot be closed: resolve them first");
	db_record_done(&rec);

	/* resolved today; a second press (the old version) changes nothing */
	char *v5 = version_of(c, "finding", "5");
	db_finding_resolve_request("5", v5, "", "", &req);
	ck_assert_int_eq(answer(c, &req, &version, &err), DB_SAVE_OK);
	ck_assert_str_eq(version, "2");
	free(version);
	ck_value(c, "SELECT resolved_on::text FROM iedesk.finding WHERE id = 5", "2026-11-24");
	db_finding_resolve_request("5", v5, "", "", &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this finding since you opened it");
	db_finding_resolve_request("5", "2", "", "", &req);   /* already resolved: the date stays */
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_value(c, "SELECT resolved_on::text || ' ' || version FROM iedesk.finding WHERE id = 5", "2026-11-24 2");

	/* then closing is accepted, today; a stale version is a conflict */
	db_inspection_close_request("7", v7, false, &req);
	ck_assert_int_eq(answer(c, &req, &version, &err), DB_SAVE_OK);
	ck_value(c, "SELECT status || ' ' || closed_on FROM iedesk.inspection WHERE id = 7", "closed 2026-11-24");
	db_inspection_close_request("7", v7, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this inspection since you opened it");
	db_inspection_close_request("7", version, false, &req);   /* already closed: the date stays */
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	free(version);
	free(v5);
	free(v7);

	/* a closed inspection: no unresolved finding is added, none unresolved; a resolved one may be recorded */
	ck_assert_int_eq(add_finding(c, "7", "2026-12-31", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the inspection is closed, so its findings stay resolved: reopen the inspection first");
	ck_assert_int_eq(edit(c, DB_RECORD_FINDING, "5", "resolved_on", "", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the inspection is closed, so its findings stay resolved: reopen the inspection first");
	ck_assert_int_eq(edit(c, DB_RECORD_FINDING, "5", "text", "资源教师已到岗", &err), DB_SAVE_OK);
	ck_assert_int_eq(add_finding(c, "7", "2026-11-20", "2026-11-22", &err), DB_SAVE_OK);
	/* nor moved there unresolved */
	ck_assert_int_eq(edit(c, DB_RECORD_FINDING, "8", "inspection_id", "7", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the inspection is closed, so its findings stay resolved: reopen the inspection first");

	/* reopened (done, closing date cleared): an open finding is welcome again, and closing refused again */
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, "7", &rec, &err));
	testdb_set_value(&rec, "status", "done");
	testdb_set_value(&rec, "closed_on", "");
	free(id);
	id = NULL;
	version = NULL;
	ck_assert_int_eq(testdb_save(c, &rec, &id, &version, &err), DB_SAVE_OK);
	ck_assert_int_eq(add_finding(c, "7", "2026-12-31", NULL, &err), DB_SAVE_OK);
	db_inspection_close_request("7", version, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an inspection with unresolved findings cannot be closed: resolve them first");
	db_record_done(&rec);
	free(id);
	free(version);

	/* closing a planned one without a visit: 0001's rule, in its words */
	char *v16 = version_of(c, "inspection", "16");
	db_inspection_close_request("16", v16, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a done or closed inspection needs the date of the visit");
	free(v16);
	PQfinish(c);
}
END_TEST

/* Closing waits for a finding being added at the same moment, and then sees it. */
/* Closing the inspection that verifies an action item can record the item done with it: not on a stale
 * version (the close did not go through), not when asked not to, and a done item keeps its date. */
START_TEST(test_close_records_action_item_done)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	struct db_error err = { 0 };
	char *version = NULL;
	/* inspection 7 checks action item 5 (in progress); its finding 5 resolved first */
	char *v5 = version_of(c, "finding", "5");
	db_finding_resolve_request("5", v5, "", "", &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_OK);
	db_inspection_close_request("7", "99", true, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_value(c, "SELECT status FROM iedesk.action_item WHERE id = 5", "in-progress");
	char *v7 = version_of(c, "inspection", "7");
	db_inspection_close_request("7", v7, true, &req);
	PGresult *res = testdb_run(c, &req);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	ck_assert_str_eq(PQgetvalue(res, 0, PQfnumber(res, "action_item_done")), "1");
	PQclear(res);
	db_request_done(&req);
	ck_value(c, "SELECT status || ' ' || done_on FROM iedesk.action_item WHERE id = 5", "done 2026-11-24");
	ck_value(c, "SELECT status FROM iedesk.inspection WHERE id = 7", "closed");
	/* no: the item stays as it was (inspection 18 checks nothing; 7 reopened and closed again without it) */
	testdb_exec(c, "UPDATE iedesk.action_item SET status = 'open', done_on = NULL WHERE id = 5");
	testdb_exec(c, "UPDATE iedesk.inspection SET status = 'done', closed_on = NULL WHERE id = 7");
	free(v7);
	v7 = version_of(c, "inspection", "7");
	db_inspection_close_request("7", v7, false, &req);
	ck_assert_int_eq(answer(c, &req, &version, &err), DB_SAVE_OK);
	ck_value(c, "SELECT status FROM iedesk.action_item WHERE id = 5", "open");
	free(version);
	free(v7);
	free(v5);
	PQfinish(c);
}
END_TEST

START_TEST(test_closing_races_a_new_finding)
{
	PGconn *a = testdb_demo();
	PGconn *b = testdb_connect(PQdb(a)), *watch = testdb_connect(PQdb(a));
	testdb_exec(a, "UPDATE iedesk.finding SET resolved_on = '2026-11-20' WHERE inspection_id = 14");
	testdb_exec(a, "BEGIN");
	testdb_exec(a, "INSERT INTO iedesk.finding (inspection_id, severity, text) VALUES (14, 'low', '新发现')");
	/* b's close waits for a's lock on the inspection */
	ck_assert_int_eq(PQsendQuery(b, "UPDATE iedesk.inspection SET status = 'closed', closed_on = '2026-11-24'"
		" WHERE id = 14"), 1);
	for (int i = 0; i < 100 && testdb_count(watch, "SELECT count(*) FROM pg_stat_activity"
			" WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE iedesk.inspection%'") == 0; i++)
		poll(NULL, 0, 20);
	testdb_exec(a, "COMMIT");
	PGresult *res = PQgetResult(b);
	ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
	struct db_error err = { 0 };
	db_error_explain(&err, res);
	ck_assert_str_eq(err.message, "an inspection with unresolved findings cannot be closed: resolve them first");
	PQclear(res);
	while ((res = PQgetResult(b)))
		PQclear(res);
	ck_value(a, "SELECT status FROM iedesk.inspection WHERE id = 14", "done");
	PQfinish(watch);
	PQfinish(b);
	PQfinish(a);
}
END_TEST

/* ---- findings and the visit ---- */

START_TEST(test_finding_dates_and_the_visit)
{
	PGconn *c = testdb_demo();
	struct db_error err = { 0 };
	/* inspection 7 was visited on 2026-11-17 */
	ck_assert_int_eq(add_finding(c, "7", "2026-11-16", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding cannot be due before the visit (2026-11-17)");
	ck_assert_str_eq(err.sqlstate, "23514");
	ck_assert_int_eq(add_finding(c, "7", "2026-11-17", NULL, &err), DB_SAVE_OK);
	ck_assert_int_eq(add_finding(c, "7", NULL, NULL, &err), DB_SAVE_OK);
	ck_assert_int_eq(add_finding(c, "7", "2026-12-01", "2026-11-01", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding cannot be resolved before the visit (2026-11-17)");
	ck_assert_int_eq(add_finding(c, "7", "2026-12-01", "2026-11-17", &err), DB_SAVE_OK);
	/* editing an existing one is held to the same */
	ck_assert_int_eq(edit(c, DB_RECORD_FINDING, "5", "due_on", "2026-10-01", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding cannot be due before the visit (2026-11-17)");
	ck_assert_int_eq(edit(c, DB_RECORD_FINDING, "5", "resolved_on", "2026-11-16", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding cannot be resolved before the visit (2026-11-17)");
	/* the date is ISO whatever the session's DateStyle */
	testdb_exec(c, "SET DateStyle = 'SQL, DMY'");
	ck_assert_int_eq(add_finding(c, "7", "2026-11-01", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding cannot be due before the visit (2026-11-17)");
	testdb_exec(c, "SET DateStyle = 'ISO, YMD'");

	/* an inspection not visited yet (16, planned) has no findings */
	ck_assert_int_eq(add_finding(c, "16", "2026-12-01", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding can only be recorded once the inspection has been visited: enter the"
		" visit date first");
	/* a planned one with a visit date was visited all the same */
	ck_assert_int_eq(edit(c, DB_RECORD_INSPECTION, "16", "visited_on", "2026-11-20", &err), DB_SAVE_OK);
	ck_assert_int_eq(add_finding(c, "16", "2026-12-01", NULL, &err), DB_SAVE_OK);

	/* from the inspection's side: the visit cannot move past a finding's dates, nor be cleared */
	ck_assert_int_eq(edit(c, DB_RECORD_INSPECTION, "7", "visited_on", "2026-11-18", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the visit cannot come after the date a finding is due or was resolved (2026-11-17)");
	ck_assert_int_eq(edit(c, DB_RECORD_INSPECTION, "16", "visited_on", "", &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an inspection with findings has been visited: its visit date cannot be cleared");
	ck_assert_int_eq(edit(c, DB_RECORD_INSPECTION, "7", "visited_on", "2026-11-10", &err), DB_SAVE_OK);
	/* one without findings moves freely */
	ck_assert_int_eq(edit(c, DB_RECORD_INSPECTION, "18", "visited_on", "2026-11-19", &err), DB_SAVE_OK);
	PQfinish(c);
}
END_TEST

/* ---- recording the visit (V), then resolving and closing (C) ---- */

static enum db_save_outcome visit(PGconn *c, const char *id, const char *version, const char *date, const char *summary,
		char **new_version, struct db_error *err)
{
	struct db_request req;
	db_inspection_visit_request(id, version, date, summary, &req);
	return answer(c, &req, new_version, err);
}

START_TEST(test_visit_request)
{
	PGconn *c = testdb_demo();
	struct db_error err = { 0 };
	char *version = NULL;

	/* inspection 16 (planned): done, on the date given, the summary trimmed; the version moves on */
	char *v16 = version_of(c, "inspection", "16");
	ck_assert_msg(visit(c, "16", v16, "2026-11-20", " \t资源教室已建成，档案齐全。\n ", &version, &err) == DB_SAVE_OK,
		"%s", err.message);
	ck_assert_int_eq(atoi(version), atoi(v16) + 1);
	ck_value(c, "SELECT status || ' ' || visited_on || ' ' || summary || ' ' || (closed_on IS NULL)"
		" FROM iedesk.inspection WHERE id = 16", "done 2026-11-20 资源教室已建成，档案齐全。 true");
	/* a second press, with the old version or the new one, finds nothing to do: the visit stays */
	ck_assert_int_eq(visit(c, "16", v16, "2026-11-21", "又一次", NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this inspection since you opened it");
	ck_assert_int_eq(visit(c, "16", version, "2026-11-21", "又一次", NULL, &err), DB_SAVE_CONFLICT);
	char *want = xasprintf("2026-11-20 %s", version);
	ck_value(c, "SELECT visited_on || ' ' || version FROM iedesk.inspection WHERE id = 16", want);
	free(want);
	free(version);
	free(v16);

	/* an empty date is the database's today, a blank summary none (NULL is as empty) */
	char *v8 = version_of(c, "inspection", "8");
	ck_assert_int_eq(visit(c, "8", v8, "", " \t\n", NULL, &err), DB_SAVE_OK);
	ck_value(c, "SELECT status || ' ' || visited_on || ' ' || (summary IS NULL) FROM iedesk.inspection WHERE id = 8",
		"done 2026-11-24 true");
	free(v8);
	testdb_exec(c, "SET iedesk.today = '2026-12-02'");
	char *v17 = version_of(c, "inspection", "17");
	ck_assert_int_eq(visit(c, "17", v17, NULL, NULL, NULL, &err), DB_SAVE_OK);
	ck_value(c, "SELECT status || ' ' || visited_on || ' ' || (summary IS NULL) FROM iedesk.inspection WHERE id = 17",
		"done 2026-12-02 true");
	free(v17);
	testdb_exec(c, "SET iedesk.today = '" TESTDB_TODAY "'");

	/* a stale version changes nothing */
	char *v9 = version_of(c, "inspection", "9");
	char *stale = xasprintf("%d", atoi(v9) + 1);
	ck_assert_int_eq(visit(c, "9", stale, "2026-11-20", "过期版本", NULL, &err), DB_SAVE_CONFLICT);
	ck_value(c, "SELECT status || ' ' || (visited_on IS NULL) || ' ' || (summary IS NULL) FROM iedesk.inspection"
		" WHERE id = 9", "planned true true");
	free(stale);
	free(v9);
	/* nor does visiting one that is not planned: done (7) or closed (1) */
	char *v7 = version_of(c, "inspection", "7"), *v1 = version_of(c, "inspection", "1");
	ck_assert_int_eq(visit(c, "7", v7, "2026-11-24", "改写", NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_int_eq(visit(c, "1", v1, "2026-11-24", "改写", NULL, &err), DB_SAVE_CONFLICT);
	ck_value(c, "SELECT string_agg(id || ' ' || status || ' ' || visited_on || ' ' || summary, '; ' ORDER BY id)"
		" FROM iedesk.inspection WHERE id IN (1, 7)",
		"1 closed 2026-03-10 检查资源教室运行，指导资源教师建立学生档案。; 7 done 2026-11-17 课表仍未公示，专职资源教师尚未到岗。");
	free(v7);
	free(v1);
	/* nor does an id no row has */
	ck_assert_int_eq(visit(c, "999", "1", "", "", NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_int_eq(visit(c, NULL, NULL, "", "", NULL, &err), DB_SAVE_CONFLICT);

	/* the rules of 0010 hold: a planned one already visited (10) with a finding due 2026-11-21 cannot be
	 * recorded as visited after it, in words */
	ck_assert_int_eq(edit(c, DB_RECORD_INSPECTION, "10", "visited_on", "2026-11-20", &err), DB_SAVE_OK);
	ck_assert_int_eq(add_finding(c, "10", "2026-11-21", NULL, &err), DB_SAVE_OK);
	char *v10 = version_of(c, "inspection", "10");
	ck_assert_int_eq(visit(c, "10", v10, "2026-11-22", "晚了", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "the visit cannot come after the date a finding is due or was resolved (2026-11-21)");
	ck_assert_str_eq(err.sqlstate, "23514");
	ck_value(c, "SELECT status || ' ' || visited_on FROM iedesk.inspection WHERE id = 10", "planned 2026-11-20");
	ck_assert_int_eq(visit(c, "10", v10, "2026-11-21", "按时", NULL, &err), DB_SAVE_OK);
	ck_value(c, "SELECT status || ' ' || visited_on || ' ' || summary FROM iedesk.inspection WHERE id = 10",
		"done 2026-11-21 按时");
	free(v10);
	PQfinish(c);
}
END_TEST

/* Issue #6 from end to end on the database's side: visit, findings, the refused close, resolve, close. */
START_TEST(test_visit_resolve_close)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	struct db_error err = { 0 };
	char *version = NULL;

	/* inspection 19 (planned): no finding before the visit */
	ck_assert_int_eq(add_finding(c, "19", "2026-12-31", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "a finding can only be recorded once the inspection has been visited: enter the"
		" visit date first");
	char *v19 = version_of(c, "inspection", "19");
	ck_assert_int_eq(visit(c, "19", v19, "", "两项问题待整改", &version, &err), DB_SAVE_OK);
	free(v19);
	ck_assert_int_eq(add_finding(c, "19", "2026-12-31", NULL, &err), DB_SAVE_OK);
	char *finding = testdb_value(c, "SELECT max(id) FROM iedesk.finding WHERE inspection_id = 19");

	/* closing with the finding open: refused, as a check violation under the rule's name, in words */
	db_inspection_close_request("19", version, false, &req);
	PGresult *res = testdb_run(c, &req);
	ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
	ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "23514");
	ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME), "inspection_closed_with_findings_resolved");
	PQclear(res);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an inspection with unresolved findings cannot be closed: resolve them first");
	ck_assert_str_eq(err.sqlstate, "23514");
	ck_value(c, "SELECT status || ' ' || (closed_on IS NULL) FROM iedesk.inspection WHERE id = 19", "done true");

	/* resolved today, then closed today: the version of the visit is still good (resolving a finding does
	 * not move its inspection's) */
	char *vf = version_of(c, "finding", finding), *resolved = NULL;
	db_finding_resolve_request(finding, vf, "", "", &req);
	ck_assert_int_eq(answer(c, &req, &resolved, &err), DB_SAVE_OK);
	ck_assert_int_eq(atoi(resolved), atoi(vf) + 1);
	db_finding_resolve_request(finding, resolved, "", "", &req);   /* a second press: already resolved */
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this finding since you opened it");
	char *closed = NULL;
	db_inspection_close_request("19", version, false, &req);
	ck_assert_msg(answer(c, &req, &closed, &err) == DB_SAVE_OK, "%s", err.message);
	ck_value(c, "SELECT status || ' ' || visited_on || ' ' || closed_on FROM iedesk.inspection WHERE id = 19",
		"closed 2026-11-24 2026-11-24");
	/* a second close, with either version: no row, nothing done, the date stays */
	db_inspection_close_request("19", closed, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_assert_str_eq(err.message, "someone else changed this inspection since you opened it");
	db_inspection_close_request("19", version, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	testdb_exec(c, "SET iedesk.today = '2026-12-02'");
	db_inspection_close_request("19", closed, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_CONFLICT);
	ck_value(c, "SELECT closed_on::text FROM iedesk.inspection WHERE id = 19", "2026-11-24");
	/* nor can the closed one be visited again */
	ck_assert_int_eq(visit(c, "19", closed, "", "", NULL, &err), DB_SAVE_CONFLICT);
	free(closed);
	free(resolved);
	free(vf);
	free(finding);
	free(version);
	PQfinish(c);
}
END_TEST

/* ---- planning from what an inspection checks ---- */

static bool plan(PGconn *c, bool from_finding, const char *id, struct db_record *rec, struct db_error *err)
{
	struct db_request req;
	if (from_finding)
		db_inspection_follow_up_request(id, &req);
	else
		db_inspection_plan_request(id, &req);
	PGresult *res = testdb_run(c, &req);
	bool ok = db_inspection_plan_parse(res, rec, err);
	PQclear(res);
	db_request_done(&req);
	return ok;
}

START_TEST(test_plan_from_action_item)
{
	PGconn *c = testdb_demo();
	struct db_record rec;
	struct db_error err = { 0 };

	/* action item 1: 北房镇中学's, due 2026-10-31, past: planned today */
	ck_assert_msg(plan(c, false, "1", &rec, &err), "%s", err.message);
	ck_assert_int_eq(rec.kind, DB_RECORD_INSPECTION);
	ck_assert_ptr_null(rec.id);
	ck_assert_ptr_null(rec.version);
	ck_assert_str_eq(value_of(&rec, "school_id"), "14");
	ck_assert_str_eq(name_of(&rec, "school_id"), "北房镇中学");
	ck_assert_str_eq(value_of(&rec, "kind"), "follow-up");
	ck_assert_str_eq(value_of(&rec, "action_item_id"), "1");
	ck_assert_str_eq(name_of(&rec, "action_item_id"), "确定本校融合教育管理人员并报区教委备案");
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2026-11-24");
	ck_assert_str_eq(value_of(&rec, "status"), "planned");
	static const char *const empty[] = { "finding_id", "inspector_person_id", "visited_on", "summary", "closed_on" };
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		ck_assert_ptr_null(value_of(&rec, empty[i]));
		ck_assert_ptr_null(name_of(&rec, empty[i]));
	}
	ck_assert_ptr_null(name_of(&rec, "planned_on"));

	/* saved as it is, it loads back with the same names */
	char *id = NULL, *version = NULL;
	ck_assert_msg(testdb_save(c, &rec, &id, &version, &err) == DB_SAVE_OK, "%s", err.message);
	struct db_record loaded;
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, id, &loaded, &err));
	testdb_check_same_values(&loaded, &rec);
	ck_assert_str_eq(name_of(&loaded, "school_id"), name_of(&rec, "school_id"));
	ck_assert_str_eq(name_of(&loaded, "action_item_id"), name_of(&rec, "action_item_id"));
	db_record_done(&loaded);
	db_record_done(&rec);
	free(version);

	/* action item 14, due 2026-12-20: planned on its due date */
	ck_assert(plan(c, false, "14", &rec, &err));
	ck_assert_str_eq(value_of(&rec, "school_id"), "22");
	ck_assert_str_eq(name_of(&rec, "school_id"), "汤河口镇中心小学");
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2026-12-20");
	db_record_done(&rec);
	/* today moves past it: today */
	testdb_exec(c, "SET iedesk.today = '2027-01-05'");
	ck_assert(plan(c, false, "14", &rec, &err));
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2027-01-05");
	db_record_done(&rec);
	testdb_exec(c, "SET iedesk.today = '" TESTDB_TODAY "'");

	/* action item 3 is owned by a unit only: no school, the form asks for one */
	ck_assert(plan(c, false, "3", &rec, &err));
	ck_assert_ptr_null(value_of(&rec, "school_id"));
	ck_assert_ptr_null(name_of(&rec, "school_id"));
	ck_assert_str_eq(value_of(&rec, "action_item_id"), "3");
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2026-12-31");
	db_record_done(&rec);

	/* none with that id */
	ck_assert(!plan(c, false, "999", &rec, &err));
	ck_assert_str_eq(err.message, "no action item has the id 999");
	db_record_done(&rec);
	ck_assert(!plan(c, false, "abc", &rec, &err));
	ck_assert_str_eq(err.message, "\"abc\" is not a whole number");
	db_record_done(&rec);

	/* the saved plan is under its action item */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_ACTION_ITEM_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	char *ids = testdb_ids(&rows), *want = xasprintf("8,%s", id);
	ck_assert_str_eq(ids, want);
	free(ids);
	free(want);
	db_rows_done(&rows);
	free(id);
	PQfinish(c);
}
END_TEST

START_TEST(test_follow_up_from_finding)
{
	PGconn *c = testdb_demo();
	struct db_record rec;
	struct db_error err = { 0 };

	/* finding 3 (inspection 3 at 杨宋镇中学), due 2026-09-30, past: today */
	ck_assert_msg(plan(c, true, "3", &rec, &err), "%s", err.message);
	ck_assert_ptr_null(rec.id);
	ck_assert_str_eq(value_of(&rec, "school_id"), "16");
	ck_assert_str_eq(name_of(&rec, "school_id"), "杨宋镇中学");
	ck_assert_str_eq(value_of(&rec, "kind"), "follow-up");
	ck_assert_str_eq(value_of(&rec, "finding_id"), "3");
	ck_assert_str_eq(name_of(&rec, "finding_id"), "high: 5名随班就读学生中3名未制定个别化教育计划。");
	ck_assert_ptr_null(value_of(&rec, "action_item_id"));
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2026-11-24");
	ck_assert_str_eq(value_of(&rec, "status"), "planned");
	char *id = NULL, *version = NULL;
	ck_assert_msg(testdb_save(c, &rec, &id, &version, &err) == DB_SAVE_OK, "%s", err.message);
	char *sql = xasprintf("SELECT count(*) FROM iedesk.inspection WHERE id = %s AND finding_id = 3"
		" AND kind = 'follow-up' AND school_id = 16", id);
	ck_assert_int_eq(testdb_count(c, sql), 1);
	free(sql);
	free(id);
	free(version);
	db_record_done(&rec);

	/* finding 5 (inspection 7 at 九渡河镇中心小学), due 2026-12-15 */
	ck_assert(plan(c, true, "5", &rec, &err));
	ck_assert_str_eq(value_of(&rec, "school_id"), "28");
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2026-12-15");
	db_record_done(&rec);

	/* a finding without a due date: today */
	char *fid = testdb_value(c, "INSERT INTO iedesk.finding (inspection_id, severity, text)"
		" VALUES (14, 'high', E'无到期日\\n第二行') RETURNING id");
	ck_assert(plan(c, true, fid, &rec, &err));
	ck_assert_str_eq(value_of(&rec, "planned_on"), "2026-11-24");
	ck_assert_str_eq(value_of(&rec, "school_id"), "25");
	ck_assert_str_eq(name_of(&rec, "finding_id"), "high: 无到期日 第二行");
	db_record_done(&rec);
	free(fid);

	ck_assert(!plan(c, true, "999", &rec, &err));
	ck_assert_str_eq(err.message, "no finding has the id 999");
	db_record_done(&rec);
	ck_assert(!plan(c, true, NULL, &rec, &err));
	ck_assert_str_eq(err.message, "no finding has the id 0");
	db_record_done(&rec);
	PQfinish(c);
}
END_TEST

/* ---- lists ---- */

/* Walk kind forward by AFTER windows of size and backward by BEFORE ones; both must read order_query. */
static void walk_both_ways(PGconn *c, enum db_list_kind kind, const char *parent, int size, const char *order_query)
{
	char *want = testdb_ids_of_sql(c, order_query);
	ck_assert_msg(*want, "nothing to walk");
	char *forward = xstrdup("");
	struct db_rows rows;
	testdb_fetch(c, kind, DB_WINDOW_FIRST, NULL, "", parent, size, &rows);
	while (rows.count) {
		char *ids = testdb_ids(&rows), *t = xasprintf("%s%s%s", forward, *forward ? "," : "", ids);
		free(forward);
		free(ids);
		forward = t;
		struct db_rows next;
		testdb_fetch(c, kind, DB_WINDOW_AFTER, rows.rows[rows.count - 1].keys, "", parent, size, &next);
		db_rows_done(&rows);
		rows = next;
	}
	db_rows_done(&rows);
	ck_assert_msg(!strcmp(forward, want), "forward %s, want %s", forward, want);
	char *backward = xstrdup("");
	testdb_fetch(c, kind, DB_WINDOW_LAST, NULL, "", parent, size, &rows);
	while (rows.count) {
		char *ids = testdb_ids(&rows), *t = xasprintf("%s%s%s", ids, *backward ? "," : "", backward);
		free(backward);
		free(ids);
		backward = t;
		struct db_rows prev;
		testdb_fetch(c, kind, DB_WINDOW_BEFORE, rows.rows[0].keys, "", parent, size, &prev);
		db_rows_done(&rows);
		rows = prev;
	}
	db_rows_done(&rows);
	ck_assert_msg(!strcmp(backward, want), "backward %s, want %s", backward, want);
	free(forward);
	free(backward);
	free(want);
}

START_TEST(test_inspections_of_an_action_item)
{
	PGconn *c = testdb_demo();
	ck_assert(db_list_needs_parent(DB_LIST_ACTION_ITEM_INSPECTIONS));
	const struct db_list_open *open = db_list_open_target(DB_LIST_ACTION_ITEM_INSPECTIONS);
	ck_assert_ptr_nonnull(open);
	ck_assert(!open->is_list);
	ck_assert_int_eq(open->detail, DB_DETAIL_INSPECTION);
	ck_assert_int_eq(open->id_key, 1);

	/* action item 1: the planned follow-up, 19 days overdue */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_ACTION_ITEM_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_int_eq(rows.ncolumns, 7);
	ck_assert_int_eq(rows.nkeys, 2);
	const char *eight[] = { "北房镇中学", "follow-up", "2026-11-05", "", "李秀兰", "planned", "19" };
	testdb_check_cells(&rows.rows[0], eight, 7);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_ALERT);
	ck_assert_str_eq(rows.rows[0].keys[0], "2026-11-05");
	ck_assert_str_eq(rows.rows[0].keys[1], "8");
	db_rows_done(&rows);
	/* action item 7: checked early and closed, dim */
	testdb_fetch(c, DB_LIST_ACTION_ITEM_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", "7", ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	const char *twelve[] = { "怀柔区第一小学", "follow-up", "2026-10-25", "2026-10-24", "陈立新", "closed", "" };
	testdb_check_cells(&rows.rows[0], twelve, 7);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_DIM);
	db_rows_done(&rows);
	/* none, and no parent: empty */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "", "3"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "", NULL), 0);

	/* more checks of action item 1, sharing dates (the id decides), some done */
	testdb_exec(c, "INSERT INTO iedesk.inspection (school_id, kind, action_item_id, planned_on, visited_on,"
		" inspector_person_id, status) VALUES"
		" (14, 'follow-up', 1, '2026-11-05', NULL, 4, 'planned'),"
		" (14, 'supervision', 1, '2026-10-01', '2026-10-02', 7, 'done'),"
		" (14, 'follow-up', 1, '2026-12-01', NULL, NULL, 'planned'),"
		" (23, 'follow-up', 1, '2026-11-05', NULL, 7, 'planned'),"
		" (14, 'itinerant-guidance', 1, '2026-10-01', '2026-10-01', 5, 'done'),"
		" (14, 'follow-up', 2, '2026-11-05', NULL, 7, 'planned')");
	static const char order[] = "SELECT id FROM iedesk.inspection WHERE action_item_id = 1 ORDER BY planned_on, id";
	testdb_check_order(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "", "1", order);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "", "1"), 6);
	walk_both_ways(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "1", 2, order);
	walk_both_ways(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "1", 3, order);
	/* FROM a key includes it */
	testdb_fetch(c, DB_LIST_ACTION_ITEM_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	struct db_rows from;
	testdb_fetch(c, DB_LIST_ACTION_ITEM_INSPECTIONS, DB_WINDOW_FROM, rows.rows[3].keys, "", "1", 2, &from);
	ck_assert_uint_eq(from.count, 2);
	ck_assert_str_eq(testdb_row_id(&from, 0), testdb_row_id(&rows, 3));
	ck_assert_str_eq(testdb_row_id(&from, 1), testdb_row_id(&rows, 4));
	db_rows_done(&from);
	ck_assert_str_eq(rows.rows[0].cells[1], "supervision");
	ck_assert_str_eq(rows.rows[1].cells[1], "itinerant");
	ck_assert_str_eq(rows.rows[1].cells[3], "2026-10-01");
	ck_assert_uint_eq(rows.rows[1].flags, 0);
	db_rows_done(&rows);
	/* filter: school or inspector */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "李秀兰", "1"), 3);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "汤河口", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_ACTION_ITEM_INSPECTIONS, "%", "1"), 0);
	PQfinish(c);
}
END_TEST

/* Resolving takes a date and what was done (0025): a date after today is refused by the database, one
 * before the visit too; the date and the note are stored, and shown in the inspection's detail and the
 * findings export's row. */
START_TEST(test_resolve_with_date_and_note)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	struct db_error err = { 0 };
	char *version = NULL;
	char *visit = testdb_value(c, "SELECT i.visited_on::text FROM iedesk.finding f JOIN iedesk.inspection i"
		" ON i.id = f.inspection_id WHERE f.id = 5");
	char *v5 = version_of(c, "finding", "5");
	db_finding_resolve_request("5", v5, "2026-11-25", "资源教师到岗", &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.sqlstate, "23514");
	ck_assert_msg(strstr(err.message, "cannot be resolved after today"), "%s", err.message);
	ck_value(c, "SELECT coalesce(resolved_on::text, 'open') FROM iedesk.finding WHERE id = 5", "open");
	db_finding_resolve_request("5", v5, "2000-01-01", "", &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_msg(strstr(err.message, "before the visit"), "%s", err.message);
	db_finding_resolve_request("5", v5, visit, "  资源教师到岗，记录补齐  ", &req);
	ck_assert_int_eq(answer(c, &req, &version, &err), DB_SAVE_OK);
	free(version);
	char *want = xasprintf("%s 资源教师到岗，记录补齐", visit);
	ck_value(c, "SELECT resolved_on::text || ' ' || resolution_note FROM iedesk.finding WHERE id = 5", want);
	free(want);
	/* a note of blanks is none; a note without a date is refused */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.finding WHERE resolution_note IS NOT NULL"), 1);
	const char *state = testdb_try(c, "UPDATE iedesk.finding SET resolution_note = 'x' WHERE resolved_on IS NULL", NULL);
	ck_assert_str_eq(state, "23514");
	/* the inspection's detail lists it with what was done */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.finding f WHERE f.id = 5"), 1);
	free(visit);
	free(v5);
	PQfinish(c);
}
END_TEST

START_TEST(test_findings_of_an_inspection)
{
	PGconn *c = testdb_demo();
	ck_assert(db_list_needs_parent(DB_LIST_FINDINGS));
	ck_assert_ptr_null(db_list_open_target(DB_LIST_FINDINGS));

	/* inspection 14: one overdue by 14 days, one due in January */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_FINDINGS, DB_WINDOW_FIRST, NULL, "", "14", ALL, &rows);
	char *ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "7,8");
	free(ids);
	ck_assert_int_eq(rows.ncolumns, 5);
	ck_assert_int_eq(rows.nkeys, 3);
	const char *seven[] = { "medium", "学校无资源教室，3名随班就读学生未建立档案。", "2026-11-10", "", "14" };
	testdb_check_cells(&rows.rows[0], seven, 5);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_ALERT);
	ck_assert_str_eq(rows.rows[0].keys[0], "false");
	ck_assert_str_eq(rows.rows[0].keys[1], "2026-11-10");
	ck_assert_str_eq(rows.rows[0].keys[2], "7");
	ck_assert_str_eq(rows.rows[1].cells[4], "");
	ck_assert_uint_eq(rows.rows[1].flags, 0);
	db_rows_done(&rows);
	/* inspection 2: both resolved, dim, never overdue */
	testdb_fetch(c, DB_LIST_FINDINGS, DB_WINDOW_FIRST, NULL, "", "2", ALL, &rows);
	ck_assert_uint_eq(rows.count, 2);
	const char *one[] = { "medium", "资源教室课表未张贴，使用记录缺失。", "2026-05-31", "2026-05-28", "" };
	testdb_check_cells(&rows.rows[0], one, 5);
	ck_assert_uint_eq(rows.rows[0].flags, DB_ROW_DIM);
	ck_assert_uint_eq(rows.rows[1].flags, DB_ROW_DIM);
	db_rows_done(&rows);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_FINDINGS, "", "16"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_FINDINGS, "", NULL), 0);

	/* inspection 3 (visited 2026-05-21): unresolved first by due date, those without one last, then the
	 * resolved ones; equal dates fall to the id */
	testdb_exec(c, "INSERT INTO iedesk.finding (inspection_id, severity, text, due_on, resolved_on) VALUES"
		" (3, 'low', '已整改一', '2026-06-01', '2026-06-15'),"
		" (3, 'medium', E'无期限\\n第二行', NULL, NULL),"
		" (3, 'high', '同日到期', '2026-09-30', NULL),"
		" (3, 'low', '十二月到期', '2026-12-01', NULL),"
		" (3, 'low', '无期限已整改', NULL, '2026-07-01'),"
		" (3, 'medium', '较早到期', '2026-06-30', NULL),"
		" (3, 'low', '已整改二', '2026-06-01', '2026-06-02')");
	static const char order[] = "SELECT id FROM iedesk.finding WHERE inspection_id = 3"
		" ORDER BY CASE WHEN resolved_on IS NULL THEN 0 ELSE 1 END, due_on NULLS LAST, id";
	testdb_check_order(c, DB_LIST_FINDINGS, "", "3", order);
	testdb_fetch(c, DB_LIST_FINDINGS, DB_WINDOW_FIRST, NULL, "", "3", ALL, &rows);
	ck_assert_uint_eq(rows.count, 8);
	ck_assert_str_eq(rows.rows[0].cells[1], "较早到期");
	ck_assert_str_eq(rows.rows[0].cells[4], "147");
	ck_assert_str_eq(testdb_row_id(&rows, 1), "3");
	ck_assert_str_eq(rows.rows[1].cells[4], "55");
	ck_assert_str_eq(rows.rows[4].cells[1], "无期限 第二行");
	ck_assert_str_eq(rows.rows[4].cells[2], "");
	ck_assert_str_eq(rows.rows[4].cells[4], "");
	ck_assert_uint_eq(rows.rows[4].flags, 0);
	ck_assert_str_eq(rows.rows[4].keys[1], "9999-12-31");
	ck_assert_str_eq(rows.rows[7].cells[1], "无期限已整改");
	ck_assert_uint_eq(rows.rows[7].flags, DB_ROW_DIM);
	ck_assert_str_eq(rows.rows[7].keys[0], "true");
	/* FROM the fifth includes it; BEFORE it stops just short */
	struct db_rows from;
	testdb_fetch(c, DB_LIST_FINDINGS, DB_WINDOW_FROM, rows.rows[4].keys, "", "3", 2, &from);
	ck_assert_str_eq(testdb_row_id(&from, 0), testdb_row_id(&rows, 4));
	ck_assert_str_eq(testdb_row_id(&from, 1), testdb_row_id(&rows, 5));
	db_rows_done(&from);
	testdb_fetch(c, DB_LIST_FINDINGS, DB_WINDOW_BEFORE, rows.rows[4].keys, "", "3", 2, &from);
	ck_assert_str_eq(testdb_row_id(&from, 0), testdb_row_id(&rows, 2));
	ck_assert_str_eq(testdb_row_id(&from, 1), testdb_row_id(&rows, 3));
	db_rows_done(&from);
	db_rows_done(&rows);
	walk_both_ways(c, DB_LIST_FINDINGS, "3", 2, order);
	walk_both_ways(c, DB_LIST_FINDINGS, "3", 3, order);
	/* filter on the text */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_FINDINGS, "已整改", "3"), 3);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_FINDINGS, "第二行", "3"), 1);
	/* resolving moves it down, and today moves the days */
	testdb_exec(c, "UPDATE iedesk.finding SET resolved_on = '2026-11-24' WHERE id = 3");
	testdb_exec(c, "SET iedesk.today = '2026-12-02'");
	testdb_check_order(c, DB_LIST_FINDINGS, "", "3", order);
	testdb_fetch(c, DB_LIST_FINDINGS, DB_WINDOW_FIRST, NULL, "", "3", 3, &rows);
	ck_assert_str_eq(rows.rows[0].cells[4], "155");
	ck_assert_str_eq(rows.rows[2].cells[1], "十二月到期");
	ck_assert_str_eq(rows.rows[2].cells[4], "1");
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

/* ---- lookups ---- */

static void ck_lookup(PGconn *c, int kind, const char *filter, int limit, const char *want_ids,
		const char *first_name, const char *first_detail)
{
	struct db_request req;
	db_lookup_request(kind, filter, limit, &req);
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
	ck_assert_msg(!strcmp(ids, want_ids), "lookup %d '%s': %s, want %s", kind, filter, ids, want_ids);
	if (first_name)
		ck_assert_str_eq(choices.items[0].name, first_name);
	if (first_detail)
		ck_assert_str_eq(choices.items[0].detail, first_detail);
	free(ids);
	db_choices_done(&choices);
	PQclear(res);
	db_request_done(&req);
}

START_TEST(test_lookups)
{
	PGconn *c = testdb_demo();
	/* action items by due date, matched by text, unit or school */
	ck_lookup(c, DB_LOOKUP_ACTION_ITEM, "", 3, "6,4,7", "制定资源教室使用记录统一模板并下发各校",
		"区特殊教育中心, due 2026-10-10");
	ck_lookup(c, DB_LOOKUP_ACTION_ITEM, "专职资源教师", 50, "5", "公示资源教室课表，配备专职资源教师",
		"九渡河镇中心小学, due 2026-11-15");
	ck_lookup(c, DB_LOOKUP_ACTION_ITEM, "人事科", 50, "3", NULL, "区教委人事科, due 2026-12-31");
	ck_lookup(c, DB_LOOKUP_ACTION_ITEM, "北房镇中学", 50, "1", NULL, "北房镇中学, due 2026-10-31");
	ck_lookup(c, DB_LOOKUP_ACTION_ITEM, "_", 50, "", NULL, NULL);
	/* inspections newest plan first, matched by school */
	ck_lookup(c, DB_LOOKUP_INSPECTION, "九渡河", 50, "7,2", "九渡河镇中心小学 — follow-up, 2026-11-16",
		"done, visited 2026-11-17");
	ck_lookup(c, DB_LOOKUP_INSPECTION, "琉璃庙", 50, "16", "琉璃庙镇中心小学 — itinerant guidance, 2026-11-03",
		"planned");
	/* findings unresolved first by due date, matched by text or school */
	ck_lookup(c, DB_LOOKUP_FINDING, "个别化教育计划", 50, "3,6", "high: 5名随班就读学生中3名未制定个别化教育计划。",
		"杨宋镇中学 2026-05-21, due 2026-09-30");
	ck_lookup(c, DB_LOOKUP_FINDING, "喇叭沟门", 50, "", NULL, NULL);
	ck_lookup(c, DB_LOOKUP_FINDING, "九渡河", 50, "5,1,2", NULL, NULL);
	ck_lookup(c, DB_LOOKUP_FINDING, "器材", 50, "2,9", "low: 资源教室器材未登记入账。",
		"九渡河镇中心小学 2026-04-16, due 2026-06-30, resolved 2026-06-20");

	/* a candidate reads as the loaded record names it */
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert(testdb_load(c, DB_RECORD_FINDING, "7", &rec, &err));
	ck_assert_str_eq(name_of(&rec, "inspection_id"), "长哨营满族乡中心小学 — itinerant guidance, 2026-10-13");
	db_record_done(&rec);
	ck_assert(testdb_load(c, DB_RECORD_INSPECTION, "11", &rec, &err));
	ck_assert_str_eq(name_of(&rec, "finding_id"), "high: 5名随班就读学生中3名未制定个别化教育计划。");
	db_record_done(&rec);
	PQfinish(c);
}
END_TEST

/* ---- the indexes the lists walk ---- */

START_TEST(test_lists_walk_their_indexes)
{
	PGconn *c = testdb_demo();
	testdb_exec(c,
		"INSERT INTO iedesk.inspection (school_id, kind, action_item_id, planned_on)"
		" SELECT 1 + g % 30, 'follow-up', 1 + g % 17, date '2026-01-01' + g % 50 FROM generate_series(1, 3000) g;"
		"INSERT INTO iedesk.finding (inspection_id, severity, text, due_on, resolved_on)"
		" SELECT CASE WHEN g % 4 = 0 THEN 3 ELSE 14 END, 'low', '批量' || g,"
		"  CASE WHEN g % 5 > 0 THEN date '2026-11-01' + g % 60 END,"
		"  CASE WHEN g % 3 = 0 THEN date '2026-11-20' END FROM generate_series(1, 3000) g;"
		"ANALYZE; SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
	static const struct { enum db_list_kind kind; const char *parent, *index; } lists[] = {
		{ DB_LIST_ACTION_ITEM_INSPECTIONS, "1", "inspection_action_item_planned_idx" },
		{ DB_LIST_FINDINGS, "14", "finding_inspection_order_idx" },
	};
	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		struct db_rows rows;
		testdb_fetch(c, lists[l].kind, DB_WINDOW_FIRST, NULL, "", lists[l].parent, 20, &rows);
		ck_assert_uint_eq(rows.count, 20);
		for (int w = DB_WINDOW_FIRST; w <= DB_WINDOW_FROM; w++) {
			struct db_request req;
			db_list_request(lists[l].kind, w, rows.rows[10].keys, "", lists[l].parent, 20, &req);
			char *sql = xasprintf("EXPLAIN (FORMAT JSON) %s", req.sql);
			PGresult *res = PQexecParams(c, sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
			ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
			const char *plan_text = PQgetvalue(res, 0, 0);
			char *want = xasprintf("\"Index Name\": \"%s\"", lists[l].index);
			bool walks = strstr(plan_text, want), sorts = strstr(plan_text, "\"Node Type\": \"Sort\"");
			if (!walks || sorts)
				fprintf(stderr, "%s\n", plan_text);
			ck_assert_msg(walks, "%s window %d does not walk %s", db_list_spec(lists[l].kind)->name, w,
				lists[l].index);
			ck_assert_msg(!sorts, "%s window %d sorts", db_list_spec(lists[l].kind)->name, w);
			free(want);
			free(sql);
			PQclear(res);
			db_request_done(&req);
		}
		db_rows_done(&rows);
	}
	PQfinish(c);
}
END_TEST

/* ---- in Chinese (issue 18) ---- */

static void speak(const char *language)
{
	text_language(language, getenv("IEDESK_LOCALEDIR"));
	if (strcmp(language, "en") == 0)
		unsetenv("LANGUAGE");
}

/* The rules of 0010 told in Chinese, with the date they quote; a plan of nothing; the candidates' details
 * in the program's words. The same in English, unchanged. */
START_TEST(test_inspections_in_chinese)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	struct db_error err = { 0 };
	struct db_record rec;
	speak("zh_CN");
	char *v7 = version_of(c, "inspection", "7");
	db_inspection_close_request("7", v7, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "有未整改问题的检查不能关闭：请先完成整改");
	ck_assert_int_eq(add_finding(c, "7", "2026-11-16", NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "问题的整改时限不能早于到校日期（2026-11-17）");
	ck_assert(!plan(c, true, "999", &rec, &err));
	ck_assert_str_eq(err.message, "没有编号为 999 的问题");
	db_record_done(&rec);
	ck_lookup(c, DB_LOOKUP_ACTION_ITEM, "", 3, "6,4,7", NULL, "区特殊教育中心，2026-10-10 到期");
	ck_lookup(c, DB_LOOKUP_INSPECTION, "九渡河", 50, "7,2", NULL, "已完成，2026-11-17 到校");
	ck_lookup(c, DB_LOOKUP_FINDING, "器材", 50, "2,9", NULL,
		"九渡河镇中心小学 2026-04-16，2026-06-30 到期，2026-06-20 已整改");
	/* the names the pickers show: the inspection's kind and the finding's severity in words */
	char *kind = testdb_value(c, "SELECT kind FROM iedesk.inspection WHERE id = 7");
	char *planned = testdb_value(c, "SELECT to_char(planned_on, 'YYYY-MM-DD') FROM iedesk.inspection WHERE id = 7");
	char *severity = testdb_value(c, "SELECT severity FROM iedesk.finding WHERE id = 2");
	char *text = testdb_value(c, "SELECT left(text, 60) FROM iedesk.finding WHERE id = 2");
	char *name = xasprintf("九渡河镇中心小学 — %s，%s", text_word(kind), planned);
	ck_assert_msg(strcmp(text_word(kind), kind) != 0, "%s has a word", kind);
	ck_lookup(c, DB_LOOKUP_INSPECTION, "九渡河", 50, "7,2", name, NULL);
	free(name);
	name = xasprintf("%s：%s", text_word(severity), text);
	ck_lookup(c, DB_LOOKUP_FINDING, "器材", 50, "2,9", name, NULL);
	free(name);
	speak("en");
	name = xasprintf("九渡河镇中心小学 — %s, %s", text_word(kind), planned);
	ck_lookup(c, DB_LOOKUP_INSPECTION, "九渡河", 50, "7,2", name, NULL);
	free(name);
	name = xasprintf("%s: %s", severity, text);
	ck_lookup(c, DB_LOOKUP_FINDING, "器材", 50, "2,9", name, NULL);
	free(name);
	free(kind);
	free(planned);
	free(severity);
	free(text);
	db_inspection_close_request("7", v7, false, &req);
	ck_assert_int_eq(answer(c, &req, NULL, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "an inspection with unresolved findings cannot be closed: resolve them first");
	ck_lookup(c, DB_LOOKUP_INSPECTION, "九渡河", 50, "7,2", NULL, "done, visited 2026-11-17");
	free(v7);
	PQfinish(c);
}
END_TEST

Suite *inspections_suite(void)
{
	Suite *s = suite_create("inspections");
	TCase *tc = tcase_create("inspections");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_records_round_trip);
	tcase_add_test(tc, test_record_defaults_and_fields);
	tcase_add_test(tc, test_closing_rule);
	tcase_add_test(tc, test_close_records_action_item_done);
	tcase_add_test(tc, test_closing_races_a_new_finding);
	tcase_add_test(tc, test_finding_dates_and_the_visit);
	tcase_add_test(tc, test_visit_request);
	tcase_add_test(tc, test_visit_resolve_close);
	tcase_add_test(tc, test_plan_from_action_item);
	tcase_add_test(tc, test_follow_up_from_finding);
	tcase_add_test(tc, test_inspections_of_an_action_item);
	tcase_add_test(tc, test_findings_of_an_inspection);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_lists_walk_their_indexes);
	tcase_add_test(tc, test_inspections_in_chinese);
	tcase_add_test(tc, test_resolve_with_date_and_note);
	suite_add_tcase(s, tc);
	return s;
}
