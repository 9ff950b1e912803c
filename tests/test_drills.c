/* test_drills: failures on purpose — a backend killed mid-save and after its commit, the server restarted,
 * statement_timeout hit, two sessions saving one row a thousand times, hostile text in every field. */
#include "tests/tests.h"
#include "tests/screen.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 5000
#define DRAFT_MEETING "3"    /* the demo's committee meeting of 2026-11-20, still a draft */

static char *db_name;
static PGconn *conn;       /* the test's own connection: holds locks, checks rows */
static PGconn *watch;      /* a second one that watches pg_stat_activity (a transaction would freeze its view) */

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void setup(void)
{
	db_name = testdb_create_migrated();
	conn = testdb_connect(db_name);
	testdb_load_demo(conn);
	testdb_exec(conn, "SET iedesk.today = '" TESTDB_TODAY "'");
	watch = testdb_connect(db_name);
}

static void teardown(void)
{
	PQfinish(watch);
	watch = NULL;
	PQfinish(conn);
	conn = NULL;
	FREE(&db_name);
}

/* ---- the cluster: pg_ctl as its owner ---- */

static int pg_ctl(const char *action)
{
	const char *sandbox = getenv("IEDESK_SANDBOX");
	ck_assert_msg(sandbox && *sandbox, "IEDESK_SANDBOX is not set (run inside scripts/pgsandbox)");
	char *cmd = xasprintf("%s/usr/lib/postgresql/15/bin/pg_ctl -D '%s/data' -l '%s/server.log' -w -t 30 %s"
		" >/dev/null 2>&1", geteuid() == 0 ? "runuser -u postgres -- " : "", sandbox, sandbox, action);
	int status = system(cmd);
	free(cmd);
	return status;
}

/* Run after the failure drills in the runner's own process (an unchecked fixture), whatever became of
 * them: the cluster up and in its usual configuration, for the suites that follow. */
static void cluster_restore(void)
{
	if (!getenv("IEDESK_SANDBOX"))
		return;
	if (pg_ctl("status") != 0 && pg_ctl("start") != 0)
		fprintf(stderr, "drills: the cluster did not start again\n");
	PGconn *admin = PQconnectdb("dbname=postgres");
	if (PQstatus(admin) == CONNECTION_OK) {
		PQclear(PQexec(admin, "ALTER SYSTEM RESET synchronous_standby_names"));
		PQclear(PQexec(admin, "SELECT pg_reload_conf()"));
	}
	PQfinish(admin);
}

/* ---- driving a db_session as the UI's poll loop does ---- */

struct drive {
	struct db_session *session;
	int connected, lost, connect_failed;
	bool answered;
	struct db_event answer;   /* the last RESULT, FAILED or CANCELLED (its result owned here) */
};

static void drive_start(struct drive *d, const char *conninfo)
{
	memset(d, 0, sizeof(*d));
	struct db_target target = { .conninfo = conninfo };
	d->session = db_session_new(&target);
}

static void drive_forget_answer(struct drive *d)
{
	PQclear(d->answer.result);
	memset(&d->answer, 0, sizeof(d->answer));
	d->answered = false;
}

static void drive_done(struct drive *d)
{
	drive_forget_answer(d);
	db_session_free(d->session);
	d->session = NULL;
}

/* Wait for the socket (or the reconnect timer) at most wait_ms, then take every event due. */
static void drive_step(struct drive *d, int wait_ms)
{
	int fd = db_session_socket(d->session);
	int timeout = db_session_timeout_ms(d->session);
	if (timeout < 0 || timeout > wait_ms)
		timeout = wait_ms;
	if (fd >= 0) {
		struct pollfd p = { .fd = fd, .events = db_session_poll_events(d->session) };
		poll(&p, 1, timeout);
	} else if (timeout > 0) {
		poll(NULL, 0, timeout);
	}
	struct db_event ev;
	while (db_session_step(d->session, &ev)) {
		switch (ev.kind) {
		case DB_EVENT_CONNECTED:
			d->connected++;
			break;
		case DB_EVENT_LOST:
			d->lost++;
			break;
		case DB_EVENT_CONNECT_FAILED:
			d->connect_failed++;
			break;
		case DB_EVENT_RESULT:
		case DB_EVENT_FAILED:
		case DB_EVENT_CANCELLED:
			drive_forget_answer(d);
			d->answer = ev;
			d->answered = true;
			break;
		default:   /* DB_EVENT_CHANGED and the like: nothing to own */
			break;
		}
	}
}

static bool drive_until_connected(struct drive *d, int count, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	while (d->connected < count && now_ms() < deadline)
		drive_step(d, 20);
	return d->connected >= count;
}

static bool drive_until_answer(struct drive *d, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	while (!d->answered && now_ms() < deadline)
		drive_step(d, 20);
	return d->answered;
}

static bool drive_until_lost(struct drive *d, int count, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	while (d->lost < count && now_ms() < deadline)
		drive_step(d, 20);
	return d->lost >= count;
}

/* The program's backends in this test's database that are waiting on wait_event (NULL: any wait of type). */
static long iedesk_waiting(const char *type, const char *event)
{
	char *sql = xasprintf("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'iedesk'"
		" AND datname = current_database() AND wait_event_type = '%s'%s%s%s", type,
		event ? " AND wait_event = '" : "", event ? event : "", event ? "'" : "");
	long n = testdb_count(watch, sql);
	free(sql);
	return n;
}

/* Step the session until its backend waits as said (the save is in flight, not answered). */
static bool drive_until_waiting(struct drive *d, const char *type, const char *event, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	while (now_ms() < deadline && !d->answered) {
		drive_step(d, 20);
		if (iedesk_waiting(type, event) > 0)
			return true;
	}
	return false;
}

static void kill_session_backend(void)
{
	ck_assert_int_eq(testdb_count(watch, "SELECT count(*) FROM (SELECT pg_terminate_backend(pid)"
		" FROM pg_stat_activity WHERE application_name = 'iedesk' AND datname = current_database()) killed"), 1);
}

/* The cluster waits for a standby that never comes on commits of the program's sessions only (the
 * sandbox runs with synchronous_commit off; this database turns it on): a commit is then durable and
 * visible once its backend is killed, but its answer never leaves — a save lost after its commit. */
static void commits_wait_for_standby(bool wait)
{
	char *sql = xasprintf("ALTER DATABASE %s %s", db_name, wait ? "SET synchronous_commit = on"
		: "RESET synchronous_commit");
	testdb_exec(watch, sql);
	free(sql);
	testdb_exec(watch, wait ? "ALTER SYSTEM SET synchronous_standby_names = 'drills_nobody'"
		: "ALTER SYSTEM RESET synchronous_standby_names");
	testdb_exec(watch, "SELECT pg_reload_conf()");
	/* The postmaster rereads its files a moment later; new backends then start with them. */
	long deadline = now_ms() + WAIT_MS;
	for (;;) {
		PGconn *probe = testdb_connect(db_name);
		char *names = testdb_value(probe, "SHOW synchronous_standby_names");
		bool done = strcmp(names, wait ? "drills_nobody" : "") == 0;
		free(names);
		PQfinish(probe);
		if (done)
			break;
		ck_assert_msg(now_ms() < deadline, "the cluster did not reload its configuration");
		poll(NULL, 0, 20);
	}
	/* The checkpointer tells backends that a standby is wanted; give it its moment. */
	poll(NULL, 0, 200);
}

