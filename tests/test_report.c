/* test_report: the backlog's summary report (db/report.c, `iedesk report backlog`, `iedesk export report`)
 * against the demo with "today" fixed at 2026-11-24: its figures checked against SQL of our own over the
 * inspections and findings (never iedesk.backlog), the table's columns by display width with Chinese
 * names, the CSV, one district, another today, windows of many rows, and the command line. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TODAY TESTDB_TODAY
#define TERM_START "2026-08-01"

/* ---- helpers ---- */

/* The report written in-process; true with the text (allocated) or false with err. */
static bool report_text(PGconn *c, const char *district, enum db_report_format format, const char *today,
		char **text, struct db_error *err)
{
	size_t size = 0;
	*text = NULL;
	FILE *out = open_memstream(text, &size);
	ck_assert_ptr_nonnull(out);
	struct db_report_options options = { .district_code = district, .format = format, .today = today };
	bool ok = db_report_backlog(c, &options, out, err);
	ck_assert_int_eq(fclose(out), 0);
	return ok;
}

static char *report_ok(PGconn *c, const char *district, enum db_report_format format, const char *today)
{
	char *text;
	struct db_error err = { 0 };
	ck_assert_msg(report_text(c, district, format, today, &text, &err), "%s", err.message);
	return text;
}

/* A parsed CSV text (RFC 4180, CRLF): records of fields; an unquoted empty field is NULL. */
struct csv {
	size_t count;
	char **fields[1024];
	size_t nfields[1024];
};

static void csv_parse(const char *p, struct csv *csv)
{
	memset(csv, 0, sizeof(*csv));
	while (*p) {
		ck_assert_uint_lt(csv->count, 1024);
		char **fields = xcalloc(16, sizeof(*fields));
		size_t n = 0;
		for (;;) {
			ck_assert_uint_lt(n, 16);
			size_t cap = strlen(p) + 1, len = 0;
			char *value = xmalloc(cap);
			bool quoted = *p == '"';
			if (quoted) {
				for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
					if (*p == '"')
						p++;
					value[len++] = *p;
				}
				ck_assert_msg(*p == '"', "record %zu: unterminated quoted field", csv->count + 1);
				p++;
			} else {
				for (; *p && *p != ',' && *p != '\r' && *p != '\n'; p++) {
					ck_assert_msg(*p != '"', "record %zu: a quote in an unquoted field", csv->count + 1);
					value[len++] = *p;
				}
			}
			value[len] = '\0';
			if (!quoted && !len)
				FREE(&value);
			fields[n++] = value;
			if (*p == ',') {
				p++;
				continue;
			}
			ck_assert_msg(p[0] == '\r' && p[1] == '\n', "record %zu does not end with CRLF", csv->count + 1);
			p += 2;
			break;
		}
		csv->fields[csv->count] = fields;
		csv->nfields[csv->count++] = n;
	}
}

