/* test_minutes: `iedesk minutes` (db/minutes.c) and the meetings and action-items exports: the demo
 * conference's minutes byte for byte in both formats and complete against SQL, drafts, output files,
 * exit codes, wrapping by display width, Markdown escaping, and export rows against SQL. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define TODAY TESTDB_TODAY
#define CONFERENCE "SELECT id FROM iedesk.meeting WHERE title = '怀柔区融合教育工作推进会'"

/* ---- helpers ---- */

/* A migrated database with the demo; today fixed for the session and the program. */
static char *demo_db(PGconn **conn)
{
	char *name = testdb_create_migrated();
	*conn = testdb_connect(name);
	testdb_load_demo(*conn);
	testdb_exec(*conn, "SET iedesk.today = '" TODAY "'");
	setenv("PGOPTIONS", TESTDB_DAY_OPTIONS, 1);
	return name;
}

/* The minutes of meeting id in format; the run must succeed. */
static char *minutes_ok(const char *db, const char *id, const char *format)
{
	char *out;
	int rc = testdb_run_program(db, NULL, &out, "minutes", id, "--format", format, NULL);
	ck_assert_msg(rc == 0, "minutes %s --format %s: exit %d: %s", id, format, rc, out);
	return out;
}

/* Every value of a one-column query, in order (allocated, NULL-terminated). */
static char **query_column(PGconn *c, const char *sql)
{
	PGresult *res = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	int n = PQntuples(res);
	char **values = xmalloc(((size_t)n + 1) * sizeof(*values));
	for (int i = 0; i < n; i++)
		values[i] = xstrdup(PQgetvalue(res, i, 0));
	values[n] = NULL;
	PQclear(res);
	return values;
}

static void free_column(char **values)
{
	for (char **v = values; *v; v++)
		free(*v);
	free(values);
}

static size_t count_of(const char *text, const char *what)
{
	size_t n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* text without any whitespace (allocated). */
static char *squeeze(const char *text)
{
	char *out = xmalloc(strlen(text) + 1), *o = out;
	for (const char *p = text; *p; p++)
		if (!strchr(" \t\r\n", *p))
			*o++ = *p;
	*o = '\0';
	return out;
}

/* Display width of one line by the C library's wcwidth (the test's measure, not the program's). */
static int line_width(const char *s, size_t len)
{
	int width = 0;
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < len;) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		ck_assert_msg(n != (size_t)-1 && n != (size_t)-2 && n != 0, "bad UTF-8 in %.*s", (int)len, s);
		int w = wcwidth(wc);
		ck_assert_msg(w >= 0, "a control character in %.*s", (int)len, s);
		width += w;
		i += n;
	}
	return width;
}

/* Every line at most 78 columns wide (wcwidth, in a UTF-8 locale); LF only; one final newline. */
static void check_text_shape(const char *text)
{
	char *old = xstrdup(setlocale(LC_CTYPE, NULL));
	ck_assert_msg(setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8"), "no UTF-8 locale");
	ck_assert_int_eq(wcwidth(L'怀'), 2);
	ck_assert_ptr_null(strchr(text, '\r'));
	size_t len = strlen(text);
	ck_assert_uint_gt(len, 1);
	ck_assert_msg(text[len - 1] == '\n' && text[len - 2] != '\n', "must end in exactly one newline");
	for (const char *line = text; *line;) {
		const char *nl = strchr(line, '\n');
		int w = line_width(line, (size_t)(nl - line));
		ck_assert_msg(w <= 78, "a line of %d columns: %.*s", w, (int)(nl - line), line);
		line = nl + 1;
	}
	setlocale(LC_CTYPE, old);
	free(old);
}

/* Data records of a CSV text (CRLF records; quoted fields may hold line breaks). */
static long csv_records(const char *csv)
{
	long records = 0;
	bool quoted = false;
	for (const char *p = csv; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && p[0] == '\r' && p[1] == '\n')
			records++;
	}
	return records - 1;
}

/* ---- the demo conference ---- */

/* The minutes of meeting id in format, in language (--lang); the run must succeed. */
static char *minutes_in(const char *db, const char *id, const char *format, const char *language)
{
	char *out;
	int rc = testdb_run_program(db, NULL, &out, "--lang", language, "minutes", id, "--format", format, NULL);
	ck_assert_msg(rc == 0, "minutes %s --format %s --lang %s: exit %d: %s", id, format, language, rc, out);
	return out;
}

/* The demo conference's minutes in format compared byte for byte with tests/expected/NAME.format; language
 * NULL: as the environment (C.UTF-8, English) says. */
static void check_against_expected_in(const char *format, const char *language, const char *name)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, CONFERENCE);
	char *got = language ? minutes_in(db, id, format, language) : minutes_ok(db, id, format);
	char *relative = xasprintf("tests/expected/%s.%s", name, format);
	char *path = testdb_source_path(relative);
	char *want = testdb_read_file(path);
	if (strcmp(got, want) != 0) {
		size_t i = 0;
		while (got[i] && got[i] == want[i])
			i++;
		ck_abort_msg("%s differs from %s at byte %zu: got [%.80s] want [%.80s]", format, relative, i,
			got + i, want + i);
	}
	free(want);
	free(path);
	free(relative);
	free(got);
	free(id);
	PQfinish(c);
	free(db);
}

static void check_against_expected(const char *format)
{
	check_against_expected_in(format, NULL, "minutes-conference");
}