/* ---- 1. a backend killed mid-save ---- */

static char *session_conninfo(void)
{
	return xasprintf("dbname=%s options='" TESTDB_DAY_OPTIONS "'", db_name);
}

/* A save waiting on a row lock when its backend is killed never ran: sent again once reconnected, it
 * lands exactly once. */
START_TEST(test_record_save_killed_while_waiting)
{
	struct db_record rec;
	struct db_error err = { 0 };
	const char *id = "1";
	ck_assert_msg(testdb_load(conn, DB_RECORD_DISTRICT, id, &rec, &err), "%s", err.message);
	long version = strtol(rec.version, NULL, 10);
	testdb_set_value(&rec, "name", "密云区（重连后保存）");

	char *conninfo = session_conninfo();
	struct drive d;
	drive_start(&d, conninfo);
	ck_assert(drive_until_connected(&d, 1, WAIT_MS));
	testdb_exec(conn, "BEGIN");
	testdb_exec(conn, "SELECT * FROM iedesk.district WHERE id = 1 FOR UPDATE");
	struct db_request req;
	db_record_save_request(&rec, &req);
	db_session_send(d.session, &req, 1);
	ck_assert_msg(drive_until_waiting(&d, "Lock", NULL, WAIT_MS), "the save waits on the row lock");
	kill_session_backend();
	ck_assert_msg(drive_until_lost(&d, 1, WAIT_MS), "the session saw its connection go");
	ck_assert(!d.answered);
	testdb_exec(conn, "COMMIT");
	ck_assert_msg(drive_until_answer(&d, 10000), "the save was answered after the reconnect");
	ck_assert_int_ge(d.connected, 2);
	char *new_id = NULL, *new_version = NULL;
	enum db_save_outcome outcome = db_record_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "the save landed: %s", err.message);
	ck_assert_int_eq(strtol(new_version, NULL, 10), version + 1);
	char *stored = testdb_value(conn, "SELECT name || ' ' || version FROM iedesk.district WHERE id = 1");
	char *want = xasprintf("密云区（重连后保存） %ld", version + 1);
	ck_assert_str_eq(stored, want);
	free(want);
	free(stored);
	free(new_id);
	free(new_version);
	db_record_done(&rec);
	drive_done(&d);
	free(conninfo);
}
END_TEST

/* The same for a capture line: an attendee waits on the meeting row (its foreign key), is killed, is sent
 * again and is stored once. */
START_TEST(test_capture_insert_killed_while_waiting)
{
	char *conninfo = session_conninfo();
	struct drive d;
	drive_start(&d, conninfo);
	ck_assert(drive_until_connected(&d, 1, WAIT_MS));
	testdb_exec(conn, "BEGIN");
	testdb_exec(conn, "SELECT * FROM iedesk.meeting WHERE id = " DRAFT_MEETING " FOR UPDATE");
	struct db_capture_fields fields = { .first = (char *)"区残联", .count = 2, .ref = -1 };
	struct db_request req;
	char *key = db_client_key_new();
	db_capture_save_request(DB_CAPTURE_ATTENDEES, DRAFT_MEETING, NULL, NULL, key, 0, &fields, NULL, &req);
	free(key);
	db_session_send(d.session, &req, 7);
	ck_assert_msg(drive_until_waiting(&d, "Lock", NULL, WAIT_MS), "the insert waits on the meeting row");
	kill_session_backend();
	ck_assert(drive_until_lost(&d, 1, WAIT_MS));
	testdb_exec(conn, "COMMIT");
	ck_assert_msg(drive_until_answer(&d, 10000), "the line was answered after the reconnect");
	char *new_id = NULL, *new_version = NULL, *note = NULL;
	struct db_error err = { 0 };
	enum db_save_outcome outcome = db_capture_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &note, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "the line was saved: %s", err.message);
	ck_assert_str_eq(note, "organisation");
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = "
		DRAFT_MEETING " AND organisation = '区残联' AND head_count = 2"), 1);
	free(new_id);
	free(new_version);
	free(note);
	drive_done(&d);
	free(conninfo);
}
END_TEST

/* Send req through a session whose commit waits for the standby, kill its backend once the commit is
 * durable (the answer is then never sent), let it reconnect and send req again; the answer to the
 * second sending is left in d. */
static void save_lost_after_commit(struct drive *d, struct db_request *req)
{
	commits_wait_for_standby(true);
	char *conninfo = session_conninfo();
	drive_start(d, conninfo);
	free(conninfo);
	ck_assert(drive_until_connected(d, 1, WAIT_MS));
	db_session_send(d->session, req, 9);
	ck_assert_msg(drive_until_waiting(d, "IPC", "SyncRep", WAIT_MS),
		"the commit waits for the standby (answered: %s)", d->answered ? "yes" : "no");
	kill_session_backend();
	/* Not stepped until the cluster commits as usual again: the reconnect must not wait too. */
	commits_wait_for_standby(false);
	ck_assert(drive_until_lost(d, 1, WAIT_MS));
	ck_assert_msg(drive_until_answer(d, 10000), "the save sent again was answered");
}

/* A record's UPDATE lost after its commit is sent again with the version it was loaded at: the row holds
 * the save once (version + 1), and it is answered as saved — not as someone else's change (record.c
 * knows its own save in a row one version on holding exactly its values). */
START_TEST(test_record_save_killed_after_commit)
{
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert_msg(testdb_load(conn, DB_RECORD_DISTRICT, "1", &rec, &err), "%s", err.message);
	long version = strtol(rec.version, NULL, 10);
	testdb_set_value(&rec, "name", "密云区（提交后断线）");
	struct db_request req;
	db_record_save_request(&rec, &req);
	struct drive d;
	save_lost_after_commit(&d, &req);
	char *stored = testdb_value(conn, "SELECT name || ' ' || version FROM iedesk.district WHERE id = 1");
	char *want = xasprintf("密云区（提交后断线） %ld", version + 1);
	ck_assert_str_eq(stored, want);   /* saved, once: never lost, never half-done */
	free(want);
	free(stored);
	char *new_id = NULL, *new_version = NULL;
	enum db_save_outcome outcome = db_record_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "answered as saved: %s", err.message);
	ck_assert_int_eq(strtol(new_version, NULL, 10), version + 1);
	free(new_id);
	free(new_version);
	db_record_done(&rec);
	drive_done(&d);
}
END_TEST

/* A new record's INSERT lost after its commit is sent again as an INSERT with the same client key (0016):
 * the row the first sending stored is found by its key and answered with — stored once, answered as saved
 * (without the key a person was stored twice, a school or district refused: its code used — by itself). */
