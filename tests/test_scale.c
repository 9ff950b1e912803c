/* test_scale: every list's window query and its summary line, planned by PostgreSQL itself (nothing
 * priced out) against a database of the demo's shape made by scripts/gendata at a size where a scan or a
 * sort of a whole table would be chosen only if no index served: none may scan or sort a big table. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Tables this size or bigger are big: the plan must reach their rows through an index. */
#define BIG_ROWS 20000

static char *db_name;
static PGconn *conn;

static void setup(void)
{
	db_name = xasprintf("iedesk_scale_%ld", (long)getpid());
	char *script = testdb_source_path("scripts/gendata");
	char *cmd = xasprintf("'%s' --national --inspections 200000 --cases 30000 %s >/dev/null 2>&1", script, db_name);
	ck_assert_msg(system(cmd) == 0, "scripts/gendata failed: %s", cmd);
	free(cmd);
	free(script);
	conn = testdb_connect(db_name);
	testdb_exec(conn, "SET iedesk.today = '" TESTDB_TODAY "'");
}

static void teardown(void)
{
	PQfinish(conn);
	conn = NULL;
	char *cmd = xasprintf("dropdb --if-exists %s", db_name);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	FREE(&db_name);
}

/* A parent with rows for the lists that need one: the biggest of its kind in the generated data. */
static char *parent_for(enum db_list_kind kind)
{
	const char *sql = NULL;
	switch (kind) {
	case DB_LIST_SCHOOLS:
	case DB_LIST_CONSORTIA:
	case DB_LIST_BACKLOG_OF_DISTRICT:
	case DB_LIST_REPORT_SCHOOLS:
		sql = "SELECT 1";
		break;
	case DB_LIST_BACKLOG_OF_SCHOOL:
		sql = "SELECT school_id FROM iedesk.backlog GROUP BY 1 ORDER BY count(*) DESC LIMIT 1";
		break;
	case DB_LIST_BACKLOG_OF_INSPECTOR:
		sql = "SELECT inspector_person_id FROM iedesk.backlog GROUP BY 1 ORDER BY count(*) DESC LIMIT 1";
		break;
	case DB_LIST_BACKLOG_OF_KIND:
		sql = "SELECT 'supervision'";
		break;
	case DB_LIST_BACKLOG_OF_SEVERITY:
		sql = "SELECT 'none'";
		break;
	case DB_LIST_MEETING_ATTENDEES:
	case DB_LIST_AGENDA_ITEMS:
	case DB_LIST_DECISIONS:
		sql = "SELECT min(id) FROM iedesk.meeting";
		break;
	case DB_LIST_DECISION_ACTION_ITEMS:
		sql = "SELECT min(id) FROM iedesk.decision";
		break;
	case DB_LIST_ACTION_ITEM_INSPECTIONS:
		sql = "SELECT action_item_id FROM iedesk.inspection WHERE action_item_id IS NOT NULL"
			" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1";
		break;
	case DB_LIST_FINDINGS:
		sql = "SELECT min(inspection_id) FROM iedesk.finding";
		break;
	default:
		return db_list_needs_parent(kind) ? xstrdup("1") : NULL;
	}
	return testdb_value(conn, sql);
}

/* The plan's problem with a big table, or NULL: a sequential scan of one, or a Sort above a scan of one
 * (a Sort of a window's few rows, or of a parent's handful, is over a LIMIT or a small index range: the
 * plan's estimated rows under the Sort tell). */