START_TEST(test_minutes_conference_md)
{
	check_against_expected("md");
}
END_TEST

START_TEST(test_minutes_conference_txt)
{
	check_against_expected("txt");
}
END_TEST

/* Whatever the expected files say, the minutes hold every attendee, agenda item, decision and action
 * item of the meeting, with counts that match the database. */
START_TEST(test_minutes_complete)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, CONFERENCE);
	char *md = minutes_ok(db, id, "md");
	char *txt = minutes_ok(db, id, "txt");
	struct {
		const char *sql;
		const char *before, *after;   /* what surrounds each value in md */
	} parts[] = {
		{ "SELECT p.name FROM iedesk.meeting_attendee a JOIN iedesk.person p ON p.id = a.person_id"
			" WHERE a.meeting_id = (" CONFERENCE ") ORDER BY a.id", "\n- ", "\n" },
		{ "SELECT organisation || ' — ' || head_count FROM iedesk.meeting_attendee"
			" WHERE person_id IS NULL AND meeting_id = (" CONFERENCE ") ORDER BY id", "\n- ", "\n" },
		{ "SELECT position || '. ' || title FROM iedesk.agenda_item WHERE meeting_id = (" CONFERENCE ")"
			" ORDER BY position", "\n### ", "\n" },
		{ "SELECT notes FROM iedesk.agenda_item WHERE meeting_id = (" CONFERENCE ") AND notes IS NOT NULL",
			"\n", "\n" },
		{ "SELECT 'Decision ' || position || '.** ' || text FROM iedesk.decision"
			" WHERE meeting_id = (" CONFERENCE ") ORDER BY position", "\n**", "\n" },
		{ "SELECT '| ' || a.text || ' | ' || concat_ws(' / ', s.name, a.owner_unit) || ' | ' || a.due_on"
			" || ' | ' || a.status FROM iedesk.action_item a JOIN iedesk.decision d ON d.id = a.decision_id"
			" LEFT JOIN iedesk.school s ON s.id = a.owner_school_id WHERE d.meeting_id = (" CONFERENCE ")",
			"\n", "" },
	};
	char *squeezed_txt = squeeze(txt);
	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		char **values = query_column(c, parts[k].sql);
		ck_assert_ptr_nonnull(values[0]);
		for (char **v = values; *v; v++) {
			char *form = xasprintf("%s%s%s", parts[k].before, *v, parts[k].after);
			ck_assert_msg(strstr(md, form), "md lacks %s", form);
			free(form);
			/* the text, too, once its wrapping is taken out (no table there: just the action's text) */
			char *text = xstrdup(*v);
			if (k == 5)
				text[strcspn(text + 2, "|") + 1] = '\0';
			char *sq = squeeze(k == 4 ? strstr(text, ".** ") + 4 : k == 5 ? text + 2 : text);
			ck_assert_msg(strstr(squeezed_txt, sq), "txt lacks %s", sq);
			free(sq);
			free(text);
		}
		free_column(values);
	}
	/* counts */
	long heads = testdb_count(c, "SELECT sum(head_count) FROM iedesk.meeting_attendee WHERE meeting_id = (" CONFERENCE ")");
	ck_assert_int_eq(heads, 103);
	char *total = xasprintf("Attendees — %ld people", heads);
	ck_assert_ptr_nonnull(strstr(md, total));
	ck_assert_ptr_nonnull(strstr(txt, total));
	free(total);
	long people = testdb_count(c, "SELECT count(person_id) FROM iedesk.meeting_attendee WHERE meeting_id = (" CONFERENCE ")");
	long groups = testdb_count(c, "SELECT count(organisation) FROM iedesk.meeting_attendee WHERE meeting_id = (" CONFERENCE ")");
	ck_assert_int_eq(people + groups, 80);
	ck_assert_uint_eq(count_of(md, "\n- ") - 7 /* the particulars */, (size_t)(people + groups));
	ck_assert_uint_eq(count_of(txt, "\n  - "), (size_t)(people + groups));
	long decisions = testdb_count(c, "SELECT count(*) FROM iedesk.decision WHERE meeting_id = (" CONFERENCE ")");
	ck_assert_int_eq(decisions, 6);
	ck_assert_uint_eq(count_of(md, "**Decision "), (size_t)decisions);
	ck_assert_uint_eq(count_of(txt, "Decision "), (size_t)decisions);
	long actions = testdb_count(c, "SELECT count(*) FROM iedesk.action_item a JOIN iedesk.decision d"
		" ON d.id = a.decision_id WHERE d.meeting_id = (" CONFERENCE ")");
	ck_assert_int_eq(actions, 13);
	ck_assert_uint_eq(count_of(md, "\n| ") - count_of(md, "\n| Action item |"), (size_t)actions);
	ck_assert_uint_eq(count_of(txt, "Owner: "), (size_t)actions);
	long agenda = testdb_count(c, "SELECT count(*) FROM iedesk.agenda_item WHERE meeting_id = (" CONFERENCE ")");
	ck_assert_uint_eq(count_of(md, "\n### ") - 2 /* People, Organisations */, (size_t)agenda);
	/* final minutes carry no draft mark */
	ck_assert_ptr_null(strstr(md, "DRAFT"));
	ck_assert_ptr_null(strstr(txt, "DRAFT"));
	check_text_shape(txt);
	free(squeezed_txt);
	free(txt);
	free(md);
	free(id);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_minutes_draft)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, "SELECT id FROM iedesk.meeting WHERE status = 'draft'");
	char *md = minutes_ok(db, id, "md");
	ck_assert_msg(!strncmp(md, "**DRAFT — not final**\n", 24), "%.60s", md);
	char *txt = minutes_ok(db, id, "txt");
	ck_assert_msg(!strncmp(txt, "DRAFT — not final\n", 20), "%.60s", txt);
	check_text_shape(txt);
	/* the default format is Markdown */
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", id, NULL), 0);
	ck_assert_str_eq(out, md);
	free(out);
	free(txt);
	free(md);
	free(id);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_minutes_errors)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "42", NULL), 1);
	ck_assert_str_eq(out, "iedesk: no meeting has the id 42\n");
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", "--format", "pdf", NULL), 2);
	ck_assert_msg(strstr(out, "pdf") && strstr(out, "md or txt"), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "abc", NULL), 2);
	ck_assert_msg(strstr(out, "'abc'"), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "-1", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", "2", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "schools", "--format", "md", NULL), 2);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", "--district", "HR", NULL), 2);
	free(out);
	/* cannot connect */
	setenv("PGPORT", "1", 1);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", NULL), 4);
	unsetenv("PGPORT");
	free(out);
	/* in process: a bad id is refused before any query, an unknown one said in a sentence */
	struct db_error err = { 0 };
	FILE *sink = tmpfile();
	ck_assert(!db_minutes_write(c, "1; DROP TABLE x", DB_MINUTES_MARKDOWN, sink, &err));
	ck_assert(!db_minutes_write(c, "99", DB_MINUTES_TEXT, sink, &err));
	ck_assert_str_eq(err.message, "no meeting has the id 99");
	ck_assert_int_eq(ftell(sink), 0);
	fclose(sink);
	enum db_minutes_format f;
	ck_assert(db_minutes_format_lookup("txt", &f) && f == DB_MINUTES_TEXT);
	ck_assert(db_minutes_format_lookup("md", &f) && f == DB_MINUTES_MARKDOWN);
	ck_assert(!db_minutes_format_lookup("MD", &f));
	ck_assert(!db_minutes_format_lookup(NULL, &f));
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_minutes_output_file)
{
	PGconn *c;
	char *db = demo_db(&c);
	char template[] = "/tmp/iedesk-minutes-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(template));
	char *path = xasprintf("%s/minutes.txt", template);
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", "--format", "txt", "-o", path, NULL), 0);
	ck_assert_str_eq(out, "");
	free(out);
	char *written = testdb_read_file(path);
	char *stdout_text = minutes_ok(db, "1", "txt");
	ck_assert_str_eq(written, stdout_text);
	free(written);
	free(stdout_text);
	/* a failure leaves the file as it was, and no temporary file beside it */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "42", "--output", path, NULL), 1);
	free(out);
	written = testdb_read_file(path);
	ck_assert_ptr_nonnull(strstr(written, "怀柔区融合教育工作推进会"));
	free(written);
	char *cmd = xasprintf("ls -A '%s'", template);
	FILE *p = popen(cmd, "r");
	char listing[256] = "";
	size_t n = fread(listing, 1, sizeof(listing) - 1, p);
	listing[n] = '\0';
	pclose(p);
	ck_assert_str_eq(listing, "minutes.txt\n");
	free(cmd);
	unlink(path);
	rmdir(template);
	free(path);
	PQfinish(c);
	free(db);
}
END_TEST