START_TEST(test_record_insert_killed_after_commit)
{
	int kind = _i;
	struct db_record rec;
	db_record_init(&rec, (enum db_record_kind)kind);
	const char *stored_sql;
	if (kind == DB_RECORD_PERSON) {
		testdb_set_value(&rec, "name", "提交后断线的新人");
		stored_sql = "SELECT count(*) FROM iedesk.person WHERE name = '提交后断线的新人'";
	} else {
		testdb_set_value(&rec, "code", "DL");
		testdb_set_value(&rec, "name", "提交后断线区");
		testdb_set_value(&rec, "locale_class", "rural");
		stored_sql = "SELECT count(*) FROM iedesk.district WHERE code = 'DL'";
	}
	struct db_request req;
	db_record_save_request(&rec, &req);
	struct drive d;
	save_lost_after_commit(&d, &req);
	ck_assert_int_eq(testdb_count(conn, stored_sql), 1);   /* never lost, never twice */
	char *new_id = NULL, *new_version = NULL;
	struct db_error err = { 0 };
	enum db_save_outcome outcome = db_record_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "answered as saved: %s", err.message);
	char *sql = xasprintf("SELECT id FROM iedesk.%s WHERE client_key = '%s'",
		kind == DB_RECORD_PERSON ? "person" : "district", rec.client_key);
	char *stored_id = testdb_value(conn, sql);
	ck_assert_str_eq(new_id, stored_id);   /* the row the first sending stored */
	ck_assert_str_eq(new_version, "1");
	free(stored_id);
	free(sql);
	free(new_id);
	free(new_version);
	db_record_done(&rec);
	drive_done(&d);
}
END_TEST

/* A capture line's INSERT lost after its commit is sent again as an INSERT with the line's client key:
 * every section finds the row the first sending stored, stored once and answered as saved with its id
 * (without the key an action item was stored twice, the other lines refused by their own position or
 * organisation). */
START_TEST(test_capture_insert_killed_after_commit)
{
	int section = _i;
	struct db_capture_fields fields = { .ref = -1 };
	char *parent = NULL;
	int position = 0;
	const char *stored_sql;
	if (section == DB_CAPTURE_ATTENDEES) {
		fields.first = xstrdup("区卫健委");
		fields.count = 3;
		stored_sql = "SELECT count(*) FROM iedesk.meeting_attendee WHERE meeting_id = " DRAFT_MEETING
			" AND organisation = '区卫健委'";
	} else if (section == DB_CAPTURE_AGENDA || section == DB_CAPTURE_DECISIONS) {
		fields.first = xstrdup("提交后断线的一行");
		position = 99;
		stored_sql = section == DB_CAPTURE_AGENDA
			? "SELECT count(*) FROM iedesk.agenda_item WHERE title = '提交后断线的一行'"
			: "SELECT count(*) FROM iedesk.decision WHERE text = '提交后断线的一行'";
	} else {
		fields.first = xstrdup("提交后断线的行动项");
		fields.second = xstrdup("区教研室");
		snprintf(fields.due, sizeof(fields.due), "2026-12-31");
		parent = testdb_value(conn, "SELECT min(id) FROM iedesk.decision WHERE meeting_id = " DRAFT_MEETING);
		stored_sql = "SELECT count(*) FROM iedesk.action_item WHERE text = '提交后断线的行动项'";
	}
	static const char *const table[DB_CAPTURE_SECTIONS] = { "meeting_attendee", "agenda_item", "decision",
		"action_item" };
	struct db_request req;
	char *key = db_client_key_new();
	db_capture_save_request((enum db_capture_section)section, DRAFT_MEETING, NULL, NULL, key, position, &fields,
		parent, &req);
	struct drive d;
	save_lost_after_commit(&d, &req);
	ck_assert_int_eq(testdb_count(conn, stored_sql), 1);   /* never lost, never twice */
	char *new_id = NULL, *new_version = NULL, *note = NULL;
	struct db_error err = { 0 };
	enum db_save_outcome outcome = db_capture_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &note, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "answered as saved: %s", err.message);
	char *sql = xasprintf("SELECT id FROM iedesk.%s WHERE client_key = '%s'", table[section], key);
	char *stored_id = testdb_value(conn, sql);
	ck_assert_str_eq(new_id, stored_id);   /* the row the first sending stored */
	ck_assert_str_eq(new_version, "1");
	if (section == DB_CAPTURE_ATTENDEES)
		ck_assert_str_eq(note, "organisation");
	else if (section == DB_CAPTURE_ACTIONS)
		ck_assert_str_eq(note, "unit");
	free(stored_id);
	free(sql);
	free(key);
	free(new_id);
	free(new_version);
	free(note);
	free(parent);
	db_capture_fields_done(&fields);
	drive_done(&d);
}
END_TEST

/* A capture line's UPDATE lost after its commit is sent again with the version it was read at: stored
 * once, and answered as saved (capture.c knows its own change one version on). */
START_TEST(test_capture_update_killed_after_commit)
{
	int section = _i;
	static const char *const row_sql[DB_CAPTURE_SECTIONS] = {
		[DB_CAPTURE_ATTENDEES] = "SELECT id || ' ' || version || ' 0 ' FROM iedesk.meeting_attendee"
			" WHERE meeting_id = " DRAFT_MEETING " AND organisation = '区残联'",
		[DB_CAPTURE_AGENDA] = "SELECT id || ' ' || version || ' ' || position || ' ' FROM iedesk.agenda_item"
			" WHERE meeting_id = " DRAFT_MEETING " ORDER BY position LIMIT 1",
		[DB_CAPTURE_DECISIONS] = "SELECT id || ' ' || version || ' ' || position || ' ' || coalesce(agenda_item_id, 0)"
			" FROM iedesk.decision WHERE meeting_id = " DRAFT_MEETING " ORDER BY position LIMIT 1",
		[DB_CAPTURE_ACTIONS] = "SELECT a.id || ' ' || a.version || ' 0 ' || a.decision_id FROM iedesk.action_item a"
			" JOIN iedesk.decision d ON d.id = a.decision_id WHERE d.meeting_id = " DRAFT_MEETING
			" ORDER BY a.id LIMIT 1",
	};
	static const char *const table[DB_CAPTURE_SECTIONS] = { "meeting_attendee", "agenda_item", "decision",
		"action_item" };
	testdb_exec(conn, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
		" VALUES (" DRAFT_MEETING ", '区残联', 2)");
	char *row = testdb_value(conn, row_sql[section]);
	char id[32], version[16], parent[32] = "";
	int position;
	ck_assert_int_ge(sscanf(row, "%31s %15s %d %31s", id, version, &position, parent), 3);
	free(row);
	struct db_capture_fields fields = { .first = xstrdup("提交后断线的改动"), .count = 4, .ref = -1 };
	if (section == DB_CAPTURE_AGENDA)
		fields.second = xstrdup("改过的备注");
	if (section == DB_CAPTURE_ACTIONS) {
		fields.second = xstrdup("区教研室");
		snprintf(fields.due, sizeof(fields.due), "2026-12-31");
	}
	struct db_request req;
	db_capture_save_request((enum db_capture_section)section, DRAFT_MEETING, id, version, NULL, position, &fields,
		strcmp(parent, "0") == 0 ? NULL : parent, &req);
	struct drive d;
	save_lost_after_commit(&d, &req);
	char *new_id = NULL, *new_version = NULL, *note = NULL;
	struct db_error err = { 0 };
	enum db_save_outcome outcome = db_capture_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &note, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "answered as saved: %s", err.message);
	ck_assert_str_eq(new_id, id);
	ck_assert_int_eq(strtol(new_version, NULL, 10), strtol(version, NULL, 10) + 1);
	char *sql = xasprintf("SELECT version FROM iedesk.%s WHERE id = %s", table[section], id);
	ck_assert_int_eq(testdb_count(conn, sql), strtol(version, NULL, 10) + 1);
	free(sql);
	free(new_id);
	free(new_version);
	free(note);
	db_capture_fields_done(&fields);
	drive_done(&d);
}
END_TEST

