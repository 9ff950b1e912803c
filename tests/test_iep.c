/* test_iep: `iedesk iep` (db/iep.c) and the case workers' exports (cases, case-due): the demo IEP of
 * HR-2026-0001 byte for byte in both formats and languages, who may print it (a case worker of its district;
 * not a manager, not another district's case worker), versions and drafts, output files, the audit row a
 * print adds, and the exports' rows, order, audit and refusal. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define CASE_READS "SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND table_name = 'student_case'"

/* ---- helpers ---- */

/* A migrated database with the demo, and a login of this test's own in a role (logins are cluster-wide,
 * the database is the test's): its name, allocated. */
static char *login_in(PGconn *owner, const char *prefix, const char *role, const char *district)
{
	char *login = xasprintf("%s_%s", prefix, PQdb(owner));
	const char *state = testdb_try(owner, "SELECT iedesk.account_create($1, $2, $3)", login, role, district, NULL);
	ck_assert_msg(!*state, "account_create %s: %s", login, state);
	return login;
}

#define MAX_ARGS 12

/* The program run as login with the arguments (NULL-terminated, at most MAX_ARGS); its exit status, its
 * output (stdout and stderr) in out. */
static int run_as_list(const char *db, const char *login, char **out, va_list ap)
{
	const char *a[MAX_ARGS + 1] = { NULL };
	for (int i = 0; i < MAX_ARGS && (a[i] = va_arg(ap, const char *)); i++)
		continue;
	char *old = getenv("PGUSER") ? xstrdup(getenv("PGUSER")) : NULL;
	setenv("PGUSER", login, 1);
	int rc = testdb_run_program(db, NULL, out, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
		a[11], NULL);
	if (old)
		setenv("PGUSER", old, 1);
	else
		unsetenv("PGUSER");
	free(old);
	return rc;
}

static int run_as(const char *db, const char *login, char **out, ...)
{
	va_list ap;
	va_start(ap, out);
	int rc = run_as_list(db, login, out, ap);
	va_end(ap);
	return rc;
}

/* The same run, which must succeed: its output, allocated. */
static char *ok_as(const char *db, const char *login, ...)
{
	char *out;
	va_list ap;
	va_start(ap, login);
	int rc = run_as_list(db, login, &out, ap);
	va_end(ap);
	ck_assert_msg(rc == 0, "exit %d: %s", rc, out);
	return out;
}

#define RUN_AS(db, login, out, ...) run_as(db, login, out, __VA_ARGS__, (const char *)NULL)
#define OK_AS(db, login, ...) ok_as(db, login, __VA_ARGS__, (const char *)NULL)

static size_t count_of(const char *text, const char *what)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* The first cells of a CSV's records after the header, as "a,b,c" (cells hold no comma here). */
static char *first_cells(const char *csv)
{
	char *out = xstrdup("");
	const char *line = strstr(csv, "\r\n");
	for (line = line ? line + 2 : csv + strlen(csv); *line;) {
		const char *end = strstr(line, "\r\n");
		size_t len = strcspn(line, ",\r");
		char *next = xasprintf("%s%s%.*s", out, *out ? "," : "", (int)len, line);
		free(out);
		out = next;
		if (!end)
			break;
		line = end + 2;
	}
	return out;
}

/* ---- the demo IEP, byte for byte ---- */

static void check_expected(const char *format, const char *language, const char *name)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "iepcw", "caseworker", "HR");
	char *got = language ? OK_AS(PQdb(owner), worker, "--lang", language, "iep", "HR-2026-0001", "--format", format)
		: OK_AS(PQdb(owner), worker, "iep", "HR-2026-0001", "--format", format);
	char *relative = xasprintf("tests/expected/%s.%s", name, format);
	char *path = testdb_source_path(relative);
	char *want = testdb_read_file(path);
	if (strcmp(got, want) != 0) {
		size_t i = 0;
		while (got[i] && got[i] == want[i])
			i++;
		ck_abort_msg("%s differs from %s at byte %zu: got [%.80s] want [%.80s]", format, relative, i, got + i,
			want + i);
	}
	ck_assert_ptr_null(testdb_control_in(got));
	free(want);
	free(path);
	free(relative);
	free(got);
	free(worker);
	PQfinish(owner);
}

