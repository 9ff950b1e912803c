/* test_export: CSV exports (db/export.c and `iedesk export`) and the Manager gaps list (db/list.c):
 * quoting, every kind through the real program against the demo with "today" fixed at 2026-11-24,
 * district and filter, atomic output files, exit codes, progress, streaming a 5,000-school set in
 * flat memory, an interrupted export, and the gaps list's rows and keyset windows. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TODAY TESTDB_TODAY
#define ALL 100000

/* ---- helpers ---- */

/* What db_csv_write_field writes for these fields, as one record. */
static char *csv_of(int n, const char *const *fields)
{
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < n; i++)
		db_csv_write_field(f, fields[i], i == 0);
	db_csv_end_row(f);
	long size = ftell(f);
	rewind(f);
	char *text = xmalloc((size_t)size + 1);
	ck_assert_uint_eq(fread(text, 1, (size_t)size, f), (size_t)size);
	text[size] = '\0';
	fclose(f);
	return text;
}

static void write_whole_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A parsed CSV text: records of fields; an unquoted empty field is NULL, a quoted one "". */
struct csv {
	size_t count;
	size_t *nfields;
	char ***fields;
};

static void csv_done(struct csv *csv)
{
	for (size_t r = 0; r < csv->count; r++) {
		for (size_t f = 0; f < csv->nfields[r]; f++)
			free(csv->fields[r][f]);
		free(csv->fields[r]);
	}
	FREE(&csv->fields);
	FREE(&csv->nfields);
	csv->count = 0;
}

/* Parse strictly as RFC 4180 with CRLF record ends: a bare CR or LF outside quotes, a quote inside an
 * unquoted field, or a missing final CRLF fails the test (through ck_abort_msg only: Check records
 * every passing assertion, too slow once a byte). */
static void csv_parse(const char *text, struct csv *csv)
{
	memset(csv, 0, sizeof(*csv));
	size_t cap = 0;
	const char *p = text;
	while (*p) {
		if (csv->count == cap) {
			cap = cap ? cap * 2 : 64;
			csv->fields = xrealloc(csv->fields, cap * sizeof(*csv->fields));
			csv->nfields = xrealloc(csv->nfields, cap * sizeof(*csv->nfields));
		}
		size_t n = 0, fcap = 8;
		char **fields = xmalloc(fcap * sizeof(*fields));
		for (;;) {
			size_t len = 0, vcap = 32;
			char *value = xmalloc(vcap);
			bool quoted = *p == '"';
			if (quoted) {
				for (p++;; p++) {
					if (!*p)
						ck_abort_msg("record %zu: unterminated quoted field", csv->count + 1);
					if (*p == '"') {
						if (p[1] != '"')
							break;
						p++;
					}
					if (len + 2 > vcap)
						value = xrealloc(value, vcap *= 2);
					value[len++] = *p;
				}
				p++;
			} else {
				for (; *p && *p != ',' && *p != '\r' && *p != '\n'; p++) {
					if (*p == '"')
						ck_abort_msg("record %zu: a quote in an unquoted field", csv->count + 1);
					if (len + 2 > vcap)
						value = xrealloc(value, vcap *= 2);
					value[len++] = *p;
				}
			}
			value[len] = '\0';
			if (!quoted && !len)
				FREE(&value);
			if (n == fcap)
				fields = xrealloc(fields, (fcap *= 2) * sizeof(*fields));
			fields[n++] = value;
			if (*p == ',') {
				p++;
				continue;
			}
			if (p[0] != '\r' || p[1] != '\n')
				ck_abort_msg("record %zu does not end with CRLF: %.40s", csv->count + 1, p);
			p += 2;
			break;
		}
		csv->fields[csv->count] = fields;
		csv->nfields[csv->count] = n;
		csv->count++;
	}
}

/* Every record as wide as the header; the number of data records. */
static size_t csv_rows(const struct csv *csv, size_t width)
{
	ck_assert_uint_ge(csv->count, 1);
	for (size_t r = 0; r < csv->count; r++)
		if (csv->nfields[r] != width)
			ck_abort_msg("record %zu has %zu fields, the header %zu", r + 1, csv->nfields[r], width);
	return csv->count - 1;
}

/* The data record whose field col equals value. */
static char **csv_find(const struct csv *csv, size_t col, const char *value)
{
	for (size_t r = 1; r < csv->count; r++)
		if (csv->fields[r][col] && !strcmp(csv->fields[r][col], value))
			return csv->fields[r];
	ck_abort_msg("no record with %s in field %zu", value, col);
	return NULL;
}

static void ck_fields(char **got, int n, const char *const *want)
{
	for (int i = 0; i < n; i++) {
		if (!want[i])
			ck_assert_msg(!got[i], "field %d: want NULL, got \"%s\"", i, got[i]);
		else
			ck_assert_msg(got[i] && !strcmp(got[i], want[i]), "field %d: want \"%s\", got \"%s\"", i,
				want[i], got[i] ? got[i] : "(NULL)");
	}
}

/* A migrated database with the demo; today fixed for the session and for the program. */
static char *demo_db(PGconn **conn)
{
	char *name = testdb_create_migrated();
	*conn = testdb_connect(name);
	testdb_load_demo(*conn);
	testdb_exec(*conn, "SET iedesk.today = '" TODAY "'");
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	return name;
}

/* Export kind (with extra arguments) to standard output; must succeed; parsed into csv. */
static void export_ok(const char *db, struct csv *csv, const char *kind, const char *a1, const char *a2,
		const char *a3, const char *a4)
{
	char *out;
	int rc = testdb_run_program(db, NULL, &out, "export", kind, a1, a2, a3, a4, NULL);
	ck_assert_msg(rc == 0, "export %s: exit %d: %s", kind, rc, out);
	csv_parse(out, csv);
	free(out);
}

static char *make_temp_dir(void)
{
	char template[] = "/tmp/iedesk-export-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	return xstrdup(template);
}

