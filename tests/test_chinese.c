/* test_chinese: the program in zh_CN (LC_ALL=zh_CN.UTF-8), as a Chinese user starts it: the four panes, the
 * help, a form and the capture at 80x24 and 200x50 with no English word in the chrome (title bar, column
 * headers, hints, status line, help), column headers lined up with their rows by display width, and a hints
 * line that ends with a whole hint; and the configuration's errors in Chinese. Each screen is started once
 * and resized, to keep the suite quick. */
#include "tests/tests.h"
#include "tests/screen.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WAIT_MS 5000

static char *db_name;
static PGconn *conn;
static char *state_dir;
static char *login;           /* who the program logs in as: the status line names it */
static struct screen *screen;

/* What this process shows of text in zh_CN (allocated), the test process left in English as it was. */
static char *in_chinese(const char *text)
{
	text_language("zh_CN", getenv("IEDESK_LOCALEDIR"));
	char *shown = xstrdup(text_in_context(text));
	text_language("en", getenv("IEDESK_LOCALEDIR"));
	unsetenv("LANGUAGE");   /* text_language set it; the programs started after must not inherit it */
	return shown;
}

static void setup(void)
{
	db_name = testdb_create_migrated();
	conn = testdb_connect(db_name);
	testdb_load_demo(conn);
	login = testdb_value(conn, "SELECT current_user");
	char template[] = "/tmp/iedesk-chinese-XXXXXX";
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
	FREE(&login);
}

/* iedesk in Chinese on the demo, on the fixed day, with no config file; the districts shown. */
static struct screen *start_chinese(int rows, int cols)
{
	char *database = xasprintf("PGDATABASE=%s", db_name);
	char *state = xasprintf("XDG_STATE_HOME=%s", state_dir);
	const char *env[] = { database, "PGOPTIONS=" TESTDB_DAY_OPTIONS, "XDG_CONFIG_HOME=/nonexistent", state,
		"LC_ALL=zh_CN.UTF-8", "LANG=zh_CN.UTF-8", "LANGUAGE=", NULL };
	const char *argv[] = { testdb_program(), NULL };
	screen = screen_start(argv, env, rows, cols);
	free(database);
	free(state);
	screen_assert_text(screen, "怀柔区", WAIT_MS);
	screen_assert_text(screen, "区县", WAIT_MS);
	screen_settle(screen, 100, WAIT_MS);
	return screen;
}

/* Words a Chinese screen still shows in Latin letters: key names and the program's name (as everywhere), and
 * the login on the status line. */
static const char *const key_words[] = {
	"Enter", "Esc", "Tab", "BackTab", "Ctrl", "Shift", "PageUp", "PageDown", "Home", "End", "Space",
	"Backspace", "Delete", "Insert", "Left", "Right", "Down", "iedesk", NULL,
};

static bool allowed_in(const char *word, size_t len, const char *const *list)
{
	for (size_t i = 0; list && list[i]; i++)
		if (strlen(list[i]) == len && strncmp(list[i], word, len) == 0)
			return true;
	return false;
}

static bool allowed(const char *word, size_t len, const char *const *extra)
{
	return len < 3 || allowed_in(word, len, key_words) || allowed_in(word, len, extra)
		|| (login && strlen(login) == len && strncmp(login, word, len) == 0);
}

/* The first word of ASCII letters (hyphens within: "move-up", "Ctrl-B") in text that is English: three
 * letters or more and not allowed, whole or each of its parts; copied to found. */
