/* test_policies: who may read and write what (0012_roles.sql). The pgTAP files of tests/pgtap, run by
 * pg_prove against the demo, hold the policies role by role; here, the accounts as db/account.c and
 * `iedesk admin` manage them, a manager and a secretary logged in as themselves saving through
 * db/record.c and told in a sentence what they may not, and a staff login reading every pane. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* A login of this test's own: logins are cluster-wide, the database is the test's. */
static char *login_for(PGconn *conn, const char *prefix)
{
	return xasprintf("%s_%s", prefix, PQdb(conn));
}

static void account_create(PGconn *conn, const char *login, const char *role, const char *district)
{
	ck_assert_str_eq(testdb_try(conn, "SELECT iedesk.account_create($1, $2, $3)", login, role,
		district ? district : "", NULL), "");
}

/* Connected as login (the sandbox trusts its socket: no password). */
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

/* ---- pgTAP ---- */

START_TEST(pgtap_policies)
{
	PGconn *conn = testdb_demo();
	testdb_exec(conn, "CREATE EXTENSION pgtap");
	char *pattern = testdb_source_path("tests/pgtap/*.sql");
	glob_t files;
	ck_assert_msg(glob(pattern, 0, NULL, &files) == 0 && files.gl_pathc > 0, "no pgTAP files match %s", pattern);

	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		const char **argv = xcalloc(files.gl_pathc + 4, sizeof(*argv));
		size_t argc = 0;
		argv[argc++] = "pg_prove";
		argv[argc++] = "-d";
		argv[argc++] = PQdb(conn);
		for (size_t i = 0; i < files.gl_pathc; i++)
			argv[argc++] = files.gl_pathv[i];
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "cannot run pg_prove (is libtap-parser-sourcehandler-pgtap-perl installed? scripts/deps)\n");
		_exit(127);
	}
	close(fds[1]);
	size_t cap = 4096, len = 0;
	char *out = xmalloc(cap);
	ssize_t n;
	while ((n = read(fds[0], out + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (len + 1 == cap)
			out = xrealloc(out, cap *= 2);
	}
	out[len] = '\0';
	close(fds[0]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "pg_prove failed:\n%s", out);
	ck_assert_msg(strstr(out, "All tests successful"), "pg_prove said:\n%s", out);
	free(out);
	globfree(&files);
	free(pattern);
	PQfinish(conn);
}
END_TEST

/* ---- accounts (db/account.c) ---- */

START_TEST(accounts_create_list_disable)
{
	PGconn *conn = testdb_demo();
	char *login = login_for(conn, "acc");
	struct db_request req;
	struct db_accounts accounts;
	struct db_error err = { 0 };

	db_account_create_request(login, "manager", "MY", "11", &req);
	ck_assert_msg(db_accounts_run(conn, &req, &accounts, &err), "%s", err.message);
	ck_assert_uint_eq(accounts.count, 1);
	ck_assert_str_eq(accounts.items[0].login, login);
	ck_assert_str_eq(accounts.items[0].role, "manager");
	ck_assert_str_eq(accounts.items[0].district_code, "MY");
	ck_assert_str_eq(accounts.items[0].person_name, "马志强");
	ck_assert_ptr_null(accounts.items[0].disabled_at);
	db_accounts_done(&accounts);

	/* refusals, in sentences */
	db_account_create_request(login, "staff", NULL, NULL, &req);
	ck_assert(!db_accounts_run(conn, &req, &accounts, &err));
	ck_assert_msg(strstr(err.message, "already exists"), "%s", err.message);
	db_account_create_request("acc_other", "boss", NULL, NULL, &req);
	ck_assert(!db_accounts_run(conn, &req, &accounts, &err));
	ck_assert_msg(strstr(err.message, "there is no role \"boss\""), "%s", err.message);
	db_account_create_request("acc_other", "caseworker", "", NULL, &req);
	ck_assert(!db_accounts_run(conn, &req, &accounts, &err));
	ck_assert_str_eq(err.message, "a caseworker account works for one district: give its code");
	db_account_create_request("acc_other", "manager", "XX", NULL, &req);
	ck_assert(!db_accounts_run(conn, &req, &accounts, &err));
	ck_assert_str_eq(err.message, "no district has the code XX");
	db_account_create_request("Robert'); DROP TABLE iedesk.school; --", "staff", NULL, NULL, &req);
	ck_assert(!db_accounts_run(conn, &req, &accounts, &err));
	ck_assert_msg(strstr(err.message, "cannot be a login"), "%s", err.message);

	db_account_list_request(&req);
	ck_assert_msg(db_accounts_run(conn, &req, &accounts, &err), "%s", err.message);
	ck_assert_uint_eq(accounts.count, 1);
	db_accounts_done(&accounts);

	db_account_disable_request(login, &req);
	ck_assert_msg(db_accounts_run(conn, &req, &accounts, &err), "%s", err.message);
	ck_assert_uint_eq(accounts.count, 1);
	ck_assert_ptr_nonnull(accounts.items[0].disabled_at);
	db_accounts_done(&accounts);
	db_account_disable_request(login, &req);
	ck_assert(!db_accounts_run(conn, &req, &accounts, &err));
	ck_assert_msg(strstr(err.message, "is already disabled"), "%s", err.message);

	char *sql = xasprintf("SELECT rolcanlogin FROM pg_roles WHERE rolname = '%s'", login);
	char *can = testdb_value(conn, sql);
	ck_assert_str_eq(can, "f");
	free(can);
	free(sql);
	free(login);
	PQfinish(conn);
}
END_TEST

START_TEST(roles_as_data)
{
	enum db_role role;
	ck_assert(db_role_lookup("iedesk_manager", &role) && role == DB_ROLE_MANAGER);
	ck_assert(db_role_lookup("caseworker", &role) && role == DB_ROLE_CASEWORKER);
	ck_assert(!db_role_lookup("boss", &role));
	ck_assert_str_eq(db_role_name(DB_ROLE_ADMIN), "admin");
	ck_assert(db_role_may_write(DB_ROLE_MANAGER, DB_RECORD_INSPECTION));
	ck_assert(!db_role_may_write(DB_ROLE_SECRETARY, DB_RECORD_INSPECTION));
	ck_assert(db_role_may_write(DB_ROLE_SECRETARY, DB_RECORD_MEETING));
	ck_assert(!db_role_may_write(DB_ROLE_STAFF, DB_RECORD_PERSON));
	ck_assert(db_role_may_write(DB_ROLE_ADMIN, DB_RECORD_DISTRICT));
	ck_assert(!db_role_may_write(DB_ROLE_MANAGER, DB_RECORD_DISTRICT));
}
END_TEST

/* ---- iedesk admin ---- */

START_TEST(command_line_admin)
{
	PGconn *conn = testdb_demo();
	const char *db = PQdb(conn);
	char *login = login_for(conn, "cli");
	char *output = NULL;

	int rc = testdb_run_program(db, NULL, &output, "admin", "create-account", login, "--role", "secretary",
		"--district", "HR", NULL);
	ck_assert_msg(rc == 0, "%s", output);
	ck_assert_msg(strstr(output, "created: secretary of 怀柔区") && strstr(output, "\\password")
		&& strstr(output, "~/.pgpass"), "%s", output);
	free(output);

	rc = testdb_run_program(db, NULL, &output, "admin", "list-accounts", NULL);
	ck_assert_msg(rc == 0 && strstr(output, login) && strstr(output, "active"), "%s", output);
	free(output);

	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", login, "--role", "staff", NULL);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(strstr(output, "already exists"), "%s", output);
	free(output);

	rc = testdb_run_program(db, NULL, &output, "admin", "disable-account", login, NULL);
	ck_assert_msg(rc == 0 && strstr(output, "disabled"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "list-accounts", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "disabled 20"), "%s", output);
	free(output);
	/* enable-account puts it back, in its role's group */
	rc = testdb_run_program(db, NULL, &output, "admin", "enable-account", login, NULL);
	ck_assert_msg(rc == 0 && strstr(output, "enabled") && strstr(output, "secretary"), "%s", output);
	free(output);
	char *sql = xasprintf("SELECT rolcanlogin AND pg_has_role('%s', 'iedesk_secretary', 'USAGE') FROM pg_roles"
		" WHERE rolname = '%s'", login, login);
	char *back = testdb_value(conn, sql);
	ck_assert_str_eq(back, "t");
	free(back);
	free(sql);
	rc = testdb_run_program(db, NULL, &output, "admin", "enable-account", login, NULL);
	ck_assert_msg(rc == 1 && strstr(output, "is already active"), "%s", output);
	free(output);

	/* --person takes a name; find-person shows the ids; list-accounts shows the person's id */
	rc = testdb_run_program(db, NULL, &output, "admin", "find-person", "马志", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "11 ") && strstr(output, "马志强"), "%s", output);
	free(output);
	char *named = login_for(conn, "cliname");
	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", named, "--role", "staff",
		"--person", "马志强", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "for 马志强"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "list-accounts", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "PERSON-ID") && strstr(output, " 11 "), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", "cli_nobody", "--role", "staff",
		"--person", "没有这个人", NULL);
	ck_assert_msg(rc == 1 && strstr(output, "no person is named") && strstr(output, "find-person"), "%s", output);
	free(output);
	testdb_exec(conn, "INSERT INTO iedesk.person (name) VALUES ('同名人'), ('同名人')");
	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", "cli_twin", "--role", "staff",
		"--person", "同名人", NULL);
	ck_assert_msg(rc == 1 && strstr(output, "2 persons are named") && strstr(output, "--person one of their ids"),
		"%s", output);
	free(output);
	free(named);

	/* an account of a region (0031): a city officer; and a coordinator, assigned to an alliance and taken off */
	char *city = login_for(conn, "clicity");
	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", city, "--role", "manager", "--region", "11",
		NULL);
	ck_assert_msg(rc == 0 && strstr(output, "created: manager of 北京市 (11)"), "%s", output);
	free(output);
	char *coordinator = login_for(conn, "clicoord");
	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", coordinator, "--role", "coordinator", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "created: coordinator"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "list-accounts", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "REGION"), "%s", output);
	char *line = strstr(output, city);
	ck_assert_msg(line && strstr(line, " 11 ") && strstr(line, " 11 ") < strchr(line, '\n'), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "assign-alliance", coordinator, "JJ-AL01", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "now coordinates the alliance JJ-AL01"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "assign-alliance", coordinator, "JJ-AL01", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "coordinates the alliance JJ-AL01 already"), "%s", output);
	free(output);
	sql = xasprintf("SELECT count(*)::text FROM iedesk.alliance_coordinator WHERE login = '%s' AND consortium_id = 5",
		coordinator);
	back = testdb_value(conn, sql);
	ck_assert_str_eq(back, "1");
	free(back);
	/* one district's consortium has no coordinators; a login that is none is refused; and unknown codes */
	rc = testdb_run_program(db, NULL, &output, "admin", "assign-alliance", coordinator, "HR-AL01", NULL);
	ck_assert_msg(rc == 1 && strstr(output, "belongs to one district"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "assign-alliance", city, "JJ-AL01", NULL);
	ck_assert_msg(rc == 1 && strstr(output, "no coordinator account"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "assign-alliance", coordinator, "NOPE", NULL);
	ck_assert_msg(rc == 1 && strstr(output, "no alliance has the code NOPE"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "create-account", "cli_noregion", "--role", "manager",
		"--region", "99", NULL);
	ck_assert_msg(rc == 1 && strstr(output, "no region has the code 99"), "%s", output);
	free(output);
	rc = testdb_run_program(db, NULL, &output, "admin", "unassign-alliance", coordinator, "JJ-AL01", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "no longer coordinates the alliance JJ-AL01"), "%s", output);
	free(output);
	back = testdb_value(conn, sql);
	ck_assert_str_eq(back, "0");
	free(back);
	free(sql);
	rc = testdb_run_program(db, NULL, &output, "admin", "unassign-alliance", coordinator, "JJ-AL01", NULL);
	ck_assert_msg(rc == 0 && strstr(output, "did not coordinate"), "%s", output);
	free(output);
	free(coordinator);
	free(city);

	/* an unknown option is one line, not the whole help */
	rc = testdb_run_program(db, NULL, &output, "--frob", NULL);
	ck_assert_int_eq(rc, 2);
	ck_assert_str_eq(output, "iedesk: unknown option --frob; see iedesk --help\n");
	free(output);
	rc = testdb_run_program(db, NULL, &output, "export", "schools", "--output", NULL);
	ck_assert_int_eq(rc, 2);
	ck_assert_str_eq(output, "iedesk: --output needs a value; see iedesk --help\n");
	free(output);

	/* usage errors */
	static const char *const usage[][10] = {
		{ "admin", NULL },
		{ "admin", "frobnicate", NULL },
		{ "admin", "create-account", NULL },
		{ "admin", "create-account", "x", NULL },
		{ "admin", "create-account", "x", "--role", "boss", NULL },
		{ "admin", "list-accounts", "--role", "staff", NULL },
		{ "admin", "disable-account", NULL },
		{ "admin", "enable-account", NULL },
		{ "admin", "find-person", NULL },
		{ "admin", "enable-account", "x", "--role", "staff", NULL },
		{ "admin", "assign-alliance", "x", NULL },
		{ "admin", "unassign-alliance", NULL },
		{ "admin", "assign-alliance", "x", "y", "--region", NULL },
		{ "admin", "create-account", "x", "--role", "manager", "--district", "HR", "--region", "11", NULL },
		{ "admin", "list-accounts", "--region", "11", NULL },
		{ "migrate", "--region", "11", NULL },
		{ "report", "backlog", "--alliance", "JJ-AL01", NULL },
		{ "list-accounts", NULL },
	};
	for (size_t i = 0; i < sizeof(usage) / sizeof(usage[0]); i++) {
		rc = testdb_run_program(db, NULL, &output, usage[i][0], usage[i][1], usage[i][2], usage[i][3], usage[i][4],
			usage[i][5], usage[i][6], usage[i][7], usage[i][8], NULL);
		ck_assert_msg(rc == 2, "case %zu: %d %s", i, rc, output);
		free(output);
	}
	rc = testdb_run_program("no_such_database", NULL, &output, "admin", "list-accounts", NULL);
	ck_assert_int_eq(rc, 4);
	free(output);

	/* a staff login may not manage accounts */
	char *staff = login_for(conn, "clistaff");
	account_create(conn, staff, "staff", NULL);
	char *old_user = xstrdup(getenv("PGUSER") ? getenv("PGUSER") : "");
	setenv("PGUSER", staff, 1);
	rc = testdb_run_program(db, NULL, &output, "admin", "list-accounts", NULL);
	setenv("PGUSER", old_user, 1);
	ck_assert_int_eq(rc, 1);
	ck_assert_msg(strstr(output, "only an administrator manages accounts"), "%s", output);
	free(output);
	free(old_user);
	free(staff);
	free(login);
	PQfinish(conn);
}
END_TEST

/* ---- a manager logged in as itself ---- */

static enum db_save_outcome save(PGconn *conn, const struct db_record *rec, struct db_error *err)
{
	char *id = NULL, *version = NULL;
	enum db_save_outcome outcome = testdb_save(conn, rec, &id, &version, err);
	free(id);
	free(version);
	return outcome;
}

START_TEST(manager_writes_own_district)
{
	PGconn *owner = testdb_demo();
	char *login = login_for(owner, "mgr");
	account_create(owner, login, "manager", "HR");
	PGconn *conn = connect_as(PQdb(owner), login);
	struct db_error err = { 0 };

	/* who am I */
	struct db_request req;
	struct db_whoami who;
	db_whoami_request(&req);
	PGresult *res = testdb_run(conn, &req);
	ck_assert_msg(db_whoami_parse(res, &who, &err), "%s", err.message);
	PQclear(res);
	db_request_done(&req);
	ck_assert_str_eq(who.login, login);
	ck_assert(who.has_account && who.has_role && who.role == DB_ROLE_MANAGER && !who.owner);
	ck_assert_str_eq(who.district_code, "HR");
	ck_assert_str_eq(who.district_id, "1");
	db_whoami_done(&who);
	db_whoami_request(&req);
	res = testdb_run(owner, &req);
	ck_assert_msg(db_whoami_parse(res, &who, &err), "%s", err.message);
	PQclear(res);
	db_request_done(&req);
	ck_assert(who.owner && !who.has_account);
	db_whoami_done(&who);

	/* a new inspection in 怀柔区 is saved; in 密云区 refused */
	struct db_record rec;
	db_record_init(&rec, DB_RECORD_INSPECTION);
	testdb_set_value(&rec, "school_id", "1");
	testdb_set_value(&rec, "kind", "supervision");
	testdb_set_value(&rec, "planned_on", "2026-12-01");
	testdb_set_value(&rec, "status", "planned");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_OK);
	testdb_set_value(&rec, "school_id", "101");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message,
		"this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)");
	db_record_done(&rec);

	/* its own district's inspection is edited; moved to 密云区, refused; 密云区's refused, not a conflict */
	ck_assert(testdb_load(conn, DB_RECORD_INSPECTION, "3", &rec, &err));
	testdb_set_value(&rec, "summary", "经理复查");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_OK);
	db_record_done(&rec);
	struct db_record moved;
	ck_assert(testdb_load(conn, DB_RECORD_INSPECTION, "3", &moved, &err));
	testdb_set_value(&moved, "school_id", "101");
	ck_assert_int_eq(save(conn, &moved, &err), DB_SAVE_REFUSED);
	ck_assert_msg(strstr(err.message, "密云区"), "%s", err.message);
	db_record_done(&moved);
	ck_assert(testdb_load(conn, DB_RECORD_INSPECTION, "26", &rec, &err));
	testdb_set_value(&rec, "summary", "x");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_REFUSED);
	ck_assert_msg(strstr(err.message, "your account may change only those of 怀柔区"), "%s", err.message);
	db_record_done(&rec);

	/* what the role may not touch at all, in a sentence */
	db_record_init(&rec, DB_RECORD_DISTRICT);
	testdb_set_value(&rec, "code", "XX");
	testdb_set_value(&rec, "name", "测试区");
	testdb_set_value(&rec, "locale_class", "rural");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "your account's role may not change a district; ask an administrator if it should");
	db_record_done(&rec);

	/* the owner sees what was saved, and the backlog row its trigger wrote */
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.inspection WHERE summary = '经理复查'"), 1);
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.backlog b JOIN iedesk.inspection i"
		" ON i.id = b.inspection_id WHERE i.school_id = 1 AND i.planned_on = '2026-12-01'"), 1);
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.inspection WHERE school_id = 101"), 0);

	/* disabled, the login's open session is ended */
	ck_assert_str_eq(testdb_try(owner, "SELECT iedesk.account_disable($1)", login, NULL), "");
	PGresult *after = PQexec(conn, "SELECT 1");
	ck_assert_int_ne(PQresultStatus(after), PGRES_TUPLES_OK);
	PQclear(after);

	PQfinish(conn);
	free(login);
	PQfinish(owner);
}
END_TEST