static void remove_dir(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* The names in dir, sorted, "a|b". */
static char *dir_listing(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | tr '\\n' '|'", dir);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	char buf[1024] = "";
	size_t n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	pclose(p);
	free(cmd);
	return xstrdup(buf);
}

/* ---- CSV ---- */

START_TEST(test_csv_quoting)
{
	struct { const char *value, *csv; } cases[] = {
		{ "plain", "plain\r\n" },
		{ "a,b", "\"a,b\"\r\n" },
		{ "say \"hi\"", "\"say \"\"hi\"\"\"\r\n" },
		{ "\"", "\"\"\"\"\r\n" },
		{ "line\rbreak", "\"line\rbreak\"\r\n" },
		{ "line\nbreak", "\"line\nbreak\"\r\n" },
		{ "a\r\nb", "\"a\r\nb\"\r\n" },
		{ "怀柔区第一小学", "怀柔区第一小学\r\n" },
		{ "怀柔，区", "怀柔，区\r\n" },   /* a full-width comma is not a separator */
		{ " spaced ", " spaced \r\n" },
		{ "", "\"\"\r\n" },
		{ NULL, "\r\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = csv_of(1, &cases[i].value);
		ck_assert_msg(!strcmp(got, cases[i].csv), "case %zu: got [%s] want [%s]", i, got, cases[i].csv);
		free(got);
	}
	const char *row[] = { "HR", NULL, "", "a,\"b\"\nc", "怀柔区" };
	char *got = csv_of(5, row);
	ck_assert_str_eq(got, "HR,,\"\",\"a,\"\"b\"\"\nc\",怀柔区\r\n");
	/* and it reads back the same, NULL and "" apart */
	struct csv csv;
	csv_parse(got, &csv);
	ck_assert_uint_eq(csv.count, 1);
	ck_assert_uint_eq(csv.nfields[0], 5);
	ck_fields(csv.fields[0], 5, row);
	csv_done(&csv);
	free(got);
}
END_TEST

START_TEST(test_export_kinds)
{
	const char *names[] = { "districts", "schools", "consortia", "managers", "manager-gaps", "meetings",
		"action-items", "inspections", "findings", "backlog", "cases", "case-due", "regions", "alliances",
		"alliance-members", "partners", "partnerships", "activities" };
	ck_assert_int_eq(DB_EXPORT_COUNT, 18);
	for (int k = 0; k < DB_EXPORT_COUNT; k++) {
		enum db_export_kind kind = DB_EXPORT_COUNT;
		ck_assert_str_eq(db_export_name(k), names[k]);
		ck_assert(db_export_lookup(names[k], &kind));
		ck_assert_int_eq(kind, k);
		ck_assert_ptr_nonnull(strstr(db_export_kinds_text(), names[k]));
	}
	enum db_export_kind kind;
	ck_assert(!db_export_lookup("Schools", &kind));
	ck_assert(!db_export_lookup("trainings", &kind));
	ck_assert(!db_export_lookup("", &kind));
	ck_assert(!db_export_lookup(NULL, &kind));
	ck_assert_ptr_null(db_export_name(DB_EXPORT_COUNT));
	ck_assert_str_eq(db_export_kinds_text(), "districts, schools, consortia, managers, manager-gaps, meetings,"
		" action-items, inspections, findings, backlog, cases, case-due, regions, alliances, alliance-members,"
		" partners, partnerships or activities");

	/* a pane exports what it lists */
	ck_assert(db_export_for_list(DB_LIST_DISTRICTS, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_DISTRICTS);
	ck_assert(db_export_for_list(DB_LIST_SCHOOLS, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_SCHOOLS);
	ck_assert(db_export_for_list(DB_LIST_MANAGERS, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_MANAGERS);
	ck_assert(db_export_for_list(DB_LIST_MANAGER_GAPS, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_MANAGER_GAPS);
	ck_assert(db_export_for_list(DB_LIST_MEETINGS, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_MEETINGS);
	ck_assert(db_export_for_list(DB_LIST_INSPECTIONS, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_INSPECTIONS);
	ck_assert(db_export_for_list(DB_LIST_BACKLOG, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_BACKLOG);
	ck_assert(db_export_for_list(DB_LIST_BACKLOG_OF_DISTRICT, &kind));
	ck_assert_int_eq(kind, DB_EXPORT_BACKLOG);
	ck_assert(!db_export_for_list(DB_LIST_BACKLOG_OF_SCHOOL, &kind));
	ck_assert(!db_export_for_list(DB_LIST_BACKLOG_BY_DISTRICT, &kind));
	ck_assert(!db_export_for_list(DB_LIST_REPORT_DISTRICTS, &kind));   /* `export report` instead */
	ck_assert(!db_export_for_list(DB_LIST_FINDINGS, &kind));
	ck_assert(!db_export_for_list(DB_LIST_TRAININGS, &kind));
}
END_TEST

/* ---- every kind through the program ---- */

START_TEST(test_export_every_kind)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct {
		const char *kind;
		const char *header;
		const char *count;
	} kinds[] = {
		{ "districts", "District code,District,Locale class,Schools,Resource classrooms,Resource centers,"
			"Autism bases,Vacancies", "SELECT count(*) FROM iedesk.district" },
		{ "schools", "District code,School code,School,English name,Stage,Sector,Locale,Resource classroom,"
			"Resource center,Autism base,Manager,Manager since,Address,Phone,Headteacher,Archived on",
			"SELECT count(*) FROM iedesk.school" },
		{ "consortia", "District code,Consortium code,Consortium,Kind,Lead school code,Lead school,Founded,"
			"Partner kind,Members,Shared resources,Archived on", "SELECT count(*) FROM iedesk.consortium" },
		{ "managers", "District code,School code,School,Manager,Phone,Email,Since,Workload,Trained,"
			"Vacant since", "SELECT count(*) FROM iedesk.school WHERE archived_at IS NULL" },
		/* every gap of a school a row: vacant, untrained, a turnover */
		{ "manager-gaps", "District code,School code,School,Gap,Manager,Since,Details",
			"SELECT sum((NOT EXISTS"
			" (SELECT 1 FROM iedesk.manager_appointment a WHERE a.school_id = s.id AND a.ended_on IS NULL))::int"
			" + (EXISTS (SELECT 1 FROM iedesk.manager_appointment a WHERE a.school_id = s.id"
			" AND a.ended_on IS NULL AND NOT EXISTS (SELECT 1 FROM iedesk.training_attendance t"
			" WHERE t.person_id = a.person_id)))::int"
			" + ((SELECT count(DISTINCT a.person_id) FROM iedesk.manager_appointment a WHERE a.school_id = s.id"
			" AND coalesce(a.ended_on, '" TODAY "') >= date '" TODAY "' - 730) > 1)::int)"
			" FROM iedesk.school s WHERE s.archived_at IS NULL" },
		{ "inspections", "Inspection,District code,School code,School,Kind,Action item,Finding,Planned,Visited,"
			"Inspector,Status,Closed on,Days overdue", "SELECT count(*) FROM iedesk.inspection" },
		{ "findings", "Finding,Inspection,District code,School,Severity,Text,Due,Resolved on,Days overdue,"
			"What was done",
			"SELECT count(*) FROM iedesk.finding" },
		{ "backlog", "Overdue days,Due,District code,School code,School,Kind,Status,Open findings,"
			"Worst open finding,Inspector,Planned", "SELECT count(*) FROM iedesk.inspection WHERE status <> 'closed'" },
	};
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		char *out;
		int rc = testdb_run_program(db, NULL, &out, "export", kinds[k].kind, NULL);
		ck_assert_msg(rc == 0, "export %s: exit %d: %s", kinds[k].kind, rc, out);
		/* UTF-8 with a byte order mark first, for Excel and WPS, then the header as it is */
		char *header = xasprintf("\xEF\xBB\xBF%s\r\n", kinds[k].header);
		ck_assert_msg(!strncmp(out, header, strlen(header)), "%s: header %.200s", kinds[k].kind, out);
		free(header);
		/* --no-bom: plain UTF-8 for scripts, otherwise the same bytes */
		char *plain;
		ck_assert_int_eq(testdb_run_program(db, NULL, &plain, "export", kinds[k].kind, "--no-bom", NULL), 0);
		ck_assert_str_eq(plain, out + 3);
		free(plain);
		struct csv csv;
		csv_parse(out, &csv);
		size_t rows = csv_rows(&csv, csv.nfields[0]);
		ck_assert_msg((long)rows == testdb_count(c, kinds[k].count), "%s: %zu rows, SQL counts %ld",
			kinds[k].kind, rows, testdb_count(c, kinds[k].count));
		ck_assert_uint_gt(rows, 0);
		csv_done(&csv);
		free(out);
	}
	/* the demo's gaps: 4 vacancies and a turnover in 怀柔区, 1 vacancy in 密云区, 2 in 滦平县 (0031), 7 untrained
	 * managers (the turnover's new one too: its school is two rows) */
	ck_assert_int_eq(testdb_count(c, kinds[4].count), 15);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_export_rows)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct csv csv;

	export_ok(db, &csv, "districts", NULL, NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 8), 3);
	const char *lp[] = { "LP", "滦平县", "rural", "2", "1", "1", "0", "2" };
	ck_fields(csv_find(&csv, 0, "LP"), 8, lp);
	const char *my[] = { "MY", "密云区", "rural", "5", "2", "2", "1", "1" };
	ck_fields(csv_find(&csv, 0, "MY"), 8, my);
	const char *hr[] = { "HR", "怀柔区", "suburban", "30", "18", "7", "2", "4" };
	ck_fields(csv_find(&csv, 0, "HR"), 8, hr);
	/* in the Districts pane's order: by name in pinyin (huairou, luanping, miyun) */
	ck_assert_str_eq(csv.fields[1][0], "HR");
	ck_assert_str_eq(csv.fields[2][0], "LP");
	ck_assert_str_eq(csv.fields[3][0], "MY");
	csv_done(&csv);

	export_ok(db, &csv, "schools", NULL, NULL, NULL, NULL);
	const char *special[] = { "HR", "HR-008", "怀柔区特殊教育学校", "Huairou Special Education School", "special",
		"public", "urban", "no", "yes", "yes", "董佳琪", "2025-09-01", "怀柔区雁栖大街6号", "010-6964 1056",
		"丁春燕", NULL };
	ck_fields(csv_find(&csv, 1, "HR-008"), 16, special);
	const char *vacant[] = { "HR", "HR-014", "北房镇中学", "Beifang Town Middle School", "junior", "public", "town",
		"no", "no", "no", NULL, NULL };
	ck_fields(csv_find(&csv, 1, "HR-014"), 12, vacant);
	ck_assert_ptr_null(csv_find(&csv, 1, "HR-004")[3]);   /* no English name: NULL, empty */
	/* archived schools are in, with the day they were archived */
	char **archived = csv_find(&csv, 1, "HR-031");
	ck_assert_ptr_nonnull(archived[15]);
	ck_assert_int_eq(strlen(archived[15]), 10);
	ck_assert_ptr_null(archived[10]);
	/* district by district in the Districts pane's order, each district's schools by name in pinyin:
	 * 怀柔区's 30 (宝山 baoshan, 北房镇中心 beifangzhenzhongxin before 北房镇中学 …zhongxue), 滦平县's 2, then 密云区's 5
	 * (不老屯 bulaotun first) */
	ck_assert_str_eq(csv.fields[1][0], "HR");
	ck_assert_str_eq(csv.fields[1][2], "宝山镇中心小学");
	ck_assert_str_eq(csv.fields[2][2], "北房镇中心小学");
	ck_assert_str_eq(csv.fields[csv.count - 8][0], "HR");
	ck_assert_str_eq(csv.fields[csv.count - 7][0], "LP");
	ck_assert_str_eq(csv.fields[csv.count - 6][0], "LP");
	ck_assert_str_eq(csv.fields[csv.count - 5][0], "MY");
	ck_assert_str_eq(csv.fields[csv.count - 5][2], "不老屯镇中学");
	ck_assert_str_eq(csv.fields[csv.count - 1][0], "MY");
	csv_done(&csv);

	export_ok(db, &csv, "consortia", NULL, NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 6);
	/* an alliance across districts (0031) has no district, and comes first */
	ck_assert_ptr_null(csv.fields[1][0]);
	ck_assert_str_eq(csv.fields[1][1], "JJ-AL01");
	const char *alliance[] = { "HR", "HR-AL01", "怀柔区第二中学融合教育联盟", "alliance", "HR-006", "怀柔区第二中学",
		"2021-03-15", NULL, "5", NULL, NULL };   /* 庙城学校 left in 2025 */
	ck_fields(csv_find(&csv, 1, "HR-AL01"), 9, alliance);
	ck_assert_str_eq(csv_find(&csv, 1, "HR-PT01")[7], "university");
	char *shared = testdb_value(c, "SELECT count(*)::text FROM iedesk.shared_resource WHERE consortium_id = 2");
	ck_assert_str_eq(csv_find(&csv, 1, "HR-AL01")[9], shared);
	free(shared);
	csv_done(&csv);

	export_ok(db, &csv, "managers", NULL, NULL, NULL, NULL);
	const char *first[] = { "HR", "HR-001", "怀柔区第一小学", "高雅琴", NULL, "gaoyaqin@hr.example.org", "2022-09-01",
		"full", "yes", NULL };
	ck_fields(csv_find(&csv, 1, "HR-001"), 10, first);
	const char *turnover[] = { "HR", "HR-007", "怀柔区第三中学", "于鹏", NULL, NULL, "2026-10-26", "part", "no", NULL };
	ck_fields(csv_find(&csv, 1, "HR-007"), 10, turnover);
	const char *empty[] = { "HR", "HR-014", "北房镇中学", NULL, NULL, NULL, NULL, NULL, NULL, "2026-07-16" };
	ck_fields(csv_find(&csv, 1, "HR-014"), 10, empty);
	const char *never[] = { "HR", "HR-027", "琉璃庙镇中心小学", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	ck_fields(csv_find(&csv, 1, "HR-027"), 10, never);
	/* of the 26 managers of 怀柔区's 30 open schools, 21 are trained */
	long trained = 0, untrained = 0;
	for (size_t r = 1; r < csv.count; r++)
		if (!strcmp(csv.fields[r][0], "HR") && csv.fields[r][8]) {
			trained += !strcmp(csv.fields[r][8], "yes");
			untrained += !strcmp(csv.fields[r][8], "no");
		}
	ck_assert_int_eq(trained, 21);
	ck_assert_int_eq(untrained, 5);
	/* the Managers pane's order: by school name, id */
	struct db_request req;
	db_list_request(DB_LIST_MANAGERS, DB_WINDOW_FIRST, NULL, "", NULL, 1000, &req);
	PGresult *res = PQexecParams(c, req.sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	ck_assert_uint_eq((size_t)PQntuples(res), csv.count - 1);
	for (int r = 0; r < PQntuples(res); r++)
		ck_assert_str_eq(PQgetvalue(res, r, 0), csv.fields[r + 1][2]);
	PQclear(res);
	db_request_done(&req);
	csv_done(&csv);

	export_ok(db, &csv, "manager-gaps", NULL, NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 7), 15);
	/* the gaps view's order: by worst gap, then the school's name in pinyin, Latin names last */
	const char *gaps[][7] = {
		{ "HR", "HR-014", "北房镇中学", "vacant", NULL, "2026-07-16", "131 days" },
		{ "HR", "HR-029", "渤海镇中心小学", "vacant", NULL, NULL, "never had one" },
		{ "HR", "HR-027", "琉璃庙镇中心小学", "vacant", NULL, NULL, "never had one" },
		{ "LP", "LP-001", "滦平县第一小学", "vacant", NULL, NULL, "never had one" },
		{ "LP", "LP-002", "滦平县特殊教育学校", "vacant", NULL, NULL, "never had one" },
		{ "MY", "MY-005", "密云区第三中学", "vacant", NULL, NULL, "never had one" },
		{ "HR", "HR-023", "汤河口中学", "vacant", NULL, "2026-03-01", "268 days" },
		{ "HR", "HR-007", "怀柔区第三中学", "turnover", "于鹏", "2026-10-26", "2 managers since 2024-11-24" },
		{ "HR", "HR-007", "怀柔区第三中学", "no training", "于鹏", "2026-10-26", "no training recorded" },
		{ "MY", "MY-004", "不老屯镇中学", "no training", "黄建平", "2022-09-01", "no training recorded" },
		{ "HR", "HR-028", "九渡河镇中心小学", "no training", "孔英", "2020-09-01", "no training recorded" },
		{ "MY", "MY-002", "密云区特殊教育学校", "no training", "谭桂英", "2024-09-01", "no training recorded" },
		{ "HR", "HR-025", "长哨营满族乡中心小学", "no training", "邹秀兰", "2018-09-01", "no training recorded" },
		{ "HR", "HR-012", "Huairou Experimental School", "no training", "朱晨", "2025-09-01", "no training recorded" },
		{ "HR", "HR-030", "Yanqi Lake Bilingual Kindergarten", "no training", "刘红梅", "2021-09-01",
			"no training recorded" },
	};
	for (size_t r = 0; r < 15; r++)
		ck_fields(csv.fields[r + 1], 7, gaps[r]);
	csv_done(&csv);

	/* Commas, quotes and line breaks in the data come out quoted, and read back whole. */
	testdb_exec(c, "UPDATE iedesk.school SET name = E'北房镇中学, \"新\"\\n二部', address = E'a\\r\\nb' WHERE id = 14");
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--filter", "二部", NULL), 0);
	ck_assert_msg(strstr(out, "\"北房镇中学, \"\"新\"\"\n二部\"") && strstr(out, "\"a\r\nb\""), "%s", out);
	csv_parse(out, &csv);
	ck_assert_uint_eq(csv_rows(&csv, 16), 1);
	ck_assert_str_eq(csv.fields[1][2], "北房镇中学, \"新\"\n二部");
	ck_assert_str_eq(csv.fields[1][12], "a\r\nb");
	csv_done(&csv);
	free(out);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_export_district_and_filter)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct {
		const char *kind, *district, *filter;
		const char *count;
	} cases[] = {
		{ "schools", "HR", NULL, "SELECT count(*) FROM iedesk.school WHERE district_id = 1" },
		{ "schools", "MY", NULL, "SELECT count(*) FROM iedesk.school WHERE district_id = 2" },
		{ "schools", NULL, "中学", "SELECT count(*) FROM iedesk.school WHERE strpos(name, '中学') > 0" },
		{ "schools", "HR", "中学", "SELECT count(*) FROM iedesk.school WHERE district_id = 1 AND strpos(name, '中学') > 0" },
		{ "schools", NULL, "beifang", "SELECT 2" },      /* English names, any case */
		{ "schools", NULL, "hr-00", "SELECT 9" },        /* codes */
		{ "schools", NULL, "%", "SELECT 0" },            /* wildcards are characters */
		{ "districts", "MY", NULL, "SELECT 1" },
		{ "districts", NULL, "怀柔", "SELECT 1" },
		{ "consortia", "HR", NULL, "SELECT count(*) FROM iedesk.consortium WHERE district_id = 1" },
		{ "consortia", NULL, "联盟", "SELECT count(*) FROM iedesk.consortium WHERE strpos(name, '联盟') > 0" },
		{ "managers", "HR", NULL, "SELECT count(*) FROM iedesk.school WHERE district_id = 1 AND archived_at IS NULL" },
		{ "managers", NULL, "高雅琴", "SELECT 1" },      /* the manager's name */
		{ "managers", NULL, "密云区", "SELECT 3" },      /* the school's */
		{ "manager-gaps", "HR", NULL, "SELECT 10" },
		{ "manager-gaps", "MY", NULL, "SELECT 3" },
		{ "manager-gaps", NULL, "于鹏", "SELECT 2" },
		{ "manager-gaps", "MY", "中学", "SELECT 2" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct csv csv;
		const char *a[4] = { NULL, NULL, NULL, NULL };
		int n = 0;
		if (cases[i].district) {
			a[n++] = "--district";
			a[n++] = cases[i].district;
		}
		if (cases[i].filter) {
			a[n++] = "--filter";
			a[n++] = cases[i].filter;
		}
		export_ok(db, &csv, cases[i].kind, a[0], a[1], a[2], a[3]);
		size_t rows = csv_rows(&csv, csv.nfields[0]);
		long want = testdb_count(c, cases[i].count);
		ck_assert_msg((long)rows == want, "export %s --district %s --filter %s: %zu rows, want %ld", cases[i].kind,
			cases[i].district ? cases[i].district : "-", cases[i].filter ? cases[i].filter : "-", rows, want);
		if (cases[i].district)
			for (size_t r = 1; r < csv.count; r++)
				ck_assert_str_eq(csv.fields[r][0], cases[i].district);
		csv_done(&csv);
	}

	/* The filter matches as the pane's does: the same rows in the same order. */
	struct csv csv;
	export_ok(db, &csv, "manager-gaps", "--filter", "中学", NULL, NULL);
	struct db_rows rows;
	struct db_request req;
	db_list_request(DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "中学", NULL, 1000, &req);
	PGresult *res = PQexecParams(c, req.sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
	struct db_error err = { 0 };
	ck_assert_msg(db_rows_parse(DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, res, &rows, &err), "%s", err.message);
	ck_assert_uint_eq(rows.count, csv.count - 1);
	ck_assert_uint_ge(rows.count, 3);
	for (size_t r = 0; r < rows.count; r++) {
		ck_assert_str_eq(rows.rows[r].cells[1], csv.fields[r + 1][2]);
		ck_assert_str_eq(rows.rows[r].cells[0], csv.fields[r + 1][3]);
	}
	db_rows_done(&rows);
	PQclear(res);
	db_request_done(&req);
	csv_done(&csv);
	PQfinish(c);
	free(db);
}
END_TEST

/* ---- beyond one district (0031): regions, alliances, partners, activities ---- */

/* Export kind with args (up to four) and --no-bom; its exit code, and its records into csv when it is 0. */
static int export_try(const char *db, struct csv *csv, char **out, const char *kind, const char *a1, const char *a2,
		const char *a3, const char *a4)
{
	int rc = testdb_run_program(db, NULL, out, "export", kind, "--no-bom", a1, a2, a3, a4, NULL);
	if (rc == 0)
		csv_parse(*out, csv);
	return rc;
}

START_TEST(test_export_regions_and_alliances)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct {
		const char *kind, *a1, *a2, *a3, *a4;
		const char *header;
		long rows;
	} cases[] = {
		{ "regions", NULL, NULL, NULL, NULL, "Region code,Region,Kind,Parent code,Path,Districts,Schools,"
			"Open backlog items,Overdue", 3 },
		{ "alliances", NULL, NULL, NULL, NULL, "District code,Alliance code,Alliance,Lead code,Lead,Lead kind,"
			"Region code,Founded,Members,Districts,Provinces,Coordinators,Archived on", 2 },
		{ "alliance-members", NULL, NULL, NULL, NULL, "Alliance code,School code,School,District code,Province,Role,"
			"Joined,Left", 11 },
		{ "partners", NULL, NULL, NULL, NULL, "Partner code,Partner,Kind,District code,Contact,Phone,Email,"
			"Partnerships,Archived on", 6 },
		{ "partnerships", NULL, NULL, NULL, NULL, "Partner code,Partner,Partner kind,School code,Consortium code,"
			"With,Brings,From,To,Status", 6 },
		{ "activities", NULL, NULL, NULL, NULL, "Date,Kind,Title,Consortium code,Partner code,Host school code,"
			"Host school,Place,Organisers,Parents,Teachers,Students,Partners,Notes", 6 },
		/* a region's subtree: 河北省 is itself and 承德市; 北京市 has no region under it */
		{ "regions", "--region", "13", NULL, NULL, NULL, 2 },
		{ "regions", "--region", "1308", NULL, NULL, NULL, 1 },
		{ "regions", "--district", "HR", NULL, NULL, NULL, 1 },
		/* the alliances with a member in the region: only the one across provinces reaches 滦平县 */
		{ "alliances", "--region", "13", NULL, NULL, NULL, 1 },
		{ "alliances", "--region", "11", NULL, NULL, NULL, 2 },
		{ "alliances", "--district", "MY", NULL, NULL, NULL, 1 },
		{ "alliance-members", "--alliance", "JJ-AL01", NULL, NULL, NULL, 5 },
		{ "alliance-members", "--alliance", "JJ-AL01", "--region", "1308", NULL, 2 },
		{ "alliance-members", "--alliance", "HR-AL01", NULL, NULL, NULL, 6 },   /* 庙城学校, which left, too */
		{ "activities", "--alliance", "JJ-AL01", NULL, NULL, NULL, 2 },
		{ "activities", "--alliance", "HR-HS01", NULL, NULL, NULL, 2 },
		{ "activities", "--region", "13", NULL, NULL, NULL, 1 },
		{ "partnerships", "--alliance", "HR-HS01", NULL, NULL, NULL, 2 },
		{ "partnerships", "--region", "13", NULL, NULL, NULL, 1 },
		/* its schools', its consortia's, and the alliance with members there */
		{ "partnerships", "--district", "HR", NULL, NULL, NULL, 5 },
		{ "partners", "--region", "11", NULL, NULL, NULL, 4 },   /* of a district: the university and NGO are not */
		/* the region on the exports of district lists */
		{ "districts", "--region", "11", NULL, NULL, NULL, 2 },
		{ "districts", "--region", "13", NULL, NULL, NULL, 1 },
		{ "schools", "--region", "1308", NULL, NULL, NULL, 2 },
		{ "inspections", "--region", "11", NULL, NULL, NULL, -1 },
		{ "backlog", "--region", "11", NULL, NULL, NULL, -1 },
		{ "backlog", "--region", "13", NULL, NULL, NULL, 0 },
		{ "manager-gaps", "--region", "13", NULL, NULL, NULL, 2 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct csv csv;
		char *out;
		int rc = export_try(db, &csv, &out, cases[i].kind, cases[i].a1, cases[i].a2, cases[i].a3, cases[i].a4);
		ck_assert_msg(rc == 0, "case %zu, export %s: exit %d: %s", i, cases[i].kind, rc, out);
		if (cases[i].header) {
			char *header = xasprintf("%s\r\n", cases[i].header);
			ck_assert_msg(!strncmp(out, header, strlen(header)), "%s: header %.300s", cases[i].kind, out);
			free(header);
		}
		long want = cases[i].rows >= 0 ? cases[i].rows
			: testdb_count(c, !strcmp(cases[i].kind, "inspections") ? "SELECT count(*) FROM iedesk.inspection"
				: "SELECT count(*) FROM iedesk.inspection WHERE status <> 'closed'");
		long rows = (long)csv_rows(&csv, csv.nfields[0]);
		ck_assert_msg(rows == want, "case %zu, export %s %s %s: %ld rows, want %ld", i, cases[i].kind,
			cases[i].a1 ? cases[i].a1 : "", cases[i].a2 ? cases[i].a2 : "", rows, want);
		csv_done(&csv);
		free(out);
	}

	/* the figures: a region's subtree rolled up, the backlog's as the backlog export counts it */
	struct csv csv;
	char *out;
	ck_assert_int_eq(export_try(db, &csv, &out, "regions", NULL, NULL, NULL, NULL), 0);
	char *open = testdb_value(c, "SELECT count(*)::text FROM iedesk.backlog b JOIN iedesk.district d"
		" ON d.id = b.district_id WHERE d.region_id = 1");
	char *overdue = testdb_value(c, "SELECT count(*)::text FROM iedesk.backlog b JOIN iedesk.district d"
		" ON d.id = b.district_id WHERE d.region_id = 1 AND b.due_on < date '" TODAY "'");
	const char *beijing[] = { "11", "北京市", "province", NULL, "11", "2", "35", open, overdue };
	ck_fields(csv_find(&csv, 0, "11"), 9, beijing);
	const char *chengde[] = { "1308", "承德市", "city", "13", "13.1308", "1", "2", "0", "0" };
	ck_fields(csv_find(&csv, 0, "1308"), 9, chengde);
	ck_assert_str_eq(csv_find(&csv, 0, "13")[5], "1");   /* the province counts its city's district */
	free(open);
	free(overdue);
	csv_done(&csv);
	free(out);

	/* an alliance across provinces led by a university; coordinators as they are assigned */
	testdb_exec(c, "INSERT INTO iedesk.account (login, role) VALUES ('exp_coord', 'coordinator')");
	testdb_exec(c, "INSERT INTO iedesk.alliance_coordinator (consortium_id, login) VALUES (5, 'exp_coord')");
	ck_assert_int_eq(export_try(db, &csv, &out, "alliances", NULL, NULL, NULL, NULL), 0);
	const char *jj[] = { NULL, "JJ-AL01", "京冀融合教育协作联盟", "P-UNI01", "首都师范大学融合教育研究中心", "university",
		NULL, "2024-09-01", "5", "3", "2", "exp_coord", NULL };
	ck_fields(csv.fields[1], 13, jj);   /* across districts: first */
	const char *hr[] = { "HR", "HR-AL01", "怀柔区第二中学融合教育联盟", "HR-006", "怀柔区第二中学", "school", NULL,
		"2021-03-15", "5", "1", "1", NULL, NULL };
	ck_fields(csv_find(&csv, 1, "HR-AL01"), 13, hr);
	csv_done(&csv);
	free(out);

	ck_assert_int_eq(export_try(db, &csv, &out, "alliance-members", "--alliance", "JJ-AL01", NULL, NULL), 0);
	const char *lp[] = { "JJ-AL01", "LP-002", "滦平县特殊教育学校", "LP", "河北省", "member", "2025-03-01", NULL };
	ck_fields(csv_find(&csv, 1, "LP-002"), 8, lp);
	ck_assert_str_eq(csv_find(&csv, 1, "MY-002")[4], "北京市");
	csv_done(&csv);
	free(out);

	ck_assert_int_eq(export_try(db, &csv, &out, "partnerships", NULL, NULL, NULL, NULL), 0);
	const char *biz[] = { "P-HR-BIZ01", "雁栖康复器材有限公司", "business", "HR-008", NULL, "怀柔区特殊教育学校",
		"internships, equipment", "2024-06-01", "2026-06-30", "ended" };
	ck_fields(csv_find(&csv, 0, "P-HR-BIZ01"), 10, biz);
	ck_assert_str_eq(csv_find(&csv, 0, "P-UNI01")[4], "JJ-AL01");
	csv_done(&csv);
	free(out);

	ck_assert_int_eq(export_try(db, &csv, &out, "activities", NULL, NULL, NULL, NULL), 0);
	const char *training[] = { "2026-07-10", "joint-training", "京冀融合教育资源教师联合培训", "JJ-AL01", "P-UNI01",
		"LP-002", "滦平县特殊教育学校", "滦平县特殊教育学校", "首都师范大学融合教育研究中心", "0", "45", "0", "6",
		"三地资源教师共45人" };
	ck_fields(csv_find(&csv, 0, "2026-07-10"), 14, training);
	ck_assert_str_eq(csv.fields[1][0], "2026-11-05");   /* newest first */
	csv_done(&csv);
	free(out);

	ck_assert_int_eq(export_try(db, &csv, &out, "partners", "--filter", "韩雪梅", NULL, NULL), 0);
	const char *uni[] = { "P-UNI01", "首都师范大学融合教育研究中心", "university", NULL, "韩雪梅", "010-6890 0101",
		"hanxuemei@uni.example.edu", "1", NULL };
	ck_assert_uint_eq(csv_rows(&csv, 9), 1);
	ck_fields(csv.fields[1], 9, uni);
	csv_done(&csv);
	free(out);

	/* in Chinese the codes are words, and what a partner brings each one */
	char *zh;
	ck_assert_int_eq(testdb_run_program(db, NULL, &zh, "--lang", "zh_CN", "export", "partnerships", "--no-bom",
		"--alliance", "JJ-AL01", NULL), 0);
	ck_assert_msg(strstr(zh, "高校") && strstr(zh, "培训、研究") && strstr(zh, "进行中"), "%s", zh);
	free(zh);

	/* unknown codes: a sentence, nothing written, exit 1; --alliance where it means nothing: a usage error */
	static const char *const refused[][5] = {
		{ "regions", "--region", "99", "no region has the code 99", NULL },
		{ "schools", "--region", "XX", "no region has the code XX", NULL },
		{ "alliance-members", "--alliance", "NOPE", "no alliance has the code NOPE", NULL },
		{ "activities", "--alliance", "HR-EA01", "no alliance has the code HR-EA01", NULL },   /* not an alliance */
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char *text;
		int rc = testdb_run_program(db, NULL, &text, "export", refused[i][0], refused[i][1], refused[i][2], NULL);
		ck_assert_msg(rc == 1, "case %zu: exit %d: %s", i, rc, text);
		char *want = xasprintf("iedesk: %s\n", refused[i][3]);
		ck_assert_str_eq(text, want);
		free(want);
		free(text);
	}
	char *text;
	ck_assert_int_eq(testdb_run_program(db, NULL, &text, "export", "schools", "--alliance", "JJ-AL01", NULL), 2);
	ck_assert_msg(strstr(text, "take an alliance"), "%s", text);
	free(text);
	/* in process too: the export of a list that takes none refuses one before writing */
	FILE *mem = tmpfile();
	long n = -1;
	struct db_error err = { 0 };
	struct db_export_options options = { .alliance_code = "JJ-AL01" };
	ck_assert(!db_export_run(c, DB_EXPORT_DISTRICTS, &options, mem, &n, &err));
	ck_assert_msg(strstr(err.message, "take an alliance"), "%s", err.message);
	ck_assert_int_eq(ftell(mem), 0);
	fclose(mem);
	PQfinish(c);
	free(db);
}
END_TEST

/* Inspections: every one, open ones first in the Inspections pane's order, days overdue as the pane
 * counts them; --overdue keeps those, --district and --filter narrow as for the other kinds. */
START_TEST(test_export_inspections)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct csv csv;
	export_ok(db, &csv, "inspections", NULL, NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), (size_t)testdb_count(c, "SELECT count(*) FROM iedesk.inspection"));
	ck_assert_uint_eq(csv.count - 1, 27);
	/* planned past its date: overdue from that date */
	const char *late[] = { "16", "HR", "HR-027", "琉璃庙镇中心小学", "itinerant-guidance", NULL, NULL, "2026-11-03",
		NULL, "孙晓东", "planned", NULL, "21" };
	ck_fields(csv.fields[1], 13, late);
	/* checks an action item; planned tomorrow: not overdue */
	const char *tomorrow[] = { "10", "HR", "HR-016", "杨宋镇中学", "follow-up", "11", NULL, "2026-11-25", NULL,
		"陈立新", "planned", NULL, NULL };
	ck_fields(csv_find(&csv, 0, "10"), 13, tomorrow);
	/* follows up a finding */
	ck_assert_str_eq(csv_find(&csv, 0, "27")[6], "7");
	ck_assert_ptr_null(csv_find(&csv, 0, "27")[5]);
	/* done with an unresolved finding past due: from that finding's due date, as the pane shows */
	const char *done[] = { "3", "HR", "HR-016", "杨宋镇中学", "supervision", NULL, NULL, "2026-05-20", "2026-05-21",
		"李秀兰", "done", NULL, "55" };
	ck_fields(csv_find(&csv, 0, "3"), 13, done);
	const char *closed[] = { "12", "HR", "HR-001", "怀柔区第一小学", "follow-up", "7", NULL, "2026-10-25",
		"2026-10-24", "陈立新", "closed", "2026-10-30", NULL };
	ck_fields(csv_find(&csv, 0, "12"), 13, closed);
	ck_assert_str_eq(csv_find(&csv, 0, "26")[1], "MY");

	/* the Inspections pane's rows in its order: school, planned date, days overdue */
	struct db_rows rows;
	struct db_request req;
	db_list_request(DB_LIST_INSPECTIONS, DB_WINDOW_FIRST, NULL, "", NULL, 1000, &req);
	PGresult *res = PQexecParams(c, req.sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
	struct db_error err = { 0 };
	ck_assert_msg(db_rows_parse(DB_LIST_INSPECTIONS, DB_WINDOW_FIRST, res, &rows, &err), "%s", err.message);
	ck_assert_uint_eq(rows.count, csv.count - 1);
	for (size_t r = 0; r < rows.count; r++) {
		char **f = csv.fields[r + 1];
		ck_assert_str_eq(rows.rows[r].cells[0], f[3]);
		ck_assert_str_eq(rows.rows[r].cells[2], f[7]);
		ck_assert_str_eq(rows.rows[r].cells[6], f[12] ? f[12] : "");
	}
	db_rows_done(&rows);
	PQclear(res);
	db_request_done(&req);
	/* open ones first: every planned, then every done, then every closed */
	int rank = 0;
	for (size_t r = 1; r < csv.count; r++) {
		const char *status = csv.fields[r][10];
		int now = !strcmp(status, "planned") ? 0 : !strcmp(status, "done") ? 1 : 2;
		ck_assert_int_ge(now, rank);
		rank = now;
	}
	csv_done(&csv);

	/* --overdue: only the rows with days overdue, as many as the database counts */
	const char *overdue_sql = "SELECT count(*) FROM iedesk.inspection i"
		" WHERE iedesk.inspection_overdue_days(i.id, i.status, i.planned_on) IS NOT NULL";
	export_ok(db, &csv, "inspections", "--overdue", NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), (size_t)testdb_count(c, overdue_sql));
	ck_assert_uint_eq(csv.count - 1, 9);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_msg(csv.fields[r][12] && atoi(csv.fields[r][12]) > 0, "inspection %s", csv.fields[r][0]);
	ck_fields(csv.fields[1], 13, late);
	csv_done(&csv);

	/* --district, --filter (school or inspector), and both with --overdue */
	export_ok(db, &csv, "inspections", "--district", "MY", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), 1);
	ck_assert_str_eq(csv.fields[1][0], "26");
	csv_done(&csv);
	export_ok(db, &csv, "inspections", "--district", "MY", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), 0);
	csv_done(&csv);
	export_ok(db, &csv, "inspections", "--district", "HR", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), 26);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_str_eq(csv.fields[r][1], "HR");
	csv_done(&csv);
	export_ok(db, &csv, "inspections", "--filter", "李秀兰", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), (size_t)testdb_count(c, "SELECT count(*) FROM iedesk.inspection i"
		" JOIN iedesk.person p ON p.id = i.inspector_person_id WHERE p.name = '李秀兰'"));
	csv_done(&csv);
	export_ok(db, &csv, "inspections", "--filter", "杨宋镇中学", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 13), 2);   /* 3 and 11, done with findings past due; 10 is not yet */
	csv_done(&csv);
	PQfinish(c);
	free(db);
}
END_TEST