static void csv_done(struct csv *csv)
{
	for (size_t r = 0; r < csv->count; r++) {
		for (size_t f = 0; f < csv->nfields[r]; f++)
			free(csv->fields[r][f]);
		free(csv->fields[r]);
	}
	csv->count = 0;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The figures of the inspections of the schools matching cond (SQL over the test's own integers), counted
 * from our own reading of the rules: open = not closed; overdue = open and due before today, where a
 * planned one is due on its plan date and a visited one on its oldest unresolved finding's due date;
 * closed = closed since term_start; the median (percentile_disc: the ceil(n/2)-th) of the days from the
 * visit to closing of those; oldest = the earliest plan date of an open one. */
struct figures {
	char open[16], overdue[16], closed[16], median[16], oldest[16];
};

static void figures_of(PGconn *c, const char *cond, const char *today, const char *term_start, struct figures *f)
{
	char *sql = xasprintf(
		"WITH i AS (SELECT i.status, i.planned_on, i.visited_on, i.closed_on,"
		" CASE WHEN i.status = 'planned' THEN i.planned_on ELSE (SELECT min(f.due_on) FROM iedesk.finding f"
		" WHERE f.inspection_id = i.id AND f.resolved_on IS NULL) END AS due"
		" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE %s),"
		" k AS (SELECT closed_on - visited_on AS days FROM i WHERE status = 'closed' AND closed_on >= $2::date)"
		" SELECT (SELECT count(*) FROM i WHERE status <> 'closed')::text,"
		" (SELECT count(*) FROM i WHERE status <> 'closed' AND due < $1::date)::text,"
		" (SELECT count(*) FROM k)::text,"
		" coalesce((SELECT k.days::text FROM k ORDER BY k.days OFFSET greatest((SELECT count(*) FROM k) - 1, 0) / 2"
		" LIMIT 1), ''),"
		" coalesce((SELECT to_char(min(planned_on), 'YYYY-MM-DD') FROM i WHERE status <> 'closed'), '')", cond);
	const char *params[2] = { today, term_start };
	PGresult *res = PQexecParams(c, sql, 2, NULL, params, NULL, NULL, 0);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
	snprintf(f->open, sizeof(f->open), "%s", PQgetvalue(res, 0, 0));
	snprintf(f->overdue, sizeof(f->overdue), "%s", PQgetvalue(res, 0, 1));
	snprintf(f->closed, sizeof(f->closed), "%s", PQgetvalue(res, 0, 2));
	snprintf(f->median, sizeof(f->median), "%s", PQgetvalue(res, 0, 3));
	snprintf(f->oldest, sizeof(f->oldest), "%s", PQgetvalue(res, 0, 4));
	PQclear(res);
	free(sql);
}

/* A CSV record's figures (fields 4 to 8) are f. */
static void check_figures(char **record, const struct figures *f, const char *what)
{
	const char *want[5] = { f->open, f->overdue, f->closed, f->median, f->oldest };
	static const char *const names[5] = { "open", "overdue", "closed", "median", "oldest open" };
	for (int i = 0; i < 5; i++)
		ck_assert_msg(!strcmp(or_empty(record[4 + i]), want[i]), "%s, %s: report %s, SQL %s", what, names[i],
			or_empty(record[4 + i]), want[i]);
}

/* Every district and school of a CSV report against figures_of: districts not archived by name, each
 * followed by its schools with something open or closed this term, by name. */
static void check_csv_against_sql(PGconn *c, const struct csv *csv, const char *district_code, const char *today,
		const char *term_start)
{
	char *sql = xasprintf("SELECT id, code, name FROM iedesk.district WHERE archived_at IS NULL%s%s%s"
		" ORDER BY name, id", district_code ? " AND code = '" : "", district_code ? district_code : "",
		district_code ? "'" : "");
	PGresult *districts = PQexec(c, sql);
	free(sql);
	ck_assert_int_eq(PQresultStatus(districts), PGRES_TUPLES_OK);
	size_t r = 1;
	for (int d = 0; d < PQntuples(districts); d++) {
		const char *id = PQgetvalue(districts, d, 0), *code = PQgetvalue(districts, d, 1);
		const char *name = PQgetvalue(districts, d, 2);
		ck_assert_msg(r < csv->count, "no row for district %s", code);
		char **record = csv->fields[r++];
		ck_assert_str_eq(record[0], "district");
		ck_assert_str_eq(record[1], code);
		ck_assert_str_eq(record[2], name);
		ck_assert_ptr_null(record[3]);
		char *cond = xasprintf("s.district_id = %s", id);
		struct figures f;
		figures_of(c, cond, today, term_start, &f);
		check_figures(record, &f, code);
		free(cond);

		const char *params[2] = { id, term_start };
		PGresult *schools = PQexecParams(c, "SELECT s.id, s.name FROM iedesk.school s WHERE s.district_id = $1"
			" AND EXISTS (SELECT 1 FROM iedesk.inspection i WHERE i.school_id = s.id"
			" AND (i.status <> 'closed' OR i.closed_on >= $2::date)) ORDER BY s.name, s.id", 2, NULL, params,
			NULL, NULL, 0);
		ck_assert_int_eq(PQresultStatus(schools), PGRES_TUPLES_OK);
		for (int s = 0; s < PQntuples(schools); s++) {
			ck_assert_msg(r < csv->count, "no row for school %s", PQgetvalue(schools, s, 1));
			record = csv->fields[r++];
			ck_assert_str_eq(record[0], "school");
			ck_assert_str_eq(record[1], code);
			ck_assert_str_eq(record[2], name);
			ck_assert_str_eq(or_empty(record[3]), PQgetvalue(schools, s, 1));
			cond = xasprintf("s.id = %s", PQgetvalue(schools, s, 0));
			figures_of(c, cond, today, term_start, &f);
			check_figures(record, &f, PQgetvalue(schools, s, 1));
			free(cond);
		}
		PQclear(schools);
	}
	ck_assert_uint_eq(r, csv->count);
	PQclear(districts);
}

/* The record of a school (or district, with school NULL) by name. */
static char **csv_row(const struct csv *csv, const char *district, const char *school)
{
	for (size_t r = 1; r < csv->count; r++)
		if (!strcmp(or_empty(csv->fields[r][2]), district) && (school ? csv->fields[r][3]
				&& !strcmp(csv->fields[r][3], school) : !csv->fields[r][3]))
			return csv->fields[r];
	ck_abort_msg("no row for %s %s", district, school ? school : "");
	return NULL;
}

static const char *const header = "Level,District code,District,School,Open,Overdue,Closed this term,"
	"Median days to close,Oldest open\r\n";

/* ---- display width, our own: a CJK character takes two cells, anything else one ---- */

static int cells_of(const char *s, size_t bytes)
{
	int cells = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < bytes;) {
		uint32_t c = u[i];
		size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		for (size_t k = 1; k < n; k++)
			c = c << 6 | (u[i + k] & 0x3F);
		c &= n == 1 ? 0x7F : n == 2 ? 0x7FF : n == 3 ? 0xFFFF : 0x1FFFFF;
		cells += (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFF60) ? 2 : 1;
		i += n;
	}
	return cells;
}

/* A table line cut where two or more spaces part its words: each word's first and last cell. */
struct word {
	char text[128];
	int start, end;   /* [start, end) in display cells */
};

static int words_of(const char *line, struct word *words, int max)
{
	int n = 0;
	const char *p = line;
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		const char *word = p;
		while (*p && !(p[0] == ' ' && (p[1] == ' ' || !p[1])))
			p++;
		ck_assert_int_lt(n, max);
		snprintf(words[n].text, sizeof(words[n].text), "%.*s", (int)(p - word), word);
		words[n].start = cells_of(line, (size_t)(word - line));
		words[n].end = words[n].start + cells_of(word, (size_t)(p - word));
		n++;
	}
	return n;
}

static char *line_of(const char *text, int index)
{
	const char *p = text;
	for (int i = 0; i < index; i++) {
		p = strchr(p, '\n');
		ck_assert_ptr_nonnull(p);
		p++;
	}
	return xasprintf("%.*s", (int)strcspn(p, "\n"), p);
}

/* ---- tests ---- */

START_TEST(test_report_formats)
{
	enum db_report_format format = DB_REPORT_CSV;
	ck_assert(db_report_format_lookup("table", &format));
	ck_assert_int_eq(format, DB_REPORT_TABLE);
	ck_assert(db_report_format_lookup("csv", &format));
	ck_assert_int_eq(format, DB_REPORT_CSV);
	ck_assert(!db_report_format_lookup("CSV", &format));
	ck_assert(!db_report_format_lookup("md", &format));
	ck_assert(!db_report_format_lookup("", &format));
	ck_assert(!db_report_format_lookup(NULL, &format));
}
END_TEST