/* ---- what every pane reads works for a plain staff login ---- */

START_TEST(staff_reads_every_pane)
{
	PGconn *owner = testdb_demo();
	char *login = login_for(owner, "reader");
	account_create(owner, login, "staff", NULL);
	PGconn *conn = connect_as(PQdb(owner), login);

	for (int kind = 0; kind < DB_LIST_COUNT; kind++) {
		/* a case and its parts (0029) are the case workers' alone: staff read their counts */
		const char *rows_of = db_list_spec((enum db_list_kind)kind)->rows_of;
		if (!strcmp(rows_of, "student_case") || !strncmp(rows_of, "iep", 3) || !strncmp(rows_of, "case_", 5))
			continue;
		const char *parent = !db_list_needs_parent((enum db_list_kind)kind) ? NULL
			: kind == DB_LIST_BACKLOG_OF_KIND ? "supervision" : kind == DB_LIST_BACKLOG_OF_SEVERITY ? "high" : "1";
		struct db_request req;
		db_list_request((enum db_list_kind)kind, DB_WINDOW_FIRST, NULL, "", parent, 20, &req);
		PGresult *res = testdb_run(conn, &req);
		if (kind == DB_LIST_CASES) {   /* the case workers' own cases (0029): staff are refused them */
			ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
			PQclear(res);
			db_request_done(&req);
			continue;
		}
		ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "list %s: %s",
			db_list_spec((enum db_list_kind)kind)->name, PQresultErrorMessage(res));
		PQclear(res);
		db_request_done(&req);
		if (db_list_has_summary((enum db_list_kind)kind)) {
			db_list_summary_request((enum db_list_kind)kind, "", parent, &req);
			res = testdb_run(conn, &req);
			ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "summary of %s: %s",
				db_list_spec((enum db_list_kind)kind)->name, PQresultErrorMessage(res));
			PQclear(res);
			db_request_done(&req);
		}
	}
	for (int kind = 0; kind < DB_DETAIL_COUNT; kind++) {
		if (kind == DB_DETAIL_CASE || kind == DB_DETAIL_IEP)
			continue;
		struct db_detail detail;
		if (kind == DB_DETAIL_CASE)   /* a case's, which staff do not read */
			continue;
		testdb_detail(conn, kind, "1", &detail);
		db_detail_done(&detail);
	}
	/* the school's detail counts its student cases, which staff may not read one by one */
	struct db_detail detail;
	testdb_detail(conn, DB_DETAIL_SCHOOL, "1", &detail);
	bool counted = false;
	for (size_t i = 0; i < detail.count; i++)
		counted |= strstr(detail.lines[i].section, "tudent") != NULL;
	db_detail_done(&detail);
	ck_assert_msg(counted, "the school's detail shows no student case counts to staff");

	FILE *out = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(out);
	for (int kind = 0; kind < DB_EXPORT_COUNT; kind++) {
		struct db_export_options options = { 0 };
		struct db_error err = { 0 };
		long rows = 0;
		bool ran = db_export_run(conn, (enum db_export_kind)kind, &options, out, &rows, &err);
		/* but the case workers' lists, which staff may not read: refused in a sentence */
		if (kind == DB_EXPORT_CASES || kind == DB_EXPORT_CASE_DUE)
			ck_assert_msg(!ran && strstr(err.message, "only the case workers of a district"), "export %s: %s",
				db_export_name((enum db_export_kind)kind), err.message);
		else
			ck_assert_msg(ran, "export %s: %s", db_export_name((enum db_export_kind)kind), err.message);
	}
	struct db_report_options report = { .format = DB_REPORT_TABLE, .today = "2026-11-24" };
	struct db_error err = { 0 };
	ck_assert_msg(db_report_backlog(conn, &report, out, &err), "%s", err.message);
	fclose(out);

	PQfinish(conn);
	free(login);
	PQfinish(owner);
}
END_TEST