static bool english_in(const char *text, const char *const *extra, char *found, size_t size)
{
	for (const char *p = text; *p;) {
		if (!isalpha((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *start = p;
		while (isalpha((unsigned char)*p) || (*p == '-' && isalpha((unsigned char)p[1])))
			p++;
		size_t len = (size_t)(p - start);
		if (allowed(start, len, extra))
			continue;
		for (const char *part = start; part < p;) {
			size_t n = strcspn(part, "-");
			if (part + n > p)
				n = (size_t)(p - part);
			if (!allowed(part, n, extra)) {
				snprintf(found, size, "%.*s", (int)len, start);
				return true;
			}
			part += n + 1;
		}
	}
	return false;
}

static void assert_chinese_row(struct screen *s, int row, const char *what, const char *const *extra)
{
	char *text = screen_row(s, row);
	char word[80];
	if (english_in(text, extra, word, sizeof(word))) {
		char *message = xasprintf("%s (row %d) shows the English word \"%s\": %s", what, row, word, text);
		screen_assert(s, false, message);
	}
	free(text);
}

/* The row of the column headers: the first of rows 1..3 in the header colour. */
static int header_row(struct screen *s)
{
	for (int row = 1; row <= 3; row++)
		if (screen_cell_bg(s, row, 0) == CONFIG_COLOR_CYAN)
			return row;
	return -1;
}

/* Each column title starts right after a blank of the header; every row has a blank one cell left of that
 * start too (a column padded by bytes, or a wide character cut in half, would shift it). */
static void assert_aligned(struct screen *s, int header)
{
	int cols = screen_cols(s), starts[32], n = 0;
	for (int c = 1; c < cols && n < 32; c++) {
		char *left = screen_text_at(s, header, c - 1, 1), *here = screen_text_at(s, header, c, 1);
		if (strcmp(left, " ") == 0 && screen_cell_width(s, header, c - 1) == 1 && strcmp(here, " ") != 0)
			starts[n++] = c;
		free(left);
		free(here);
	}
	screen_assert(s, n >= 1, "the header has more than one column");
	int rows = 0;
	for (int row = header + 1; row < screen_rows(s) - 2; row++) {
		char *line = screen_row(s, row);
		bool empty = !*line;
		free(line);
		if (empty)
			continue;
		rows++;
		for (int i = 0; i < n; i++) {
			char *gap = screen_text_at(s, row, starts[i] - 1, 1);
			bool blank = strcmp(gap, " ") == 0 && screen_cell_width(s, row, starts[i] - 1) == 1;
			free(gap);
			if (!blank) {
				char *message = xasprintf("row %d is not blank one cell before the column at %d of the header",
					row, starts[i]);
				screen_assert(s, false, message);
			}
		}
	}
	screen_assert(s, rows > 0, "rows under the header");
}

/* The hints line is whole hints: each is "KEY label" with the key in the hint colour, and the last cell
 * drawn is the end of a label, not cut (no "…", and what follows it is blank). */
static void assert_hints_whole(struct screen *s)
{
	int row = screen_rows(s) - 1, cols = screen_cols(s);
	char *line = screen_row(s, row);
	screen_assert(s, *line, "a hints line");
	screen_assert(s, !strstr(line, "…"), "no hint cut on the hints line");
	free(line);
	/* the last key shown is followed by its whole label: a space, then at least one character */
	int last_key = -1;
	for (int c = 0; c < cols; c++)
		if (screen_cell_bg(s, row, c) == CONFIG_COLOR_CYAN)
			last_key = c;
	screen_assert(s, last_key >= 0, "a key on the hints line");
	char *after = screen_text_at(s, row, last_key + 1, 3);
	screen_assert(s, after[0] == ' ' && after[1] != ' ', "the last key has its label");
	free(after);
	/* and the label of the last key is one of the program's labels, whole */
	char *tail = screen_text_at(s, row, last_key + 2, cols - last_key - 2);
	for (char *end = tail + strlen(tail); end > tail && end[-1] == ' '; end--)
		end[-1] = '\0';
	static const char *const labels[] = {
		"Help", NC_("hint", "Open"), "Filter", "New", "Edit", "Export", "Back", "Quit", "Pane", "Refresh", "Group", "Visit",
		"Findings", "Close", "Unverified", "Report", "Items", "Next grouping", "Worst first / by name",
		"Plan an inspection", "Next line", "Section", "Save now", "Who is it", "Save", "Cancel", NULL,
	};
	bool whole = false;
	for (size_t i = 0; labels[i] && !whole; i++) {
		char *label = in_chinese(labels[i]);
		whole = strcmp(tail, label) == 0;
		free(label);
	}
	char *message = xasprintf("the hints line ends with a whole label, not \"%s\"", tail);
	screen_assert(s, whole, message);
	free(message);
	free(tail);
}

/* A pane's chrome, in Chinese and lined up: title bar, header, status and hints lines. */
static void check_pane(struct screen *s, const char *what)
{
	assert_chinese_row(s, 0, what, NULL);
	int header = header_row(s);
	screen_assert(s, header > 0, "a column header");
	assert_chinese_row(s, header, what, NULL);
	assert_chinese_row(s, screen_rows(s) - 2, what, NULL);
	assert_chinese_row(s, screen_rows(s) - 1, what, NULL);
	assert_aligned(s, header);
	assert_hints_whole(s);
}

/* Every pane at both sizes: one program, resized. */
START_TEST(test_chinese_panes)
{
	struct screen *s = start_chinese(24, 80);
	static const struct { const char *key, *title; } panes[] = {
		{ "1", "区县" }, { "2", "管理人员" }, { "3", "会议" }, { "4", "待办" },
	};
	for (int size = 0; size < 2; size++) {
		if (size)
			screen_resize(s, 50, 200);
		for (size_t p = 0; p < sizeof(panes) / sizeof(panes[0]); p++) {
			screen_type(s, panes[p].key);
			screen_assert(s, screen_wait_row(s, 0, panes[p].title, WAIT_MS), "the pane's title in Chinese");
			screen_assert(s, screen_wait_gone(s, "加载中…", WAIT_MS), "the pane loaded");
			screen_settle(s, 100, WAIT_MS);
			char *what = xasprintf("pane %s at %dx%d", panes[p].key, screen_cols(s), screen_rows(s));
			check_pane(s, what);
			free(what);
		}
	}
}
END_TEST

/* The help: every line of it in Chinese but the keys, the actions' names (as the config file writes them)
 * and the date words the capture accepts; at both sizes. */
START_TEST(test_chinese_help)
{
	struct screen *s = start_chinese(24, 80);
	screen_type(s, "?");
	screen_assert_text(s, "帮助：当前生效的按键", WAIT_MS);
	const char *extra[CONFIG_ACTION_COUNT + 40];
	size_t n = 0;
	for (int a = CONFIG_ACTION_NONE + 1; a < CONFIG_ACTION_COUNT; a++)
		extra[n++] = config_action_name((enum config_action)a);
	/* what the config file and the capture's dates take as typed, and where the man page says it */
	static const char *const typed[] = { "view", "keys", "today", "tomorrow", "next", "week", "this", "friday",
		"monday", "month", "end", "term", "year", "man", "DATES", "CSV", NULL };
	for (size_t i = 0; typed[i]; i++)
		extra[n++] = typed[i];
	extra[n] = NULL;
	for (int size = 0; size < 2; size++) {
		if (size) {
			screen_resize(s, 50, 200);
			screen_assert(s, screen_wait_row(s, 49, "", WAIT_MS), "resized");
		}
		screen_settle(s, 100, WAIT_MS);
		/* page through all of it */
		for (int page = 0; page < 12; page++) {
			for (int row = 1; row < screen_rows(s) - 2; row++)
				assert_chinese_row(s, row, "the help", extra);
			assert_chinese_row(s, 0, "the help's title bar", NULL);
			screen_key(s, SCREEN_KEY_PAGE_DOWN);
			screen_settle(s, 60, WAIT_MS);
		}
		screen_key(s, SCREEN_KEY_HOME);
		screen_settle(s, 60, WAIT_MS);
	}
	screen_assert(s, screen_find(s, "帮助：", NULL, NULL), "the help still shown");
}
END_TEST

/* A form (a district's, e) and the capture of the draft meeting, at both sizes. */
START_TEST(test_chinese_form_and_capture)
{
	struct screen *s = start_chinese(24, 80);
	screen_type(s, "e");
	screen_assert_text(s, "编辑", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	for (int size = 0; size < 2; size++) {
		if (size) {
			screen_resize(s, 50, 200);
			screen_settle(s, 100, WAIT_MS);
		}
		assert_chinese_row(s, screen_rows(s) - 2, "the form's status line", NULL);
		assert_chinese_row(s, screen_rows(s) - 1, "the form's hints", NULL);
		for (int row = 0; row < screen_rows(s) - 2; row++)   /* the record's title and the specs' labels */
			assert_chinese_row(s, row, "the form", NULL);
		assert_hints_whole(s);
	}
	screen_key(s, SCREEN_KEY_ESC);
	screen_resize(s, 24, 80);
	screen_type(s, "3");
	screen_assert(s, screen_wait_row(s, 2, "2026-11-20", WAIT_MS), "the draft meeting");
	screen_type(s, "R");
	screen_assert_text(s, "记录会议：", WAIT_MS);
	screen_assert_text(s, "全部已保存", WAIT_MS);
	screen_settle(s, 100, WAIT_MS);
	for (int size = 0; size < 2; size++) {
		if (size) {
			screen_resize(s, 50, 200);
			screen_settle(s, 100, WAIT_MS);
		}
		assert_chinese_row(s, 0, "the capture's title bar", NULL);
		assert_chinese_row(s, screen_rows(s) - 2, "the capture's status line", NULL);
		assert_chinese_row(s, screen_rows(s) - 1, "the capture's hints", NULL);
		screen_assert(s, screen_find(s, "出席人员 — ", NULL, NULL), "the attendees' section in Chinese");
		screen_assert(s, screen_find(s, "会议议程 — ", NULL, NULL), "the agenda's section in Chinese");
		screen_assert(s, screen_find(s, "单位 ×", NULL, NULL), "an organisation's note in Chinese");
		screen_assert(s, !screen_find(s, "organisation", NULL, NULL), "no English note");
		assert_hints_whole(s);
	}
}
END_TEST

/* A bad configuration is refused in Chinese, the file's place kept as it is. */
START_TEST(test_chinese_config_errors)
{
	static const struct { const char *yaml, *want; } cases[] = {
		{ "ui:\n  theme: bright\n", "未知的主题“bright”；可用的有：default, mono" },
		{ "ui:\n  page-size: 5\n", "“page-size”应为 0（按屏幕能显示的行数）或 10 到 1000 之间的数，实际为“5”" },
		{ "keys:\n  quit: Hyper-Q\n", "“quit”中的按键名“Hyper-Q”未知" },
		{ "colors:\n  title: white\n", "“title”应为“前景色 背景色" },
		{ "nonsense: 1\n", "未知的配置节“nonsense”" },
	};
	char path[] = "/tmp/iedesk-chinese-config-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		fputs(cases[i].yaml, f);
		fclose(f);
		char *out;
		int rc = testdb_run_program("postgres", NULL, &out, "--config", path, "migrate", NULL);
		ck_assert_msg(rc == 3, "case %zu: exit %d (3: the configuration): %s", i, rc, out);
		ck_assert_msg(strstr(out, cases[i].want) && strstr(out, path), "case %zu: [%s] lacks [%s]", i, out,
			cases[i].want);
		free(out);
	}
	setenv("LC_ALL", "C.UTF-8", 1);
	unlink(path);
}
END_TEST

Suite *chinese_suite(void)
{
	Suite *s = suite_create("chinese");
	TCase *screens = tcase_create("chinese-screens");
	tcase_add_checked_fixture(screens, setup, teardown);
	tcase_set_timeout(screens, 60);
	tcase_add_test(screens, test_chinese_panes);
	tcase_add_test(screens, test_chinese_help);
	tcase_add_test(screens, test_chinese_form_and_capture);
	suite_add_tcase(s, screens);
	TCase *config = tcase_create("chinese-config");
	tcase_add_test(config, test_chinese_config_errors);
	suite_add_tcase(s, config);
	return s;
}