/* Findings: every one with its inspection and school, unresolved first; days overdue for an unresolved
 * one past due, what was done for a resolved one; --overdue keeps those. */
START_TEST(test_export_findings)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct csv csv;
	/* what was done, as resolving says it (0025), is the last column */
	testdb_exec(c, "UPDATE iedesk.finding SET resolution_note = '器材说明已张贴' WHERE id = 9");
	export_ok(db, &csv, "findings", NULL, NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 10), (size_t)testdb_count(c, "SELECT count(*) FROM iedesk.finding"));
	ck_assert_uint_eq(csv.count - 1, 10);
	const char *first[] = { "3", "3", "HR", "杨宋镇中学", "high", "5名随班就读学生中3名未制定个别化教育计划。",
		"2026-09-30", NULL, "55", NULL };
	ck_fields(csv.fields[1], 10, first);
	const char *not_yet[] = { "5", "7", "HR", "九渡河镇中心小学", "medium", "资源教师仍为兼职，资源教室课表未公示。",
		"2026-12-15", NULL, NULL, NULL };
	ck_fields(csv_find(&csv, 0, "5"), 10, not_yet);
	const char *resolved[] = { "9", "22", "HR", "庙城学校", "low", "感统器材缺少安全使用说明。", "2026-11-15",
		"2026-11-10", NULL, "器材说明已张贴" };
	ck_fields(csv_find(&csv, 0, "9"), 10, resolved);
	/* unresolved first, each group by due date */
	bool seen_resolved = false;
	for (size_t r = 1; r < csv.count; r++) {
		bool is_resolved = csv.fields[r][7] != NULL;
		ck_assert(!seen_resolved || is_resolved);
		seen_resolved = is_resolved;
		if (r > 1 && (csv.fields[r - 1][7] != NULL) == is_resolved && csv.fields[r][6] && csv.fields[r - 1][6])
			ck_assert_str_ge(csv.fields[r][6], csv.fields[r - 1][6]);
	}
	ck_assert(seen_resolved);
	csv_done(&csv);

	/* --overdue: only the unresolved ones past due, as many as the database counts */
	const char *overdue_sql = "SELECT count(*) FROM iedesk.finding WHERE resolved_on IS NULL AND due_on < '" TODAY "'";
	export_ok(db, &csv, "findings", "--overdue", NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 10), (size_t)testdb_count(c, overdue_sql));
	ck_assert_uint_eq(csv.count - 1, 3);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_msg(!csv.fields[r][7] && csv.fields[r][8] && atoi(csv.fields[r][8]) > 0, "finding %s",
			csv.fields[r][0]);
	ck_fields(csv.fields[1], 10, first);
	csv_done(&csv);

	/* --filter matches the text */
	export_ok(db, &csv, "findings", "--filter", "资源教室", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 10), (size_t)testdb_count(c,
		"SELECT count(*) FROM iedesk.finding WHERE strpos(text, '资源教室') > 0"));
	ck_assert_uint_ge(csv.count - 1, 2);
	csv_done(&csv);

	/* --district: the demo's findings are all 怀柔区's; one for 密云区's visited inspection */
	export_ok(db, &csv, "findings", "--district", "MY", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 10), 0);
	csv_done(&csv);
	testdb_exec(c, "INSERT INTO iedesk.finding (inspection_id, severity, text, due_on)"
		" VALUES (26, 'medium', '资源教室未开放。', '2026-11-20')");
	export_ok(db, &csv, "findings", "--district", "MY", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 10), 1);
	const char *my[] = { "26", "MY", "溪翁庄镇中心小学", "medium", "资源教室未开放。", "2026-11-20", NULL, "4" };
	ck_fields(csv.fields[1] + 1, 8, my);
	csv_done(&csv);
	export_ok(db, &csv, "findings", "--district", "HR", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 10), 3);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_str_eq(csv.fields[r][2], "HR");
	csv_done(&csv);
	PQfinish(c);
	free(db);
}
END_TEST

