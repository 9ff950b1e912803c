/* test_notify: live updates at the database level — 0013_notify.sql's triggers notify "table:id" on the
 * channel iedesk for every editable table, and the UI's session turns them into events, listening again
 * after a reconnect. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WAIT_MS 5000

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Every payload received and not yet expected, as " a b c " (a payload may come more than once). */
static char pending[8192];

/* Wait until conn has received a notification on iedesk with payload (now or before), and take it. */
static bool wait_payload(PGconn *conn, const char *payload)
{
	char word[128];
	snprintf(word, sizeof(word), " %s ", payload);
	long deadline = now_ms() + WAIT_MS;
	for (;;) {
		ck_assert(PQconsumeInput(conn));
		PGnotify *n;
		while ((n = PQnotifies(conn))) {
			ck_assert_str_eq(n->relname, "iedesk");
			size_t len = strlen(pending);
			snprintf(pending + len, sizeof(pending) - len, "%s%s ", len ? "" : " ", n->extra);
			PQfreemem(n);
		}
		char *at = strstr(pending, word);
		if (at) {
			memmove(at, at + strlen(word) - 1, strlen(at + strlen(word) - 1) + 1);
			if (strcmp(pending, " ") == 0)
				pending[0] = '\0';
			return true;
		}
		long left = deadline - now_ms();
		if (left <= 0)
			return false;
		struct pollfd p = { .fd = PQsocket(conn), .events = POLLIN };
		poll(&p, 1, (int)(left < 100 ? left : 100));
	}
}

static void expect_payload(PGconn *conn, const char *payload)
{
	ck_assert_msg(wait_payload(conn, payload), "no notification %s; got: %s", payload, pending);
}

/* Every editable table and the backlog carry the trigger; each change notifies "table:id", the backlog's
 * with its inspection's id, deletes too, and nothing else rides along. */
START_TEST(test_payloads)
{
	char *name = testdb_create_migrated();
	PGconn *listener = testdb_connect(name);
	PGconn *writer = testdb_connect(name);
	testdb_load_demo(writer);
	ck_assert_int_eq(testdb_count(writer, "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
		" JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'iedesk' AND t.tgname = 'notify_change'"
		" AND c.relname IN ('district', 'school', 'person', 'manager_appointment', 'training', 'training_attendance',"
		" 'consortium', 'consortium_member', 'shared_resource', 'meeting', 'meeting_attendee', 'agenda_item',"
		" 'decision', 'action_item', 'inspection', 'finding', 'meeting_amendment', 'backlog')"), 18);
	testdb_exec(listener, "LISTEN iedesk");
	pending[0] = '\0';

	char *district = testdb_value(writer, "UPDATE iedesk.district SET name = name || '（改）' WHERE code = 'HR'"
		" RETURNING id");
	char *want = xasprintf("district:%s", district);
	expect_payload(listener, want);
	free(want);

	char *inspection = testdb_value(writer, "UPDATE iedesk.inspection SET planned_on = planned_on + 1"
		" WHERE id = (SELECT min(id) FROM iedesk.inspection WHERE status = 'planned') RETURNING id");
	want = xasprintf("inspection:%s", inspection);
	expect_payload(listener, want);
	free(want);
	want = xasprintf("backlog:%s", inspection);
	expect_payload(listener, want);
	free(want);

	char *person = testdb_value(writer, "INSERT INTO iedesk.person (name) VALUES ('临时') RETURNING id");
	want = xasprintf("person:%s", person);
	expect_payload(listener, want);
	testdb_exec(writer, "DELETE FROM iedesk.person WHERE name = '临时'");
	expect_payload(listener, want);   /* a delete names the row it removed */
	free(want);

	/* a change rolled back says nothing; the next one is what comes */
	testdb_exec(writer, "BEGIN");
	testdb_exec(writer, "UPDATE iedesk.school SET phone = '1' WHERE id = (SELECT min(id) FROM iedesk.school)");
	testdb_exec(writer, "ROLLBACK");
	char *school = testdb_value(writer, "UPDATE iedesk.school SET phone = '2' WHERE id = (SELECT max(id)"
		" FROM iedesk.school) RETURNING id");
	want = xasprintf("school:%s", school);
	expect_payload(listener, want);
	ck_assert_msg(!pending[0], "more than the changes made: %s", pending);
	free(want);

	free(school);
	free(person);
	free(inspection);
	free(district);
	PQfinish(writer);
	PQfinish(listener);
	free(name);
}
END_TEST

/* The next event of kind from the session (others skipped, their results freed); false on timeout. */
static bool wait_event(struct db_session *s, enum db_event_kind kind, const char *table, struct db_event *ev)
{
	long deadline = now_ms() + WAIT_MS;
	for (;;) {
		while (db_session_step(s, ev)) {
			if (ev->kind == kind && (!table || strcmp(ev->table, table) == 0))
				return true;
			PQclear(ev->result);
			ev->result = NULL;
		}
		long left = deadline - now_ms();
		if (left <= 0)
			return false;
		struct pollfd p = { .fd = db_session_socket(s), .events = db_session_poll_events(s) };
		int timeout = db_session_timeout_ms(s);
		if (timeout < 0 || timeout > 50)
			timeout = 50;
		poll(&p, p.fd >= 0 ? 1 : 0, timeout);
	}
}