/* ---- 2. the server restarted ---- */

START_TEST(test_server_restarted)
{
	char *conninfo = session_conninfo();
	struct drive d;
	drive_start(&d, conninfo);
	ck_assert(drive_until_connected(&d, 1, WAIT_MS));
	char *districts = testdb_value(conn, "SELECT count(*) FROM iedesk.district");
	PQfinish(watch);
	watch = NULL;
	PQfinish(conn);
	conn = NULL;
	ck_assert_int_eq(pg_ctl("-m fast stop"), 0);
	ck_assert_msg(drive_until_lost(&d, 1, WAIT_MS), "the session noticed the server stop");
	struct db_request req = { .sql = "SELECT count(*)::text FROM iedesk.district" };
	db_session_send(d.session, &req, 3);
	long until = now_ms() + 400;
	while (now_ms() < until)
		drive_step(&d, 20);
	ck_assert(!d.answered);
	ck_assert_int_ge(d.connect_failed, 1);
	ck_assert_int_eq(pg_ctl("start"), 0);
	ck_assert_msg(drive_until_answer(&d, 15000), "the query sent during the outage was answered");
	ck_assert_int_eq(d.answer.kind, DB_EVENT_RESULT);
	ck_assert_str_eq(PQgetvalue(d.answer.result, 0, 0), districts);
	free(districts);
	ck_assert_int_eq(d.connected, 2);
	conn = testdb_connect(db_name);
	watch = testdb_connect(db_name);
	drive_done(&d);
	free(conninfo);
}
END_TEST

/* ---- 3. statement_timeout ---- */

START_TEST(test_statement_timeout)
{
	char *conninfo = xasprintf("dbname=%s options='-c statement_timeout=200'", db_name);
	struct drive d;
	drive_start(&d, conninfo);
	ck_assert(drive_until_connected(&d, 1, WAIT_MS));
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert_msg(testdb_load(conn, DB_RECORD_SCHOOL, "1", &rec, &err), "%s", err.message);
	testdb_set_value(&rec, "phone", "010-12345678");
	testdb_exec(conn, "BEGIN");
	testdb_exec(conn, "SELECT * FROM iedesk.school WHERE id = 1 FOR UPDATE");
	struct db_request req;
	db_record_save_request(&rec, &req);
	db_session_send(d.session, &req, 1);
	ck_assert(drive_until_answer(&d, WAIT_MS));
	ck_assert_int_eq(d.answer.kind, DB_EVENT_FAILED);
	ck_assert_str_eq(d.answer.error.sqlstate, "57014");
	const char *message = d.answer.error.message;
	ck_assert_msg(*message && !strstr(message, "57014") && !strstr(message, "ERROR"), "a sentence: %s", message);
	/* not "cancelled": the user cancelled nothing */
	ck_assert_msg(strstr(message, "took too long"), "the timeout said as such: %s", message);
	char *new_id = NULL, *new_version = NULL;
	ck_assert_int_eq(db_record_save_outcome(NULL, &d.answer.error, &new_id, &new_version, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, message);
	testdb_exec(conn, "COMMIT");
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.school WHERE id = 1 AND phone = '010-12345678'"), 0);
	/* the next query works, on the same connection */
	drive_forget_answer(&d);
	db_record_save_request(&rec, &req);
	db_session_send(d.session, &req, 2);
	ck_assert(drive_until_answer(&d, WAIT_MS));
	ck_assert_int_eq(db_record_save_outcome(d.answer.kind == DB_EVENT_RESULT ? d.answer.result : NULL,
		&d.answer.error, &new_id, &new_version, &err), DB_SAVE_OK);
	ck_assert_int_eq(d.connected, 1);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.school WHERE id = 1 AND phone = '010-12345678'"), 1);
	free(new_id);
	free(new_version);
	db_record_done(&rec);
	drive_done(&d);
	free(conninfo);
}
END_TEST

/* ---- 4. two sessions, one row, a thousand saves ---- */

struct tally {
	long attempts, successes, conflicts;
	char *last_value;    /* the value of the last save that landed */
};

static void tally_outcome(struct tally *t, int outcome, const char *value, const struct db_error *err)
{
	t->attempts++;
	if (outcome == DB_SAVE_OK) {
		t->successes++;
		free(t->last_value);
		t->last_value = xstrdup(value);
	} else {
		ck_assert_msg(outcome == DB_SAVE_CONFLICT, "a save was refused: %s", err->message);
		ck_assert_ptr_nonnull(strstr(err->message, "someone else changed this person"));
		t->conflicts++;
	}
}

/* Both loaded at the same version; both saves sent at once, so the server runs them side by side. */
static void save_both_at_once(PGconn *a, PGconn *b, const char *id, int round, struct tally *t)
{
	PGconn *conns[2] = { round % 2 ? b : a, round % 2 ? a : b };
	struct db_record recs[2];
	struct db_request reqs[2];
	char *values[2];
	struct db_error err = { 0 };
	for (int i = 0; i < 2; i++) {
		ck_assert_msg(testdb_load(conns[i], DB_RECORD_PERSON, id, &recs[i], &err), "%s", err.message);
		values[i] = xasprintf("并发%d-%c", round, 'A' + i);
		testdb_set_value(&recs[i], "name", values[i]);
		db_record_save_request(&recs[i], &reqs[i]);
	}
	ck_assert_str_eq(recs[0].version, recs[1].version);
	for (int i = 0; i < 2; i++)
		ck_assert(PQsendQueryParams(conns[i], reqs[i].sql, reqs[i].nparams, NULL,
			(const char *const *)reqs[i].params, NULL, NULL, 0));
	int landed = 0;
	for (int i = 0; i < 2; i++) {
		PGresult *res = PQgetResult(conns[i]), *extra;
		while ((extra = PQgetResult(conns[i])))
			PQclear(extra);
		char *new_id = NULL, *new_version = NULL;
		struct db_error failure = { 0 };
		bool failed = PQresultStatus(res) != PGRES_TUPLES_OK;
		if (failed)
			db_error_explain(&failure, res);
		int outcome = db_record_save_outcome(failed ? NULL : res, &failure, &new_id, &new_version, &err);
		if (outcome == DB_SAVE_OK)
			ck_assert_int_eq(strtol(new_version, NULL, 10), strtol(recs[i].version, NULL, 10) + 1);
		landed += outcome == DB_SAVE_OK;
		tally_outcome(t, outcome, values[i], &err);
		PQclear(res);
		free(new_id);
		free(new_version);
	}
	ck_assert_msg(landed == 1, "round %d: %d of two saves from one version landed", round, landed);
	for (int i = 0; i < 2; i++) {
		db_request_done(&reqs[i]);
		db_record_done(&recs[i]);
		free(values[i]);
	}
}

START_TEST(test_two_sessions_thousand_saves)
{
	PGconn *a = testdb_connect(db_name), *b = testdb_connect(db_name);
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_PERSON);
	testdb_set_value(&rec, "name", "并发测试");
	char *id = NULL, *version = NULL;
	struct db_error err = { 0 };
	ck_assert_int_eq(testdb_save(conn, &rec, &id, &version, &err), DB_SAVE_OK);
	ck_assert_str_eq(version, "1");
	db_record_done(&rec);
	struct tally t = { 0 };
	/* taking turns: each loads what the other saved, so every save lands */
	for (int i = 0; i < 1000; i++) {
		PGconn *c = i % 2 ? b : a;
		ck_assert(testdb_load(c, DB_RECORD_PERSON, id, &rec, &err));
		char *value = xasprintf("轮流%d", i);
		testdb_set_value(&rec, "name", value);
		char *new_id = NULL, *new_version = NULL;
		int outcome = testdb_save(c, &rec, &new_id, &new_version, &err);
		ck_assert_int_eq(outcome, DB_SAVE_OK);
		tally_outcome(&t, outcome, value, &err);
		free(value);
		free(new_id);
		free(new_version);
		db_record_done(&rec);
	}
	/* interleaved: both load, both save — one lands, the other is a conflict */
	for (int round = 0; round < 500; round++)
		save_both_at_once(a, b, id, round, &t);
	/* stale: one loads, the other saves twice, then the first saves */
	for (int round = 0; round < 100; round++) {
		struct db_record stale, fresh;
		ck_assert(testdb_load(a, DB_RECORD_PERSON, id, &stale, &err));
		for (int k = 0; k < 2; k++) {
			ck_assert(testdb_load(b, DB_RECORD_PERSON, id, &fresh, &err));
			char *value = xasprintf("过期%d-%d", round, k);
			testdb_set_value(&fresh, "name", value);
			tally_outcome(&t, testdb_save(b, &fresh, NULL, NULL, &err), value, &err);
			free(value);
			db_record_done(&fresh);
		}
		testdb_set_value(&stale, "name", "不应保存");
		int outcome = testdb_save(a, &stale, NULL, NULL, &err);
		ck_assert_int_eq(outcome, DB_SAVE_CONFLICT);
		tally_outcome(&t, outcome, "不应保存", &err);
		db_record_done(&stale);
	}
	ck_assert_int_eq(t.attempts, 1000 + 1000 + 300);
	ck_assert_int_eq(t.successes + t.conflicts, t.attempts);
	ck_assert_int_eq(t.successes, 1000 + 500 + 200);
	char *sql = xasprintf("SELECT version FROM iedesk.person WHERE id = %s", id);
	ck_assert_int_eq(testdb_count(conn, sql), 1 + t.successes);
	free(sql);
	sql = xasprintf("SELECT name FROM iedesk.person WHERE id = %s", id);
	char *name = testdb_value(conn, sql);
	ck_assert_str_eq(name, t.last_value);
	free(name);
	free(sql);
	free(t.last_value);
	free(id);
	free(version);
	PQfinish(a);
	PQfinish(b);
}
END_TEST