/* The backlog: every inspection not closed as the Backlog pane lists it, by when it is due (a planned one on
 * its plan date, a visited one on its oldest unresolved finding's due date), those with nothing due last;
 * --overdue keeps the ones past due, --district and --filter narrow as for the other kinds. */
START_TEST(test_export_backlog)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct csv csv;
	export_ok(db, &csv, "backlog", NULL, NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), (size_t)testdb_count(c,
		"SELECT count(*) FROM iedesk.inspection WHERE status <> 'closed'"));
	ck_assert_uint_eq(csv.count - 1, 20);
	/* visited, a high finding 55 days past due */
	const char *first[] = { "55", "2026-09-30", "HR", "HR-016", "杨宋镇中学", "supervision", "done", "1", "high",
		"李秀兰", "2026-05-20" };
	ck_fields(csv.fields[1], 11, first);
	/* planned past its date */
	const char *planned[] = { "21", "2026-11-03", "HR", "HR-027", "琉璃庙镇中心小学", "itinerant-guidance", "planned",
		"0", NULL, "孙晓东", "2026-11-03" };
	ck_fields(csv.fields[2], 11, planned);
	/* two findings open, the worse one medium */
	const char *two[] = { "14", "2026-11-10", "HR", "HR-025", "长哨营满族乡中心小学", "itinerant-guidance", "done",
		"2", "medium", "孙晓东", "2026-10-13" };
	ck_fields(csv_find(&csv, 10, "2026-10-13"), 11, two);
	/* visited with nothing open: to close, due on no date, last */
	const char *to_close[] = { NULL, NULL, "MY", "MY-003", "溪翁庄镇中心小学", "itinerant-guidance", "to close", "0",
		NULL, "郭红霞", "2026-11-11" };
	ck_fields(csv.fields[csv.count - 1], 11, to_close);

	/* the order of our own reading of the inspections and findings: due date (none last), then id */
	char *want = testdb_value(c, "SELECT string_agg(s.code || ' ' || to_char(i.planned_on, 'YYYY-MM-DD') || ' '"
		" || coalesce(to_char(x.due, 'YYYY-MM-DD'), '-'), '|' ORDER BY coalesce(x.due, '9999-12-31'), i.id)"
		" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id"
		" CROSS JOIN LATERAL (SELECT CASE WHEN i.status = 'planned' THEN i.planned_on ELSE (SELECT min(f.due_on)"
		" FROM iedesk.finding f WHERE f.inspection_id = i.id AND f.resolved_on IS NULL) END AS due) x"
		" WHERE i.status <> 'closed'");
	char got[4096] = "";
	size_t len = 0;
	for (size_t r = 1; r < csv.count; r++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s %s %s", r > 1 ? "|" : "", csv.fields[r][3],
			csv.fields[r][10], csv.fields[r][1] ? csv.fields[r][1] : "-");
	ck_assert_str_eq(got, want);
	free(want);

	/* the Backlog pane's rows, in its order: days overdue, due, school, district, status */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_BACKLOG, DB_WINDOW_FIRST, NULL, "", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, csv.count - 1);
	for (size_t r = 0; r < rows.count; r++) {
		char **f = csv.fields[r + 1];
		ck_assert_str_eq(rows.rows[r].cells[0], f[0] ? f[0] : "");
		ck_assert_str_eq(rows.rows[r].cells[1], f[1] ? f[1] : "");
		ck_assert_str_eq(rows.rows[r].cells[2], f[4]);
		ck_assert_str_eq(rows.rows[r].cells[3], f[2]);
		ck_assert_str_eq(rows.rows[r].cells[5], f[6]);
	}
	db_rows_done(&rows);
	csv_done(&csv);

	/* --overdue: the rows past due, as many as our reading counts, the full export's first ones */
	export_ok(db, &csv, "backlog", "--overdue", NULL, NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), (size_t)testdb_count(c, "SELECT count(*) FROM iedesk.inspection i"
		" WHERE i.status <> 'closed' AND CASE WHEN i.status = 'planned' THEN i.planned_on ELSE (SELECT min(f.due_on)"
		" FROM iedesk.finding f WHERE f.inspection_id = i.id AND f.resolved_on IS NULL) END < '" TODAY "'"));
	ck_assert_uint_eq(csv.count - 1, 9);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_msg(csv.fields[r][0] && atoi(csv.fields[r][0]) > 0, "row %zu", r);
	ck_fields(csv.fields[1], 11, first);
	ck_fields(csv.fields[2], 11, planned);
	csv_done(&csv);

	/* --district, --filter (school or inspector), and with --overdue */
	export_ok(db, &csv, "backlog", "--district", "MY", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 1);
	ck_fields(csv.fields[1], 11, to_close);
	csv_done(&csv);
	export_ok(db, &csv, "backlog", "--district", "MY", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 0);
	csv_done(&csv);
	export_ok(db, &csv, "backlog", "--district", "HR", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 19);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_str_eq(csv.fields[r][2], "HR");
	csv_done(&csv);
	export_ok(db, &csv, "backlog", "--district", "HR", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 9);
	csv_done(&csv);
	export_ok(db, &csv, "backlog", "--filter", "李秀兰", NULL, NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), (size_t)testdb_count(c, "SELECT count(*) FROM iedesk.inspection i"
		" JOIN iedesk.person p ON p.id = i.inspector_person_id WHERE p.name = '李秀兰' AND i.status <> 'closed'"));
	csv_done(&csv);
	export_ok(db, &csv, "backlog", "--filter", "杨宋镇中学", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 2);
	csv_done(&csv);

	/* a school moved to another district takes its open inspections along */
	testdb_exec(c, "UPDATE iedesk.school SET district_id = 2 WHERE code = 'HR-027'");
	export_ok(db, &csv, "backlog", "--district", "MY", "--overdue", NULL);
	ck_assert_uint_eq(csv_rows(&csv, 11), 1);
	ck_assert_str_eq(csv.fields[1][3], "HR-027");
	csv_done(&csv);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_export_errors)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *out;
	/* usage: an unknown or missing kind lists the kinds */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "trainings", NULL), 2);
	ck_assert_msg(strstr(out, "unknown export 'trainings'") && strstr(out, "districts, schools, consortia, managers,"
		" manager-gaps, meetings, action-items, inspections, findings, backlog, cases, case-due, regions, alliances,"
		" alliance-members, partners, partnerships, activities or report"), "%s", out);
	free(out);
	/* --overdue goes with the kinds that count days overdue */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--overdue", NULL), 2);
	ck_assert_msg(strstr(out, "--overdue goes with 'export action-items', 'inspections', 'findings' or 'backlog'"),
		"%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", NULL), 2);
	ck_assert_msg(strstr(out, "manager-gaps"), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "extra", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--bogus", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "migrate", "--district", "HR", NULL), 2);
	ck_assert_msg(strstr(out, "--district goes with 'export'"), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--progress", NULL), 2);
	free(out);
	/* failed: an unknown district, said in a sentence, and nothing on standard output */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--district", "XX", NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	/* the help names the command */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--help", NULL), 0);
	ck_assert_msg(strstr(out, "export KIND") && strstr(out, "--progress"), "%s", out);
	free(out);
	/* cannot connect */
	setenv("PGPORT", "1", 1);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", NULL), 4);
	ck_assert_msg(strstr(out, "could not connect"), "%s", out);
	free(out);
	unsetenv("PGPORT");
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_export_output_file)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *dir = make_temp_dir();
	char *path = xasprintf("%s/schools.csv", dir);
	char *stdout_text;
	ck_assert_int_eq(testdb_run_program(db, NULL, &stdout_text, "export", "schools", NULL), 0);

	/* written whole, the same as on standard output, nothing left beside it */
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "-o", path, NULL), 0);
	ck_assert_str_eq(out, "");
	free(out);
	char *text = testdb_read_file(path);
	ck_assert_str_eq(text, stdout_text);
	free(text);
	char *names = dir_listing(dir);
	ck_assert_str_eq(names, "schools.csv|");
	free(names);

	/* an existing file is replaced on success ... */
	write_whole_file(path, "old\n");
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--output", path, NULL), 0);
	free(out);
	text = testdb_read_file(path);
	ck_assert_str_eq(text, stdout_text);
	free(text);

	/* ... and untouched on failure: before the query (an unknown district) */
	write_whole_file(path, "old\n");
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--district", "XX", "-o", path, NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	text = testdb_read_file(path);
	ck_assert_str_eq(text, "old\n");
	free(text);

	/* ... or once the header is written and the query fails (today is no date) */
	setenv("PGOPTIONS", "-c iedesk.today=someday", 1);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "manager-gaps", "-o", path, NULL), 1);
	ck_assert_msg(strstr(out, "iedesk: exporting the manager-gaps:") && strstr(out, "someday"), "%s", out);
	free(out);
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	text = testdb_read_file(path);
	ck_assert_str_eq(text, "old\n");
	free(text);
	names = dir_listing(dir);
	ck_assert_str_eq(names, "schools.csv|");
	free(names);

	/* a folder that does not exist */
	char *nowhere = xasprintf("%s/no/such/folder.csv", dir);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "-o", nowhere, NULL), 1);
	ck_assert_msg(strstr(out, "cannot write") && strstr(out, nowhere), "%s", out);
	free(out);
	free(nowhere);

	free(stdout_text);
	remove_dir(dir);
	free(dir);
	free(path);
	PQfinish(c);
	free(db);
}
END_TEST