/* Long text of every kind wraps within 78 columns and loses nothing but whitespace. */
START_TEST(test_minutes_wrapping)
{
	PGconn *c;
	char *db = demo_db(&c);
	static const char *const texts[] = {
		/* Chinese without spaces, with punctuation */
		"各资源中心应当在本学期内完成片区内全部普通学校的巡回指导工作，重点关注北部山区学校资源教室的使用情况，"
		"并于每月五日前向区特殊教育中心报送上月工作记录；对于使用率偏低的资源教室，应当提出具体整改建议，"
		"督促学校落实专职资源教师配备和课表公示要求。",
		/* English with spaces */
		("Every resource centre completes itinerant guidance visits to all mainstream schools in its area this "
		"term, with particular attention to the mountain schools in the north of the district, and reports each "
		"month to the district special education centre."),
		/* mixed, with a word longer than a line */
		("参考资料 https://example.org/inclusive-education/resource-classrooms/guidelines/2026/usage-records-template-"
		"version-three.pdf 以及 the 2026 guidelines 第三版（试行）《资源教室使用记录》模板"),
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
	};
	testdb_exec(c, "INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on, status) VALUES (900, 1,"
		" 'other', '关于进一步加强资源教室建设与使用管理、推进随班就读工作高质量发展的专题研究会议（第二次）',"
		" '2026-11-01', 'draft')");
	testdb_exec(c, "INSERT INTO iedesk.agenda_item (id, meeting_id, position, title) VALUES (900, 900, 1, 'x')");
	for (int i = 0; i < 4; i++) {
		char pos[8];
		snprintf(pos, sizeof(pos), "%d", i + 1);
		ck_assert_str_eq(testdb_try(c, "INSERT INTO iedesk.decision (meeting_id, agenda_item_id, position, text)"
			" VALUES (900, 900, $1::int, $2)", pos, texts[i], NULL), "");
		ck_assert_str_eq(testdb_try(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
			" SELECT id, $2, $2, '2026-12-01' FROM iedesk.decision WHERE meeting_id = 900 AND position = $1::int",
			pos, texts[i], NULL), "");
	}
	ck_assert_str_eq(testdb_try(c, "UPDATE iedesk.agenda_item SET notes = $1 WHERE id = 900", texts[0], NULL), "");
	ck_assert_str_eq(testdb_try(c, "UPDATE iedesk.meeting SET summary = $1 || E'\\n\\n' || $2 WHERE id = 900",
		texts[1], texts[2], NULL), "");
	char *txt = minutes_ok(db, "900", "txt");
	check_text_shape(txt);
	char *squeezed = squeeze(txt);
	for (int i = 0; i < 4; i++) {
		char *sq = squeeze(texts[i]);
		/* notes, summary, decision, action item and owner: each text whole, however it wrapped */
		ck_assert_msg(count_of(squeezed, sq) >= 3, "text %d lost in wrapping:\n%s", i, txt);
		free(sq);
	}
	/* wrapped on spaces when there are some: no English word is cut */
	ck_assert_ptr_nonnull(strstr(txt, "particular"));
	ck_assert_ptr_nonnull(strstr(txt, "itinerant"));
	/* a title wider than a line: wrapped, and underlined as wide as its widest line */
	ck_assert_ptr_nonnull(strstr(txt, "\n=========="));
	free(squeezed);
	free(txt);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_minutes_markdown_escaping)
{
	PGconn *c;
	char *db = demo_db(&c);
	/* recorded as a draft, then finalised: final minutes take no new decision */
	testdb_exec(c, "INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on)"
		" VALUES (901, 1, 'other', '会议 A|B *重要*', '2026-11-02')");
	testdb_exec(c, "INSERT INTO iedesk.decision (id, meeting_id, position, text) VALUES (901, 901, 1, '甲|乙')");
	testdb_exec(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
		" VALUES (901, 'left|right', 'unit|x', '2026-12-01')");
	testdb_exec(c, "SELECT iedesk.meeting_finalise(901, 1)");
	char *md = minutes_ok(db, "901", "md");
	ck_assert_msg(strstr(md, "# 会议 A\\|B \\*重要\\*\n"), "%s", md);
	ck_assert_msg(strstr(md, "| left\\|right | unit\\|x | 2026-12-01 | open |\n"), "%s", md);
	/* a decision under no agenda item still shows, in its own section */
	ck_assert_msg(strstr(md, "## Other decisions\n\n**Decision 1.** 甲\\|乙\n"), "%s", md);
	/* every table row has exactly five unescaped bars: four columns */
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		if (*line == '|') {
			int bars = 0;
			for (const char *p = line; p < nl; p++)
				if (*p == '|' && (p == line || p[-1] != '\\'))
					bars++;
			ck_assert_msg(bars == 5, "%.*s", (int)(nl - line), line);
		}
		line = nl + 1;
	}
	char *txt = minutes_ok(db, "901", "txt");
	ck_assert_ptr_nonnull(strstr(txt, "会议 A|B *重要*\n"));   /* plain text as written */
	free(txt);
	free(md);
	PQfinish(c);
	free(db);
}
END_TEST