/* ---- 5. hostile text in every text field ---- */

/* A row of each kind that may be edited: meeting parts of the draft meeting, an open inspection. */
static const char *const editable_row_sql[DB_RECORD_COUNT] = {
	[DB_RECORD_DISTRICT] = "SELECT min(id) FROM iedesk.district WHERE archived_at IS NULL",
	[DB_RECORD_SCHOOL] = "SELECT min(id) FROM iedesk.school WHERE archived_at IS NULL",
	[DB_RECORD_CONSORTIUM] = "SELECT min(id) FROM iedesk.consortium WHERE archived_at IS NULL",
	[DB_RECORD_CONSORTIUM_MEMBER] = "SELECT min(id) FROM iedesk.consortium_member",
	[DB_RECORD_SHARED_RESOURCE] = "SELECT min(id) FROM iedesk.shared_resource",
	[DB_RECORD_PERSON] = "SELECT min(id) FROM iedesk.person",
	[DB_RECORD_APPOINTMENT] = "SELECT min(id) FROM iedesk.manager_appointment",
	[DB_RECORD_TRAINING] = "SELECT min(id) FROM iedesk.training",
	[DB_RECORD_TRAINING_ATTENDANCE] = "SELECT min(id) FROM iedesk.training_attendance",
	[DB_RECORD_MEETING] = "SELECT " DRAFT_MEETING,
	[DB_RECORD_MEETING_ATTENDEE] = "SELECT min(id) FROM iedesk.meeting_attendee WHERE meeting_id = " DRAFT_MEETING
		" AND organisation IS NOT NULL",
	[DB_RECORD_AGENDA_ITEM] = "SELECT min(id) FROM iedesk.agenda_item WHERE meeting_id = " DRAFT_MEETING,
	[DB_RECORD_DECISION] = "SELECT min(id) FROM iedesk.decision WHERE meeting_id = " DRAFT_MEETING,
	[DB_RECORD_ACTION_ITEM] = "SELECT min(a.id) FROM iedesk.action_item a JOIN iedesk.decision d"
		" ON d.id = a.decision_id WHERE d.meeting_id = " DRAFT_MEETING,
	[DB_RECORD_INSPECTION] = "SELECT min(id) FROM iedesk.inspection WHERE status = 'planned'",
	/* a resolved one: what was done (0025) is said only of a resolved finding */
	[DB_RECORD_FINDING] = "SELECT min(f.id) FROM iedesk.finding f JOIN iedesk.inspection i ON i.id = f.inspection_id"
		" WHERE f.resolved_on IS NOT NULL AND i.status <> 'closed'",
	[DB_RECORD_CASE] = "SELECT min(id) FROM iedesk.student_case",
	/* decided: a confirmed case has its date */
	[DB_RECORD_CASE_DECISION] = "SELECT min(id) FROM iedesk.student_case WHERE decided_on IS NOT NULL",
	[DB_RECORD_CASE_ASSESSMENT] = "SELECT min(id) FROM iedesk.case_assessment",
	[DB_RECORD_CASE_PLACEMENT] = "SELECT min(id) FROM iedesk.case_placement",
	[DB_RECORD_CASE_TRANSFER] = "SELECT min(id) FROM iedesk.case_transfer",
	[DB_RECORD_CASE_SESSION] = "SELECT min(id) FROM iedesk.case_session",
	[DB_RECORD_CASE_PROGRESS] = "SELECT min(id) FROM iedesk.case_progress",
	[DB_RECORD_CASE_CONTACT] = "SELECT min(id) FROM iedesk.case_contact",
	[DB_RECORD_CASE_REVIEW] = "SELECT min(id) FROM iedesk.case_review",
	/* the IEPs' kinds: the draft of case 8 and its parts (a final IEP's are not changed); consent, IEP 1's */
	[DB_RECORD_IEP] = "SELECT 11",
	[DB_RECORD_IEP_CONSENT] = "SELECT 1",
	[DB_RECORD_IEP_MEMBER] = "SELECT min(id) FROM iedesk.iep_member WHERE iep_id = 11",
	[DB_RECORD_IEP_GOAL] = "SELECT min(id) FROM iedesk.iep_goal WHERE iep_id = 11",
	[DB_RECORD_IEP_OBJECTIVE] = "SELECT min(o.id) FROM iedesk.iep_objective o JOIN iedesk.iep_goal g ON g.id = o.goal_id"
		" WHERE g.iep_id = 11",
	[DB_RECORD_IEP_ACCOMMODATION] = "SELECT min(id) FROM iedesk.iep_accommodation WHERE iep_id = 11",
	/* the draft has none yet: one is added */
	[DB_RECORD_IEP_SERVICE] = "WITH s AS (INSERT INTO iedesk.iep_service (iep_id, kind, provider, sessions_per_week,"
		" minutes) VALUES (11, 'other', '区特殊教育中心', 1, 30) RETURNING id) SELECT id FROM s",
	[DB_RECORD_PARTNER] = "SELECT min(id) FROM iedesk.partner",
	[DB_RECORD_ACTIVITY] = "SELECT min(id) FROM iedesk.activity",
	[DB_RECORD_PARTNERSHIP] = "SELECT min(id) FROM iedesk.partnership",
	[DB_RECORD_COMMITTEE_MEMBER] = "SELECT min(id) FROM iedesk.committee_member",
};