/* The demo's figures, by our own SQL and as numbers read off the demo. */
START_TEST(test_report_csv_figures)
{
	PGconn *c = testdb_demo();
	char *text = report_ok(c, NULL, DB_REPORT_CSV, NULL);
	ck_assert_msg(!strncmp(text, header, strlen(header)), "%.200s", text);
	struct csv csv;
	csv_parse(text, &csv);
	for (size_t r = 0; r < csv.count; r++)
		ck_assert_uint_eq(csv.nfields[r], 9);
	check_csv_against_sql(c, &csv, NULL, TODAY, TERM_START);

	/* 怀柔区 sorts before 密云区 (pinyin: huairou, miyun), each followed by its schools */
	ck_assert_str_eq(csv.fields[1][0], "district");
	ck_assert_str_eq(csv.fields[1][2], "怀柔区");
	ck_assert_str_eq(csv.fields[2][0], "school");
	ck_assert_str_eq(csv.fields[2][2], "怀柔区");
	size_t my = 0;
	for (size_t r = 2; r < csv.count && !my; r++)
		if (!strcmp(or_empty(csv.fields[r][2]), "密云区"))
			my = r;
	ck_assert_uint_gt(my, 2);
	ck_assert_str_eq(csv.fields[my][0], "district");
	ck_assert_str_eq(csv.fields[my + 1][0], "school");
	ck_assert_str_eq(csv.fields[my + 1][2], "密云区");
	const char *hr[] = { "district", "HR", "怀柔区", NULL, "19", "9", "4", "6", "2026-05-20" };
	char **got = csv_row(&csv, "怀柔区", NULL);
	for (int i = 0; i < 9; i++)
		ck_assert_str_eq(or_empty(got[i]), or_empty(hr[i]));
	/* 杨宋镇中学: three open, two of them overdue (a finding past due on each) */
	got = csv_row(&csv, "怀柔区", "杨宋镇中学");
	ck_assert_str_eq(got[4], "3");
	ck_assert_str_eq(got[5], "2");
	ck_assert_str_eq(got[6], "0");
	ck_assert_ptr_null(got[7]);   /* nothing closed: no median, a missing value */
	ck_assert_str_eq(got[8], "2026-05-20");
	/* closed this term and nothing open: a median, no oldest open */
	got = csv_row(&csv, "怀柔区", "宝山镇中心小学");
	ck_assert_str_eq(got[4], "0");
	ck_assert_str_eq(got[6], "1");
	ck_assert_str_eq(got[7], "6");
	ck_assert_ptr_null(got[8]);
	ck_assert_str_eq(csv_row(&csv, "怀柔区", "喇叭沟门满族乡中心小学")[7], "0");
	/* a school with neither open nor closed this term is left out */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.school WHERE district_id = 1"), 31);
	ck_assert_uint_eq(csv.count, 1 + 3 + 1 + 20);   /* 滦平县 (0031) has nothing open: its row alone */

	/* the screen's rows say the same */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_REPORT_DISTRICTS, DB_WINDOW_FIRST, NULL, "", NULL, 100, &rows);
	ck_assert_uint_eq(rows.count, 3);
	for (size_t r = 0; r < rows.count; r++) {
		char **record = csv_row(&csv, rows.rows[r].cells[0], NULL);
		for (int col = 1; col < 7; col++)
			ck_assert_str_eq(rows.rows[r].cells[col], or_empty(record[col == 1 ? 1 : col + 2]));
	}
	db_rows_done(&rows);
	csv_done(&csv);
	free(text);

	/* A closing now moves the figures of the report as of the screen. */
	testdb_exec(c, "UPDATE iedesk.inspection SET status = 'closed', closed_on = '" TODAY "' WHERE id = 5");
	text = report_ok(c, NULL, DB_REPORT_CSV, NULL);
	csv_parse(text, &csv);
	check_csv_against_sql(c, &csv, NULL, TODAY, TERM_START);
	ck_assert_str_eq(csv_row(&csv, "怀柔区", NULL)[6], "5");
	csv_done(&csv);
	free(text);
	PQfinish(c);
}
END_TEST

/* The table: title, header, districts with their schools indented, a total; every column's edge at the
 * same display cell on every line, whatever the names' scripts. */