static char *plan_problem(const char *plan, const char *what)
{
	char *problem = NULL;
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE n.nspname = 'iedesk' AND c.relkind = 'r' AND c.reltuples >= %d", BIG_ROWS);
	PGresult *big = PQexec(conn, sql);
	ck_assert_int_eq(PQresultStatus(big), PGRES_TUPLES_OK);
	ck_assert_int_gt(PQntuples(big), 0);
	for (int i = 0; i < PQntuples(big) && !problem; i++) {
		/* in FORMAT JSON a node's "Node Type" comes first, its "Relation Name" a few lines on */
		char *needle = xasprintf("\"Relation Name\": \"%s\"", PQgetvalue(big, i, 0));
		for (const char *at = strstr(plan, needle); at && !problem; at = strstr(at + 1, needle)) {
			const char *node = NULL;
			for (const char *p = strstr(plan, "\"Node Type\""); p && p < at; p = strstr(p + 1, "\"Node Type\""))
				node = p;
			if (node && !strncmp(node, "\"Node Type\": \"Seq Scan\"", 23))
				problem = xasprintf("%s: a sequential scan of %s", what, PQgetvalue(big, i, 0));
		}
		free(needle);
	}
	PQclear(big);
	/* a Sort of many rows, by its "Plan Rows" estimate */
	for (const char *p = strstr(plan, "\"Node Type\": \"Sort\""); p && !problem;
			p = strstr(p + 1, "\"Node Type\": \"Sort\"")) {
		const char *rows = strstr(p, "\"Plan Rows\": ");
		if (rows && atol(rows + 13) >= BIG_ROWS)
			problem = xasprintf("%s: a sort of about %ld rows", what, atol(rows + 13));
	}
	return problem;
}