/* DEL, C1 controls (a CSI that sets a colour, NEL) and a bidi override in the fields: shown as '?' in
 * both formats, never written for the reader's terminal to obey. */
START_TEST(test_minutes_controls)
{
	PGconn *c;
	char *db = demo_db(&c);
	testdb_exec(c, "INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on, location, summary, status)"
		" VALUES (903, 1, 'other', E'Title\\u009b31m red', '2026-11-02', E'Room\\x7f 3\\u0085next',"
		" E'Summary \\x1b]52;c;ZXZpbA==\\x07 and \\u202eevil\\u202c', 'draft')");
	testdb_exec(c, "INSERT INTO iedesk.agenda_item (id, meeting_id, position, title, notes) VALUES"
		" (903, 903, 1, E'Item\\u0090x', E'Notes\\x08\\x08 \\u2066iso\\u2069')");
	testdb_exec(c, "INSERT INTO iedesk.decision (id, meeting_id, agenda_item_id, position, text)"
		" VALUES (903, 903, 903, 1, E'Decide\\x1b[2J now')");
	testdb_exec(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
		" VALUES (903, E'Act\\u009fnow', E'Unit\\x7f', '2026-12-01')");
	testdb_exec(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
		" VALUES (903, E'Org\\u0085x', 3)");
	static const char *const formats[] = { "md", "txt" };
	for (int f = 0; f < 2; f++) {
		char *out = minutes_ok(db, "903", formats[f]);
		const char *bad = testdb_control_in(out);
		ck_assert_msg(!bad, "%s: a control character at byte %td: [%.30s]\n%s", formats[f], bad - out, bad, out);
		/* shown: the text around each is all there */
		ck_assert_msg(strstr(out, "Title?31m red"), "%s", out);
		ck_assert_msg(strstr(out, "Room? 3?next"), "%s", out);
		ck_assert_msg(strstr(out, f ? "?]52;c;ZXZpbA==? and ?evil?" : "?\\]52;c;ZXZpbA==? and ?evil?"), "%s", out);
		ck_assert_msg(strstr(out, "Item?x"), "%s", out);
		ck_assert_msg(strstr(out, "Notes?? ?iso?"), "%s", out);
		ck_assert_msg(strstr(out, f ? "Decide?[2J now" : "Decide?\\[2J now"), "%s", out);
		ck_assert_msg(strstr(out, "Act?now"), "%s", out);
		ck_assert_msg(strstr(out, "Org?x"), "%s", out);
		if (f == 1)
			check_text_shape(out);
		free(out);
	}
	PQfinish(c);
	free(db);
}
END_TEST