START_TEST(test_iep_expected_md)
{
	check_expected("md", NULL, "iep-HR-2026-0001");
}
END_TEST

START_TEST(test_iep_expected_txt)
{
	check_expected("txt", NULL, "iep-HR-2026-0001");
}
END_TEST

START_TEST(test_iep_expected_zh_md)
{
	check_expected("md", "zh_CN", "iep-HR-2026-0001.zh_CN");
}
END_TEST

START_TEST(test_iep_expected_zh_txt)
{
	check_expected("txt", "zh_CN", "iep-HR-2026-0001.zh_CN");
}
END_TEST

/* Whatever the expected files say, the print holds every member, goal, objective, accommodation and
 * service of the IEP as the database has them. */
START_TEST(test_iep_complete)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "iepall", "caseworker", "HR");
	char *md = OK_AS(PQdb(owner), worker, "iep", "HR-2026-0001");
	static const char *const parts[] = {
		"SELECT name FROM iedesk.iep_member WHERE iep_id = 1",
		"SELECT goal FROM iedesk.iep_goal WHERE iep_id = 1",
		("SELECT o.objective || ' | ' || o.measure FROM iedesk.iep_objective o JOIN iedesk.iep_goal g"
		" ON g.id = o.goal_id WHERE g.iep_id = 1"),
		"SELECT detail FROM iedesk.iep_accommodation WHERE iep_id = 1",
		"SELECT provider || ' | ' || sessions_per_week || ' | ' || minutes FROM iedesk.iep_service WHERE iep_id = 1",
	};
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		PGresult *res = PQexec(owner, parts[k]);
		ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
		ck_assert_int_gt(PQntuples(res), 0);
		for (int i = 0; i < PQntuples(res); i++)
			ck_assert_msg(strstr(md, PQgetvalue(res, i, 0)), "the IEP lacks '%s':\n%s", PQgetvalue(res, i, 0), md);
		PQclear(res);
	}
	ck_assert_msg(!strstr(md, "DRAFT"), "%s", md);
	free(md);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* ---- who may print, and the audit ---- */

/* One print is one read of the case in the audit log, by the case worker's login; nothing else is read. */
START_TEST(test_iep_audited)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "iepaud", "caseworker", "HR");
	long before = testdb_count(owner, CASE_READS), before_one = testdb_count(owner, CASE_READS " AND row_id = 1");
	char *md = OK_AS(PQdb(owner), worker, "iep", "HR-2026-0001", "--format", "txt");
	ck_assert_int_eq(testdb_count(owner, CASE_READS), before + 1);
	ck_assert_int_eq(testdb_count(owner, CASE_READS " AND row_id = 1"), before_one + 1);
	char *sql = xasprintf("SELECT count(*) FROM iedesk.audit_log WHERE action = 'read' AND row_id = 1"
		" AND table_name = 'student_case' AND login = '%s'", worker);
	ck_assert_int_eq(testdb_count(owner, sql), 1);
	free(sql);
	free(md);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* A manager of the case's district reads no case (the database refuses: a sentence, exit 1); a case worker
 * of another district is told no case of theirs has the code, as for a code nobody has; neither is a read. */
START_TEST(test_iep_refused)
{
	PGconn *owner = testdb_demo();
	char *manager = login_in(owner, "iepmgr", "manager", "HR");
	char *other = login_in(owner, "iepmy", "caseworker", "MY");
	long before = testdb_count(owner, CASE_READS);
	char *out;
	ck_assert_int_eq(RUN_AS(PQdb(owner), manager, &out, "iep", "HR-2026-0001"), 1);
	ck_assert_str_eq(out, "iedesk: only the case workers of a district see its student cases; everyone else sees how"
		" many there are\n");
	free(out);
	ck_assert_int_eq(RUN_AS(PQdb(owner), other, &out, "iep", "HR-2026-0001", "-o", "/dev/null"), 1);
	ck_assert_str_eq(out, "iedesk: no case you may read has the code HR-2026-0001\n");
	free(out);
	ck_assert_int_eq(RUN_AS(PQdb(owner), other, &out, "iep", "NO-SUCH-CODE"), 1);
	ck_assert_str_eq(out, "iedesk: no case you may read has the code NO-SUCH-CODE\n");
	free(out);
	/* their own district's case they read (it has no IEP yet): the read is logged even so */
	ck_assert_int_eq(RUN_AS(PQdb(owner), other, &out, "iep", "MY-2026-0001"), 1);
	ck_assert_str_eq(out, "iedesk: case MY-2026-0001 has no IEP yet\n");
	free(out);
	ck_assert_int_eq(testdb_count(owner, CASE_READS), before + 1);
	ck_assert_int_eq(testdb_count(owner, CASE_READS " AND row_id = 15"), 1);
	ck_assert_int_eq(testdb_count(owner, CASE_READS " AND row_id = 1"), 0);
	free(other);
	free(manager);
	PQfinish(owner);
}
END_TEST