START_TEST(test_report_table_alignment)
{
	PGconn *c = testdb_demo();
	/* a long Chinese name and a long ASCII one, in a district of their own */
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('WS', '乌苏里江畔新区', 'rural');"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" SELECT id, 'WS-1', '乌苏里江畔新区第一九年一贯制学校附属幼儿园', 'preschool', 'village' FROM iedesk.district"
		" WHERE code = 'WS';"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" SELECT id, 'WS-2', 'Wusuli Riverside Bilingual School', 'primary', 'village'"
		" FROM iedesk.district WHERE code = 'WS';"
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on)"
		" SELECT id, 'supervision', '2026-11-01' FROM iedesk.school WHERE code IN ('WS-1', 'WS-2')");
	char *text = report_ok(c, NULL, DB_REPORT_TABLE, NULL);
	char *line = line_of(text, 0);
	ck_assert_str_eq(line, "Backlog summary — term from " TERM_START " to " TODAY
		" (median: days from the visit to closing)");
	free(line);
	line = line_of(text, 1);
	ck_assert_str_eq(line, "");
	free(line);

	/* the header's columns: names and codes start where their title does, figures end where theirs does */
	static const char *const titles[7] = { "District / school", "Code", "Open", "Overdue", "Closed", "Median days",
		"Oldest open" };
	static const bool right[7] = { false, false, true, true, true, true, false };
	char *head = line_of(text, 2);
	struct word hw[16];
	ck_assert_int_eq(words_of(head, hw, 16), 7);
	for (int i = 0; i < 7; i++)
		ck_assert_str_eq(hw[i].text, titles[i]);
	free(head);

	int lines = 0, schools = 0, chinese = 0;
	long sums[3] = { 0, 0, 0 };
	bool total_seen = false;
	for (int l = 3;; l++) {
		line = line_of(text, l);
		if (!*line) {
			free(line);
			break;
		}
		ck_assert_msg(line[strlen(line) - 1] != ' ', "line %d ends in a blank: [%s]", l, line);
		struct word w[16];
		int n = words_of(line, w, 16);
		bool school = line[0] == ' ';
		ck_assert_msg(!school || (line[1] == ' ' && line[2] != ' '), "a school indented by two: [%s]", line);
		ck_assert_int_eq(w[0].start, school ? 2 : 0);
		/* every other word sits at its own column's edge, in column order */
		int col = 0;
		for (int i = 1; i < n; i++) {
			int found = -1;
			for (int k = col + 1; k < 7 && found < 0; k++)
				if (right[k] ? w[i].end == hw[k].end : w[i].start == hw[k].start)
					found = k;
			ck_assert_msg(found > 0, "line %d: [%s] at cells %d-%d is at no column's edge: [%s]", l, w[i].text,
				w[i].start, w[i].end, line);
			col = found;
			if (!strcmp(w[0].text, "Total"))
				continue;
			if (!school && found >= 2 && found <= 4)
				sums[found - 2] += atol(w[i].text);
		}
		/* and no name runs into the next column */
		ck_assert_int_lt(w[0].end, hw[1].start);
		if (!strcmp(w[0].text, "Total")) {
			total_seen = true;
			ck_assert_int_eq(n, 6);
			ck_assert_int_eq(atol(w[1].text), sums[0]);
			ck_assert_int_eq(atol(w[2].text), sums[1]);
			ck_assert_int_eq(atol(w[3].text), sums[2]);
			ck_assert_int_eq(w[1].end, hw[2].end);
			/* the median of every closing this term (not of the districts' medians), the oldest open item */
			char *median = testdb_value(c, "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY i.closed_on"
				" - i.visited_on) FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id JOIN"
				" iedesk.district d ON d.id = s.district_id WHERE d.archived_at IS NULL AND i.status = 'closed'"
				" AND i.closed_on >= iedesk.term_start(iedesk.today())");
			char *oldest = testdb_value(c, "SELECT min(b.planned_on) FROM iedesk.backlog b JOIN iedesk.district d"
				" ON d.id = b.district_id WHERE d.archived_at IS NULL");
			ck_assert_str_eq(w[4].text, median);
			ck_assert_str_eq(w[5].text, oldest);
			ck_assert_int_eq(w[4].end, hw[5].end);
			ck_assert_int_eq(w[5].start, hw[6].start);
			free(median);
			free(oldest);
		} else {
			ck_assert(!total_seen);
			schools += school;
			chinese += cells_of(w[0].text, strlen(w[0].text)) < (int)strlen(w[0].text);
		}
		lines++;
		free(line);
	}
	ck_assert(total_seen);
	ck_assert_int_eq(lines, 4 + 23 + 1);   /* 4 districts (滦平县 of 0031 with none), 20 + 1 + 2 schools, the total */
	ck_assert_int_eq(schools, 23);
	ck_assert_int_ge(chinese, 20);
	ck_assert_int_eq(sums[0], 22);   /* the demo's 20 open, and the two planned above */
	ck_assert_int_eq(sums[1], 11);
	ck_assert_int_eq(sums[2], 4);
	/* the two long names set the first column's width */
	ck_assert_msg(strstr(text, "\n  乌苏里江畔新区第一九年一贯制学校附属幼儿园  WS "), "%s", text);
	ck_assert_int_eq(hw[1].start, 2 + 2 * 21 + 2);
	/* the district's row */
	ck_assert_msg(strstr(text, "\n怀柔区 "), "%s", text);
	free(text);
	PQfinish(c);
}
END_TEST

/* School names a terminal would obey — a colour, OSC 52 (set the clipboard), a screen clear, CR/LF that
 * split a row, a C1 CSI, a bidi override — and one of 10,000 characters: the table shows them, each on
 * its one line, cut at the widest a column gets; the CSV keeps them exactly. */
START_TEST(test_report_table_controls)
{
	PGconn *c = testdb_demo();
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('CT', E'控制\\x1b[31m区', 'rural');"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" SELECT d.id, v.code, v.name, 'primary', 'village' FROM iedesk.district d, (VALUES"
		" ('CT-1', E'Red\\x1b[31m School\\x1b[0m'),"
		" ('CT-2', E'Clip\\x1b]52;c;ZXZpbA==\\x07board\\x1b[2J'),"
		" ('CT-3', E'Split\\r\\nrow\\nschool'),"
		" ('CT-4', E'C1 \\u009b31m and \\u0085 next, \\u202eevil\\u202c'),"
		" ('CT-5', repeat('怀柔', 5000))) v(code, name) WHERE d.code = 'CT';"
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on)"
		" SELECT id, 'supervision', '2026-11-01' FROM iedesk.school WHERE code LIKE 'CT-%'");
	char *text = report_ok(c, NULL, DB_REPORT_TABLE, NULL);
	const char *bad = testdb_control_in(text);
	ck_assert_msg(!bad, "a control character in the table at byte %td: [%.40s]", bad - text, bad);
	/* one line per district and school: the title, a blank line, the header, the rows, the total */
	char *csv = report_ok(c, NULL, DB_REPORT_CSV, NULL);
	struct csv parsed;
	csv_parse(csv, &parsed);
	long lines = 0, widest = 0;
	for (const char *line = text; *line; lines++) {
		const char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		int w = cells_of(line, (size_t)(nl - line));
		widest = w > widest ? w : widest;
		line = nl + 1;
	}
	ck_assert_int_eq(lines, 3 + (long)(parsed.count - 1) + 1);
	/* no line is as wide as the long name: its column stops at 48 cells, the figures after it */
	ck_assert_int_le(widest, 48 + 80);
	ck_assert_msg(strstr(text, "\n  怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔怀柔…  CT "), "%.2000s", text);
	/* shown, not dropped: the rest of each name is there */
	ck_assert_msg(strstr(text, "\n  Red?[31m School?[0m "), "%.2000s", text);
	ck_assert_msg(strstr(text, "\n  Split↵row↵school "), "%.2000s", text);
	ck_assert_msg(strstr(text, "\n  C1 ?31m and ? next, ?evil? "), "%.2000s", text);
	ck_assert_msg(strstr(text, "\n控制?[31m区 "), "%.2000s", text);
	/* the CSV is not for a terminal: each name exactly as stored */
	char **row = csv_row(&parsed, "控制\x1b[31m区", "Split\r\nrow\nschool");
	ck_assert_ptr_nonnull(row);
	ck_assert_ptr_nonnull(csv_row(&parsed, "控制\x1b[31m区", "Clip\x1b]52;c;ZXZpbA==\aboard\x1b[2J"));
	csv_done(&parsed);
	free(csv);
	free(text);
	PQfinish(c);
}
END_TEST

/* One district: its row (the code exactly, not another that holds it) and its schools; an unknown code
 * or an archived district is a sentence, and nothing is written. */