/* Whether a line of Markdown opens a block the minutes did not mean: a list, a rule or setext underline,
 * a fence, a quote, HTML, indented code. The minutes' own: headings "#", fields and list items "- ",
 * table rows "|", bold lines "**", and a field's continuation indented by two. */
static bool opens_block(const char *line, size_t len)
{
	size_t indent = strspn(line, " ");
	if (indent >= 4 && indent < len)
		return true;
	const char *p = line + indent;
	size_t rest = len - indent;
	size_t digits = strspn(p, "0123456789");
	if (digits && digits < rest && (p[digits] == '.' || p[digits] == ')'))
		return true;
	if (rest >= 3 && (!strncmp(p, "---", 3) || !strncmp(p, "***", 3) || !strncmp(p, "___", 3)
			|| !strncmp(p, "===", 3) || !strncmp(p, "~~~", 3) || !strncmp(p, "```", 3)))
		return true;
	if (rest && strchr("+>< \t", *p))
		return true;
	if (rest >= 2 && (p[0] == '-' || p[0] == '*') && p[1] == ' ' && indent)
		return true;
	/* a list item of ours holds text, not another block */
	if (rest >= 3 && p[0] == '-' && p[1] == ' ' && !indent)
		return opens_block(p + 2, rest - 2) || p[2] == '-' || p[2] == '#';
	return false;
}

/* Fields that would open a block at a line's start — a numbered list after a blank line, a rule, an
 * unclosed fence, a quote, a heading, HTML, indented code — print as the text they are: every section
 * still there as a heading of its own, and no line opens a block the minutes did not write. */
START_TEST(test_minutes_markdown_blocks)
{
	PGconn *c;
	char *db = demo_db(&c);
	testdb_exec(c, "INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on, location, summary, status)"
		" VALUES (902, 1, 'other', E'1. Title\\n---', '2026-11-02', E'Room 3\\n\\n1. swallowed\\n---\\n~~~',"
		" E'~~~\\nunclosed fence\\n---\\n  1) one\\n+ plus\\n> quote\\n    code\\n<div>\\n===', 'draft')");
	testdb_exec(c, "INSERT INTO iedesk.agenda_item (id, meeting_id, position, title, notes) VALUES"
		" (902, 902, 1, E'~~~ item', E'```\\nfenced\\n- item\\n* star\\n# heading\\n|a|b|')");
	testdb_exec(c, "INSERT INTO iedesk.decision (id, meeting_id, agenda_item_id, position, text)"
		" VALUES (902, 902, 902, 1, E'---\\n\\n1. decided')");
	testdb_exec(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
		" VALUES (902, E'~~~\\n\\n1. act', E'---', '2026-12-01')");
	testdb_exec(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count) VALUES"
		" (902, E'1. First org', 2), (902, E'---', 1), (902, E'- dash', 1), (902, E'    code org', 1)");
	char *md = minutes_ok(db, "902", "md");
	static const char *const sections[] = { "\n## Summary\n", "\n## Attendees — 5 people\n",
		"\n### Organisations (4, 5 people)\n", "\n## Agenda\n", "\n### 1. \\~\\~\\~ item\n", "\n**Decision 1.** " };
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		ck_assert_msg(strstr(md, sections[i]), "section %zu lost:\n%s", i, md);
	ck_assert_msg(!strncmp(md, "**DRAFT — not final**\n\n# 1. Title ---\n\n- **Date:** 2026-11-02\n", 60), "%s", md);
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_msg(!opens_block(line, (size_t)(nl - line)), "a block opened by [%.*s]:\n%s", (int)(nl - line),
			line, md);
		line = nl + 1;
	}
	/* the place's lines stay in its field, each as written */
	ck_assert_msg(strstr(md, "- **Place:** Room 3\\\n  1\\. swallowed\\\n  \\---\\\n  \\~\\~\\~\n"), "%s", md);
	/* and the plain text keeps them as they are */
	char *txt = minutes_ok(db, "902", "txt");
	ck_assert_msg(strstr(txt, "\n~~~\nunclosed fence\n---\n"), "%s", txt);
	free(txt);
	free(md);
	PQfinish(c);
	free(db);
}
END_TEST

/* Final minutes say since when; an amendment is said first while it is open, and listed at the end with
 * when, who and why, for good once the minutes are final again. Otherwise the minutes are as expected. */