static void check_plan(const struct db_request *req, const char *what)
{
	char *sql = xasprintf("EXPLAIN (FORMAT JSON) %s", req->sql);
	PGresult *res = PQexecParams(conn, sql, req->nparams, NULL, (const char *const *)req->params, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", what, PQresultErrorMessage(res));
	char *problem = plan_problem(PQgetvalue(res, 0, 0), what);
	if (problem)
		fprintf(stderr, "%s\n", PQgetvalue(res, 0, 0));
	ck_assert_msg(!problem, "%s", problem);
	PQclear(res);
	free(sql);
}

START_TEST(test_every_window_on_an_index)
{
	ck_assert_int_ge(testdb_count(conn, "SELECT count(*) FROM iedesk.inspection"), 200000);
	/* the detector sees what it looks for: a filter no index serves, and an order none gives */
	const char *bad[] = { "SELECT id FROM iedesk.inspection WHERE summary LIKE '%x%' LIMIT 40",
		"SELECT id FROM iedesk.finding ORDER BY text LIMIT 40" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *sql = xasprintf("EXPLAIN (FORMAT JSON) %s", bad[i]);
		char *plan = testdb_value(conn, sql);
		char *problem = plan_problem(plan, bad[i]);
		ck_assert_msg(problem != NULL, "no problem seen in %s", bad[i]);
		free(problem);
		free(plan);
		free(sql);
	}
	for (int k = 0; k < DB_LIST_COUNT; k++) {
		/* The case workers' dues are worked out from every open case in reach (0029's case_due_each): a
		 * district's hundreds for a case worker, every case for the owner this test runs as. A table of dues
		 * kept by triggers would put them on an index; until then this one list is left out, knowingly. */
		if (k == DB_LIST_CASE_DUE)
			continue;
		/* At the national size (50,000 schools) three lists sort what no index orders, bounded by what they
		 * rank rather than by a window: the manager gaps (a view over every school's appointments), and the
		 * schools and inspectors worst first (by overdue counts, which move with the day, so no table kept
		 * by triggers can hold their order). scripts/bench --national times them; left out here, knowingly. */
		if (k == DB_LIST_MANAGER_GAPS || k == DB_LIST_BACKLOG_WORST_BY_SCHOOL || k == DB_LIST_BACKLOG_WORST_BY_INSPECTOR)
			continue;
		char *parent = parent_for(k);
		struct db_rows rows;
		testdb_fetch(conn, k, DB_WINDOW_FIRST, NULL, "", parent, 40, &rows);
		for (int w = DB_WINDOW_FIRST; w <= DB_WINDOW_FROM; w++) {
			bool keyed = w == DB_WINDOW_AFTER || w == DB_WINDOW_BEFORE || w == DB_WINDOW_FROM;
			if (keyed && rows.count < 2)
				continue;   /* an empty list here: nothing to key on */
			struct db_request req;
			db_list_request(k, w, keyed ? rows.rows[rows.count / 2].keys : NULL, "", parent, 40, &req);
			char what[160];
			snprintf(what, sizeof(what), "%s window %d", db_list_spec(k)->name, w);
			check_plan(&req, what);
			db_request_done(&req);
		}
		db_rows_done(&rows);
		free(parent);
	}
}
END_TEST

/* The backlog rows the query's execution read: what each scan of the table returned, and what its own
 * filter threw away, over every loop. */
static long backlog_rows_read(const struct db_request *req, const char *what)
{
	char *sql = xasprintf("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) %s", req->sql);
	PGresult *res = PQexecParams(conn, sql, req->nparams, NULL, (const char *const *)req->params, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", what, PQresultErrorMessage(res));
	const char *plan = PQgetvalue(res, 0, 0);
	long n = 0;
	static const char scan[] = "\"Relation Name\": \"backlog\"";
	for (const char *at = strstr(plan, scan); at; at = strstr(at + 1, scan)) {
		const char *end = strstr(at, "\"Node Type\"");
		const char *rows = strstr(at, "\"Actual Rows\": "), *loops = strstr(at, "\"Actual Loops\": ");
		const char *removed = strstr(at, "\"Rows Removed by Filter\": ");
		ck_assert_msg(rows && loops, "%s: no row counts in the plan", what);
		if (end && rows > end)
			continue;
		n += (atol(rows + 15) + (removed && (!end || removed < end) ? atol(removed + 26) : 0)) * atol(loops + 16);
	}
	PQclear(res);
	free(sql);
	return n;
}

/* A filtered Backlog reads the rows the filter can match, not every open item: a school's name typed whole,
 * an inspector's, a name nobody has. Walking the due-date index for them reads the whole backlog (as the
 * broad filter's counts here do, to show the measure tells the difference). */
#define FEW_ROWS 2000
START_TEST(test_filtered_backlog_reads_few_rows)
{
	char *school = testdb_value(conn, "SELECT s.name FROM iedesk.school s WHERE s.id = (SELECT school_id FROM"
		" iedesk.backlog GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)");
	char *inspector = testdb_value(conn, "SELECT p.name FROM iedesk.person p WHERE p.id = (SELECT inspector_person_id"
		" FROM iedesk.backlog GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)");
	const char *filters[] = { school, inspector, "没有这个名字" };
	long whole = testdb_count(conn, "SELECT count(*) FROM iedesk.backlog");
	ck_assert_int_gt(whole, 10000);
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		struct db_rows rows;
		testdb_fetch(conn, DB_LIST_BACKLOG, DB_WINDOW_FIRST, NULL, filters[i], NULL, 40, &rows);
		ck_assert_msg(i == 2 ? rows.count == 0 : rows.count > 0, "%s: %zu rows", filters[i], rows.count);
		char what[160];
		for (int w = DB_WINDOW_FIRST; w <= DB_WINDOW_FROM; w++) {
			bool keyed = w == DB_WINDOW_AFTER || w == DB_WINDOW_BEFORE || w == DB_WINDOW_FROM;
			if (keyed && rows.count < 2)
				continue;
			struct db_request req;
			db_list_request(DB_LIST_BACKLOG, w, keyed ? rows.rows[rows.count / 2].keys : NULL, filters[i], NULL, 40,
				&req);
			snprintf(what, sizeof(what), "backlog window %d filtered by %s", w, filters[i]);
			long n = backlog_rows_read(&req, what);
			ck_assert_msg(n < FEW_ROWS, "%s: %ld backlog rows read", what, n);
			db_request_done(&req);
		}
		struct db_request req;
		db_list_summary_request(DB_LIST_BACKLOG, filters[i], NULL, &req);
		snprintf(what, sizeof(what), "backlog counts filtered by %s", filters[i]);
		long n = backlog_rows_read(&req, what);
		ck_assert_msg(n < FEW_ROWS, "%s: %ld backlog rows read", what, n);
		db_request_done(&req);
		db_rows_done(&rows);
	}
	/* the measure: a broad filter's counts read the whole backlog */
	struct db_request req;
	db_list_summary_request(DB_LIST_BACKLOG, "学", NULL, &req);
	ck_assert_int_gt(backlog_rows_read(&req, "broad counts"), whole / 2);
	db_request_done(&req);
	free(inspector);
	free(school);
}
END_TEST

Suite *scale_suite(void)
{
	Suite *s = suite_create("scale");
	TCase *tc = tcase_create("plans");
	tcase_set_timeout(tc, 240);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_every_window_on_an_index);
	tcase_add_test(tc, test_filtered_backlog_reads_few_rows);
	suite_add_tcase(s, tc);
	return s;
}