START_TEST(test_report_district)
{
	PGconn *c = testdb_demo();
	/* a district whose code and name hold "HR", with something open */
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class) VALUES ('HRX', 'HR 新区', 'urban');"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" SELECT id, 'HRX-1', '新区小学', 'primary', 'urban' FROM iedesk.district WHERE code = 'HRX';"
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on)"
		" SELECT id, 'supervision', '2026-11-01' FROM iedesk.school WHERE code = 'HRX-1'");
	char *text = report_ok(c, "HR", DB_REPORT_CSV, NULL);
	struct csv csv;
	csv_parse(text, &csv);
	check_csv_against_sql(c, &csv, "HR", TODAY, TERM_START);
	ck_assert_uint_eq(csv.count, 1 + 1 + 20);
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_str_eq(csv.fields[r][1], "HR");
	csv_done(&csv);
	free(text);

	text = report_ok(c, "HRX", DB_REPORT_CSV, NULL);
	csv_parse(text, &csv);
	check_csv_against_sql(c, &csv, "HRX", TODAY, TERM_START);
	ck_assert_uint_eq(csv.count, 3);
	ck_assert_str_eq(csv.fields[2][3], "新区小学");
	ck_assert_str_eq(csv.fields[2][5], "1");
	csv_done(&csv);
	free(text);

	/* the table of one district: its row, its schools, its total */
	text = report_ok(c, "MY", DB_REPORT_TABLE, NULL);
	ck_assert_msg(strstr(text, "\n密云区 ") && strstr(text, "\n  溪翁庄镇中心小学 ") && !strstr(text, "怀柔区"),
		"%s", text);
	char *total = line_of(text, 5);
	struct word w[8];
	/* nothing closed there this term: no median, and the oldest open item's plan date */
	ck_assert_int_eq(words_of(total, w, 8), 5);
	ck_assert_str_eq(w[0].text, "Total");
	ck_assert_str_eq(w[1].text, "1");
	ck_assert_str_eq(w[4].text, "2026-11-11");
	free(total);
	free(text);

	/* unknown, or archived: false, a sentence, nothing written */
	struct db_error err = { 0 };
	ck_assert(!report_text(c, "XX", DB_REPORT_CSV, NULL, &text, &err));
	ck_assert_str_eq(err.message, "no district has the code XX");
	ck_assert_str_eq(text, "");
	free(text);
	ck_assert(!report_text(c, "hr", DB_REPORT_TABLE, NULL, &text, &err));   /* codes are exact */
	ck_assert_str_eq(err.message, "no district has the code hr");
	free(text);
	testdb_exec(c, "INSERT INTO iedesk.district (code, name, locale_class, archived_at)"
		" VALUES ('OLD', '旧区', 'rural', now())");
	ck_assert(!report_text(c, "OLD", DB_REPORT_TABLE, NULL, &text, &err));
	ck_assert_msg(strstr(err.message, "OLD is archived"), "%s", err.message);
	ck_assert_str_eq(text, "");
	free(text);
	text = report_ok(c, NULL, DB_REPORT_CSV, NULL);
	ck_assert_msg(!strstr(text, "旧区"), "%s", text);
	free(text);
	/* the connection is usable afterwards, outside any transaction */
	ck_assert_int_eq(PQtransactionStatus(c), PQTRANS_IDLE);
	PQfinish(c);
}
END_TEST

/* The table of a region's report, written in process. */
static char *region_table(PGconn *c, const char *region)
{
	size_t size = 0;
	char *text = NULL;
	FILE *out = open_memstream(&text, &size);
	struct db_report_options options = { .region_code = region, .format = DB_REPORT_TABLE };
	struct db_error err = { 0 };
	ck_assert_msg(db_report_backlog(c, &options, out, &err), "%s", err.message);
	ck_assert_int_eq(fclose(out), 0);
	return text;
}

/* A region's report (0031): the districts of its subtree, each as --district has it, then the region's total. */
START_TEST(test_report_region)
{
	PGconn *c = testdb_demo();
	size_t size = 0;
	char *text = NULL;
	FILE *out = open_memstream(&text, &size);
	struct db_report_options options = { .region_code = "11", .format = DB_REPORT_CSV };
	struct db_error err = { 0 };
	ck_assert_msg(db_report_backlog(c, &options, out, &err), "%s", err.message);
	ck_assert_int_eq(fclose(out), 0);
	struct csv csv;
	csv_parse(text, &csv);
	/* 北京市's two districts and their 20 + 1 schools, not 滦平县; then the region */
	ck_assert_uint_eq(csv.count, 1 + 2 + 21 + 1);
	ck_assert_str_eq(csv.fields[1][1], "HR");
	ck_assert_ptr_nonnull(csv_row(&csv, "密云区", NULL));
	for (size_t r = 1; r < csv.count; r++)
		ck_assert_str_ne(csv.fields[r][1], "LP");
	char **region = csv.fields[csv.count - 1];
	ck_assert_str_eq(region[0], "region");
	ck_assert_str_eq(region[1], "11");
	ck_assert_str_eq(region[2], "北京市");
	ck_assert_ptr_null(region[3]);
	char **hr = csv_row(&csv, "怀柔区", NULL), **my = csv_row(&csv, "密云区", NULL);
	for (int f = 4; f <= 6; f++)
		ck_assert_int_eq(atoi(region[f]), atoi(hr[f]) + atoi(my[f]));
	char *open = testdb_value(c, "SELECT count(*)::text FROM iedesk.backlog b JOIN iedesk.district d"
		" ON d.id = b.district_id WHERE d.region_id = 1");
	ck_assert_str_eq(region[4], open);
	free(open);
	ck_assert_str_eq(region[8], "2026-05-20");
	/* each district's figures are those of its own report */
	char *hr_only = report_ok(c, "HR", DB_REPORT_CSV, NULL);
	struct csv one;
	csv_parse(hr_only, &one);
	for (int f = 0; f < 9; f++)
		ck_assert_str_eq(or_empty(one.fields[1][f]), or_empty(hr[f]));
	csv_done(&one);
	free(hr_only);
	csv_done(&csv);
	free(text);

	/* a city: its district only; the table's total line names the region */
	char *table = region_table(c, "1308");
	ck_assert_msg(strstr(table, "Backlog summary of 承德市 (1308)") && strstr(table, "\n滦平县 ")
		&& strstr(table, "\nTotal of 承德市 ") && strstr(table, " 1308 ") && !strstr(table, "怀柔区"), "%s", table);
	free(table);

	/* an unknown region, or a district as well: a sentence, nothing written */
	text = NULL;
	out = open_memstream(&text, &size);
	options.region_code = "99";
	ck_assert(!db_report_backlog(c, &options, out, &err));
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_str_eq(err.message, "no region has the code 99");
	ck_assert_str_eq(text, "");
	free(text);
	text = NULL;
	out = open_memstream(&text, &size);
	options.region_code = "11";
	options.district_code = "HR";
	ck_assert(!db_report_backlog(c, &options, out, &err));
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_msg(strstr(err.message, "not both"), "%s", err.message);
	ck_assert_str_eq(text, "");
	free(text);
	ck_assert_int_eq(PQtransactionStatus(c), PQTRANS_IDLE);
	PQfinish(c);
}
END_TEST

