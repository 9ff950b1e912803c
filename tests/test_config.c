/* test_config: config/ — key names, defaults, the YAML file (every error placed by line and
 * column), the search order, and that a failed load leaves the defaults alone. */
#include "tests.h"
#include "../config/config.h"
#include "testdb.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* The machine-wide file, as config.c names it. */
#ifndef IEDESK_SYSCONFDIR
#define IEDESK_SYSCONFDIR "/etc"
#endif
#define SYSTEM_CONFIG IEDESK_SYSCONFDIR "/iedesk/config.yaml"

/* ---- fixture: a temporary directory, and HOME / XDG_CONFIG_HOME put back afterwards ---- */

static char temp_dir[1024];
static char *saved_home, *saved_xdg;

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *dir = opendir(path);
		if (dir) {
			struct dirent *entry;
			while ((entry = readdir(dir)) != NULL) {
				if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
					continue;
				char *child = xasprintf("%s/%s", path, entry->d_name);
				remove_tree(child);
				free(child);
			}
			closedir(dir);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void restore_env(const char *name, char **saved)
{
	if (*saved)
		setenv(name, *saved, 1);
	else
		unsetenv(name);
	FREE(saved);
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(temp_dir, sizeof(temp_dir), "%s/iedesk-config-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_msg(mkdtemp(temp_dir) != NULL, "mkdtemp: %s", strerror(errno));
	saved_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	saved_xdg = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
}

static void teardown(void)
{
	remove_tree(temp_dir);
	restore_env("HOME", &saved_home);
	restore_env("XDG_CONFIG_HOME", &saved_xdg);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_msg(f != NULL, "cannot create %s: %s", path, strerror(errno));
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	ck_assert_int_eq(fclose(f), 0);
}

/* A new file with text in it, in the temporary directory; the caller frees the path. */
static char *temp_file(const char *text)
{
	char *path = xasprintf("%s/configXXXXXX", temp_dir);
	int fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "mkstemp: %s", strerror(errno));
	close(fd);
	write_file(path, text);
	return path;
}

static void make_dirs(const char *path)
{
	char *copy = xstrdup(path);
	for (char *slash = strchr(copy + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(copy, 0700);
		*slash = '/';
	}
	mkdir(copy, 0700);
	free(copy);
}

/* Write text to dir/name, making dir first; the caller frees the path. */
static char *put_file(const char *dir, const char *name, const char *text)
{
	make_dirs(dir);
	char *path = xasprintf("%s/%s", dir, name);
	write_file(path, text);
	return path;
}

static void assert_color(const struct config_color *color, const struct config_color *expected)
{
	ck_assert_int_eq(color->fg, expected->fg);
	ck_assert_int_eq(color->bg, expected->bg);
	ck_assert_uint_eq(color->attrs, expected->attrs);
}

/* Everything but path equals what config_init gives. */
static void assert_defaults(const struct config *cfg)
{
	struct config defaults;
	config_init(&defaults);
	ck_assert_ptr_null(cfg->service);
	ck_assert_ptr_null(cfg->conninfo);
	ck_assert_int_eq(cfg->theme, defaults.theme);
	ck_assert_int_eq(cfg->page_size, defaults.page_size);
	ck_assert_str_eq(cfg->date_format, defaults.date_format);
	ck_assert_str_eq(cfg->default_view, defaults.default_view);
	ck_assert_int_eq(cfg->mouse, defaults.mouse);
	for (int action = 0; action < CONFIG_ACTION_COUNT; action++)
		for (int i = 0; i <= CONFIG_KEYS_PER_ACTION; i++)
			ck_assert_msg(cfg->keys[action][i] == defaults.keys[action][i], "action %d key %d: %d, default %d",
			              action, i, cfg->keys[action][i], defaults.keys[action][i]);
	for (int element = 0; element < CONFIG_COLOR_COUNT; element++)
		assert_color(&cfg->colors[element], &defaults.colors[element]);
	config_done(&defaults);
}

static void assert_keys(const int *keys, const int *expected, size_t count)
{
	for (size_t i = 0; i < count; i++)
		ck_assert_int_eq(keys[i], expected[i]);
	ck_assert_int_eq(keys[count], 0);
}

/* ---- key names ---- */

static const struct {
	const char *name;
	int code;
} named_keys[] = {
	{ "Enter", 10 }, { "Esc", 27 }, { "Tab", 9 }, { "BackTab", CONFIG_KEY_BACKTAB }, { "Space", ' ' },
	{ "Backspace", CONFIG_KEY_BACKSPACE }, { "Delete", CONFIG_KEY_DELETE }, { "Insert", CONFIG_KEY_INSERT },
	{ "Up", CONFIG_KEY_UP }, { "Down", CONFIG_KEY_DOWN }, { "Left", CONFIG_KEY_LEFT },
	{ "Right", CONFIG_KEY_RIGHT }, { "PageUp", CONFIG_KEY_PAGE_UP }, { "PageDown", CONFIG_KEY_PAGE_DOWN },
	{ "Home", CONFIG_KEY_HOME }, { "End", CONFIG_KEY_END },
};

START_TEST(test_key_named)
{
	for (size_t i = 0; i < COUNT(named_keys); i++) {
		int code = -1;
		ck_assert_msg(config_key_parse(named_keys[i].name, &code), "%s does not parse", named_keys[i].name);
		ck_assert_int_eq(code, named_keys[i].code);
		char name[32];
		config_key_name(code, name, sizeof(name));
		ck_assert_str_eq(name, named_keys[i].name);
	}
	for (int n = 1; n <= 12; n++) {
		char name[8], back[8];
		snprintf(name, sizeof(name), "F%d", n);
		int code = -1;
		ck_assert(config_key_parse(name, &code));
		ck_assert_int_eq(code, CONFIG_KEY_F1 + n - 1);
		config_key_name(code, back, sizeof(back));
		ck_assert_str_eq(back, name);
	}
	ck_assert_int_eq(CONFIG_KEY_F12, CONFIG_KEY_F1 + 11);
}
END_TEST

START_TEST(test_key_ctrl)
{
	for (char letter = 'A'; letter <= 'Z'; letter++) {
		char name[8], back[16];
		snprintf(name, sizeof(name), "Ctrl-%c", letter);
		int code = -1;
		ck_assert_msg(config_key_parse(name, &code), "%s does not parse", name);
		int expected = letter == 'M' ? 10 : letter - 'A' + 1;
		ck_assert_int_eq(code, expected);
		config_key_name(code, back, sizeof(back));
		/* Ctrl-I is Tab, Ctrl-J and Ctrl-M are Enter: their canonical names are those. */
		if (letter == 'I')
			ck_assert_str_eq(back, "Tab");
		else if (letter == 'J' || letter == 'M')
			ck_assert_str_eq(back, "Enter");
		else
			ck_assert_str_eq(back, name);
		int again = -1;
		ck_assert(config_key_parse(back, &again));
		ck_assert_int_eq(again, code);
	}
	char name[16];
	config_key_name(13, name, sizeof(name));
	ck_assert_str_eq(name, "Enter");
}
END_TEST

START_TEST(test_key_case)
{
	static const struct {
		const char *name;
		int code;
	} cases[] = {
		{ "enter", 10 }, { "ESC", 27 }, { "pagedown", CONFIG_KEY_PAGE_DOWN }, { "PAGEUP", CONFIG_KEY_PAGE_UP },
		{ "ctrl-c", 3 }, { "CTRL-X", 24 }, { "Ctrl-c", 3 }, { "f5", CONFIG_KEY_F1 + 4 },
		{ "backtab", CONFIG_KEY_BACKTAB }, { "space", ' ' },
		/* single characters are themselves, case and all */
		{ "q", 'q' }, { "Q", 'Q' }, { "G", 'G' }, { "F", 'F' }, { "?", '?' }, { "/", '/' }, { " ", ' ' },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		int code = -1;
		ck_assert_msg(config_key_parse(cases[i].name, &code), "'%s' does not parse", cases[i].name);
		ck_assert_msg(code == cases[i].code, "'%s' gives %d, expected %d", cases[i].name, code, cases[i].code);
	}
}
END_TEST

START_TEST(test_key_unicode)
{
	static const struct {
		const char *name;
		int code;
	} cases[] = {
		{ "怀", 0x6000 }, { "é", 0xE9 }, { "😀", 0x1F600 }, { "\xc2\xa0", 0xA0 }, { "~", '~' },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		int code = -1;
		char name[16];
		ck_assert_msg(config_key_parse(cases[i].name, &code), "'%s' does not parse", cases[i].name);
		ck_assert_int_eq(code, cases[i].code);
		config_key_name(code, name, sizeof(name));
		ck_assert_str_eq(name, cases[i].name);
	}
	/* A name that does not fit is cut to nothing rather than to half a character. */
	char small[3];
	config_key_name(0x6000, small, sizeof(small));
	ck_assert_str_eq(small, "");
	char exact[4 + 1];
	config_key_name(0x6000, exact, sizeof(exact));
	ck_assert_str_eq(exact, "怀");
}
END_TEST

START_TEST(test_key_invalid)
{
	static const char *const names[] = {
		"", "qq", "怀柔", "Ctrl-", "Ctrl-1", "Ctrl-AB", "Ctrl-怀", "Ctrl+A", "C-a", "F0", "F13", "F01", "F1x",
		"F", "PageUp ", " PageUp", "Page-Up", "Return", "\x01", "\x7f", "\xc2\x85", "\t", "\n",
		"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe6\x80", "\x80",
	};
	for (size_t i = 0; i < COUNT(names); i++) {
		int code = 12345;
		bool ok = config_key_parse(names[i], &code);
		/* "F" is the letter F, a single character */
		if (strcmp(names[i], "F") == 0) {
			ck_assert(ok);
			continue;
		}
		ck_assert_msg(!ok, "invalid key name #%zu parsed as %d", i, code);
		ck_assert_int_eq(code, 12345);
	}
	ck_assert(!config_key_parse(NULL, &(int){ 0 }));
}
END_TEST

static void assert_round_trip(int code, bool nameable)
{
	char name[32];
	config_key_name(code, name, sizeof(name));
	int back = -1;
	bool parsed = config_key_parse(name, &back);
	ck_assert_msg(parsed == nameable, "code %d named '%s' %s", code, name, parsed ? "parses" : "does not parse");
	if (parsed)
		ck_assert_msg(back == code || (code == 13 && back == 10), "code %d named '%s' parses as %d", code, name, back);
}

/* Whatever code config_key_name gives a name, parsing reads back; controls and surrogates,
 * which no name produces, are shown in a form that does not parse. */
START_TEST(test_key_round_trip_all)
{
	for (int code = 0; code < 0x3100; code++) {
		bool control = code == 0 || (code > 26 && code < ' ' && code != 27) || (code >= 0x7F && code <= 0x9F);
		assert_round_trip(code, !control);
	}
	for (int code = 0x3100; code <= 0x10FFFF; code += 97)
		assert_round_trip(code, code < 0xD800 || code > 0xDFFF);
	static const int edges[] = { 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF };
	for (size_t i = 0; i < COUNT(edges); i++)
		assert_round_trip(edges[i], true);
	assert_round_trip(0xD800, false);
	assert_round_trip(0xDFFF, false);
	for (int code = CONFIG_KEY_SPECIAL + 1; code <= CONFIG_KEY_F12; code++)
		assert_round_trip(code, true);
	assert_round_trip(CONFIG_KEY_SPECIAL, false);
	assert_round_trip(CONFIG_KEY_F12 + 1, false);
	char name[32];
	config_key_name(0x7F, name, sizeof(name));
	ck_assert_str_eq(name, "U+007F");
	config_key_name(-1, name, sizeof(name));
	ck_assert_str_eq(name, "<invalid>");
}
END_TEST

/* ---- actions, colours, defaults ---- */

START_TEST(test_actions)
{
	for (int action = CONFIG_ACTION_NONE + 1; action < CONFIG_ACTION_COUNT; action++) {
		const char *name = config_action_name((enum config_action)action);
		ck_assert_ptr_nonnull(name);
		ck_assert_int_eq(config_action_lookup(name), action);
		const char *help = config_action_help((enum config_action)action);
		ck_assert_ptr_nonnull(help);
		ck_assert_int_gt(strlen(help), 0);
	}
	ck_assert_int_eq(config_action_lookup("move-down"), CONFIG_ACTION_MOVE_DOWN);
	ck_assert_int_eq(config_action_lookup("nope"), CONFIG_ACTION_NONE);
	ck_assert_int_eq(config_action_lookup("Move-Down"), CONFIG_ACTION_NONE);
	ck_assert_int_eq(config_action_lookup(NULL), CONFIG_ACTION_NONE);
	ck_assert_ptr_null(config_action_name(CONFIG_ACTION_NONE));
	ck_assert_ptr_null(config_action_name(CONFIG_ACTION_COUNT));
	ck_assert_str_eq(config_color_name(CONFIG_COLOR_KEY_HINT), "key-hint");
	ck_assert_ptr_null(config_color_name(CONFIG_COLOR_COUNT));
}
END_TEST

#define ACTION_DEFAULT(id, name, keys, help) { CONFIG_ACTION_##id, name, keys },
static const struct {
	enum config_action action;
	const char *name, *keys;
} action_defaults[] = { CONFIG_ACTION_INFO(ACTION_DEFAULT) };
#undef ACTION_DEFAULT

#define COLOR_DEFAULT(id, name, spec) { CONFIG_COLOR_##id, name, spec },
static const struct {
	enum config_color_element element;
	const char *name, *spec;
} color_defaults[] = { CONFIG_COLOR_INFO(COLOR_DEFAULT) };
#undef COLOR_DEFAULT

START_TEST(test_defaults_parse)
{
	struct config cfg;
	config_init(&cfg);
	ck_assert_uint_eq(COUNT(action_defaults), CONFIG_ACTION_COUNT - 1);
	for (size_t i = 0; i < COUNT(action_defaults); i++) {
		char *words = xstrdup(action_defaults[i].keys), *save = NULL;
		int n = 0;
		for (char *word = strtok_r(words, " ", &save); word; word = strtok_r(NULL, " ", &save), n++) {
			int code;
			ck_assert_msg(config_key_parse(word, &code), "default key '%s' of %s does not parse", word,
			              action_defaults[i].name);
			ck_assert_int_lt(n, CONFIG_KEYS_PER_ACTION);
			ck_assert_int_eq(cfg.keys[action_defaults[i].action][n], code);
		}
		free(words);
		ck_assert_msg(n > 0, "%s has no default key", action_defaults[i].name);
		ck_assert_int_eq(cfg.keys[action_defaults[i].action][n], 0);
	}
	ck_assert_uint_eq(COUNT(color_defaults), CONFIG_COLOR_COUNT);
	for (size_t i = 0; i < COUNT(color_defaults); i++) {
		struct config_color color;
		ck_assert_msg(config_color_parse(color_defaults[i].spec, &color), "default colour %s = '%s' does not parse",
		              color_defaults[i].name, color_defaults[i].spec);
		assert_color(&color, &cfg.colors[color_defaults[i].element]);
	}
	config_done(&cfg);
}
END_TEST

START_TEST(test_defaults_values)
{
	struct config cfg;
	config_init(&cfg);
	ck_assert_ptr_null(cfg.path);
	ck_assert_ptr_null(cfg.service);
	ck_assert_ptr_null(cfg.conninfo);
	ck_assert_int_eq(cfg.theme, CONFIG_THEME_DEFAULT);
	ck_assert_int_eq(cfg.page_size, 0);
	ck_assert_str_eq(cfg.date_format, "%Y-%m-%d");
	ck_assert_str_eq(cfg.default_view, "districts");
	ck_assert(!cfg.mouse);
	assert_keys(cfg.keys[CONFIG_ACTION_MOVE_DOWN], (int[]){ CONFIG_KEY_DOWN, 'j' }, 2);
	assert_keys(cfg.keys[CONFIG_ACTION_PAGE_DOWN], (int[]){ CONFIG_KEY_PAGE_DOWN, 6, ' ' }, 3);
	assert_keys(cfg.keys[CONFIG_ACTION_HELP], (int[]){ '?', CONFIG_KEY_F1 }, 2);
	assert_keys(cfg.keys[CONFIG_ACTION_PREV_VIEW], (int[]){ CONFIG_KEY_BACKTAB }, 1);
	assert_keys(cfg.keys[CONFIG_ACTION_NONE], NULL, 0);
	struct config_color title = { CONFIG_COLOR_WHITE, CONFIG_COLOR_BLUE, CONFIG_ATTR_BOLD };
	assert_color(&cfg.colors[CONFIG_COLOR_TITLE], &title);
	struct config_color dim = { CONFIG_COLOR_DEFAULT, CONFIG_COLOR_DEFAULT, CONFIG_ATTR_DIM };
	assert_color(&cfg.colors[CONFIG_COLOR_DIM], &dim);
	config_done(&cfg);
	config_done(&cfg);  /* twice is harmless */
	ck_assert_ptr_null(cfg.date_format);
}
END_TEST

START_TEST(test_color_parse)
{
	struct config_color color;
	ck_assert(config_color_parse("Red DEFAULT reverse underline bold dim", &color));
	ck_assert_int_eq(color.fg, CONFIG_COLOR_RED);
	ck_assert_int_eq(color.bg, CONFIG_COLOR_DEFAULT);
	ck_assert_uint_eq(color.attrs, CONFIG_ATTR_REVERSE | CONFIG_ATTR_UNDERLINE | CONFIG_ATTR_BOLD | CONFIG_ATTR_DIM);
	ck_assert(config_color_parse("  magenta\tcyan  ", &color));
	ck_assert_int_eq(color.fg, CONFIG_COLOR_MAGENTA);
	ck_assert_int_eq(color.bg, CONFIG_COLOR_CYAN);
	ck_assert_uint_eq(color.attrs, 0);
	static const char *const bad[] = { "", "red", "red bold", "red blue blink", "red blue green", "purple red", "   " };
	struct config_color untouched = { 7, 7, 7 };
	for (size_t i = 0; i < COUNT(bad); i++) {
		color = untouched;
		ck_assert_msg(!config_color_parse(bad[i], &color), "'%s' parsed", bad[i]);
		assert_color(&color, &untouched);
	}
}
END_TEST

/* ---- loading files ---- */

START_TEST(test_full_file)
{
	char *path = temp_file(
		"# iedesk configuration\n"
		"connection:\n"
		"  service: iedesk\n"
		"ui:\n"
		"  theme: mono\n"
		"  page-size: 200\n"
		"  date-format: \"%d.%m.%Y\"\n"
		"  default-view: Meetings\n"
		"  mouse: yes\n"
		"keys:\n"
		"  quit: Q\n"
		"  move-down: [Down, j, Ctrl-N]\n"
		"  help: \"? F2\"\n"
		"  view-districts: 怀\n"
		"colors:\n"
		"  title: \"white blue bold\"\n"
		"  selected: black yellow reverse\n");
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	ck_assert_msg(config_load(&cfg, path, &err), "%s:%d:%d: %s", err.file, err.line, err.column, err.message);
	ck_assert_str_eq(cfg.path, path);
	ck_assert_str_eq(cfg.service, "iedesk");
	ck_assert_ptr_null(cfg.conninfo);
	ck_assert_int_eq(cfg.theme, CONFIG_THEME_MONO);
	ck_assert_int_eq(cfg.page_size, 200);
	ck_assert_str_eq(cfg.date_format, "%d.%m.%Y");
	ck_assert_str_eq(cfg.default_view, "meetings");
	ck_assert(cfg.mouse);
	assert_keys(cfg.keys[CONFIG_ACTION_QUIT], (int[]){ 'Q' }, 1);
	assert_keys(cfg.keys[CONFIG_ACTION_MOVE_DOWN], (int[]){ CONFIG_KEY_DOWN, 'j', 14 }, 3);
	assert_keys(cfg.keys[CONFIG_ACTION_HELP], (int[]){ '?', CONFIG_KEY_F1 + 1 }, 2);
	assert_keys(cfg.keys[CONFIG_ACTION_VIEW_DISTRICTS], (int[]){ 0x6000 }, 1);
	assert_keys(cfg.keys[CONFIG_ACTION_MOVE_UP], (int[]){ CONFIG_KEY_UP, 'k' }, 2);
	struct config_color selected = { CONFIG_COLOR_BLACK, CONFIG_COLOR_YELLOW, CONFIG_ATTR_REVERSE };
	assert_color(&cfg.colors[CONFIG_COLOR_SELECTED], &selected);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.message, "");
	config_done(&cfg);
	free(path);
}
END_TEST

START_TEST(test_language_setting)
{
	static const char *const languages[] = { "en", "zh_CN" };
	for (size_t i = 0; i < COUNT(languages); i++) {
		char *text = xasprintf("ui:\n  language: %s\n", languages[i]);
		char *path = temp_file(text);
		struct config cfg;
		struct config_error err;
		config_init(&cfg);
		ck_assert_ptr_null(cfg.language);   /* by default the environment decides */
		ck_assert_msg(config_load(&cfg, path, &err), "%s: %s", languages[i], err.message);
		ck_assert_str_eq(cfg.language, languages[i]);
		ck_assert(config_language_known(languages[i]));
		config_done(&cfg);
		free(path);
		free(text);
	}
	ck_assert(!config_language_known("zh"));
	ck_assert(!config_language_known(""));
	ck_assert_str_eq(config_languages(), "en, zh_CN");
}
END_TEST

/* The language the program speaks: the environment's (as SSH forwards LANG), --lang over it, and a
 * locale the machine lacks still speaking its language. */
START_TEST(test_language_chosen)
{
	static const struct {
		const char *lc_all, *lang, *language, *arg;
		bool chinese;
	} cases[] = {
		{ NULL, "zh_CN.UTF-8", NULL, NULL, true },
		{ "zh_CN.UTF-8", "C.UTF-8", NULL, NULL, true },
		{ NULL, "C.UTF-8", NULL, NULL, false },
		{ NULL, NULL, NULL, NULL, false },
		{ NULL, "C.UTF-8", NULL, "zh_CN", true },
		{ NULL, NULL, NULL, "zh_CN", true },
		{ NULL, "zh_CN.UTF-8", NULL, "en", false },
		{ NULL, "zh_CN.GB18030", NULL, NULL, true },   /* not generated here: UTF-8 all the same */
		{ NULL, "zh_TW.UTF-8", NULL, NULL, false },    /* no traditional Chinese: English */
		{ NULL, "C.UTF-8", "zh_CN", NULL, true },
	};
	static const char *const names[] = { "LC_ALL", "LANG", "LANGUAGE", "LC_MESSAGES" };
	char *saved[COUNT(names)];
	for (size_t n = 0; n < COUNT(names); n++)
		saved[n] = getenv(names[n]) ? xstrdup(getenv(names[n])) : NULL;
	for (size_t i = 0; i < COUNT(cases); i++) {
		const char *values[] = { cases[i].lc_all, cases[i].lang, cases[i].language, NULL };
		for (size_t n = 0; n < COUNT(names); n++)
			if (values[n])
				setenv(names[n], values[n], 1);
			else
				unsetenv(names[n]);
		char *out;
		int rc = cases[i].arg ? testdb_run_program("postgres", NULL, &out, "--lang", cases[i].arg, "--bogus", NULL)
		                      : testdb_run_program("postgres", NULL, &out, "--bogus", NULL);
		ck_assert_msg(rc == 2, "case %zu: exit %d: %s", i, rc, out);
		const char *want = cases[i].chinese ? "iedesk: 未知选项 --bogus；请参阅 iedesk --help\n"
		                                    : "iedesk: unknown option --bogus; see iedesk --help\n";
		ck_assert_msg(strcmp(out, want) == 0, "case %zu: [%s], not [%s]", i, out, want);
		free(out);
	}
	for (size_t n = 0; n < COUNT(names); n++)
		restore_env(names[n], &saved[n]);
	char *out;
	ck_assert_int_eq(testdb_run_program("postgres", NULL, &out, "--lang", "fr", "migrate", NULL), 2);
	ck_assert_str_eq(out, "iedesk: unknown language 'fr' for --lang: iedesk speaks en, zh_CN\n");
	free(out);
}
END_TEST

START_TEST(test_conninfo_and_booleans)
{
	static const struct {
		const char *text;
		bool mouse;
	} booleans[] = {
		{ "true", true }, { "True", true }, { "yes", true }, { "on", true }, { "ON", true },
		{ "false", false }, { "no", false }, { "off", false }, { "FALSE", false },
	};
	for (size_t i = 0; i < COUNT(booleans); i++) {
		char *text = xasprintf("connection:\n  conninfo: \"host=db.example.org dbname=passwords passfile=/x\"\n"
		                       "ui:\n  mouse: %s\n", booleans[i].text);
		char *path = temp_file(text);
		struct config cfg;
		struct config_error err;
		config_init(&cfg);
		cfg.mouse = !booleans[i].mouse;
		ck_assert_msg(config_load(&cfg, path, &err), "%s: %s", booleans[i].text, err.message);
		ck_assert_int_eq(cfg.mouse, booleans[i].mouse);
		ck_assert_str_eq(cfg.conninfo, "host=db.example.org dbname=passwords passfile=/x");
		ck_assert_ptr_null(cfg.service);
		config_done(&cfg);
		free(path);
		free(text);
	}
}
END_TEST

/* connection.wait-timeout: the seconds an export or a report waits on a silent database; unset, 0 (the
 * connection's connect_timeout decides); set beside a service, which it does not replace. */
START_TEST(test_wait_timeout)
{
	static const struct {
		const char *text;
		int seconds;
	} cases[] = {
		{ "connection:\n  service: iedesk\n", 0 },
		{ "connection:\n  service: iedesk\n  wait-timeout: 1\n", 1 },
		{ "connection:\n  wait-timeout: 120\n  service: iedesk\n", 120 },
		{ "connection:\n  wait-timeout: 3600\n", 3600 },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		char *path = temp_file(cases[i].text);
		struct config cfg;
		struct config_error err;
		config_init(&cfg);
		ck_assert_msg(config_load(&cfg, path, &err), "case %zu: %s", i, err.message);
		ck_assert_int_eq(cfg.wait_timeout, cases[i].seconds);
		if (strstr(cases[i].text, "service"))
			ck_assert_str_eq(cfg.service, "iedesk");
		config_done(&cfg);
		free(path);
	}
}
END_TEST

START_TEST(test_empty_files)
{
	static const char *const texts[] = {
		"", "# nothing here yet\n", "---\n", "--- ~\n", "connection:\nui:\nkeys:\ncolors:\n",
		"ui: {}\nkeys: {}\n", "\xef\xbb\xbf# a byte-order mark\n",
	};
	for (size_t i = 0; i < COUNT(texts); i++) {
		char *path = temp_file(texts[i]);
		struct config cfg;
		struct config_error err;
		config_init(&cfg);
		ck_assert_msg(config_load(&cfg, path, &err), "text #%zu: %d:%d: %s", i, err.line, err.column, err.message);
		ck_assert_str_eq(cfg.path, path);
		assert_defaults(&cfg);
		config_done(&cfg);
		free(path);
	}
}
END_TEST

START_TEST(test_keys_replace_one_action)
{
	char *path = temp_file("keys:\n  move-down: [Down, Ctrl-N]\n");
	struct config cfg, defaults;
	struct config_error err;
	config_init(&cfg);
	config_init(&defaults);
	ck_assert_msg(config_load(&cfg, path, &err), "%s", err.message);
	assert_keys(cfg.keys[CONFIG_ACTION_MOVE_DOWN], (int[]){ CONFIG_KEY_DOWN, 14 }, 2);
	for (int action = 0; action < CONFIG_ACTION_COUNT; action++)
		if (action != CONFIG_ACTION_MOVE_DOWN)
			for (int i = 0; i <= CONFIG_KEYS_PER_ACTION; i++)
				ck_assert_int_eq(cfg.keys[action][i], defaults.keys[action][i]);
	config_done(&cfg);
	config_done(&defaults);
	free(path);
}
END_TEST

START_TEST(test_keys_taken_from_defaults)
{
	/* j moves down by default; binding it to quit takes it from move-down, which keeps Down. */
	char *path = temp_file("keys:\n  quit: j\n  help: []\n  refresh: \"r  F5\"\n  back: [Esc, Backspace, Ctrl-H, Delete]\n");
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	ck_assert_msg(config_load(&cfg, path, &err), "%d:%d: %s", err.line, err.column, err.message);
	assert_keys(cfg.keys[CONFIG_ACTION_QUIT], (int[]){ 'j' }, 1);
	assert_keys(cfg.keys[CONFIG_ACTION_MOVE_DOWN], (int[]){ CONFIG_KEY_DOWN }, 1);
	assert_keys(cfg.keys[CONFIG_ACTION_HELP], NULL, 0);
	assert_keys(cfg.keys[CONFIG_ACTION_REFRESH], (int[]){ 'r', CONFIG_KEY_F1 + 4 }, 2);
	assert_keys(cfg.keys[CONFIG_ACTION_BACK], (int[]){ 27, CONFIG_KEY_BACKSPACE, 8, CONFIG_KEY_DELETE }, 4);
	config_done(&cfg);
	free(path);
}
END_TEST

/* Each bad file: where the error must point, and words the message must hold. */
static const struct {
	const char *yaml;
	int line, column;
	const char *message;
} error_cases[] = {
	/* unknown keys */
	{ "ui:\n  colour: red\n", 2, 3,
	  "unknown key 'colour' in 'ui'; expected one of: theme, page-size, date-format, default-view, mouse, "
	  "language" },
	{ "connection:\n  service: x\nuser: me\n", 3, 1,
	  "unknown section 'user'; expected one of: connection, ui, keys, colors" },
	{ "connection:\n  host: db\n", 2, 3,
	  "unknown key 'host' in 'connection'; expected one of: service, conninfo, wait-timeout" },
	{ "keys:\n  move-dwn: j\n", 2, 3, "unknown action 'move-dwn' in 'keys'; expected one of: move-up, move-down," },
	{ "colors:\n  titel: white blue\n", 2, 3, "unknown colour element 'titel' in 'colors'; expected one of: normal, title," },
	{ "? [a, b]\n: c\n", 1, 3, "expected a section name, found a list" },
	/* wrong types */
	{ "ui:\n  mouse: maybe\n", 2, 10, "'mouse' must be true or false, found 'maybe'" },
	{ "ui:\n  language: fr\n", 2, 13, "unknown language 'fr' for 'language'; expected one of: en, zh_CN" },
	{ "ui:\n  language: zh_cn.UTF-8\n", 2, 13, "unknown language 'zh_cn.UTF-8' for 'language'; expected one of:" },
	{ "ui:\n  mouse:\n", 2, 9, "'mouse' must be true or false, found nothing" },
	{ "ui:\n  - theme\n", 2, 3, "'ui' must be a mapping of settings, found a list" },
	{ "ui: mono\n", 1, 5, "'ui' must be a mapping of settings, found 'mono'" },
	{ "ui:\n  theme: {name: dark}\n", 2, 10, "'theme' must be the name of a theme, found a mapping" },
	{ "ui:\n  default-view: [districts]\n", 2, 17, "'default-view' must be the name of a pane, found a list" },
	{ "keys:\n  quit: {key: q}\n", 2, 9, "'quit' must be a key name or a list of key names ([] for none), found a mapping" },
	{ "keys:\n  quit: [[q]]\n", 2, 10, "'quit' must be a list of key names, found a list" },
	{ "colors:\n  title: [white, blue]\n", 2, 10, "'title' must be \"foreground background" },
	{ "- ui\n", 1, 1, "the file must be a mapping of sections (connection, ui, keys, colors), found a list" },
	{ "just words\n", 1, 1, "the file must be a mapping of sections (connection, ui, keys, colors), found 'just words'" },
	/* bad values, one for each setting */
	{ "ui:\n  theme: dark\n", 2, 10, "unknown theme 'dark'; expected one of: default, mono" },
	{ "connection:\n  wait-timeout: 0\n", 2, 17,
	  "'wait-timeout' must be a whole number of seconds from 1 to 3600, found '0'" },
	{ "connection:\n  wait-timeout: 3601\n", 2, 17, "found '3601'" },
	{ "connection:\n  wait-timeout: 10s\n", 2, 17, "found '10s'" },
	{ "connection:\n  wait-timeout: -5\n", 2, 17, "found '-5'" },
	{ "connection:\n  wait-timeout: 2.5\n", 2, 17, "found '2.5'" },
	{ "connection:\n  wait-timeout:\n", 2, 16, "'wait-timeout' must be a number of seconds from 1 to 3600, found nothing" },
	{ "ui:\n  page-size: 5\n", 2, 14,
	  "'page-size' must be 0 (as many rows as fit the screen) or a number from 10 to 1000, found '5'" },
	{ "ui:\n  page-size: 1001\n", 2, 14, "found '1001'" },
	{ "ui:\n  page-size: many\n", 2, 14, "found 'many'" },
	{ "ui:\n  page-size: -20\n", 2, 14, "found '-20'" },
	{ "ui:\n  page-size: 12.5\n", 2, 14, "found '12.5'" },
	{ "ui:\n  date-format: \"\"\n", 2, 16, "'date-format' must be a strftime(3) format such as \"%Y-%m-%d\", found an empty value" },
	{ "ui:\n  date-format: \"%Y-%Q\"\n", 2, 16, "'date-format' has an unknown conversion '%Q'" },
	{ "ui:\n  date-format: \"%Y-%\"\n", 2, 16, "'date-format' has an unknown conversion '%'" },
	{ "ui:\n  default-view: schools\n", 2, 17,
	  "unknown view 'schools' for 'default-view'; expected one of: districts, managers, meetings, backlog" },
	{ "connection:\n  service: \"\"\n", 2, 12, "'service' must be a service name from pg_service.conf, found an empty value" },
	{ "connection:\n  conninfo:\n", 2, 12, "'conninfo' must be a libpq connection string" },
	{ "colors:\n  title: \"purple blue\"\n", 2, 10,
	  "unknown colour 'purple' in 'title'; expected one of: default, black, red, green, yellow, blue, magenta, cyan, white" },
	{ "colors:\n  title: white blue blink\n", 2, 10,
	  "unknown attribute 'blink' in 'title'; expected one of: bold, dim, reverse, underline" },
	{ "colors:\n  title: white\n", 2, 10,
	  "'title' must be \"foreground background [bold] [dim] [reverse] [underline]\", found 'white'" },
	{ "colors:\n  title: white bold\n", 2, 10, "'title' needs a foreground and a background colour before the attribute 'bold'" },
	{ "colors:\n  title: white blue red\n", 2, 10, "found a third colour 'red'" },
	{ "keys:\n  quit: Ctrl-Q1\n", 2, 9, "unknown key name 'Ctrl-Q1' in 'quit'; expected a single character, F1..F12, Ctrl-A..Ctrl-Z or one of: Enter, Esc," },
	{ "keys:\n  move-down: [Down, Dwn]\n", 2, 21, "unknown key name 'Dwn' in 'move-down'" },
	{ "keys:\n  help: \"? F13\"\n", 2, 9, "unknown key name 'F13' in 'help'" },
	{ "keys:\n  quit:\n", 2, 8, "'quit' must be a key name or a list of key names ([] for none), found nothing" },
	{ "keys:\n  move-down: [Down, j, Ctrl-N, n, x]\n", 2, 35, "'move-down' takes at most 4 keys" },
	{ "keys:\n  move-down: Down j Ctrl-N n x\n", 2, 14, "'move-down' takes at most 4 keys" },
	{ "keys:\n  quit: [q, Q, q]\n", 2, 16, "key 'q' is listed twice for 'quit'" },
	{ "keys:\n  quit: x\n  help: [F1, x]\n", 3, 14, "key 'x' is bound to both 'quit' (line 2) and 'help'" },
	/* connection rules */
	{ "connection:\n  service: iedesk\n  conninfo: \"dbname=iedesk\"\n", 3, 3, "'service' and 'conninfo' cannot both be set" },
	{ "connection:\n  conninfo: \"dbname=iedesk\"\n  service: iedesk\n", 3, 3, "'service' and 'conninfo' cannot both be set" },
	{ "connection:\n  conninfo: \"host=db password=secret\"\n", 2, 13, "'conninfo' contains a password;" },
	{ "connection:\n  conninfo: \"host=db password = 'a b'\"\n", 2, 13, "~/.pgpass" },
	{ "connection:\n  conninfo: \"postgresql://me:secret@db/iedesk\"\n", 2, 13, "'conninfo' contains a password;" },
	{ "connection:\n  conninfo: \"postgres://db/iedesk?sslmode=require&password=x\"\n", 2, 13, "contains a password" },
	{ "connection:\n  password: secret\n", 2, 3, "passwords do not belong in iedesk's configuration; put the password in ~/.pgpass" },
	{ "password: secret\n", 1, 1, "passwords do not belong in iedesk's configuration" },
	/* duplicates */
	{ "ui:\n  mouse: true\n  mouse: false\n", 3, 3, "duplicate key 'mouse' in 'ui' (first set at line 2)" },
	{ "ui:\n  mouse: true\nkeys: {}\nui:\n  theme: mono\n", 4, 1, "duplicate section 'ui' (first set at line 1)" },
	{ "keys:\n  quit: q\n  quit: x\n", 3, 3, "duplicate action 'quit' in 'keys' (first set at line 2)" },
	/* YAML itself */
	{ "ui:\n  theme: default\n mouse: true\n", 3, 2, "invalid YAML: did not find expected key (while parsing a block mapping at line 1, column 1)" },
	{ "ui:\n  mouse: true\n  theme: mono: dark\n", 3, 14, "invalid YAML: mapping values are not allowed in this context" },
	{ "ui: {theme: mono\n", 2, 1, "invalid YAML: did not find expected ',' or '}'" },
	{ "ui:\n  theme: \"default\n", 3, 1, "invalid YAML: found unexpected end of stream" },
	{ "ui:\n\ttheme: mono\n", 2, 1, "invalid YAML: found character that cannot start any token" },
	{ "ui:\n  theme: \xff\n", 2, 10, "the file is not valid UTF-8 text: invalid leading UTF-8 octet (byte 0xFF)" },
	{ "ui: &u\n  mouse: true\nkeys: *u\n", 3, 7, "aliases (*u) are not supported" },
	{ "ui: {}\n---\nkeys: {}\n", 2, 1, "the file holds a second YAML document" },
};

START_TEST(test_error_cases)
{
	char *path = temp_file(error_cases[_i].yaml);
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	bool ok = config_load(&cfg, path, &err);
	ck_assert_msg(!ok, "case %d loaded: %s", _i, error_cases[_i].yaml);
	ck_assert_msg(strstr(err.message, error_cases[_i].message) != NULL, "case %d: message '%s' lacks '%s'", _i,
	              err.message, error_cases[_i].message);
	ck_assert_msg(err.line == error_cases[_i].line && err.column == error_cases[_i].column,
	              "case %d: at %d:%d, expected %d:%d (%s)", _i, err.line, err.column, error_cases[_i].line,
	              error_cases[_i].column, err.message);
	ck_assert_str_eq(err.file, path);
	/* Nothing of a bad file is kept. */
	ck_assert_ptr_null(cfg.path);
	assert_defaults(&cfg);
	config_done(&cfg);
	config_done(&cfg);
	free(path);
}
END_TEST

/* A file that sets several things and fails late changes none of them. */
START_TEST(test_failed_load_keeps_everything)
{
	char *good = temp_file("ui:\n  theme: mono\n  page-size: 20\n");
	char *bad = temp_file("connection:\n  service: other\nui:\n  theme: default\n  page-size: 50\n"
	                      "keys:\n  quit: x\ncolors:\n  title: red red\n  mark: pink red\n");
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	ck_assert(config_load_file(&cfg, good, &err));
	ck_assert(!config_load_file(&cfg, bad, &err));
	ck_assert_int_eq(err.line, 10);
	ck_assert_str_eq(cfg.path, good);
	ck_assert_ptr_null(cfg.service);
	ck_assert_int_eq(cfg.theme, CONFIG_THEME_MONO);
	ck_assert_int_eq(cfg.page_size, 20);
	assert_keys(cfg.keys[CONFIG_ACTION_QUIT], (int[]){ 'q' }, 1);
	struct config_color title = { CONFIG_COLOR_WHITE, CONFIG_COLOR_BLUE, CONFIG_ATTR_BOLD };
	assert_color(&cfg.colors[CONFIG_COLOR_TITLE], &title);
	/* A second good file goes over the first: its connection choice replaces the old one. */
	char *second = temp_file("connection:\n  conninfo: \"service=x\"\nui:\n  mouse: on\n");
	cfg.service = xstrdup("earlier");
	ck_assert(config_load_file(&cfg, second, &err));
	ck_assert_ptr_null(cfg.service);
	ck_assert_str_eq(cfg.conninfo, "service=x");
	ck_assert_int_eq(cfg.page_size, 20);
	ck_assert(cfg.mouse);
	ck_assert_str_eq(cfg.path, second);
	config_done(&cfg);
	config_done(&cfg);
	free(good);
	free(bad);
	free(second);
}
END_TEST

START_TEST(test_missing_explicit_file)
{
	char *path = xasprintf("%s/no-such-config.yaml", temp_dir);
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	ck_assert(!config_load(&cfg, path, &err));
	ck_assert_str_eq(err.file, path);
	ck_assert_int_eq(err.line, 0);
	ck_assert_ptr_nonnull(strstr(err.message, "No such file or directory"));
	char text[1200];
	config_error_format(&err, text, sizeof(text));
	ck_assert_ptr_nonnull(strstr(text, path));
	ck_assert_ptr_null(cfg.path);
	assert_defaults(&cfg);
	/* A missing explicit file is an error even when the usual places have one. */
	setenv("XDG_CONFIG_HOME", temp_dir, 1);
	char *xdg = xasprintf("%s/iedesk", temp_dir);
	free(put_file(xdg, "config.yaml", "ui:\n  theme: mono\n"));
	ck_assert(!config_load(&cfg, path, &err));
	ck_assert_int_eq(cfg.theme, CONFIG_THEME_DEFAULT);
	config_done(&cfg);
	free(xdg);
	free(path);
}
END_TEST

START_TEST(test_unreadable_files)
{
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	/* a directory where the file should be */
	char *dir = xasprintf("%s/a-directory", temp_dir);
	make_dirs(dir);
	ck_assert(!config_load(&cfg, dir, &err));
	ck_assert_str_eq(err.file, dir);
	ck_assert_ptr_nonnull(strstr(err.message, "directory"));
	/* a device or a FIFO is refused before a byte is read: a FIFO without a writer hung in open() */
	ck_assert(!config_load(&cfg, "/dev/zero", &err));
	ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
	char *fifo = xasprintf("%s/a-fifo", temp_dir);
	ck_assert_int_eq(mkfifo(fifo, 0600), 0);
	ck_assert(!config_load(&cfg, fifo, &err));
	ck_assert_str_eq(err.file, fifo);
	ck_assert_ptr_nonnull(strstr(err.message, "not a regular file"));
	free(fifo);
	/* found in the search path but not readable: an error, not a reason to look further */
	setenv("XDG_CONFIG_HOME", temp_dir, 1);
	char *xdg = xasprintf("%s/iedesk", temp_dir);
	char *path = put_file(xdg, "config.yaml", "ui:\n  theme: mono\n");
	ck_assert_int_eq(chmod(path, 0), 0);
	if (geteuid() != 0) {  /* root reads anything */
		ck_assert(!config_load(&cfg, NULL, &err));
		ck_assert_str_eq(err.file, path);
		ck_assert_ptr_nonnull(strstr(err.message, "Permission denied"));
	}
	/* root reads anything, but a symbolic link that loops cannot be opened by anyone */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(symlink("config.yaml", path), 0);
	ck_assert(!config_load(&cfg, NULL, &err));
	ck_assert_str_eq(err.file, path);
	ck_assert_ptr_nonnull(strstr(err.message, "cannot open the configuration file"));
	/* a directory found in the search path */
	ck_assert_int_eq(unlink(path), 0);
	make_dirs(path);
	ck_assert(!config_load(&cfg, NULL, &err));
	ck_assert_str_eq(err.file, path);
	ck_assert_ptr_nonnull(strstr(err.message, "directory"));
	assert_defaults(&cfg);
	config_done(&cfg);
	free(path);
	free(xdg);
	free(dir);
}
END_TEST

START_TEST(test_search_order)
{
	char *xdg_dir = xasprintf("%s/xdg", temp_dir);
	char *home = xasprintf("%s/home", temp_dir);
	char *xdg_iedesk = xasprintf("%s/iedesk", xdg_dir);
	char *home_iedesk = xasprintf("%s/.config/iedesk", home);
	char *xdg_file = put_file(xdg_iedesk, "config.yaml", "ui:\n  theme: mono\n");
	char *home_file = put_file(home_iedesk, "config.yaml", "ui:\n  page-size: 50\n");
	char *explicit = temp_file("ui:\n  mouse: true\n");
	setenv("HOME", home, 1);
	struct config cfg;
	struct config_error err;

	setenv("XDG_CONFIG_HOME", xdg_dir, 1);
	config_init(&cfg);
	ck_assert_msg(config_load(&cfg, NULL, &err), "%s", err.message);
	ck_assert_str_eq(cfg.path, xdg_file);
	ck_assert_int_eq(cfg.theme, CONFIG_THEME_MONO);
	ck_assert_int_eq(cfg.page_size, 0);
	config_done(&cfg);

	/* an explicit path wins over the search */
	config_init(&cfg);
	ck_assert(config_load(&cfg, explicit, &err));
	ck_assert_str_eq(cfg.path, explicit);
	ck_assert(cfg.mouse);
	ck_assert_int_eq(cfg.theme, CONFIG_THEME_DEFAULT);
	config_done(&cfg);

	/* unset, empty or relative XDG_CONFIG_HOME: ~/.config */
	static const char *const xdg_values[] = { NULL, "", "relative/dir" };
	for (size_t i = 0; i < COUNT(xdg_values); i++) {
		if (xdg_values[i])
			setenv("XDG_CONFIG_HOME", xdg_values[i], 1);
		else
			unsetenv("XDG_CONFIG_HOME");
		config_init(&cfg);
		ck_assert_msg(config_load(&cfg, NULL, &err), "%s", err.message);
		ck_assert_str_eq(cfg.path, home_file);
		ck_assert_int_eq(cfg.page_size, 50);
		config_done(&cfg);
	}

	/* a bad file in the search path is an error, not a reason to look further */
	write_file(xdg_file, "ui:\n  theme: dark\n");
	setenv("XDG_CONFIG_HOME", xdg_dir, 1);
	config_init(&cfg);
	ck_assert(!config_load(&cfg, NULL, &err));
	ck_assert_str_eq(err.file, xdg_file);
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_null(cfg.path);
	config_done(&cfg);

	/* no user file: the machine-wide file if there is one, else the defaults alone */
	ck_assert_int_eq(unlink(xdg_file), 0);
	ck_assert_int_eq(unlink(home_file), 0);
	config_init(&cfg);
	ck_assert_msg(config_load(&cfg, NULL, &err), "%s", err.message);
	if (access(SYSTEM_CONFIG, F_OK) == 0) {
		ck_assert_str_eq(cfg.path, SYSTEM_CONFIG);
	} else {
		ck_assert_ptr_null(cfg.path);
		assert_defaults(&cfg);
	}
	ck_assert_str_eq(err.message, "");
	config_done(&cfg);

	/* no HOME and no XDG_CONFIG_HOME at all */
	unsetenv("HOME");
	unsetenv("XDG_CONFIG_HOME");
	config_init(&cfg);
	ck_assert(config_load(&cfg, NULL, NULL));
	config_done(&cfg);

	free(explicit);
	free(home_file);
	free(xdg_file);
	free(home_iedesk);
	free(xdg_iedesk);
	free(home);
	free(xdg_dir);
}
END_TEST

START_TEST(test_error_format)
{
	struct config_error err = { .file = "/home/me/.config/iedesk/config.yaml", .line = 3, .column = 7,
	                            .message = "unknown theme 'dark'" };
	char text[1200];
	config_error_format(&err, text, sizeof(text));
	ck_assert_str_eq(text, "/home/me/.config/iedesk/config.yaml:3:7: unknown theme 'dark'");
	err.line = err.column = 0;
	config_error_format(&err, text, sizeof(text));
	ck_assert_str_eq(text, "/home/me/.config/iedesk/config.yaml: unknown theme 'dark'");
	err.file[0] = '\0';
	config_error_format(&err, text, sizeof(text));
	ck_assert_str_eq(text, "unknown theme 'dark'");
	char small[8];
	config_error_format(&err, small, sizeof(small));
	ck_assert_str_eq(small, "unknown");
}
END_TEST

/* Long or strange values are quoted short and on one line. */
START_TEST(test_error_quoting)
{
	char *path = temp_file("ui:\n  theme: \"a\\nb怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀怀\"\n");
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	ck_assert(!config_load(&cfg, path, &err));
	ck_assert_ptr_null(strchr(err.message, '\n'));
	ck_assert_ptr_nonnull(strstr(err.message, "'a?b怀"));
	ck_assert_ptr_nonnull(strstr(err.message, "怀怀怀...'"));
	config_done(&cfg);
	free(path);
}
END_TEST

/* The program's message about a bad config value, or about an argument, holds what came from outside:
 * a C1 CSI, NEL, a bidi override or an OSC 52 in it shows as '?' on the user's terminal, never obeyed. */
START_TEST(test_error_printed_clean)
{
	static const char *const values[] = {
		"ui:\n  theme: \"x\\x9b31m \\u202eevil\\u202c \\x85next \\u2066iso\\u2069\"\n",
		"ui:\n  default-view: \"\\e]52;c;ZXZpbA==\\a\\x7f\"\n",
	};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char *path = temp_file(values[i]);
		char *out;
		int rc = testdb_run_program("postgres", NULL, &out, "--config", path, "migrate", NULL);
		ck_assert_msg(rc == 3, "config %zu: exit %d: %s", i, rc, out);
		const char *bad = testdb_control_in(out);
		ck_assert_msg(!bad, "config %zu: a control character at byte %td of [%s]", i, bad - out, out);
		ck_assert_msg(strstr(out, i ? "'?]52;c;ZXZpbA==?" "?'" : "'x?31m ?evil? ?next ?iso?'"), "[%s]", out);
		free(out);
		free(path);
	}
	/* and the command line's words, echoed in its usage errors */
	static const char *const args[][3] = {
		{ "export", "\x1b]52;c;ZXZpbA==\a", NULL },
		{ "report", "\xc2\x9b" "31mred\xe2\x80\xae", NULL },
		{ "minutes", "1", "--format=\x1b[2J" },
		{ "\x1b[31mcommand\x7f", NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(args) / sizeof(args[0]); i++) {
		char *out;
		int rc = testdb_run_program("postgres", NULL, &out, args[i][0], args[i][1], args[i][2], NULL);
		ck_assert_msg(rc == 2, "args %zu: exit %d: %s", i, rc, out);
		const char *bad = testdb_control_in(out);
		ck_assert_msg(!bad, "args %zu: a control character at byte %td of [%s]", i, bad - out, out);
		ck_assert_msg(strstr(out, "'?"), "args %zu: [%s]", i, out);
		free(out);
	}
}
END_TEST

/* ---- the shipped example and the manual agree with config.h ---- */

/* A file of the source tree: under $IEDESK_SOURCE_DIR (set by `make test`), else found from
 * where this file was compiled. */
static char *source_path(const char *relative)
{
	const char *top = getenv("IEDESK_SOURCE_DIR");
	if (top && *top)
		return xasprintf("%s/%s", top, relative);
	const char *self = __FILE__;
	const char *tests = strstr(self, "tests/test_config.c");
	return xasprintf("%.*s%s", tests ? (int)(tests - self) : 0, self, relative);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s: %s", path, strerror(errno));
	char *text = xmalloc(1 << 20);
	size_t n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

START_TEST(test_example_file)
{
	char *path = source_path("config/config.yaml.example");
	struct config cfg;
	struct config_error err;
	config_init(&cfg);
	ck_assert_msg(config_load(&cfg, path, &err), "%s:%d:%d: %s", err.file, err.line, err.column, err.message);
	assert_defaults(&cfg);
	/* every setting is shown, not just left to its default */
	char *text = read_all(path);
	static const char *const settings[] = { "service:", "conninfo:", "theme:", "page-size:", "date-format:",
		                                    "default-view:", "mouse:", "language:" };
	for (size_t i = 0; i < COUNT(settings); i++)
		ck_assert_msg(strstr(text, settings[i]), "the example lacks %s", settings[i]);
	for (size_t i = 0; i < COUNT(action_defaults); i++) {
		char *line = xasprintf("\n  %s: \"%s\"", action_defaults[i].name, action_defaults[i].keys);
		ck_assert_msg(strstr(text, line), "the example lacks%s", line);
		free(line);
	}
	for (size_t i = 0; i < COUNT(color_defaults); i++) {
		char *line = xasprintf("\n  %s: \"%s\"", color_defaults[i].name, color_defaults[i].spec);
		ck_assert_msg(strstr(text, line), "the example lacks%s", line);
		free(line);
	}
	free(text);
	config_done(&cfg);
	free(path);
}
END_TEST

/* In man(7) source a hyphen in a name is written "\-". */
static char *man_escape(const char *s)
{
	char *out = xmalloc(2 * strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == '-')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

START_TEST(test_manual)
{
	char *path = source_path("man/iedesk.yaml.5");
	char *text = read_all(path);
	for (size_t i = 0; i < COUNT(action_defaults); i++) {
		char *name = man_escape(action_defaults[i].name), *keys = man_escape(action_defaults[i].keys);
		ck_assert_msg(strstr(text, name), "the manual lacks the action %s", action_defaults[i].name);
		ck_assert_msg(strstr(text, keys), "the manual lacks %s's default %s", action_defaults[i].name,
		              action_defaults[i].keys);
		free(name);
		free(keys);
	}
	for (size_t i = 0; i < COUNT(color_defaults); i++) {
		char *name = man_escape(color_defaults[i].name);
		ck_assert_msg(strstr(text, name), "the manual lacks the colour element %s", color_defaults[i].name);
		ck_assert_msg(strstr(text, color_defaults[i].spec), "the manual lacks %s's default", color_defaults[i].name);
		free(name);
	}
	free(text);
	free(path);
}
END_TEST

/* ---- the Chinese manual pages (man/zh_CN) keep up with the English ones ---- */

static const char *const zh_pages[] = { "man/zh_CN/iedesk.1", "man/zh_CN/iedesk.yaml.5" };

/* groff, through preconv (-k) as man-db runs it, with every warning on: a Chinese line it cannot
 * break, a macro it does not know or a stray escape shows here.  -z would hide the line breaks'
 * warnings, so the output goes to /dev/null instead. */
START_TEST(test_manual_zh_renders)
{
	char *path = source_path(zh_pages[_i]);
	char *text = read_all(path);
	ck_assert_msg(strstr(text, "man/") && strstr(text, "英文原文"), "%s does not say which page it translates",
	              zh_pages[_i]);
	ck_assert_msg(strstr(text, ".SH 名称\n") && strstr(text, ".SH 参见\n"), "%s lacks its Chinese headings",
	              zh_pages[_i]);
	char *cmd = xasprintf("groff -k -man -Tutf8 -ww '%s' 2>&1 >/dev/null", path);
	FILE *p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	char warnings[4096] = "";
	size_t n = fread(warnings, 1, sizeof(warnings) - 1, p);
	warnings[n] = '\0';
	int status = pclose(p);
	ck_assert_msg(status == 0 && n == 0, "groff on %s (status %d):\n%s", zh_pages[_i], status, warnings);
	free(cmd);
	free(text);
	free(path);
}
END_TEST

/* The part of a man page from the newline ending ".SH name" to the one before the next ".SH",
 * both included (the whole rest when last). */
static char *man_section(const char *text, const char *name)
{
	char *heading = xasprintf("\n.SH %s\n", name);
	const char *start = strstr(text, heading);
	ck_assert_msg(start != NULL, "the page has no section %s", name);
	start += strlen(heading) - 1;
	const char *end = strstr(start, "\n.SH ");
	free(heading);
	return xasprintf("%.*s", end ? (int)(end + 1 - start) : (int)strlen(start), start);
}

/* Each ".TP" tag line of the English page's OPTIONS and COMMANDS (every option, command and
 * command option, as typed) is a ".TP" tag of the Chinese page too, written the same way. */
START_TEST(test_manual_zh_options_and_commands)
{
	char *en_path = source_path("man/iedesk.1"), *zh_path = source_path("man/zh_CN/iedesk.1");
	char *en = read_all(en_path), *zh = read_all(zh_path);
	static const char *const sections[] = { "OPTIONS", "COMMANDS" };
	for (size_t s = 0; s < COUNT(sections); s++) {
		char *part = man_section(en, sections[s]);
		int tags = 0;
		for (const char *tp = strstr(part, "\n.TP\n"); tp; tp = strstr(tp + 1, "\n.TP\n")) {
			const char *tag = tp + strlen("\n.TP\n"), *eol = strchr(tag, '\n');
			char *entry = xasprintf("\n.TP\n%.*s\n", eol ? (int)(eol - tag) : (int)strlen(tag), tag);
			ck_assert_msg(strstr(zh, entry), "man/zh_CN/iedesk.1 lacks the %s entry%s", sections[s], entry);
			free(entry);
			tags++;
		}
		/* the English page has them all: -c, --today, --lang, -h, -V; and ten commands */
		ck_assert_msg(tags >= (s == 0 ? 5 : 10), "only %d entries found in the English %s", tags, sections[s]);
		free(part);
	}
	/* the synopsis is all commands and options: every line of it is in the Chinese one */
	char *synopsis = man_section(en, "SYNOPSIS"), *zh_synopsis = man_section(zh, "概述");
	for (const char *b = strchr(synopsis, '\n'); b && b[1]; b = strchr(b + 1, '\n')) {
		const char *eol = strchr(b + 1, '\n');
		char *line = xasprintf("%.*s\n", eol ? (int)(eol - b) : (int)strlen(b), b);
		ck_assert_msg(strstr(zh_synopsis, line), "the Chinese synopsis lacks%s", line);
		free(line);
	}
	free(synopsis);
	free(zh_synopsis);
	free(en);
	free(zh);
	free(en_path);
	free(zh_path);
}
END_TEST

/* The span of a Chinese page from ".TP\n<tag>\n" to the next ".TP" or section. */
static char *man_entry(const char *text, const char *tag)
{
	char *head = xasprintf("\n.TP\n%s\n", tag);
	const char *start = strstr(text, head);
	free(head);
	if (!start)
		return NULL;
	const char *end = strstr(start + 1, "\n.TP\n"), *section = strstr(start + 1, "\n.S");
	if (!end || (section && section < end))
		end = section;
	return xasprintf("%.*s", end ? (int)(end - start) : (int)strlen(start), start);
}

/* As test_manual for the English page: every action is an entry of the Chinese iedesk.yaml(5)
 * with its own default keys, and so is every colour element. */
START_TEST(test_manual_zh_keys)
{
	char *path = source_path("man/zh_CN/iedesk.yaml.5");
	char *text = read_all(path);
	for (size_t i = 0; i < COUNT(action_defaults); i++) {
		char *name = man_escape(action_defaults[i].name), *keys = man_escape(action_defaults[i].keys);
		char *tag = xasprintf(".B %s", name), *value = xasprintf("默认：\n.BR \"%s\"", keys);
		char *entry = man_entry(text, tag);
		ck_assert_msg(entry != NULL, "the Chinese manual lacks the action %s", action_defaults[i].name);
		ck_assert_msg(strstr(entry, value), "the Chinese manual lacks %s's default %s", action_defaults[i].name,
		              action_defaults[i].keys);
		free(entry);
		free(tag);
		free(value);
		free(name);
		free(keys);
	}
	for (size_t i = 0; i < COUNT(color_defaults); i++) {
		char *name = man_escape(color_defaults[i].name);
		char *tag = xasprintf(".B %s", name), *value = xasprintf("默认：\n.BR \"%s\"", color_defaults[i].spec);
		char *entry = man_entry(text, tag);
		ck_assert_msg(entry != NULL, "the Chinese manual lacks the colour element %s", color_defaults[i].name);
		ck_assert_msg(strstr(entry, value), "the Chinese manual lacks %s's default", color_defaults[i].name);
		free(entry);
		free(tag);
		free(value);
		free(name);
	}
	/* and every setting of every section, as the English page names it */
	char *en_path = source_path("man/iedesk.yaml.5");
	char *en = read_all(en_path);
	for (const char *bi = strstr(en, "\n.TP\n.BI "); bi; bi = strstr(bi + 1, "\n.TP\n.BI ")) {
		const char *tag = bi + strlen("\n.TP\n"), *eol = strchr(tag, '\n');
		if (!memchr(tag, ':', eol ? (size_t)(eol - tag) : strlen(tag)))
			continue; /* the diagnostics' entries are translated */
		char *line = xasprintf("%.*s", eol ? (int)(eol - tag) : (int)strlen(tag), tag);
		char *entry = man_entry(text, line);
		ck_assert_msg(entry != NULL, "the Chinese manual lacks the setting%s", line + 3);
		free(entry);
		free(line);
	}
	free(en);
	free(en_path);
	free(text);
	free(path);
}
END_TEST

Suite *config_suite(void)
{
	Suite *suite = suite_create("config");

	TCase *keys = tcase_create("keys");
	tcase_add_test(keys, test_key_named);
	tcase_add_test(keys, test_key_ctrl);
	tcase_add_test(keys, test_key_case);
	tcase_add_test(keys, test_key_unicode);
	tcase_add_test(keys, test_key_invalid);
	tcase_add_test(keys, test_key_round_trip_all);
	tcase_add_test(keys, test_actions);
	suite_add_tcase(suite, keys);

	TCase *defaults = tcase_create("defaults");
	tcase_add_test(defaults, test_defaults_parse);
	tcase_add_test(defaults, test_defaults_values);
	tcase_add_test(defaults, test_color_parse);
	suite_add_tcase(suite, defaults);

	TCase *files = tcase_create("files");
	tcase_add_checked_fixture(files, setup, teardown);
	tcase_add_test(files, test_full_file);
	tcase_add_test(files, test_conninfo_and_booleans);
	tcase_add_test(files, test_language_setting);
	tcase_add_test(files, test_language_chosen);
	tcase_add_test(files, test_wait_timeout);
	tcase_add_test(files, test_empty_files);
	tcase_add_test(files, test_keys_replace_one_action);
	tcase_add_test(files, test_keys_taken_from_defaults);
	tcase_add_loop_test(files, test_error_cases, 0, (int)COUNT(error_cases));
	tcase_add_test(files, test_failed_load_keeps_everything);
	tcase_add_test(files, test_missing_explicit_file);
	tcase_add_test(files, test_unreadable_files);
	tcase_add_test(files, test_search_order);
	tcase_add_test(files, test_error_format);
	tcase_add_test(files, test_error_quoting);
	tcase_add_test(files, test_error_printed_clean);
	suite_add_tcase(suite, files);

	TCase *docs = tcase_create("docs");
	tcase_add_test(docs, test_example_file);
	tcase_add_test(docs, test_manual);
	tcase_add_loop_test(docs, test_manual_zh_renders, 0, (int)COUNT(zh_pages));
	tcase_add_test(docs, test_manual_zh_options_and_commands);
	tcase_add_test(docs, test_manual_zh_keys);
	suite_add_tcase(suite, docs);

	return suite;
}