/* ---- versions and drafts ---- */

START_TEST(test_iep_versions)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "iepver", "caseworker", "HR");
	const char *db = PQdb(owner);
	/* the latest final IEP by default */
	char *latest = OK_AS(db, worker, "iep", "HR-2026-0003");
	ck_assert_msg(strstr(latest, "- **Plan:** version 2, finalised on 2026-09-06 by 张海燕\n"), "%s", latest);
	ck_assert_msg(strstr(latest, "能用简单句回答问题") && !strstr(latest, "superseded"), "%s", latest);
	ck_assert_msg(strstr(latest, "- IEP review: 2026-11-30\n"), "%s", latest);
	/* --number 1: the first version, said to be superseded, with its own parts */
	char *first = OK_AS(db, worker, "iep", "HR-2026-0003", "--number", "1");
	ck_assert_msg(strstr(first, "- **Plan:** version 1, finalised on 2026-01-08 by 张海燕; superseded by version 2\n"),
		"%s", first);
	ck_assert_msg(strstr(first, "能跟随视觉日程完成常规活动。") && strstr(first, "能按视觉日程过渡到下一活动")
		&& !strstr(first, "能用简单句回答问题"), "%s", first);
	ck_assert_msg(strstr(first, "\n- IEP review: 2026-05-30 (held on 2026-05-28)\n"), "%s", first);
	char *first_txt = OK_AS(db, worker, "iep", "HR-2026-0003", "--number", "1", "--format", "txt");
	ck_assert_msg(strstr(first_txt, "superseded by\n                version 2\n"), "%s", first_txt);
	free(first_txt);
	/* the current plan's review past its date says by how much */
	char *overdue = OK_AS(db, worker, "iep", "HR-2026-0005");
	ck_assert_msg(strstr(overdue, "- IEP review: 2026-11-15 (9 days overdue)\n"), "%s", overdue);
	/* no such version, no IEP at all */
	char *out;
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0003", "--number", "3"), 1);
	ck_assert_str_eq(out, "iedesk: case HR-2026-0003 has no final IEP numbered 3\n");
	free(out);
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0009"), 1);
	ck_assert_str_eq(out, "iedesk: case HR-2026-0009 has no IEP yet\n");
	free(out);
	/* a case with only a draft prints it, marked in both formats and languages; --number asks for a final one */
	char *draft = OK_AS(db, worker, "iep", "HR-2026-0008");
	ck_assert_msg(!strncmp(draft, "**DRAFT — not final**\n\n# Individualised education plan: HR-2026-0008\n", 70),
		"%.100s", draft);
	ck_assert_msg(strstr(draft, "- **Plan:** draft, not final\n"), "%s", draft);
	char *draft_txt = OK_AS(db, worker, "--lang", "zh_CN", "iep", "HR-2026-0008", "--format", "txt");
	ck_assert_msg(!strncmp(draft_txt, "草稿，尚未定稿\n\n个别化教育计划（HR-2026-0008）\n", 60), "%.100s", draft_txt);
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0008", "--number", "1"), 1);
	ck_assert_str_eq(out, "iedesk: case HR-2026-0008 has no final IEP numbered 1\n");
	free(out);
	free(draft_txt);
	free(draft);
	free(overdue);
	free(first);
	free(latest);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* Stored text is shown, never obeyed: Markdown cannot open a block, a terminal's controls show as '?'. */