/* Another today: overdue counts and the term move with it, and it stays set for the session. */
START_TEST(test_report_today)
{
	PGconn *c = testdb_demo();
	char *text = report_ok(c, NULL, DB_REPORT_CSV, "2027-03-01");
	struct csv csv;
	csv_parse(text, &csv);
	check_csv_against_sql(c, &csv, NULL, "2027-03-01", "2027-02-01");
	char **hr = csv_row(&csv, "怀柔区", NULL);
	ck_assert_str_eq(hr[4], "19");
	ck_assert_str_eq(hr[5], "15");   /* 9 on 2026-11-24 */
	ck_assert_str_eq(hr[6], "0");    /* a new term: nothing closed in it yet */
	ck_assert_ptr_null(hr[7]);
	csv_done(&csv);
	free(text);
	char *today = testdb_value(c, "SELECT iedesk.today()::text");
	ck_assert_str_eq(today, "2027-03-01");
	free(today);

	/* before the visits: fewer overdue; the spring term of 2026 */
	text = report_ok(c, "HR", DB_REPORT_TABLE, "2026-06-30");
	ck_assert_msg(strstr(text, "term from 2026-02-01 to 2026-06-30"), "%s", text);
	free(text);
	text = report_ok(c, NULL, DB_REPORT_CSV, "2026-06-30");
	csv_parse(text, &csv);
	check_csv_against_sql(c, &csv, NULL, "2026-06-30", "2026-02-01");
	csv_done(&csv);
	free(text);

	/* not a date: refused before anything is asked or written */
	struct db_error err = { 0 };
	ck_assert(!report_text(c, NULL, DB_REPORT_CSV, "2026-02-30", &text, &err));
	ck_assert_msg(strstr(err.message, "2026-02-30"), "%s", err.message);
	ck_assert_str_eq(text, "");
	free(text);
	today = testdb_value(c, "SELECT iedesk.today()::text");
	ck_assert_str_eq(today, "2026-06-30");
	free(today);
	PQfinish(c);
}
END_TEST

/* More districts and schools than a window holds: every one comes, once, in order. */
START_TEST(test_report_windows)
{
	PGconn *c = testdb_demo();
	testdb_exec(c,
		"INSERT INTO iedesk.district (code, name, locale_class)"
		" SELECT 'G' || g, '生成区' || lpad(g::text, 4, '0'), 'rural' FROM generate_series(1, 600) g;"
		"INSERT INTO iedesk.school (district_id, code, name, stage, locale)"
		" SELECT d.id, 'G1-' || g, '生成学校' || lpad(g::text, 4, '0'), 'primary', 'village'"
		" FROM iedesk.district d, generate_series(1, 1100) g WHERE d.code = 'G1';"
		"INSERT INTO iedesk.inspection (school_id, kind, planned_on)"
		" SELECT s.id, 'supervision', date '2026-11-01' + (s.id % 60)::int FROM iedesk.school s"
		" JOIN iedesk.district d ON d.id = s.district_id WHERE d.code = 'G1'");
	char *text = report_ok(c, NULL, DB_REPORT_CSV, NULL);
	/* 603 districts and 1,100 + 21 schools */
	size_t records = 0, districts = 0;
	for (const char *p = text; (p = strstr(p, "\r\n")); p += 2)
		records++;
	for (const char *p = text; (p = strstr(p, "\r\ndistrict,")); p += 2)
		districts++;
	ck_assert_uint_eq(districts, 603);
	ck_assert_uint_eq(records, 1 + 603 + 1121);
	free(text);

	text = report_ok(c, "G1", DB_REPORT_CSV, NULL);
	ck_assert_msg(strstr(text, "\r\ndistrict,G1,生成区0001,,1100,"), "%.300s", text);
	/* the schools in name order, none twice */
	const char *p = strstr(text, "\r\nschool,");
	for (int g = 1; g <= 1100; g++) {
		char *want = xasprintf("\r\nschool,G1,生成区0001,生成学校%04d,1,", g);
		ck_assert_msg(p && !strncmp(p, want, strlen(want)), "school %d: %.80s", g, p ? p : "(none)");
		free(want);
		p = strstr(p + 2, "\r\n");
	}
	ck_assert_str_eq(p, "\r\n");
	free(text);
	PQfinish(c);
}
END_TEST

/* ---- the command line ---- */

static char *program_ok(const char *db, const char *a1, const char *a2, const char *a3, const char *a4,
		const char *a5, const char *a6, const char *a7)
{
	char *out;
	int rc = testdb_run_program(db, NULL, &out, a1, a2, a3, a4, a5, a6, a7, NULL);
	ck_assert_msg(rc == 0, "%s %s: exit %d: %s", a1, a2, rc, out);
	return out;
}

/* text (taken) after UTF-8's byte order mark, as the program writes CSV by default */
static char *with_bom(char *text)
{
	char *marked = xasprintf("\xEF\xBB\xBF%s", text);
	free(text);
	return marked;
}

static char *make_temp_dir(void)
{
	char template[] = "/tmp/iedesk-report-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	return xstrdup(template);
}