/* The session listens from the moment it connects (a query sent at once still gets its answer), turns
 * notifications into DB_EVENT_CHANGED while idle, and listens again after its backend is killed. */
START_TEST(test_session_listens)
{
	char *name = testdb_create_migrated();
	PGconn *conn = testdb_connect(name);
	testdb_load_demo(conn);
	char *conninfo = xasprintf("dbname=%s", name);
	struct db_target target = { .conninfo = conninfo };
	struct db_session *s = db_session_new(&target);
	struct db_event ev;
	ck_assert(wait_event(s, DB_EVENT_CONNECTED, NULL, &ev));
	struct db_request req = { .sql = "SELECT 41 + 1" };
	db_session_send(s, &req, 9);
	ck_assert(wait_event(s, DB_EVENT_RESULT, NULL, &ev));
	ck_assert_uint_eq(ev.tag, 9);
	ck_assert_str_eq(PQgetvalue(ev.result, 0, 0), "42");
	PQclear(ev.result);

	char *district = testdb_value(conn, "UPDATE iedesk.district SET name = '怀柔' WHERE code = 'HR' RETURNING id");
	ck_assert(wait_event(s, DB_EVENT_CHANGED, "district", &ev));
	ck_assert_str_eq(ev.id, district);
	ck_assert_uint_eq(ev.tag, 0);

	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
		" WHERE application_name = 'iedesk' AND datname = current_database()) killed"), 1);
	ck_assert(wait_event(s, DB_EVENT_LOST, NULL, &ev));
	ck_assert(wait_event(s, DB_EVENT_CONNECTED, NULL, &ev));
	/* a change made once the session is back (LISTEN answered: the query behind it is) still arrives */
	struct db_request again = { .sql = "SELECT 'back'" };
	db_session_send(s, &again, 10);
	ck_assert(wait_event(s, DB_EVENT_RESULT, NULL, &ev));
	ck_assert_uint_eq(ev.tag, 10);
	PQclear(ev.result);
	char *school = testdb_value(conn, "UPDATE iedesk.school SET phone = '010-1' WHERE id = (SELECT min(id)"
		" FROM iedesk.school) RETURNING id");
	ck_assert(wait_event(s, DB_EVENT_CHANGED, "school", &ev));
	ck_assert_str_eq(ev.id, school);

	free(school);
	free(district);
	db_session_free(s);
	free(conninfo);
	PQfinish(conn);
	free(name);
}
END_TEST

/* A query that waits behind a running one and is replaced before it is sent is reported as dropped, so
 * whoever asked for it does not wait for an answer that never comes. */
START_TEST(test_session_reports_dropped)
{
	char *name = testdb_create_migrated();
	char *conninfo = xasprintf("dbname=%s", name);
	struct db_target target = { .conninfo = conninfo };
	struct db_session *s = db_session_new(&target);
	struct db_event ev;
	ck_assert(wait_event(s, DB_EVENT_CONNECTED, NULL, &ev));
	struct db_request slow = { .sql = "SELECT pg_sleep(1)" };
	db_session_send(s, &slow, 1);
	/* a while for it to go out (after the session's own LISTEN and who-am-I): the next two wait behind it */
	long until = now_ms() + 300;
	while (now_ms() < until) {
		while (db_session_step(s, &ev))
			ck_assert_int_ne(ev.kind, DB_EVENT_DROPPED);
		struct pollfd p = { .fd = db_session_socket(s), .events = db_session_poll_events(s) };
		poll(&p, p.fd >= 0 ? 1 : 0, 20);
	}
	struct db_request first = { .sql = "SELECT 'first'" }, second = { .sql = "SELECT 'second'" };
	db_session_send(s, &first, 2);
	db_session_send(s, &second, 3);
	ck_assert(wait_event(s, DB_EVENT_DROPPED, NULL, &ev));
	ck_assert_uint_eq(ev.tag, 2);
	ck_assert(wait_event(s, DB_EVENT_RESULT, NULL, &ev));
	ck_assert_uint_eq(ev.tag, 1);
	PQclear(ev.result);
	ck_assert(wait_event(s, DB_EVENT_RESULT, NULL, &ev));
	ck_assert_uint_eq(ev.tag, 3);
	ck_assert_str_eq(PQgetvalue(ev.result, 0, 0), "second");
	PQclear(ev.result);
	db_session_free(s);
	free(conninfo);
	free(name);
}
END_TEST

Suite *notify_suite(void)
{
	Suite *s = suite_create("notify");
	TCase *db = tcase_create("database");
	tcase_set_timeout(db, 30);
	tcase_add_test(db, test_payloads);
	tcase_add_test(db, test_session_listens);
	tcase_add_test(db, test_session_reports_dropped);
	suite_add_tcase(s, db);
	return s;
}