START_TEST(test_minutes_amendments)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, CONFERENCE);
	const char *reason = "更正第6项决定的表述";
	struct db_request req;
	db_meeting_amend_request(id, reason, &req);
	PGresult *res = testdb_run(c, &req);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
	PQclear(res);
	db_request_done(&req);
	char *opened = testdb_value(c, "SELECT to_char(opened_at, 'YYYY-MM-DD') FROM iedesk.meeting_amendment");
	char *login = testdb_value(c, "SELECT current_user");
	char *md = minutes_ok(db, id, "md");
	char *txt = minutes_ok(db, id, "txt");
	const char *md_mark = "**AMENDMENT OPEN — not final**\n\n# ", *txt_mark = "AMENDMENT OPEN — not final\n\n";
	ck_assert_msg(!strncmp(md, md_mark, strlen(md_mark)), "%.60s", md);
	ck_assert_msg(!strncmp(txt, txt_mark, strlen(txt_mark)), "%.60s", txt);
	char *status = xasprintf("- **Status:** final since 2026-09-18; amendment open since %s\n", opened);
	ck_assert_msg(strstr(md, status), "%s", md);
	free(status);
	status = xasprintf("\nStatus:    final since 2026-09-18; amendment open since %s\n", opened);
	ck_assert_msg(strstr(txt, status), "%s", txt);
	free(status);
	char *line = xasprintf("Amended %s by %s: %s (open: not final yet)", opened, login, reason);
	char *tail = xasprintf("\n\n## Amendments\n\n- %s\n", line);
	ck_assert_msg(strlen(md) > strlen(tail) && !strcmp(md + strlen(md) - strlen(tail), tail), "%s", md);
	free(tail);
	tail = xasprintf("\n\nAmendments\n----------\n\n  - %s\n", line);
	ck_assert_msg(strlen(txt) > strlen(tail) && !strcmp(txt + strlen(txt) - strlen(tail), tail), "%s", txt);
	check_text_shape(txt);
	free(tail);
	free(line);
	free(txt);
	free(md);

	/* final again: the expected minutes, and the amendment on record after them */
	char *sql = xasprintf("SELECT version FROM iedesk.meeting WHERE id = %s", id);
	char *version = testdb_value(c, sql);
	free(sql);
	db_meeting_finalise_request(id, version, &req);
	res = testdb_run(c, &req);
	ck_assert_int_eq(PQntuples(res), 1);
	PQclear(res);
	db_request_done(&req);
	static const char *const formats[] = { "md", "txt" };
	for (int f = 0; f < 2; f++) {
		char *relative = xasprintf("tests/expected/minutes-conference.%s", formats[f]);
		char *path = testdb_source_path(relative);
		char *expected = testdb_read_file(path);
		char *want = f == 0 ? xasprintf("%s\n## Amendments\n\n- Amended %s by %s: %s\n", expected, opened, login, reason)
			: xasprintf("%s\nAmendments\n----------\n\n  - Amended %s by %s: %s\n", expected, opened, login, reason);
		char *got = minutes_ok(db, id, formats[f]);
		ck_assert_str_eq(got, want);
		free(got);
		free(want);
		free(expected);
		free(path);
		free(relative);
	}
	free(version);
	free(login);
	free(opened);
	free(id);
	PQfinish(c);
	free(db);
}
END_TEST

/* ---- exports ---- */

static long export_rows(const char *db, const char *header, const char *kind, const char *a1, const char *a2,
		const char *a3)
{
	char *out;
	int rc = testdb_run_program(db, NULL, &out, "export", kind, a1, a2, a3, NULL);
	ck_assert_msg(rc == 0, "export %s: exit %d: %s", kind, rc, out);
	if (header) {
		/* spreadsheets' UTF-8: the byte order mark first, by default */
		char *want = xasprintf("\xEF\xBB\xBF%s\r\n", header);
		ck_assert_msg(!strncmp(out, want, strlen(want)), "%.200s", out);
		free(want);
	}
	long rows = csv_records(out);
	free(out);
	return rows;
}