static void write_whole_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static int files_in(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	int n = -1;
	ck_assert_int_eq(fscanf(p, "%d", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

START_TEST(test_report_program)
{
	PGconn *c = testdb_demo();
	const char *db = PQdb(c);
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);

	/* the table and the CSV, as in-process */
	char *want = report_ok(c, NULL, DB_REPORT_TABLE, NULL);
	char *out = program_ok(db, "report", "backlog", NULL, NULL, NULL, NULL, NULL);
	ck_assert_str_eq(out, want);
	free(out);
	free(want);
	/* the program's CSV starts with the byte order mark spreadsheets need; --no-bom leaves it out */
	want = with_bom(report_ok(c, "HR", DB_REPORT_CSV, NULL));
	/* --region: the region's districts and its total (0031) */
	out = program_ok(db, "report", "backlog", "--region", "13", NULL, NULL, NULL);
	ck_assert_msg(strstr(out, "\n滦平县 ") && strstr(out, "Total of 河北省") && !strstr(out, "怀柔区"), "%s", out);
	free(out);
	out = program_ok(db, "report", "backlog", "--format", "csv", "--district", "HR", NULL);
	ck_assert_str_eq(out, want);
	free(out);
	out = program_ok(db, "report", "backlog", "--format", "csv", "--district", "HR", "--no-bom");
	ck_assert_str_eq(out, want + 3);
	free(out);
	/* `export report` is the same CSV: what the summary report's x runs */
	out = program_ok(db, "export", "report", "--district", "HR", NULL, NULL, NULL);
	ck_assert_str_eq(out, want);
	free(out);
	free(want);
	/* --today moves the overdue counts */
	want = with_bom(report_ok(c, NULL, DB_REPORT_CSV, "2027-03-01"));
	testdb_exec(c, "SET iedesk.today = '" TODAY "'");
	out = program_ok(db, "report", "backlog", "--format", "csv", "--today", "2027-03-01", NULL);
	ck_assert_str_eq(out, want);
	ck_assert_msg(strstr(out, "\r\ndistrict,HR,怀柔区,,19,15,0,,"), "%s", out);
	free(out);
	free(want);
	/* and an export's: what is overdue by then, the header line besides */
	out = program_ok(db, "export", "backlog", "--overdue", "--today", "2027-03-01", NULL, NULL);
	long lines = 0;
	for (const char *p = out; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	ck_assert_int_eq(lines, 1 + testdb_count(c, "SELECT count(*) FROM iedesk.backlog WHERE due_on < '2027-03-01'"));
	ck_assert_int_gt(lines, 1 + testdb_count(c, "SELECT count(*) FROM iedesk.backlog WHERE due_on < '" TODAY "'"));
	free(out);

	/* usage errors */
	static const char *const usage[][6] = {
		{ "report", NULL },
		{ "report", "inspections", NULL },
		{ "report", "backlog", "--format", "md", NULL },
		{ "report", "backlog", "--today", "2026-13-01", NULL },
		{ "report", "backlog", "--today", "tomorrow", NULL },
		{ "report", "backlog", "--filter", "x", NULL },
		{ "report", "backlog", "--progress", NULL },
		{ "report", "backlog", "--overdue", NULL },
		{ "report", "backlog", "extra", NULL },
		{ "export", "report", "--filter", "x", NULL },
		{ "export", "report", "--overdue", NULL },
		{ "export", "report", "--format", "table", NULL },
		{ "minutes", "1", "--format", "csv", NULL },
		{ "migrate", "--today", TODAY, NULL },
		{ "demo-data", "--today", TODAY, NULL },
		{ "admin", "list-accounts", "--today", TODAY, NULL },
	};
	for (size_t i = 0; i < sizeof(usage) / sizeof(usage[0]); i++) {
		int rc = testdb_run_program(db, NULL, &out, usage[i][0], usage[i][1], usage[i][2], usage[i][3],
			usage[i][4], NULL);
		ck_assert_msg(rc == 2, "case %zu (%s %s %s): exit %d: %s", i, usage[i][0], or_empty(usage[i][1]),
			or_empty(usage[i][2]), rc, out);
		ck_assert_msg(!strncmp(out, "iedesk: ", 8), "case %zu: %s", i, out);
		free(out);
	}
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "inspections", NULL), 2);
	ck_assert_str_eq(out, "iedesk: unknown report 'inspections': the report is backlog\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--format", "md", NULL), 2);
	ck_assert_str_eq(out, "iedesk: unknown format 'md': use table or csv\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--today", "2026-13-01", NULL), 2);
	ck_assert_str_eq(out, "iedesk: --today takes a date as YYYY-MM-DD, not '2026-13-01'\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "trainings", NULL), 2);
	ck_assert_msg(strstr(out, "findings, backlog, cases, case-due, regions, alliances, alliance-members, partners,"
		" partnerships, activities or report"), "%s", out);
	free(out);
	/* the help names the command */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "--help", NULL), 0);
	ck_assert_msg(strstr(out, "report backlog [--district CODE | --region CODE]") && strstr(out, "--today DATE"),
		"%s", out);
	free(out);

	/* failed: an unknown district, in a sentence, nothing on standard output */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--district", "XX", NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "report", "--district", "XX", NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	/* cannot connect */
	setenv("PGPORT", "1", 1);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", NULL), 4);
	ck_assert_msg(strstr(out, "could not connect"), "%s", out);
	free(out);
	unsetenv("PGPORT");
	PQfinish(c);
}
END_TEST