/* What -o does with what is already there (#15): only a regular file is replaced, keeping its mode;
 * a device or FIFO is written into; a link, a read-only file and a file with other hard links are
 * refused and left as they were; a new file gives others no access. */
START_TEST(test_export_output_what_is_there)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *dir = make_temp_dir();
	char *districts;
	ck_assert_int_eq(testdb_run_program(db, NULL, &districts, "export", "districts", NULL), 0);
	char *out;
	struct stat st;
	mode_t old_mask = umask(022);

	/* a new file: 0666 less the umask, and nothing for others */
	char *fresh = xasprintf("%s/new.csv", dir);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", fresh, NULL), 0);
	free(out);
	ck_assert_int_eq(stat(fresh, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);

	/* a 0600 file stays 0600 */
	char *private = xasprintf("%s/private.csv", dir);
	write_whole_file(private, "old\n");
	ck_assert_int_eq(chmod(private, 0600), 0);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", private, NULL), 0);
	free(out);
	ck_assert_int_eq(stat(private, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	char *text = testdb_read_file(private);
	ck_assert_str_eq(text, districts);
	free(text);

	/* a 0444 file is refused (root could write it, but someone made it read-only) */
	char *readonly = xasprintf("%s/readonly.csv", dir);
	write_whole_file(readonly, "old\n");
	ck_assert_int_eq(chmod(readonly, 0444), 0);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", readonly, NULL), 1);
	ck_assert_msg(strstr(out, "is read-only"), "%s", out);
	free(out);
	text = testdb_read_file(readonly);
	ck_assert_str_eq(text, "old\n");
	free(text);
	ck_assert_int_eq(stat(readonly, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0444);

	/* a hard link is not split */
	char *linked = xasprintf("%s/linked.csv", dir);
	char *other = xasprintf("%s/other-name.csv", dir);
	write_whole_file(linked, "old\n");
	ck_assert_int_eq(link(linked, other), 0);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", linked, NULL), 1);
	ck_assert_msg(strstr(out, "other hard links"), "%s", out);
	free(out);
	ck_assert_int_eq(stat(linked, &st), 0);
	ck_assert_int_eq(st.st_nlink, 2);
	text = testdb_read_file(other);
	ck_assert_str_eq(text, "old\n");
	free(text);

	/* a symbolic link is refused, its target untouched */
	char *symlinked = xasprintf("%s/symlink.csv", dir);
	ck_assert_int_eq(symlink(other, symlinked), 0);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", symlinked, NULL), 1);
	ck_assert_msg(strstr(out, "symbolic link"), "%s", out);
	free(out);
	ck_assert_int_eq(lstat(symlinked, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));

	/* a FIFO is written into and stays a FIFO */
	char *fifo = xasprintf("%s/fifo", dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	int reader = open(fifo, O_RDWR | O_NONBLOCK);   /* a reader, so the writer does not wait */
	ck_assert_int_ge(reader, 0);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", fifo, NULL), 0);
	free(out);
	char buf[65536];
	ssize_t n = read(reader, buf, sizeof buf - 1);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_str_eq(buf, districts);
	close(reader);
	ck_assert_int_eq(lstat(fifo, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));

	/* a character device is written into and stays one: a copy of /dev/null where we may make one
	 * (root), else /dev/null itself, which no one else could replace */
	char *device = xasprintf("%s/null", dir);
	if (mknod(device, S_IFCHR | 0666, makedev(1, 3)) != 0) {
		free(device);
		device = xstrdup("/dev/null");
	}
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "-o", device, NULL), 0);
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_int_eq(lstat(device, &st), 0);
	ck_assert(S_ISCHR(st.st_mode));

	char *names = dir_listing(dir);
	ck_assert_msg(!strstr(names, "|."), "a temporary file was left: %s", names);
	free(names);
	umask(old_mask);
	free(device);
	free(fifo);
	free(symlinked);
	free(other);
	free(linked);
	free(readonly);
	free(private);
	free(fresh);
	free(districts);
	remove_dir(dir);
	free(dir);
	PQfinish(c);
	free(db);
}
END_TEST

/* Started with standard output closed (>&-), the program must not take fd 1 for its connection, so
 * the rows never go into the socket (the server said "invalid frontend message type"). */
START_TEST(test_export_stdout_closed)
{
	PGconn *c;
	char *db = demo_db(&c);
	testdb_exec(c,
		"INSERT INTO iedesk.district (code, name, locale_class) VALUES ('GEN', '生成区', 'rural');"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale, address)"
		" SELECT d.id, 'GEN-' || g, '生成学校' || g, 'primary', 'village', repeat('路', 1000) || g"
		" FROM iedesk.district d, generate_series(1, 300) g WHERE d.code = 'GEN'");
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		close(1);
		setenv("PGDATABASE", db, 1);
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		execl(testdb_program(), testdb_program(), "export", "schools", "--progress", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char buf[4096];
	size_t len = 0;
	ssize_t n;
	while (len < sizeof buf - 1 && (n = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fds[0]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d: %s", status, buf);
	ck_assert_msg(strstr(buf, "exported") && !strstr(buf, "iedesk:"), "%s", buf);
	PQfinish(c);
	free(db);
}
END_TEST

/* A text cell a spreadsheet would run as a formula gets a leading ' (#15); --exact-csv writes it as
 * stored; numbers and dates are never touched. */
START_TEST(test_export_formula_cells)
{
	PGconn *c;
	char *db = demo_db(&c);
	testdb_exec(c,
		"INSERT INTO iedesk.district (code, name, locale_class) VALUES ('FX', '公式区', 'rural');"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale, address, phone, headteacher)"
		" SELECT d.id, 'FX-1', '=HYPERLINK(\"http://x\",\"y\")', 'primary', 'village', '+1', '-2', '@SUM(A1)'"
		" FROM iedesk.district d WHERE d.code = 'FX';"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale, address, phone)"
		" SELECT d.id, 'FX-2', E'\\t制表', 'primary', 'village', E'\\r回车', '1-2'"
		" FROM iedesk.district d WHERE d.code = 'FX'");
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--district", "FX", NULL), 0);
	ck_assert_msg(strstr(out, "FX,FX-1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"") != NULL, "%s", out);
	ck_assert_msg(strstr(out, ",'+1,'-2,'@SUM(A1),") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "FX,FX-2,'\t制表,") != NULL, "%s", out);
	ck_assert_msg(strstr(out, ",\"'\r回车\",1-2,") != NULL, "%s", out);
	free(out);

	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--district", "FX", "--exact-csv",
		NULL), 0);
	ck_assert_msg(strstr(out, "FX,FX-1,\"=HYPERLINK(") != NULL, "%s", out);
	ck_assert_msg(strstr(out, ",+1,-2,@SUM(A1),") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "'") == NULL, "%s", out);
	free(out);

	/* the report's names too */
	testdb_exec(c, "UPDATE iedesk.district SET name = '-公式区' WHERE code = 'FX'");
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--format", "csv", "--district", "FX",
		NULL), 0);
	ck_assert_msg(strstr(out, "district,FX,'-公式区,") != NULL, "%s", out);
	free(out);
	PQfinish(c);
	free(db);
}
END_TEST