START_TEST(test_export_meetings)
{
	PGconn *c;
	char *db = demo_db(&c);
	ck_assert_int_eq(export_rows(db, "District code,Date,Kind,Title,Place,Chair,Secretary,Status,Attendees,"
		"Decisions,Open action items", "meetings", NULL, NULL, NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.meeting"));
	ck_assert_int_eq(export_rows(db, NULL, "meetings", "--district", "HR", NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.meeting m JOIN iedesk.district d ON d.id = m.district_id"
			" WHERE d.code = 'HR'"));
	ck_assert_int_eq(export_rows(db, NULL, "meetings", "--filter", "推进", NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.meeting WHERE title LIKE '%推进%'"));
	/* the conference's row: head count, decisions and open action items as SQL counts them */
	char *out;
	/* as a script reads it: plain UTF-8, no byte order mark */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "meetings", "--filter", "工作推进会", "--no-bom",
		NULL), 0);
	ck_assert_str_eq(out, "District code,Date,Kind,Title,Place,Chair,Secretary,Status,Attendees,Decisions,"
		"Open action items\r\nHR,2026-09-17,work-conference,怀柔区融合教育工作推进会,怀柔区教师发展中心报告厅,"
		"刘建国,王静,final,103,6,9\r\n");
	free(out);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.action_item a JOIN iedesk.decision d"
		" ON d.id = a.decision_id WHERE d.meeting_id = (" CONFERENCE ") AND a.status IN ('open', 'in-progress')"), 9);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_export_action_items)
{
	PGconn *c;
	char *db = demo_db(&c);
	const char *header = "District code,Meeting date,Meeting,Decision,Action item,Owner,Due,Status,Days overdue,"
		"Inspections";
	ck_assert_int_eq(export_rows(db, header, "action-items", NULL, NULL, NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.action_item"));
	const char *overdue_sql = "SELECT count(*) FROM iedesk.action_item WHERE status IN ('open', 'in-progress')"
		" AND due_on < '" TODAY "'";
	long overdue = testdb_count(c, overdue_sql);
	ck_assert_int_gt(overdue, 0);
	ck_assert_int_lt(overdue, testdb_count(c, "SELECT count(*) FROM iedesk.action_item"));
	ck_assert_int_eq(export_rows(db, header, "action-items", "--overdue", NULL, NULL), overdue);
	ck_assert_int_eq(export_rows(db, NULL, "action-items", "--overdue", "--district", "MY"), 0);
	ck_assert_int_eq(export_rows(db, NULL, "action-items", "--filter", "区特殊教育中心", NULL),
		testdb_count(c, "SELECT count(*) FROM iedesk.action_item WHERE owner_unit LIKE '%区特殊教育中心%'"
			" OR text LIKE '%区特殊教育中心%'"));
	/* one overdue row in full: days overdue from today, the inspections that check it */
	char *out;
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "action-items", "--overdue", "--filter", "杨宋",
		"--no-bom", NULL), 0);
	char *inspections = testdb_value(c, "SELECT count(*)::text FROM iedesk.inspection WHERE action_item_id = 11");
	char *want = xasprintf("%s\r\nHR,2026-09-17,怀柔区融合教育工作推进会,"
		"11月30日前完成全部随班就读学生个别化教育计划的制定或复核，区特殊教育中心抽查。,"
		"完成本校随班就读学生个别化教育计划复核,杨宋镇中学,2026-11-20,open,4,%s\r\n", header, inspections);
	ck_assert_str_eq(out, want);
	free(want);
	free(inspections);
	free(out);
	/* --overdue goes with action-items only */
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "export", "meetings", "--overdue", NULL), 2);
	ck_assert_msg(strstr(out, "--overdue"), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_run_program(db, NULL, &out, "minutes", "1", "--overdue", NULL), 2);
	free(out);
	struct db_export_options options = { .overdue = true };
	struct db_error err = { 0 };
	long rows = 0;
	FILE *sink = tmpfile();
	ck_assert(!db_export_run(c, DB_EXPORT_MEETINGS, &options, sink, &rows, &err));
	ck_assert(db_export_run(c, DB_EXPORT_ACTION_ITEMS, &options, sink, &rows, &err));
	ck_assert_int_eq(rows, overdue);
	fclose(sink);
	PQfinish(c);
	free(db);
}
END_TEST

/* ---- the 会议纪要 layout (zh_CN) ---- */

/* In Chinese the minutes are a 会议纪要 as a secretary circulates it: the title with 会议纪要 (纪要 after a
 * title ending in 会议), 会议名称, 时间 as 2026年9月17日, 地点, 主持人, 记录人, the status with who finalised
 * them and when, 出席人员 with head counts, the numbered 会议议程 and 议定事项, and 工作任务 with 责任单位 and
 * 完成时限. Byte for byte as tests/expected/minutes-conference.zh_CN.*; English is as it was. */
START_TEST(test_minutes_chinese_md)
{
	check_against_expected_in("md", "zh_CN", "minutes-conference.zh_CN");
	/* a title that ends in 会议 takes 纪要 alone */
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, "SELECT id FROM iedesk.meeting WHERE title = '怀柔区融合教育推进委员会2026年第四次会议'");
	char *md = minutes_in(db, id, "md", "zh_CN");
	ck_assert_msg(strstr(md, "\n# 怀柔区融合教育推进委员会2026年第四次会议纪要\n"), "%.300s", md);
	free(md);
	free(id);
	PQfinish(c);
	free(db);
}
END_TEST

START_TEST(test_minutes_chinese_txt)
{
	check_against_expected_in("txt", "zh_CN", "minutes-conference.zh_CN");
	/* chosen by the environment just as well: LANG=zh_CN.UTF-8 under no LC_ALL */
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, CONFERENCE);
	char *saved = xstrdup(getenv("LC_ALL"));
	unsetenv("LC_ALL");
	setenv("LANG", "zh_CN.UTF-8", 1);
	char *out = minutes_ok(db, id, "txt");
	setenv("LC_ALL", saved, 1);
	unsetenv("LANG");
	const char *title = "怀柔区融合教育工作推进会会议纪要\n";
	ck_assert_msg(!strncmp(out, title, strlen(title)), "%.200s", out);
	char *path = testdb_source_path("tests/expected/minutes-conference.zh_CN.txt");
	char *want = testdb_read_file(path);
	ck_assert_str_eq(out, want);
	free(want);
	free(path);
	free(out);
	free(saved);
	free(id);
	PQfinish(c);
	free(db);
}
END_TEST

/* The Chinese layout escapes Markdown and cleans control characters as the English one does: a title, a
 * decision, an action item and an organisation with Markdown's punctuation and terminal controls print as
 * text, and the 工作任务 table keeps its six columns. */