/* The first n characters of a UTF-8 string, allocated. */
static char *first_chars(const char *s, int n)
{
	const char *p = s;
	for (int i = 0; i < n && *p; i++)
		do
			p++;
		while (((unsigned char)*p & 0xC0) == 0x80);
	return xasprintf("%.*s", (int)(p - s), s);
}

static char *chinese_text(int chars)
{
	static const char *const syllables[] = { "融", "合", "教", "育", "特", "殊", "怀", "柔", "区", "密", "云" };
	size_t n = sizeof(syllables) / sizeof(syllables[0]);
	char *out = xmalloc((size_t)chars * 3 + 1), *o = out;
	for (int i = 0; i < chars; i++) {
		memcpy(o, syllables[(size_t)i % n], 3);
		o += 3;
	}
	*o = '\0';
	return out;
}

/* Save value in column i of the row: stored verbatim (read back equal, version + 1). */
static void check_stored_verbatim(int kind, const char *id, int i, const char *value)
{
	const struct db_record_def *def = db_record_def((enum db_record_kind)kind);
	const struct db_field *field = &def->fields[i];
	struct db_record rec, back;
	struct db_error err = { 0 };
	char why[300] = "";
	ck_assert_msg(db_field_check(field, value, why, sizeof(why)), "%s.%s refuses \"%s\": %s", def->name,
		field->column, value, why);
	ck_assert(testdb_load(conn, kind, id, &rec, &err));
	long version = strtol(rec.version, NULL, 10);
	testdb_set_value(&rec, field->column, value);
	char *new_id = NULL, *new_version = NULL;
	int outcome = testdb_save(conn, &rec, &new_id, &new_version, &err);
	ck_assert_msg(outcome == DB_SAVE_OK, "%s.%s = \"%s\": %s", def->name, field->column, value, err.message);
	ck_assert_int_eq(strtol(new_version, NULL, 10), version + 1);
	ck_assert(testdb_load(conn, kind, id, &back, &err));
	ck_assert_msg(back.values[i] && strcmp(back.values[i], value) == 0, "%s.%s read back as \"%s\", not \"%s\"",
		def->name, field->column, back.values[i] ? back.values[i] : "(null)", value);
	free(new_id);
	free(new_version);
	db_record_done(&back);
	db_record_done(&rec);
}

/* Not UTF-8: the field check refuses it with a sentence, and so does the server when sent anyway
 * (22021); nothing is stored. */
static void check_refused(int kind, const char *id, int i, const char *value)
{
	const struct db_record_def *def = db_record_def((enum db_record_kind)kind);
	const struct db_field *field = &def->fields[i];
	char why[300] = "";
	ck_assert_msg(!db_field_check(field, value, why, sizeof(why)), "%s.%s takes bytes that are not UTF-8",
		def->name, field->column);
	ck_assert_ptr_nonnull(strstr(why, "not valid UTF-8"));
	struct db_record rec;
	struct db_error err = { 0 };
	ck_assert(testdb_load(conn, kind, id, &rec, &err));
	char *before = xstrdup(rec.version);
	testdb_set_value(&rec, field->column, value);
	char *new_id = NULL, *new_version = NULL;
	int outcome = testdb_save(conn, &rec, &new_id, &new_version, &err);
	ck_assert_msg(outcome == DB_SAVE_REFUSED, "%s.%s: the server took bytes that are not UTF-8", def->name,
		field->column);
	ck_assert_str_eq(err.sqlstate, "22021");
	ck_assert_msg(strstr(err.message, "not UTF-8") && !strstr(err.message, "22021") && !strstr(err.message, "ERROR"),
		"a sentence saying what is wrong: %s", err.message);
	db_record_done(&rec);
	ck_assert(testdb_load(conn, kind, id, &rec, &err));
	ck_assert_str_eq(rec.version, before);
	free(before);
	db_record_done(&rec);
}

START_TEST(test_hostile_text_in_every_field)
{
	testdb_exec(conn, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
		" VALUES (" DRAFT_MEETING ", '区残联', 2)");
	char *chinese = chinese_text(1000);
	const char *const hostile[] = {
		"'); DROP TABLE iedesk.school; --",
		"%_\\",
		"\\x00'||pg_sleep(10)||'",
		"Robert\"); DELETE FROM iedesk.person; --",
		"$1 $$ E'\\n' ::text",
		chinese,
	};
	const char *const invalid[] = {
		"abc\xff\xfe",
		"名\xe5\x8d",            /* a 3-byte character cut after two */
		("\xe5\x8d" "abc"),     /* the same, then ASCII (split so "abc" is not read as hex) */
		"\xc0\xaf",              /* an overlong '/' */
	};
	int fields_checked = 0;
	for (int kind = 0; kind < DB_RECORD_COUNT; kind++) {
		const struct db_record_def *def = db_record_def((enum db_record_kind)kind);
		ck_assert_msg(editable_row_sql[kind] != NULL, "editable_row_sql names no %s to edit", def->name);
		char *id = testdb_value(conn, editable_row_sql[kind]);
		ck_assert_msg(*id, "no %s to edit", def->name);
		for (int i = 0; i < def->nfields; i++) {
			const struct db_field *field = &def->fields[i];
			if (field->type != DB_FIELD_TEXT && field->type != DB_FIELD_MULTILINE)
				continue;
			fields_checked++;
			bool is_email = strcmp(field->column, "email") == 0 || strcmp(field->column, "contact_email") == 0;   /* its CHECK wants an @ */
			for (size_t h = 0; h < sizeof(hostile) / sizeof(hostile[0]); h++) {
				char *value = is_email ? xasprintf("a@%s", hostile[h]) : xstrdup(hostile[h]);
				if (field->max_length > 0) {
					char *cut = first_chars(value, field->max_length);
					free(value);
					value = cut;
				}
				check_stored_verbatim(kind, id, i, value);
				free(value);
			}
			for (size_t h = 0; h < sizeof(invalid) / sizeof(invalid[0]); h++)
				check_refused(kind, id, i, invalid[h]);
		}
		free(id);
	}
	ck_assert_int_ge(fields_checked, 25);
	char *school = testdb_value(conn, "SELECT to_regclass('iedesk.school')::text");
	ck_assert_str_eq(school, "iedesk.school");
	free(school);
	ck_assert_int_gt(testdb_count(conn, "SELECT count(*) FROM iedesk.school"), 0);
	ck_assert_int_gt(testdb_count(conn, "SELECT count(*) FROM iedesk.person"), 0);
	free(chinese);
}
END_TEST