/* ---- a secretary logged in as herself ---- */

START_TEST(secretary_writes_meetings_only)
{
	PGconn *owner = testdb_demo();
	char *login = login_for(owner, "sec");
	account_create(owner, login, "secretary", "HR");
	PGconn *conn = connect_as(PQdb(owner), login);
	struct db_error err = { 0 };

	struct db_record rec;
	db_record_init(&rec, DB_RECORD_MEETING);
	testdb_set_value(&rec, "district_id", "1");
	testdb_set_value(&rec, "kind", "committee");
	testdb_set_value(&rec, "title", "融合教育推进委员会");
	testdb_set_value(&rec, "held_on", "2026-11-24");
	ck_assert_msg(save(conn, &rec, &err) == DB_SAVE_OK, "%s", err.message);
	db_record_done(&rec);

	/* another district's meeting, and its final minutes, are refused as the database refuses them (0022) */
	db_record_init(&rec, DB_RECORD_MEETING);
	testdb_set_value(&rec, "district_id", "2");
	testdb_set_value(&rec, "kind", "committee");
	testdb_set_value(&rec, "title", "密云区的会");
	testdb_set_value(&rec, "held_on", "2026-11-24");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)");
	db_record_done(&rec);
	struct db_request req;
	db_meeting_amend_request("4", "更正", &req);
	PGresult *res = testdb_run(conn, &req);
	db_request_done(&req);
	ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
	db_error_explain(&err, res);
	PQclear(res);
	ck_assert_str_eq(err.message, "this record belongs to 密云区 (MY), and your account may change only those of 怀柔区 (HR)");
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.meeting_amendment WHERE meeting_id = 4"), 0);

	ck_assert(testdb_load(conn, DB_RECORD_INSPECTION, "3", &rec, &err));
	testdb_set_value(&rec, "summary", "x");
	ck_assert_int_eq(save(conn, &rec, &err), DB_SAVE_REFUSED);
	ck_assert_str_eq(err.message, "your account's role may not change an inspection; ask an administrator if it should");
	db_record_done(&rec);

	PQfinish(conn);
	free(login);
	PQfinish(owner);
}
END_TEST