/* ---- streaming ---- */

/* 5,000 schools in a district of their own, each with a 15 kB address: 75 MB of rows. */
static void add_generated(PGconn *c)
{
	testdb_exec(c,
		"INSERT INTO iedesk.district (code, name, locale_class) VALUES ('GEN', '生成区', 'rural');"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale, address)"
		" SELECT d.id, 'GEN-' || g, '生成学校' || g, 'primary', 'village', repeat('路', 5000) || g"
		" FROM iedesk.district d, generate_series(1, 5000) g WHERE d.code = 'GEN';"
		"ANALYZE");
}

START_TEST(test_export_streams_with_progress)
{
	PGconn *c;
	char *db = demo_db(&c);
	add_generated(c);
	char *dir = make_temp_dir();
	char *path = xasprintf("%s/gen.csv", dir);

	/* Without freeing each row, the export would hold all 75 MB at once (and ASan's quarantine too). */
	const char *asan = getenv("ASAN_OPTIONS");
	char *asan_options = xasprintf("%s%squarantine_size_mb=0", asan ? asan : "", asan && *asan ? ":" : "");
	setenv("ASAN_OPTIONS", asan_options, 1);
	free(asan_options);
	char *out;
	long maxrss;
	int rc = testdb_run_measured(db, &maxrss, &out, "export", "schools", "--district", "GEN", "--progress",
		"-o", path, NULL);
	ck_assert_msg(rc == 0, "exit %d: %s", rc, out);
	ck_assert_msg(maxrss < 45 * 1024, "the export grew to %ld kB", maxrss);
	/* every 1,000 rows, the end being one of them: not said twice */
	ck_assert_str_eq(out, "exported 1000 rows\nexported 2000 rows\nexported 3000 rows\nexported 4000 rows\n"
		"exported 5000 rows\n");
	free(out);
	char *text = testdb_read_file(path);
	ck_assert_uint_gt(strlen(text), 75000000);
	struct csv csv;
	csv_parse(text, &csv);
	free(text);
	ck_assert_uint_eq(csv_rows(&csv, 16), 5000);
	ck_assert_str_eq(csv.fields[1][1], "GEN-1");   /* by name: 生成学校1, 生成学校10, ... */
	ck_assert_uint_eq(strlen(csv.fields[1][12]), 15001);
	csv_done(&csv);

	/* every school to standard output: the end is reported as the last line */
	rc = testdb_run_program(db, NULL, &out, "export", "schools", "--progress", "-o", path, NULL);
	ck_assert_msg(rc == 0, "exit %d: %s", rc, out);
	long all = testdb_count(c, "SELECT count(*) FROM iedesk.school");
	char *last = xasprintf("exported 5000 rows\nexported %ld rows\n", all);
	ck_assert_msg(strlen(out) > strlen(last) && !strcmp(out + strlen(out) - strlen(last), last), "%s", out);
	free(last);
	free(out);
	rc = testdb_run_program(db, NULL, &out, "export", "manager-gaps", "--district", "GEN", NULL);
	ck_assert_int_eq(rc, 0);
	csv_parse(out, &csv);
	ck_assert_uint_eq(csv_rows(&csv, 7), 5000);
	ck_assert_str_eq(csv.fields[5000][6], "never had one");
	csv_done(&csv);
	free(out);

	/* small counts: one line, at the end; none said for nothing matched */
	rc = testdb_run_program(db, NULL, &out, "export", "districts", "--district", "MY", "--progress", "-o", path, NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "exported 1 row\n");
	free(out);
	rc = testdb_run_program(db, NULL, &out, "export", "districts", "--filter", "nothing", "--progress", "-o", path, NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "exported 0 rows\n");
	free(out);

	remove_dir(dir);
	free(dir);
	free(path);
	PQfinish(c);
	free(db);
}
END_TEST

/* The library's own loop: progress as a callback, rows counted, the connection usable afterwards. */
static void count_progress(void *ctx, long rows)
{
	long *calls = ctx;   /* calls[0] counts, the rest are the rows reported */
	if (calls[0] < 15)
		calls[++calls[0]] = rows;
}

START_TEST(test_export_run_in_process)
{
	PGconn *c;
	char *db = demo_db(&c);
	add_generated(c);
	FILE *f = tmpfile();
	long calls[16] = { 0 }, rows = -1;
	struct db_export_options options = { .district_code = "GEN", .filter = "生成学校1", .progress = count_progress,
		.ctx = calls };
	struct db_error err = { 0 };
	ck_assert_msg(db_export_run(c, DB_EXPORT_SCHOOLS, &options, f, &rows, &err), "%s", err.message);
	/* 1, 10-19, 100-199, 1000-1999 */
	ck_assert_int_eq(rows, 1111);
	ck_assert_int_eq(calls[0], 2);
	ck_assert_int_eq(calls[1], 1000);
	ck_assert_int_eq(calls[2], 1111);
	fclose(f);
	/* a failure leaves the connection ready for the next query */
	f = tmpfile();
	options.district_code = "XX";
	ck_assert(!db_export_run(c, DB_EXPORT_SCHOOLS, &options, f, &rows, &err));
	ck_assert_str_eq(err.message, "no district has the code XX");
	testdb_exec(c, "SET iedesk.today = 'garbage'");
	options.district_code = NULL;
	ck_assert(!db_export_run(c, DB_EXPORT_MANAGER_GAPS, &options, f, &rows, &err));
	ck_assert_msg(strstr(err.message, "garbage"), "%s", err.message);
	testdb_exec(c, "SET iedesk.today = '" TODAY "'");
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.manager_gap WHERE district_code = 'HR'"), 9);
	fclose(f);
	PQfinish(c);
	free(db);
}
END_TEST

/* An export interrupted while it waits for the database ends cleanly and dies of the signal: the query
 * cancelled, no temporary file left, the existing file untouched. */
START_TEST(test_export_interrupted)
{
	PGconn *c;
	char *db = demo_db(&c);
	PGconn *watch = testdb_connect(db);
	char *dir = make_temp_dir();
	char *path = xasprintf("%s/schools.csv", dir);
	write_whole_file(path, "old\n");
	testdb_exec(c, "BEGIN; LOCK TABLE iedesk.school IN ACCESS EXCLUSIVE MODE");

	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		setenv("PGDATABASE", db, 1);
		setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
		execl(testdb_program(), testdb_program(), "export", "schools", "-o", path, (char *)NULL);
		_exit(127);
	}
	const char *waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
		" AND wait_event_type = 'Lock' AND query LIKE '%iedesk.school%'";
	int tries = 0;
	while (testdb_count(watch, waiting) == 0) {
		ck_assert_msg(++tries < 1000, "the export never reached the database");
		usleep(10000);
	}
	/* its temporary file is there while it waits */
	char *names = dir_listing(dir);
	ck_assert_msg(strstr(names, ".schools.csv.") != NULL, "%s", names);
	free(names);
	kill(pid, SIGTERM);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %d", status);
	ck_assert_int_eq(testdb_count(watch, waiting), 0);
	testdb_exec(c, "ROLLBACK");
	char *text = testdb_read_file(path);
	ck_assert_str_eq(text, "old\n");
	free(text);
	names = dir_listing(dir);
	ck_assert_str_eq(names, "schools.csv|");
	free(names);
	remove_dir(dir);
	free(dir);
	free(path);
	PQfinish(watch);
	PQfinish(c);
	free(db);
}
END_TEST

/* ---- the Manager gaps list ---- */

static char *append_ids(char *all, const char *more, bool front)
{
	char *t = front ? xasprintf("%s%s%s", more, *all && *more ? "," : "", all)
		: xasprintf("%s%s%s", all, *all && *more ? "," : "", more);
	free(all);
	return t;
}

/* Forward with AFTER and backward with BEFORE, windows of size: both the same ids, in order. */
static char *walk(PGconn *c, const char *filter, int size)
{
	char *forward = xstrdup(""), *backward = xstrdup("");
	struct db_rows rows, next;
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, filter, NULL, size, &rows);
	for (int n = 0; rows.count; n++) {
		ck_assert_int_lt(n, 100000);
		ck_assert_uint_le(rows.count, (size_t)size);
		char *ids = testdb_ids(&rows);
		forward = append_ids(forward, ids, false);
		free(ids);
		testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_AFTER, rows.rows[rows.count - 1].keys, filter, NULL, size, &next);
		db_rows_done(&rows);
		rows = next;
	}
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_LAST, NULL, filter, NULL, size, &rows);
	while (rows.count) {
		char *ids = testdb_ids(&rows);
		backward = append_ids(backward, ids, true);
		free(ids);
		testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_BEFORE, rows.rows[0].keys, filter, NULL, size, &next);
		db_rows_done(&rows);
		rows = next;
	}
	db_rows_done(&rows);
	ck_assert_msg(!strcmp(forward, backward), "forward %s, backward %s", forward, backward);
	free(backward);
	return forward;
}