/* ---- 6. connection faults end with a sentence ---- */

/* An account disabled with 'iedesk admin disable-account' is told so, not to check the server. */
START_TEST(test_disabled_login_told)
{
	char *output = NULL;
	testdb_exec(conn, "DROP ROLE IF EXISTS drills_disabled");
	int rc = testdb_run_program(db_name, NULL, &output, "admin", "create-account", "drills_disabled", "--role",
		"staff", NULL);
	ck_assert_msg(rc == 0, "%s", output);
	FREE(&output);
	rc = testdb_run_program(db_name, NULL, &output, "admin", "disable-account", "drills_disabled", NULL);
	ck_assert_msg(rc == 0, "%s", output);
	FREE(&output);
	char *user = getenv("PGUSER") ? xstrdup(getenv("PGUSER")) : NULL;
	setenv("PGUSER", "drills_disabled", 1);
	rc = testdb_run_program(db_name, NULL, &output, "export", "schools", NULL);
	if (user)
		setenv("PGUSER", user, 1);
	else
		unsetenv("PGUSER");
	free(user);
	ck_assert_int_eq(rc, 4);
	ck_assert_msg(strstr(output, "the account \"drills_disabled\" is disabled"), "%s", output);
	ck_assert_msg(!strstr(output, "server is running"), "%s", output);
	FREE(&output);
	testdb_exec(conn, "DROP OWNED BY drills_disabled; DROP ROLE drills_disabled");
}
END_TEST

/* A conninfo holding an ESC (and other control bytes) is echoed in the error with '?' in their place. */
START_TEST(test_connect_error_no_raw_control)
{
	char *output = NULL;
	char *host = getenv("PGHOST") ? xstrdup(getenv("PGHOST")) : NULL;
	setenv("PGHOST", "/nonexistent\x1b[2J\x07\x7f", 1);
	int rc = testdb_run_program(db_name, NULL, &output, "export", "schools", NULL);
	if (host)
		setenv("PGHOST", host, 1);
	else
		unsetenv("PGHOST");
	free(host);
	ck_assert_int_eq(rc, 4);
	ck_assert_msg(strstr(output, "/nonexistent?[2J??"), "%s", output);
	for (const char *c = output; *c; c++)
		ck_assert_msg(*c == '\n' || ((unsigned char)*c >= ' ' && *c != 0x7f), "a raw control byte: %s", output);
	FREE(&output);
}
END_TEST

/* A backend stopped (SIGSTOP) while a command waits for its rows: over a Unix socket no keepalive can
 * notice, so the command must give up by itself after its timeout with a sentence, exit 1 and leave no
 * file. It is held on a lock first, so that its backend is the one waiting when stopped. word and kind
 * are the command ("export schools", "report backlog"); config (YAML) is given with --config unless
 * NULL; PGCONNECT_TIMEOUT is connect_timeout. */
static void stalled_command(const char *word, const char *kind, const char *config, const char *connect_timeout,
		const char *said)
{
	char template[] = "/tmp/iedesk-stall-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	char *path = xasprintf("%s/out", template);
	char *database = xasprintf("PGDATABASE=%s", db_name);
	char *timeout = xasprintf("PGCONNECT_TIMEOUT=%s", connect_timeout);
	char *config_path = xasprintf("%s/config.yaml", template);
	if (config) {
		FILE *f = fopen(config_path, "w");
		ck_assert_ptr_nonnull(f);
		fputs(config, f);
		ck_assert_int_eq(fclose(f), 0);
	}
	const char *env[] = { database, "PGOPTIONS=" TESTDB_DAY_OPTIONS, "XDG_CONFIG_HOME=/nonexistent", timeout, NULL };
	const char *argv[] = { testdb_program(), word, kind, "-o", path, config ? "--config" : NULL, config_path, NULL };
	testdb_exec(conn, "BEGIN");
	testdb_exec(conn, "LOCK TABLE iedesk.school IN ACCESS EXCLUSIVE MODE");
	struct screen *s = screen_start(argv, env, 24, 200);
	long deadline = now_ms() + WAIT_MS;
	while (iedesk_waiting("Lock", NULL) == 0 && now_ms() < deadline)
		poll(NULL, 0, 20);
	long pid = testdb_count(watch, "SELECT pid FROM pg_stat_activity WHERE application_name = 'iedesk'"
		" AND datname = current_database() AND wait_event_type = 'Lock'");
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(kill((pid_t)pid, SIGSTOP), 0);
	testdb_exec(conn, "COMMIT");
	long started = now_ms();
	int status = screen_wait_exit(s, 15000);
	long took = now_ms() - started;
	bool told = screen_find(s, said, NULL, NULL);
	char *dump = screen_dump(s);
	kill((pid_t)pid, SIGCONT);
	ck_assert_msg(status == 1, "%s %s: exit status %d after %ld ms: %s", word, kind, status, took, dump);
	ck_assert_msg(told, "%s", dump);
	ck_assert_msg(took < 5000, "%s %s gave up after %ld ms", word, kind, took);
	ck_assert_msg(access(path, F_OK) != 0, "%s %s left %s", word, kind, path);
	char *cmd = xasprintf("rm -rf '%s'", template);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(dump);
	screen_free(s);
	free(config_path);
	free(timeout);
	free(database);
	free(path);
}

START_TEST(test_export_stalled_backend)
{
	stalled_command("export", "schools", NULL, "2", "the database sent nothing for 2 seconds, so the export was");
}
END_TEST

/* The report likewise; the config's wait-timeout wins over connect_timeout (which would wait 30). */
START_TEST(test_report_stalled_backend)
{
	stalled_command("report", "backlog", "connection:\n  wait-timeout: 2\n", "30",
		"the database sent nothing for 2 seconds, so the report was");
}
END_TEST

/* ---- 5b. the same at the keyboard: the real program in a pseudo-terminal ---- */