START_TEST(test_iep_escaping)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "iepesc", "caseworker", "HR");
	testdb_exec(owner, "UPDATE iedesk.iep SET present_levels = E'# not a heading\\n| not | a table |\\n\\x1b[2Jclear' WHERE id = 11;"
		"INSERT INTO iedesk.iep_goal (iep_id, area, goal) VALUES (11, 'other', E'*stars* and `code`\\x07')");
	char *md = OK_AS(PQdb(owner), worker, "iep", "HR-2026-0008");
	ck_assert_ptr_null(testdb_control_in(md));
	ck_assert_msg(strstr(md, "\\# not a heading\n\n\\| not \\| a table \\|\n\n?\\[2Jclear\n"), "%s", md);
	ck_assert_msg(strstr(md, "### Goal 2 (other): \\*stars\\* and \\`code\\`?\n"), "%s", md);
	ck_assert_msg(strstr(md, "## 3. Annual goals and short-term objectives\n"), "%s", md);
	char *txt = OK_AS(PQdb(owner), worker, "iep", "HR-2026-0008", "--format", "txt");
	ck_assert_ptr_null(testdb_control_in(txt));
	free(txt);
	free(md);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* ---- the command line and the output file ---- */

START_TEST(test_iep_usage)
{
	PGconn *owner = testdb_demo();
	const char *db = PQdb(owner);
	char *out;
	struct {
		const char *args[6];
		const char *said;
	} cases[] = {
		{ { "iep" }, "the IEP of which case? Give its code" },
		{ { "iep", "HR-2026-0001", "--number", "0" }, "--number takes an IEP's version, a number from 1, not '0'" },
		{ { "iep", "HR-2026-0001", "--number", "1x" }, "--number takes an IEP's version" },
		{ { "iep", "HR-2026-0001", "--format", "pdf" }, "unknown format 'pdf': use md or txt" },
		{ { "minutes", "1", "--number", "1" }, "--number goes with 'iep'" },
		{ { "export", "cases", "--format", "md" }, "--format goes with 'minutes', 'iep' or 'report'" },
		{ { "migrate", "-o", "x" }, "--output goes with 'export', 'minutes', 'iep' or 'report'" },
		{ { "iep", "HR-2026-0001", "extra" }, "unexpected argument 'extra'" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const *a = cases[i].args;
		int rc = testdb_run_program(db, NULL, &out, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
		ck_assert_msg(rc == 2 && strstr(out, cases[i].said), "case %zu: exit %d: %s", i, rc, out);
		free(out);
	}
	/* --today works for it as for the minutes */
	char *worker = login_in(owner, "iepday", "caseworker", "HR");
	char *later = OK_AS(db, worker, "--today", "2027-01-20", "iep", "HR-2026-0001");
	ck_assert_msg(strstr(later, "- IEP review: 2027-01-15 (5 days overdue)\n"), "%s", later);
	free(later);
	free(worker);
	PQfinish(owner);
}
END_TEST

START_TEST(test_iep_output_file)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "iepout", "caseworker", "HR");
	const char *db = PQdb(owner);
	char template[] = "/tmp/iedesk-iep-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	char *path = xasprintf("%s/iep.md", template);
	char *out;
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0001", "-o", path), 0);
	ck_assert_str_eq(out, "");
	free(out);
	char *written = testdb_read_file(path);
	char *shown = OK_AS(db, worker, "iep", "HR-2026-0001");
	ck_assert_str_eq(written, shown);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0007, 0);   /* a child's plan: nothing for others */
	/* a failed print leaves the file as it was, and no temporary file beside it */
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0009", "--output", path), 1);
	free(out);
	char *kept = testdb_read_file(path);
	ck_assert_str_eq(kept, written);
	free(kept);
	/* a symbolic link to someone else's file is refused, and the file it points to untouched */
	char *theirs = xasprintf("%s/theirs.txt", template), *link_path = xasprintf("%s/link.md", template);
	FILE *f = fopen(theirs, "w");
	fputs("theirs\n", f);
	fclose(f);
	ck_assert_int_eq(symlink(theirs, link_path), 0);
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0001", "-o", link_path), 1);
	ck_assert_msg(strstr(out, "symbolic link"), "%s", out);
	free(out);
	char *text = testdb_read_file(theirs);
	ck_assert_str_eq(text, "theirs\n");
	free(text);
	ck_assert_int_eq(lstat(link_path, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	/* a device is written into and stays one (-o /dev/null never becomes a file) */
	char *device = xasprintf("%s/null", template);
	if (mknod(device, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		free(device);
		device = xstrdup("/dev/null");
	}
	ck_assert_int_eq(RUN_AS(db, worker, &out, "iep", "HR-2026-0001", "-o", device), 0);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_int_eq(lstat(device, &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	char *cmd = xasprintf("ls -A '%s'", template);
	FILE *p = popen(cmd, "r");
	char listing[256] = "";
	size_t n = fread(listing, 1, sizeof(listing) - 1, p);
	listing[n] = '\0';
	pclose(p);
	ck_assert_msg(!strstr(listing, "\n.") && listing[0] != '.', "a temporary file was left: %s", listing);
	if (strcmp(device, "/dev/null") != 0)
		unlink(device);
	unlink(link_path);
	unlink(theirs);
	unlink(path);
	rmdir(template);
	free(cmd);
	free(device);
	free(link_path);
	free(theirs);
	free(shown);
	free(written);
	free(path);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* ---- the case workers' exports ---- */

/* Every case of the district, in code order, each a logged read; a manager is refused in a sentence. */
START_TEST(test_export_cases)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "expcw", "caseworker", "HR");
	char *manager = login_in(owner, "expmgr", "manager", "HR");
	const char *db = PQdb(owner);
	long before = testdb_count(owner, CASE_READS);
	char *csv = OK_AS(db, worker, "export", "cases", "--no-bom");
	ck_assert_msg(!strncmp(csv, "Case code,District code,School code,School,Need category,Identification,Placement,"
		"Status,Next due,Due\r\n", 96), "%.120s", csv);
	ck_assert_msg(strstr(csv, "\r\nHR-2026-0001,HR,HR-001,怀柔区第一小学,autism,confirmed,resource-classroom,open,,\r\n"),
		"%s", csv);
	ck_assert_msg(strstr(csv, "\r\nHR-2026-0005,HR,HR-013,北房镇中心小学,intellectual,confirmed,resource-classroom,"
		"open,iep-review,2026-11-15\r\n"), "%s", csv);
	char *codes = first_cells(csv);
	char *want = testdb_value(owner, "SELECT string_agg(c.code, ',' ORDER BY c.code) FROM iedesk.student_case c"
		" JOIN iedesk.school s ON s.id = c.school_id JOIN iedesk.district d ON d.id = s.district_id WHERE d.code = 'HR'");
	ck_assert_str_eq(codes, want);
	long exported = (long)count_of(csv, "\r\n") - 1;
	ck_assert_int_eq(exported, 14);
	/* one read a case exported, none of another district */
	ck_assert_int_eq(testdb_count(owner, CASE_READS), before + exported);
	ck_assert_int_eq(testdb_count(owner, CASE_READS " AND row_id IN (15, 16)"), 0);
	/* the filter's cases only, and only they are read */
	char *one = OK_AS(db, worker, "export", "cases", "--no-bom", "--filter", "0002");
	ck_assert_int_eq((long)count_of(one, "\r\n"), 2);
	ck_assert_int_eq(testdb_count(owner, CASE_READS), before + exported + 1);
	/* in Chinese, words for the codes */
	char *zh = OK_AS(db, worker, "--lang", "zh_CN", "export", "cases", "--district", "HR");
	ck_assert_msg(strstr(zh, "学生代码,") && strstr(zh, ",孤独症,已认定,资源教室,"), "%s", zh);
	char *other = OK_AS(db, worker, "export", "cases", "--district", "MY", "--no-bom");
	ck_assert_int_eq((long)count_of(other, "\r\n"), 1);
	/* a manager, a case worker's lists: refused, and no file made */
	char *out;
	ck_assert_int_eq(RUN_AS(db, manager, &out, "export", "cases", "-o", "/dev/null"), 1);
	ck_assert_str_eq(out, "iedesk: only the case workers of a district see its student cases; everyone else sees how"
		" many there are\n");
	free(out);
	free(other);
	free(zh);
	free(one);
	free(want);
	free(codes);
	free(csv);
	free(manager);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* The review backlog: what 0029's case_due_each has due within 30 days or overdue, most overdue first. */
START_TEST(test_export_case_due)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "duecw", "caseworker", "HR");
	char *manager = login_in(owner, "duemgr", "manager", "HR");
	const char *db = PQdb(owner);
	char *csv = OK_AS(db, worker, "export", "case-due", "--no-bom");
	ck_assert_msg(!strncmp(csv, "Case code,District code,School code,School,What is due,Due,Days overdue\r\n"
		"HR-2026-0004,HR,HR-003,怀柔区第三小学,decision,2026-11-11,13\r\n"
		"HR-2026-0005,HR,HR-013,北房镇中心小学,iep-review,2026-11-15,9\r\n"
		"HR-2026-0002,HR,HR-001,怀柔区第一小学,decision,2026-11-19,5\r\n"
		"HR-2026-0011,HR,HR-028,九渡河镇中心小学,decision,2026-11-27,\r\n", 300), "%s", csv);
	char *codes = first_cells(csv);
	char *want = testdb_value(owner, "SELECT string_agg(c.code, ',' ORDER BY e.due_on, e.due, c.code)"
		" FROM iedesk.case_due_each e JOIN iedesk.student_case c ON c.id = e.case_id"
		" JOIN iedesk.district d ON d.id = e.district_id WHERE d.code = 'HR' AND e.due_on <= iedesk.today() + 30");
	ck_assert_str_eq(codes, want);
	/* the filter */
	char *one = OK_AS(db, worker, "export", "case-due", "--no-bom", "--filter", "0005");
	ck_assert_int_eq((long)count_of(one, "\r\n"), 3);
	ck_assert_int_eq((long)count_of(one, "HR-2026-0005,"), 2);
	char *out;
	ck_assert_int_eq(RUN_AS(db, manager, &out, "export", "case-due"), 1);
	ck_assert_msg(strstr(out, "iedesk: only the case workers of a district see its student cases"), "%s", out);
	free(out);
	free(one);
	free(want);
	free(codes);
	free(csv);
	free(manager);
	free(worker);
	PQfinish(owner);
}
END_TEST

/* A code a spreadsheet would run as a formula is written with its leading ', as every export does. */
START_TEST(test_export_cases_formula)
{
	PGconn *owner = testdb_demo();
	char *worker = login_in(owner, "fmlcw", "caseworker", "HR");
	testdb_exec(owner, "INSERT INTO iedesk.student_case (school_id, code, need_category) VALUES"
		" (1, '=HYPERLINK(\"http://x\")', 'other'), (1, '@SUM(A1)', 'other')");
	char *csv = OK_AS(PQdb(owner), worker, "export", "cases", "--no-bom");
	ck_assert_msg(strstr(csv, "\r\n\"'=HYPERLINK(\"\"http://x\"\")\",HR,") && strstr(csv, "\r\n'@SUM(A1),HR,"), "%s",
		csv);
	free(csv);
	free(worker);
	PQfinish(owner);
}
END_TEST

Suite *iep_suite(void)
{
	Suite *s = suite_create("iep");
	TCase *iep = tcase_create("iep");
	tcase_set_timeout(iep, 60);
	tcase_add_test(iep, test_iep_expected_md);
	tcase_add_test(iep, test_iep_expected_txt);
	tcase_add_test(iep, test_iep_expected_zh_md);
	tcase_add_test(iep, test_iep_expected_zh_txt);
	tcase_add_test(iep, test_iep_complete);
	tcase_add_test(iep, test_iep_audited);
	tcase_add_test(iep, test_iep_refused);
	tcase_add_test(iep, test_iep_versions);
	tcase_add_test(iep, test_iep_escaping);
	tcase_add_test(iep, test_iep_usage);
	tcase_add_test(iep, test_iep_output_file);
	suite_add_tcase(s, iep);
	TCase *exports = tcase_create("case exports");
	tcase_set_timeout(exports, 60);
	tcase_add_test(exports, test_export_cases);
	tcase_add_test(exports, test_export_case_due);
	tcase_add_test(exports, test_export_cases_formula);
	suite_add_tcase(s, exports);
	return s;
}