/* The expected order, written from the rules rather than from the view. */
static char *expected_gap_ids(PGconn *c, const char *extra_condition)
{
	/* a row per gap: vacant (1), turnover (2), an untrained manager (3); a school's rows together, under its
	 * worst gap */
	char *sql = xasprintf("SELECT coalesce(string_agg(id::text, ',' ORDER BY worst, name, rank, id), '') FROM ("
		" SELECT id, name, rank, min(rank) OVER (PARTITION BY id) AS worst FROM ("
		" SELECT s.id, s.name, unnest(ARRAY[CASE WHEN m.id IS NULL THEN 1 END,"
		"  CASE WHEN (SELECT count(DISTINCT a.person_id) FROM iedesk.manager_appointment a WHERE a.school_id = s.id"
		"   AND a.started_on <= iedesk.today()"
		"   AND coalesce(a.ended_on, iedesk.today()) >= (iedesk.today() - interval '2 years')::date) > 1 THEN 2 END,"
		"  CASE WHEN m.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM iedesk.training_attendance t"
		"   JOIN iedesk.training tr ON tr.id = t.training_id"
		"   WHERE t.person_id = m.person_id AND tr.held_on <= iedesk.today()) THEN 3 END]) AS rank"
		" FROM iedesk.school s LEFT JOIN iedesk.manager_appointment m ON m.school_id = s.id AND m.ended_on IS NULL"
		" LEFT JOIN iedesk.person p ON p.id = m.person_id"
		" WHERE s.archived_at IS NULL %s) r WHERE rank IS NOT NULL) g", extra_condition);
	char *ids = testdb_value(c, sql);
	free(sql);
	return ids;
}

START_TEST(test_gaps_list_definition)
{
	const struct db_list_spec *def = db_list_spec(DB_LIST_MANAGER_GAPS);
	ck_assert_ptr_nonnull(def);
	ck_assert_str_eq(def->name, "manager-gaps");
	ck_assert_str_eq(def->title, "Manager gaps");
	ck_assert_int_eq(def->ncolumns, 6);
	const char *titles[] = { "Gap", "School", "Dist.", "Manager", "Since", "Details" };
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(def->columns[i].title, titles[i]);
	ck_assert_int_eq(def->columns[1].width, 0);   /* the school takes what is left */
	ck_assert_int_eq(def->nkeys, 4);              /* the school's worst gap, name, this gap, id */
	const struct db_list_open *open = db_list_open_target(DB_LIST_MANAGER_GAPS);
	ck_assert(!open->is_list);
	ck_assert_int_eq(open->detail, DB_DETAIL_SCHOOL);
	ck_assert_int_eq(open->id_key, 3);
	/* static text, the filter and keys only ever parameters */
	char *key[] = { "1", "x'; DROP TABLE iedesk.school; --", "1", "14" };
	struct db_request a, b;
	db_list_request(DB_LIST_MANAGER_GAPS, DB_WINDOW_AFTER, key, "evil'", NULL, 5, &a);
	db_list_request(DB_LIST_MANAGER_GAPS, DB_WINDOW_AFTER, key, "", NULL, 9, &b);
	ck_assert_ptr_eq(a.sql, b.sql);
	ck_assert(!strstr(a.sql, "evil") && !strstr(a.sql, "DROP") && !strstr(a.sql, "OFFSET"));
	ck_assert_int_eq(a.nparams, 6);
	ck_assert_str_eq(a.params[5], "5");
	db_request_done(&a);
	db_request_done(&b);
}
END_TEST

START_TEST(test_gaps_list_demo)
{
	PGconn *c;
	char *db = demo_db(&c);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 15);
	char *got = testdb_ids(&rows), *want = expected_gap_ids(c, "");
	ck_assert_str_eq(got, want);
	/* a gap's schools in pinyin order (北房 beifang, 渤海 bohai, 琉璃庙 liulimiao, 滦平 luanping, 密云 miyun, 汤河口
	 * tanghekou), Latin names after the Chinese ones (12 and 30 last) */
	ck_assert_str_eq(got, "14,29,27,201,202,105,23,7,7,104,28,102,25,12,30");
	free(got);
	free(want);
	struct {
		const char *cells[6];
		unsigned flags;
		const char *rank;
	} want_rows[] = {
		{ { "vacant", "北房镇中学", "HR", "", "2026-07-16", "131 days" }, DB_ROW_ALERT, "1" },
		{ { "vacant", "渤海镇中心小学", "HR", "", "", "never had one" }, DB_ROW_ALERT, "1" },
		{ { "vacant", "琉璃庙镇中心小学", "HR", "", "", "never had one" }, DB_ROW_ALERT, "1" },
		{ { "vacant", "滦平县第一小学", "LP", "", "", "never had one" }, DB_ROW_ALERT, "1" },
		{ { "vacant", "滦平县特殊教育学校", "LP", "", "", "never had one" }, DB_ROW_ALERT, "1" },
		{ { "vacant", "密云区第三中学", "MY", "", "", "never had one" }, DB_ROW_ALERT, "1" },
		{ { "vacant", "汤河口中学", "HR", "", "2026-03-01", "268 days" }, DB_ROW_ALERT, "1" },
		{ { "turnover", "怀柔区第三中学", "HR", "于鹏", "2026-10-26", "2 managers since 2024-11-24" }, 0, "2" },
		{ { "no training", "怀柔区第三中学", "HR", "于鹏", "2026-10-26", "no training recorded" }, 0, "2" },
		{ { "no training", "Huairou Experimental School", "HR", "朱晨", "2025-09-01", "no training recorded" }, 0, "3" },
	};
	for (size_t w = 0; w < sizeof(want_rows) / sizeof(want_rows[0]); w++) {
		/* the first rows by position; the Latin-named school's by its name (it sorts among the last) */
		size_t r = w;
		if (w == 9)
			for (r = 0; r < rows.count && strcmp(rows.rows[r].cells[1], want_rows[w].cells[1]); r++)
				;
		ck_assert_uint_lt(r, rows.count);
		for (int i = 0; i < 6; i++)
			ck_assert_msg(!strcmp(rows.rows[r].cells[i], want_rows[w].cells[i]), "row %zu cell %d: %s", r, i,
				rows.rows[r].cells[i]);
		ck_assert_uint_eq(rows.rows[r].flags, want_rows[w].flags);
		ck_assert_str_eq(rows.rows[r].keys[0], want_rows[w].rank);
		ck_assert_str_eq(rows.rows[r].keys[1], want_rows[w].cells[1]);
	}
	/* 怀柔区: 4 vacancies, 1 turnover, and of its 26 managers 21 trained (5 not: 4 schools and the turnover's,
	 * each a row of its own) */
	int vacancies = 0, untrained = 0;
	for (size_t r = 0; r < rows.count; r++)
		if (!strcmp(rows.rows[r].cells[2], "HR")) {
			vacancies += !strcmp(rows.rows[r].cells[0], "vacant");
			untrained += strstr(rows.rows[r].cells[5], "no training recorded") != NULL;
		}
	ck_assert_int_eq(vacancies, 4);
	ck_assert_int_eq(untrained, 5);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school_current_manager m JOIN iedesk.school s"
		" ON s.id = m.school_id WHERE s.district_id = 1 AND s.archived_at IS NULL"), 26);
	db_rows_done(&rows);

	/* filter: school or manager name */
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "于鹏", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 2);
	ck_assert_str_eq(testdb_row_id(&rows, 0), "7");
	ck_assert_str_eq(testdb_row_id(&rows, 1), "7");
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "experimental", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 1);
	db_rows_done(&rows);

	/* Changes show: a vacancy filled by a trained manager, a training attended. */
	testdb_exec(c, "INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (14, 93, '2026-11-01')");
	testdb_exec(c, "INSERT INTO iedesk.training_attendance (training_id, person_id) VALUES (4, 71), (4, 93)");
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "", NULL, 1000, &rows);
	got = testdb_ids(&rows);
	ck_assert_str_eq(got, "29,27,201,202,105,23,7,7,104,28,102,25,30");
	free(got);
	db_rows_done(&rows);
	/* A training not yet held does not count. */
	testdb_exec(c, "INSERT INTO iedesk.training (id, title, held_on, hours) VALUES (9, '下月培训', '2026-12-10', 4)");
	testdb_exec(c, "INSERT INTO iedesk.training_attendance (training_id, person_id) VALUES (9, 85)");
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "Yanqi Lake", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 1);
	db_rows_done(&rows);

	/* The clock is injected: two years on, the turnover is history but its manager is still untrained. */
	testdb_exec(c, "SET iedesk.today = '2028-11-24'");
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "怀柔区第三中学", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(rows.rows[0].cells[0], "no training");
	db_rows_done(&rows);
	testdb_exec(c, "SET iedesk.today = '2026-07-20'");   /* days after 北房镇中学's manager left ... */
	testdb_exec(c, "DELETE FROM iedesk.manager_appointment WHERE school_id = 14 AND ended_on IS NULL");
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "北房镇中学", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 1);
	ck_assert_str_eq(rows.rows[0].cells[5], "4 days");
	db_rows_done(&rows);

	/* Archived schools have no gaps. */
	testdb_exec(c, "UPDATE iedesk.school SET archived_at = now() WHERE id = 105");
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "密云区第三中学", NULL, 1000, &rows);
	ck_assert_uint_eq(rows.count, 0);
	db_rows_done(&rows);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_gaps_list_windows)
{
	PGconn *c;
	char *db = demo_db(&c);
	/* more of every gap: never-filled and left schools, turnovers, untrained managers, names shared */
	testdb_exec(c,
		"INSERT INTO iedesk.school (id, district_id, code, name, stage, locale)"
		" SELECT 1000 + g, 1 + g % 2, 'W-' || g, '窗口学校' || (g % 7), 'primary', 'village'"
		" FROM generate_series(1, 300) g;"
		"INSERT INTO iedesk.person (id, name) SELECT 1000 + g, '窗口经理' || g FROM generate_series(1, 600) g;"
		"INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on, ended_on)"
		" SELECT 1000 + g, 1000 + g, '2023-09-01', CASE WHEN g % 3 = 0 THEN date '2026-01-01' + g END"
		" FROM generate_series(1, 300) g WHERE g % 5 > 0;"
		"INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on)"
		" SELECT 1000 + g, 1300 + g, '2026-06-01' FROM generate_series(1, 300) g WHERE g % 3 = 0 AND g % 5 > 0"
		" AND g % 2 = 0;"
		"INSERT INTO iedesk.training_attendance (training_id, person_id)"
		" SELECT 1, 1000 + g FROM generate_series(1, 300) g WHERE g % 4 = 0;"
		"ANALYZE");
	char *want = expected_gap_ids(c, "");
	int sizes[] = { 1, 7, 50, 1000 };
	for (int i = 0; i < 4; i++) {
		char *ids = walk(c, "", sizes[i]);
		ck_assert_msg(!strcmp(ids, want), "size %d: walked %s, want %s", sizes[i], ids, want);
		free(ids);
	}
	/* every gap kind is there, each school once */
	ck_assert_int_gt(testdb_count(c, "SELECT count(*) FROM iedesk.manager_gap WHERE rank = 2"), 10);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) - count(DISTINCT school_id) FROM iedesk.manager_gap"), 0);
	free(want);

	/* filtered walks */
	char *ids = walk(c, "窗口学校3", 4);
	want = expected_gap_ids(c, "AND strpos(s.name, '窗口学校3') > 0");
	ck_assert_str_eq(ids, want);
	free(ids);
	free(want);
	ids = walk(c, "窗口经理1", 3);
	want = expected_gap_ids(c, "AND strpos(p.name, '窗口经理1') > 0");
	ck_assert_str_eq(ids, want);
	ck_assert_int_gt(strlen(want), 0);
	free(ids);
	free(want);

	/* FROM keeps its place; BEFORE stops short of it */
	struct db_rows all, from;
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &all);
	for (size_t at = 2; at + 3 < all.count; at += all.count / 5) {
		testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FROM, all.rows[at].keys, "", NULL, 3, &from);
		ck_assert_uint_eq(from.count, 3);
		for (size_t i = 0; i < 3; i++)
			ck_assert_str_eq(testdb_row_id(&from, i), testdb_row_id(&all, at + i));
		db_rows_done(&from);
		testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_BEFORE, all.rows[at].keys, "", NULL, 2, &from);
		ck_assert_uint_eq(from.count, 2);
		ck_assert_str_eq(testdb_row_id(&from, 0), testdb_row_id(&all, at - 2));
		ck_assert_str_eq(testdb_row_id(&from, 1), testdb_row_id(&all, at - 1));
		db_rows_done(&from);
	}
	/* the last window ends the list */
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_LAST, NULL, "", NULL, 2, &from);
	ck_assert_str_eq(testdb_row_id(&from, 1), testdb_row_id(&all, all.count - 1));
	db_rows_done(&from);
	db_rows_done(&all);

	/* The gaps read schools, appointments and training, never the meetings or inspections. */
	struct db_request req;
	char *key[] = { "2", "怀柔区第三中学", "2", "7" };
	db_list_request(DB_LIST_MANAGER_GAPS, DB_WINDOW_AFTER, key, "", NULL, 20, &req);
	char *sql = xasprintf("EXPLAIN (FORMAT JSON) %s", req.sql);
	PGresult *res = PQexecParams(c, sql, req.nparams, NULL, (const char *const *)req.params, NULL, NULL, 0);
	ck_assert_int_eq(PQresultStatus(res), PGRES_TUPLES_OK);
	const char *plan = PQgetvalue(res, 0, 0);
	ck_assert_msg(!strstr(plan, "\"inspection\"") && !strstr(plan, "\"meeting\"") && !strstr(plan, "\"finding\""),
		"%s", plan);
	ck_assert_msg(strstr(plan, "\"manager_appointment\""), "%s", plan);
	PQclear(res);
	free(sql);
	db_request_done(&req);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_gaps_list_at_scale)
{
	PGconn *c;
	char *db = demo_db(&c);
	add_generated(c);
	/* 5,012 gaps; a window must stay quick though the view is sorted whole */
	struct timespec t0, t1;
	struct db_rows rows;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "", NULL, 50, &rows);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	ck_assert_msg(ms < 2000, "a window took %.0f ms", ms);
	ck_assert_uint_eq(rows.count, 50);
	db_rows_done(&rows);
	char *ids = walk(c, "", 400);
	char *want = expected_gap_ids(c, "");
	ck_assert_str_eq(ids, want);
	free(ids);
	free(want);
	PQfinish(c);
	free(db);
}
END_TEST