static char *state_dir;    /* the program's XDG_STATE_HOME */
static struct screen *screen;

static void screen_setup(void)
{
	setup();
	char template[] = "/tmp/iedesk-drills-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	state_dir = xstrdup(template);
}

static void screen_teardown(void)
{
	screen_free(screen);
	screen = NULL;
	char *cmd = xasprintf("rm -rf '%s'", state_dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	FREE(&state_dir);
	teardown();
}

static struct screen *start_iedesk(int rows, int cols)
{
	char *database = xasprintf("PGDATABASE=%s", db_name);
	char *state = xasprintf("XDG_STATE_HOME=%s", state_dir);
	const char *env[] = { database, "PGOPTIONS=" TESTDB_DAY_OPTIONS, "XDG_CONFIG_HOME=/nonexistent",
		state, NULL };
	const char *argv[] = { testdb_program(), NULL };
	screen = screen_start(argv, env, rows, cols);
	free(database);
	free(state);
	screen_assert_text(screen, "怀柔区", WAIT_MS);
	screen_settle(screen, 100, WAIT_MS);
	return screen;
}

/* Type bytes as one burst and wait until the program has drawn what they did. */
static void type_settled(struct screen *s, const char *bytes)
{
	screen_type(s, bytes);
	screen_settle(s, 150, WAIT_MS);
}

/* Bytes that are not UTF-8 and control characters (none the tty turns into a signal or a pause) typed
 * into a form and into the filter: dropped, never stored, the program stays up and drawn, and what was
 * typed around them is saved whole. */
START_TEST(test_screen_hostile_keys)
{
	struct screen *s = start_iedesk(24, 80);
	long before = testdb_count(conn, "SELECT count(*) FROM iedesk.district");
	screen_type(s, "n");
	screen_assert_text(s, "New District", WAIT_MS);
	type_settled(s, "Q\xff\xfe");
	type_settled(s, "X\xe5\x8d");          /* a 3-byte character cut after two */
	type_settled(s, "9\xc0\xaf");          /* an overlong '/' */
	type_settled(s, "\x02\x0e\x10\x0f\x07\x18");   /* control characters: keys or nothing, never text */
	screen_assert(s, screen_wait_row(s, 2, "Code *  QX9", WAIT_MS), "the code typed around the bad bytes");
	screen_key(s, SCREEN_KEY_TAB);
	type_settled(s, "名\xe5\x8d");
	type_settled(s, "字\xff");
	type_settled(s, "'); DROP TABLE iedesk.school; --");
	screen_key(s, SCREEN_KEY_TAB);
	type_settled(s, "r");
	screen_key(s, SCREEN_KEY_F2);
	screen_assert_text(s, "saved the District", WAIT_MS);
	screen_assert(s, !screen_find(s, "22021", NULL, NULL), "no SQLSTATE on screen");
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.district"), before + 1);
	ck_assert_int_eq(testdb_count(conn, "SELECT count(*) FROM iedesk.district WHERE code = 'QX9'"
		" AND name = '名字''); DROP TABLE iedesk.school; --' AND locale_class = 'rural'"), 1);
	ck_assert_int_gt(testdb_count(conn, "SELECT count(*) FROM iedesk.school"), 0);

	screen_type(s, "/");
	screen_assert(s, screen_wait_row(s, 22, "Filter:", WAIT_MS), "the filter prompt on the status line");
	type_settled(s, "\xff\xfe");
	type_settled(s, "\x02\x0e\x10\x0f");
	type_settled(s, "密\xe5\x8d");
	type_settled(s, "云");
	screen_assert(s, screen_wait_gone(s, "怀柔区", WAIT_MS), "怀柔区 filtered out by 密云");
	screen_assert_text(s, "密云区", WAIT_MS);
	/* The same bytes pasted in one burst: each bad sequence is dropped alone and everything after it
	 * is typed (the program decodes the bytes itself; wget_wch threw the rest of the burst away). */
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert(s, screen_wait_gone(s, "Filter:", WAIT_MS), "the prompt gone after Esc");
	screen_type(s, "/");
	screen_assert(s, screen_wait_row(s, 22, "Filter:", WAIT_MS), "the filter prompt again");
	type_settled(s, "\xff\xfe\x01\x02%_\\密\xe5\x8d云\xc0\xaf区");
	screen_assert(s, screen_altscreen(s), "the program is still up after the burst");
	screen_assert(s, screen_wait_row(s, 22, "Filter: %_\\密云区_", WAIT_MS), "all the valid text of the burst");
	screen_key(s, SCREEN_KEY_ESC);
	screen_assert(s, screen_wait_gone(s, "Filter:", WAIT_MS), "the prompt gone after Esc");
	screen_assert_text(s, "怀柔区", WAIT_MS);
	screen_type(s, "q");
	ck_assert_int_eq(screen_wait_exit(s, WAIT_MS), 0);
}
END_TEST

Suite *drills_suite(void)
{
	Suite *suite = suite_create("drills");
	/* The cluster is stopped and reconfigured here: set right again afterwards, even after a failure. */
	TCase *failures = tcase_create("failures");
	tcase_set_timeout(failures, 40);
	tcase_add_unchecked_fixture(failures, NULL, cluster_restore);
	tcase_add_checked_fixture(failures, setup, teardown);
	tcase_add_test(failures, test_record_save_killed_while_waiting);
	tcase_add_test(failures, test_capture_insert_killed_while_waiting);
	tcase_add_test(failures, test_record_save_killed_after_commit);
	tcase_add_loop_test(failures, test_record_insert_killed_after_commit, DB_RECORD_DISTRICT, DB_RECORD_DISTRICT + 1);
	tcase_add_loop_test(failures, test_record_insert_killed_after_commit, DB_RECORD_PERSON, DB_RECORD_PERSON + 1);
	tcase_add_loop_test(failures, test_capture_insert_killed_after_commit, DB_CAPTURE_ATTENDEES,
		DB_CAPTURE_ACTIONS + 1);
	tcase_add_loop_test(failures, test_capture_update_killed_after_commit, DB_CAPTURE_ATTENDEES,
		DB_CAPTURE_ACTIONS + 1);
	tcase_add_test(failures, test_server_restarted);
	tcase_add_test(failures, test_statement_timeout);
	suite_add_tcase(suite, failures);

	TCase *input = tcase_create("input");
	tcase_set_timeout(input, 40);
	tcase_add_checked_fixture(input, setup, teardown);
	tcase_add_test(input, test_two_sessions_thousand_saves);
	tcase_add_test(input, test_hostile_text_in_every_field);
	tcase_add_test(input, test_disabled_login_told);
	tcase_add_test(input, test_connect_error_no_raw_control);
	tcase_add_test(input, test_export_stalled_backend);
	tcase_add_test(input, test_report_stalled_backend);
	suite_add_tcase(suite, input);

	TCase *keys = tcase_create("keys");
	tcase_set_timeout(keys, 30);
	tcase_add_checked_fixture(keys, screen_setup, screen_teardown);
	tcase_add_test(keys, test_screen_hostile_keys);
	suite_add_tcase(suite, keys);
	return suite;
}