/* ---- a disabled account under an owner that is not a superuser (issue 15) ---- */

/* The README's setup: the schema's owner has CREATEROLE but is no superuser, so it may not end another
 * login's sessions. Disabling an administrator must still leave its open session unable to act. */
START_TEST(disabled_session_under_createrole_owner)
{
	char *db = testdb_create_empty();
	PGconn *super = testdb_connect(db);
	char *owner_login = login_for(super, "own");
	char *sql = xasprintf("CREATE ROLE %s LOGIN CREATEROLE", owner_login);
	testdb_exec(super, sql);
	free(sql);
	sql = xasprintf("ALTER DATABASE %s OWNER TO %s", db, owner_login);
	testdb_exec(super, sql);
	free(sql);

	PGconn *owner = connect_as(db, owner_login);
	char *super_flag = testdb_value(owner, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
	ck_assert_str_eq(super_flag, "f");
	free(super_flag);
	char *migrations = testdb_source_path("db/migrations");
	struct db_error err = { 0 };
	int applied = 0;
	ck_assert_msg(db_migrate(owner, migrations, NULL, NULL, &applied, &err), "%s", err.message);
	free(migrations);

	char *admin = login_for(owner, "adm3");
	char *other = login_for(owner, "adm4");
	char *sneak = login_for(owner, "sneak");
	account_create(owner, admin, "admin", NULL);
	PGconn *conn = connect_as(db, admin);
	ck_assert_str_eq(testdb_try(conn, "SELECT count(*) FROM iedesk.district", NULL), "");

	struct db_request req;
	struct db_accounts accounts;
	db_account_disable_request(admin, &req);
	ck_assert_msg(db_accounts_run(owner, &req, &accounts, &err), "%s", err.message);
	db_accounts_done(&accounts);

	/* its session may be left open (the owner cannot end it), but it can do nothing any more */
	ck_assert_str_ne(testdb_try(conn, "SELECT iedesk.account_create($1, 'admin', NULL)", sneak, NULL), "");
	ck_assert_str_ne(testdb_try(conn, "SELECT count(*) FROM iedesk.district", NULL), "");
	sql = xasprintf("SELECT count(*) FROM pg_roles WHERE rolname = '%s'", sneak);
	ck_assert_int_eq(testdb_count(owner, sql), 0);
	free(sql);
	/* and another administrator still can */
	account_create(owner, other, "admin", NULL);
	PQfinish(conn);

	PQfinish(owner);
	free(sneak);
	free(other);
	free(admin);
	free(owner_login);
	PQfinish(super);
	free(db);
}
END_TEST

/* A case worker who picks a code (or an id) taken in another district is told it is taken, not which case
 * has it: the sentence repeats no key of a case (issue 15). */
START_TEST(unique_case_key_not_repeated)
{
	PGconn *owner = testdb_demo();
	char *login = login_for(owner, "uniq");
	account_create(owner, login, "caseworker", "HR");
	char *code = testdb_value(owner, "SELECT code FROM iedesk.student_case WHERE id = 15");
	PGconn *conn = connect_as(PQdb(owner), login);
	const char *params[] = { code };
	PGresult *res = PQexecParams(conn, "INSERT INTO iedesk.student_case (school_id, code, need_category)"
		" VALUES (1, $1, 'autism')", 1, NULL, params, NULL, NULL, 0);
	struct db_error err = { 0 };
	db_error_explain(&err, res);
	PQclear(res);
	ck_assert_msg(strstr(err.message, "already used") && !strstr(err.message, code), "%s", err.message);
	res = PQexec(conn, "INSERT INTO iedesk.student_case (id, school_id, code, need_category)"
		" VALUES (15, 1, 'TAP-UNIQ', 'autism')");
	db_error_explain(&err, res);
	PQclear(res);
	ck_assert_msg(strstr(err.message, "already") && !strstr(err.message, "15"), "%s", err.message);
	PQfinish(conn);
	free(code);
	free(login);
	PQfinish(owner);
}
END_TEST

/* Logged in as themselves (pgTAP's SET ROLE keeps the superuser's session_user): the case worker of the
 * receiving district accepts a transfer (0030; 0029's function refused everyone), and a case worker who
 * names another login to the read log's function is not taken for it. */
START_TEST(case_transfer_as_logins)
{
	PGconn *owner = testdb_demo();
	char *hr = login_for(owner, "xfer_hr"), *my = login_for(owner, "xfer_my");
	account_create(owner, hr, "caseworker", "HR");
	account_create(owner, my, "caseworker", "MY");
	PGconn *hr_conn = connect_as(PQdb(owner), hr), *my_conn = connect_as(PQdb(owner), my);
	ck_assert_int_eq(testdb_count(hr_conn, "SELECT count(*) FROM iedesk.case_transfer_incoming"), 0);
	ck_assert_str_eq(testdb_try(hr_conn, "SELECT iedesk.case_transfer_decide(1, true)", NULL), "42501");
	ck_assert_str_eq(testdb_try(hr_conn, "SELECT iedesk.case_seen(15, $1)", my, NULL), "");
	ck_assert_int_eq(testdb_count(hr_conn, "SELECT iedesk.case_seen(15, '' || current_user)::int"), 0);
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND row_id = 15"),
		0);
	char *code = testdb_value(my_conn, "SELECT code FROM iedesk.case_transfer_incoming");
	ck_assert_str_eq(code, "HR-2025-0047");
	free(code);
	ck_assert_str_eq(testdb_try(my_conn, "SELECT iedesk.case_transfer_decide(1, true)", NULL), "");
	ck_assert_int_eq(testdb_count(my_conn, "SELECT school_id FROM iedesk.student_case WHERE id = 14"), 101);
	ck_assert_int_eq(testdb_count(hr_conn, "SELECT count(*) FROM iedesk.student_case WHERE id = 14"), 0);
	ck_assert_int_eq(testdb_count(owner, "SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND row_id = 14"
		" AND login = (SELECT decided_by FROM iedesk.case_transfer WHERE id = 1)"), 1);
	PQfinish(my_conn);
	PQfinish(hr_conn);
	free(my);
	free(hr);
	PQfinish(owner);
}
END_TEST

Suite *policies_suite(void)
{
	Suite *s = suite_create("policies");
	TCase *tc = tcase_create("policies");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pgtap_policies);
	tcase_add_test(tc, accounts_create_list_disable);
	tcase_add_test(tc, roles_as_data);
	tcase_add_test(tc, command_line_admin);
	tcase_add_test(tc, manager_writes_own_district);
	tcase_add_test(tc, secretary_writes_meetings_only);
	tcase_add_test(tc, staff_reads_every_pane);
	tcase_add_test(tc, disabled_session_under_createrole_owner);
	tcase_add_test(tc, unique_case_key_not_repeated);
	tcase_add_test(tc, case_transfer_as_logins);
	suite_add_tcase(s, tc);
	return s;
}