/* ---- the byte order mark and the language ---- */

#define BOM "\xEF\xBB\xBF"

/* The byte order mark stands before the header, apart from any cell: a first cell that starts with = is
 * still guarded, with or without the mark, and --exact-csv keeps its meaning; --no-bom goes with exports
 * and CSV reports only. */
START_TEST(test_export_bom)
{
	PGconn *c;
	char *db = demo_db(&c);
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('=1+1', '=公式区', 'rural')");
	static const char *const with[] = { NULL, "--no-bom" };
	for (int b = 0; b < 2; b++) {
		char *out;
		ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "--filter", "=1+1", with[b],
			NULL), 0);
		char *want = xasprintf("%sDistrict code,District,Locale class,Schools,Resource classrooms,"
			"Resource centers,Autism bases,Vacancies\r\n'=1+1,'=公式区,rural,0,0,0,0,0\r\n", b ? "" : BOM);
		ck_assert_str_eq(out, want);
		free(want);
		free(out);
		ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "districts", "--filter", "=1+1",
			"--exact-csv", with[b], NULL), 0);
		ck_assert_msg(strstr(out, "\r\n=1+1,=公式区,rural,") && !strncmp(out, BOM, 3) == !b, "%s", out);
		free(out);
		/* the report's CSV the same way; its table has no mark */
		ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--format", "csv", with[b],
			NULL), 0);
		const char *level = b ? "Level," : BOM "Level,";
		ck_assert_msg(!strncmp(out, level, strlen(level)), "%.40s", out);
		free(out);
	}
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", NULL), 0);
	ck_assert_msg(!strncmp(out, "Backlog summary", 15), "%.40s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--no-bom", NULL), 2);
	ck_assert_str_eq(out, "iedesk: --no-bom goes with 'export' and 'report --format csv'\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", "--no-bom", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--no-bom", NULL), 2);
	free(out);
	PQfinish(c);
	free(db);
}
END_TEST

/* In Chinese the header is Chinese and the codes are words (初中, 公办, 是, 巡回指导, 待关闭); in English the
 * header and the codes are as they always were, for scripts. The guard and the mark are the same. */
START_TEST(test_export_chinese)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--lang", "zh_CN", "export", "schools", "--filter",
		"杨宋镇中学", NULL), 0);
	const char *header = BOM "区县代码,学校代码,学校,英文名称,学段,办学性质,城乡,资源教室,资源中心,孤独症教育基地,"
		"融合教育管理人员,任职起始日期,地址,电话,校长,归档日期\r\n";
	ck_assert_msg(!strncmp(out, header, strlen(header)), "%.300s", out);
	struct csv csv;
	csv_parse(out + 3, &csv);
	ck_assert_uint_eq(csv.count, 2);
	char *stage = testdb_value(c, "SELECT stage FROM iedesk.school WHERE name = '杨宋镇中学'");
	ck_assert_str_eq(stage, "junior");
	ck_assert_str_eq(csv.fields[1][4], "初中");
	ck_assert_str_eq(csv.fields[1][5], "公办");
	ck_assert(!strcmp(csv.fields[1][7], "是") || !strcmp(csv.fields[1][7], "否"));
	csv_done(&csv);
	free(stage);
	free(out);
	/* the same in English: the stored codes */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--lang", "en", "export", "schools", "--filter",
		"杨宋镇中学", NULL), 0);
	csv_parse(out + 3, &csv);
	ck_assert_str_eq(csv.fields[0][4], "Stage");
	ck_assert_str_eq(csv.fields[1][4], "junior");
	ck_assert_str_eq(csv.fields[1][5], "public");
	csv_done(&csv);
	free(out);
	/* the backlog: kinds and the derived statuses */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--lang", "zh_CN", "export", "backlog", "--no-bom", NULL), 0);
	ck_assert_msg(!strncmp(out, "逾期天数,完成时限,区县代码,学校代码,学校,类型,状态,未整改问题数,最严重的未整改问题,检查人,"
		"计划日期\r\n", 40), "%.300s", out);
	ck_assert_msg(strstr(out, ",巡回指导,") && strstr(out, ",督导检查,") && strstr(out, ",已计划,"), "%s", out);
	ck_assert_msg(!strstr(out, ",planned,") && !strstr(out, ",itinerant-guidance,"), "%s", out);
	free(out);
	/* a formula in Chinese output is guarded as in English */
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('=1+1', '@公式区', 'rural')");
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--lang", "zh_CN", "export", "districts", "--filter", "=1+1",
		NULL), 0);
	ck_assert_str_eq(out, BOM "区县代码,区县,城乡类别,学校数,资源教室数,资源中心数,孤独症教育基地数,管理人员空缺数\r\n"
		"'=1+1,'@公式区,农村,0,0,0,0,0\r\n");
	free(out);
	PQfinish(c);
	free(db);
}
END_TEST

/* The gaps' details in the reader's language (0028), in the pane and in the export: no English of the
 * view's is left in Chinese, and the English is the view's own. */
START_TEST(test_gaps_details_in_chinese)
{
	PGconn *c;
	char *db = demo_db(&c);
	const struct db_list_spec *spec = db_list_spec(DB_LIST_MANAGER_GAPS);
	struct db_rows rows;
	text_language("zh_CN", getenv("IEDESK_LOCALEDIR"));
	testdb_fetch(c, DB_LIST_MANAGER_GAPS, DB_WINDOW_FIRST, NULL, "", NULL, 1000, &rows);
	int never = 0, days = 0, turnover = 0, untrained = 0;
	for (size_t r = 0; r < rows.count; r++) {
		const char *gap = db_row_cell(spec, &rows.rows[r], "gap"), *details = rows.rows[r].cells[5];
		for (const char *p = details; *p; p++)
			ck_assert_msg(!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')), "row %zu: %s", r, details);
		if (!strcmp(gap, "vacant") && !strcmp(details, "从未任命"))
			never++;
		else if (!strcmp(gap, "vacant") && strlen(details) > 4 && !strcmp(details + strlen(details) - 4, " 天"))
			days++;
		else if (!strcmp(gap, "turnover") && !strcmp(details, "自 2024-11-24 以来已换 2 任管理人员"))
			turnover++;
		else if (!strcmp(gap, "no training") && !strcmp(details, "无培训记录"))
			untrained++;
		else
			ck_abort_msg("row %zu: gap %s, details %s", r, gap, details);
	}
	ck_assert_int_eq(never, 5);   /* 滦平县's two schools (0031) too */
	ck_assert_int_eq(days, 2);
	ck_assert_int_eq(turnover, 1);
	ck_assert_int_eq(untrained, 7);
	db_rows_done(&rows);
	text_language("en", getenv("IEDESK_LOCALEDIR"));
	unsetenv("LANGUAGE");

	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--lang", "zh_CN", "export", "manager-gaps", "--no-bom",
		NULL), 0);
	ck_assert_msg(strstr(out, ",自 2024-11-24 以来已换 2 任管理人员\r\n") && strstr(out, ",无培训记录\r\n")
		&& strstr(out, ",从未任命\r\n") && strstr(out, " 天\r\n"), "%s", out);
	ck_assert_msg(!strstr(out, "never") && !strstr(out, "days") && !strstr(out, "recorded"), "%s", out);
	free(out);
	/* in English, the view's own words, byte for byte */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "manager-gaps", "--no-bom", NULL), 0);
	char *view = testdb_value(c, "SELECT string_agg(details, '|' ORDER BY school_rank, school_name, rank,"
		" school_id) FROM iedesk.manager_gap_each");
	struct csv csv;
	csv_parse(out, &csv);
	char *got = xstrdup("");
	for (size_t r = 1; r < csv.count; r++) {
		char *next = xasprintf("%s%s%s", got, r > 1 ? "|" : "", csv.fields[r][6]);
		free(got);
		got = next;
	}
	ck_assert_str_eq(got, view);
	free(got);
	free(view);
	csv_done(&csv);
	free(out);
	PQfinish(c);
	free(db);
}
END_TEST

/* The config's ui: language: zh_CN makes what is said after the config is read Chinese, under LC_ALL=C.UTF-8;
 * --lang en wins over it. */
START_TEST(test_export_language_of_config)
{
	PGconn *c;
	char *db = demo_db(&c);
	char dir[] = "/tmp/iedesk-lang-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *path = xasprintf("%s/config.yaml", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("ui:\n  language: zh_CN\n", f);
	fclose(f);
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--config", path, "export", "schools", "--district", "XX",
		NULL), 1);
	ck_assert_str_eq(out, "iedesk: 没有代码为 XX 的区县\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--config", path, "--lang", "en", "export", "schools",
		"--district", "XX", NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--lang", "en", "--config", path, "export", "schools",
		"--district", "XX", NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	/* and the CSV it writes: Chinese headers */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--config", path, "export", "districts", NULL), 0);
	ck_assert_msg(!strncmp(out, BOM "区县代码,区县,", strlen(BOM "区县代码,区县,")), "%.100s", out);
	free(out);
	unlink(path);
	rmdir(dir);
	free(path);
	PQfinish(c);
	free(db);
}
END_TEST

Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *unit = tcase_create("csv");
	tcase_add_test(unit, test_csv_quoting);
	tcase_add_test(unit, test_export_kinds);
	tcase_add_test(unit, test_gaps_list_definition);
	suite_add_tcase(s, unit);
	TCase *program = tcase_create("program");
	tcase_set_timeout(program, 120);
	tcase_add_test(program, test_export_every_kind);
	tcase_add_test(program, test_export_rows);
	tcase_add_test(program, test_export_district_and_filter);
	tcase_add_test(program, test_export_regions_and_alliances);
	tcase_add_test(program, test_export_inspections);
	tcase_add_test(program, test_export_findings);
	tcase_add_test(program, test_export_backlog);
	tcase_add_test(program, test_export_errors);
	tcase_add_test(program, test_export_output_file);
	tcase_add_test(program, test_export_output_what_is_there);
	tcase_add_test(program, test_export_stdout_closed);
	tcase_add_test(program, test_export_formula_cells);
	tcase_add_test(program, test_export_bom);
	tcase_add_test(program, test_export_chinese);
	tcase_add_test(program, test_export_language_of_config);
	tcase_add_test(program, test_export_streams_with_progress);
	tcase_add_test(program, test_export_run_in_process);
	tcase_add_test(program, test_export_interrupted);
	suite_add_tcase(s, program);
	TCase *gaps = tcase_create("gaps");
	tcase_set_timeout(gaps, 300);
	tcase_set_tags(gaps, "scale");
	tcase_add_test(gaps, test_gaps_list_demo);
	tcase_add_test(gaps, test_gaps_list_windows);
	tcase_add_test(gaps, test_gaps_list_at_scale);
	tcase_add_test(gaps, test_gaps_details_in_chinese);
	suite_add_tcase(s, gaps);
	return s;
}