/* -o: replaced whole on success, untouched on failure, nothing left beside it; --progress counts rows. */
START_TEST(test_report_output_file)
{
	PGconn *c = testdb_demo();
	const char *db = PQdb(c);
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	char *dir = make_temp_dir();
	char *path = xasprintf("%s/report.txt", dir);
	char *table = program_ok(db, "report", "backlog", NULL, NULL, NULL, NULL, NULL);

	write_whole_file(path, "old\n");
	char *out = program_ok(db, "report", "backlog", "-o", path, NULL, NULL, NULL);
	ck_assert_str_eq(out, "");
	free(out);
	char *text = testdb_read_file(path);
	ck_assert_str_eq(text, table);
	free(text);
	ck_assert_int_eq(files_in(dir), 1);

	/* untouched on failure: an unknown district ... */
	write_whole_file(path, "old\n");
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "--district", "XX", "-o", path, NULL), 1);
	ck_assert_str_eq(out, "iedesk: no district has the code XX\n");
	free(out);
	/* ... or a query that fails (today is no date) */
	setenv("PGOPTIONS", "-c iedesk.today=someday", 1);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "report", "backlog", "-o", path, NULL), 1);
	ck_assert_msg(strstr(out, "iedesk: ") && strstr(out, "someday"), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "report", "-o", path, NULL), 1);
	free(out);
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	text = testdb_read_file(path);
	ck_assert_str_eq(text, "old\n");
	free(text);
	ck_assert_int_eq(files_in(dir), 1);

	/* export report --progress: the CSV in the file, one line of how many rows on standard error */
	char *csv_path = xasprintf("%s/report.csv", dir);
	out = program_ok(db, "export", "report", "-o", csv_path, "--progress", NULL, NULL);
	ck_assert_str_eq(out, "exported 24 rows\n");   /* 3 districts, 21 schools */
	free(out);
	char *csv = program_ok(db, "report", "backlog", "--format", "csv", NULL, NULL, NULL);
	text = testdb_read_file(csv_path);
	ck_assert_str_eq(text, csv);
	size_t records = 0;
	for (const char *p = text; (p = strstr(p, "\r\n")); p += 2)
		records++;
	ck_assert_uint_eq(records, 1 + 24);
	free(text);
	free(csv);
	out = program_ok(db, "export", "report", "--district", "MY", "--progress", "-o", csv_path);
	ck_assert_str_eq(out, "exported 2 rows\n");
	free(out);
	ck_assert_int_eq(files_in(dir), 2);

	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(csv_path);
	free(table);
	free(path);
	free(dir);
	PQfinish(c);
}
END_TEST

/* The display column (cells) where the text after prefix starts, past its blanks: the next column's start. */
static int next_column(const char *line, const char *prefix)
{
	ck_assert_msg(!strncmp(line, prefix, strlen(prefix)), "[%s] does not start with [%s]", line, prefix);
	const char *p = line + strlen(prefix);
	ck_assert_msg(*p == ' ', "[%s]: no blank after [%s]", line, prefix);
	while (*p == ' ')
		p++;
	char *head = xasprintf("%.*s", (int)(p - line), line);
	int cells = text_width(head);
	free(head);
	return cells;
}

/* In Chinese the report is headed in Chinese, the table (title, 区县 / 学校, 合计) lined up by display width
 * under its wide headers, and the CSV's header and levels are Chinese, after the byte order mark. */
START_TEST(test_report_chinese)
{
	PGconn *c = testdb_demo();
	const char *db = PQdb(c);
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	char *out = program_ok(db, "--lang", "zh_CN", "report", "backlog", NULL, NULL, NULL);
	const char *title = "待办检查汇总报表——本学期 " TERM_START " 至 " TODAY "（中位数：从检查到关闭的天数）\n\n";
	ck_assert_msg(!strncmp(out, title, strlen(title)), "%s", out);
	char *lines = xstrdup(out + strlen(title));
	char *save = NULL, *line = strtok_r(lines, "\n", &save);
	ck_assert_ptr_nonnull(line);
	int code_at = next_column(line, "区县 / 学校");
	int n = 0;
	PGresult *res = PQexec(c, "SELECT d.name, d.code FROM iedesk.district d WHERE d.archived_at IS NULL");
	char *last = NULL;
	while ((line = strtok_r(NULL, "\n", &save))) {
		last = line;
		for (int d = 0; d < PQntuples(res); d++) {
			char *prefix = xasprintf("%s ", PQgetvalue(res, d, 0));
			if (!strncmp(line, prefix, strlen(prefix))) {
				ck_assert_int_eq(next_column(line, PQgetvalue(res, d, 0)), code_at);
				n++;
			}
			free(prefix);
		}
		/* a school's line: its district's code in the same column, whatever the width of its name */
		if (line[0] == ' ' && line[1] == ' ') {
			const char *p = line + 2;
			while (*p && !(p[0] == ' ' && p[1] == ' '))
				p++;
			char *name = xasprintf("%.*s", (int)(p - line), line);
			ck_assert_int_eq(next_column(line, name), code_at);
			free(name);
			n++;
		}
	}
	PQclear(res);
	ck_assert_int_gt(n, 10);
	ck_assert_msg(last && !strncmp(last, "合计 ", strlen("合计 ")), "%s", out);
	free(lines);
	free(out);

	out = program_ok(db, "--lang", "zh_CN", "report", "backlog", "--format", "csv", NULL);
	const char *head = "\xEF\xBB\xBF层级,区县代码,区县,学校,未完成,逾期,本学期已关闭,关闭用时中位数（天）,最早未完成\r\n"
		"区县,HR,怀柔区,,";
	ck_assert_msg(!strncmp(out, head, strlen(head)), "%s", out);
	ck_assert_msg(strstr(out, "\r\n学校,HR,怀柔区,杨宋镇中学,"), "%s", out);
	ck_assert_msg(!strstr(out, "school") && !strstr(out, "district"), "%s", out);
	free(out);
	PQfinish(c);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *unit = tcase_create("formats");
	tcase_add_test(unit, test_report_formats);
	suite_add_tcase(s, unit);
	TCase *figures = tcase_create("figures");
	tcase_set_timeout(figures, 120);
	tcase_add_test(figures, test_report_csv_figures);
	tcase_add_test(figures, test_report_table_alignment);
	tcase_add_test(figures, test_report_table_controls);
	tcase_add_test(figures, test_report_district);
	tcase_add_test(figures, test_report_region);
	tcase_add_test(figures, test_report_today);
	tcase_add_test(figures, test_report_windows);
	suite_add_tcase(s, figures);
	TCase *program = tcase_create("program");
	tcase_set_timeout(program, 120);
	tcase_add_test(program, test_report_program);
	tcase_add_test(program, test_report_chinese);
	tcase_add_test(program, test_report_output_file);
	suite_add_tcase(s, program);
	return s;
}