START_TEST(test_minutes_chinese_escaping)
{
	PGconn *c;
	char *db = demo_db(&c);
	testdb_exec(c, "INSERT INTO iedesk.meeting (id, district_id, kind, title, held_on, location)"
		" VALUES (904, 1, 'other', E'会议 A|B *重要*\\x1b[2J', '2026-11-02', E'Room\\x7f 3')");
	testdb_exec(c, "INSERT INTO iedesk.decision (id, meeting_id, position, text) VALUES (904, 904, 1, E'甲|乙\\u009b31m')");
	testdb_exec(c, "INSERT INTO iedesk.action_item (decision_id, text, owner_unit, due_on)"
		" VALUES (904, 'left|right', 'unit|x', '2026-12-01')");
	testdb_exec(c, "INSERT INTO iedesk.meeting_attendee (meeting_id, organisation, head_count)"
		" VALUES (904, E'1. Org_\\u0085x', 3)");
	char *md = minutes_in(db, "904", "md", "zh_CN");
	ck_assert_msg(!testdb_control_in(md), "%s", md);
	ck_assert_msg(strstr(md, "**草稿，尚未定稿**\n\n# 会议 A\\|B \\*重要\\*?\\[2J会议纪要\n"), "%s", md);
	ck_assert_msg(strstr(md, "- **地点：** Room? 3\n"), "%s", md);
	ck_assert_msg(strstr(md, "1. 甲\\|乙?31m\n"), "%s", md);
	ck_assert_msg(strstr(md, "- **单位（1个，共3人）：** 1. Org\\_?x（3人）\n"), "%s", md);
	ck_assert_msg(strstr(md, "| 1 | left\\|right | unit\\|x | 2026年12月1日 | 1 | 未完成 |\n"), "%s", md);
	for (const char *line = md; *line;) {
		const char *nl = strchr(line, '\n');
		if (*line == '|') {
			int bars = 0;
			for (const char *p = line; p < nl; p++)
				if (*p == '|' && (p == line || p[-1] != '\\'))
					bars++;
			ck_assert_msg(bars == 7, "%.*s", (int)(nl - line), line);
		}
		line = nl + 1;
	}
	char *txt = minutes_in(db, "904", "txt", "zh_CN");
	ck_assert_msg(!testdb_control_in(txt), "%s", txt);
	ck_assert_msg(strstr(txt, "会议 A|B *重要*?[2J会议纪要\n"), "%s", txt);
	ck_assert_msg(strstr(txt, "1. left|right\n   责任单位：unit|x；完成时限：2026年12月1日；议定事项：1；进展：未完成\n"),
		"%s", txt);
	check_text_shape(txt);
	free(txt);
	free(md);
	PQfinish(c);
	free(db);
}
END_TEST

/* Final minutes being amended say so in Chinese: the banner, the status with the final date, who
 * finalised them, the day the amendment opened and why, and the 修订记录 at the end. */
START_TEST(test_minutes_chinese_amendment)
{
	PGconn *c;
	char *db = demo_db(&c);
	char *id = testdb_value(c, CONFERENCE);
	const char *reason = "更正第6项决定的表述";
	struct db_request req;
	db_meeting_amend_request(id, reason, &req);
	PGresult *res = testdb_run(c, &req);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
	PQclear(res);
	db_request_done(&req);
	char *opened = testdb_value(c, "SELECT to_char(opened_at, 'FMYYYY\"年\"FMMM\"月\"FMDD\"日\"')"
		" FROM iedesk.meeting_amendment");
	char *login = testdb_value(c, "SELECT current_user");
	char *md = minutes_in(db, id, "md", "zh_CN");
	const char *mark = "**修订中，尚未定稿**\n\n# 怀柔区融合教育工作推进会会议纪要\n";
	ck_assert_msg(!strncmp(md, mark, strlen(mark)), "%.100s", md);
	char *status = xasprintf("- **状态：** 定稿（2026年9月18日，王静）；%s起修订：%s\n", opened, reason);
	ck_assert_msg(strstr(md, status), "%s", md);
	char *tail = xasprintf("\n\n## 修订记录\n\n- %s，%s修订：%s（修订中，尚未定稿）\n", opened, login, reason);
	ck_assert_msg(strlen(md) > strlen(tail) && !strcmp(md + strlen(md) - strlen(tail), tail), "%s", md);
	char *txt = minutes_in(db, id, "txt", "zh_CN");
	ck_assert_msg(!strncmp(txt, "修订中，尚未定稿\n\n", strlen("修订中，尚未定稿\n\n")), "%.100s", txt);
	check_text_shape(txt);
	free(txt);
	free(tail);
	free(status);
	free(md);
	free(login);
	free(opened);
	free(id);
	PQfinish(c);
	free(db);
}
END_TEST

Suite *minutes_suite(void)
{
	Suite *s = suite_create("minutes");
	TCase *minutes = tcase_create("minutes");
	tcase_set_timeout(minutes, 60);
	tcase_add_test(minutes, test_minutes_conference_md);
	tcase_add_test(minutes, test_minutes_conference_txt);
	tcase_add_test(minutes, test_minutes_complete);
	tcase_add_test(minutes, test_minutes_draft);
	tcase_add_test(minutes, test_minutes_errors);
	tcase_add_test(minutes, test_minutes_output_file);
	tcase_add_test(minutes, test_minutes_wrapping);
	tcase_add_test(minutes, test_minutes_markdown_escaping);
	tcase_add_test(minutes, test_minutes_controls);
	tcase_add_test(minutes, test_minutes_markdown_blocks);
	tcase_add_test(minutes, test_minutes_amendments);
	tcase_add_test(minutes, test_minutes_chinese_md);
	tcase_add_test(minutes, test_minutes_chinese_txt);
	tcase_add_test(minutes, test_minutes_chinese_escaping);
	tcase_add_test(minutes, test_minutes_chinese_amendment);
	suite_add_tcase(s, minutes);
	TCase *exports = tcase_create("exports");
	tcase_set_timeout(exports, 60);
	tcase_add_test(exports, test_export_meetings);
	tcase_add_test(exports, test_export_action_items);
	suite_add_tcase(s, exports);
	return s;
}
