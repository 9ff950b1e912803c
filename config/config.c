/* config: read the user's YAML file with libyaml's event parser, check every value, and keep the
 * built-in defaults for whatever the file leaves out. A file that fails changes nothing. */
#include "config-private.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yaml.h>

#ifndef IEDESK_SYSCONFDIR
#define IEDESK_SYSCONFDIR "/etc"
#endif

/* A word marked NC_("config", ...) in a table, shown in the language chosen (db/text.c's text_in_context,
 * which config/ does not link). */
#define NC_(context, text) (context "\004" text)
static const char *in_context(const char *key)
{
	const char *translated = gettext(key);
	return translated != key ? translated : strchr(key, '\004') + 1;
}

/* Far more than any real configuration; stops "--config /dev/zero" from eating memory. */
#define CONFIG_FILE_MAX (1024 * 1024)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

#define ACTION_NAME(id, name, keys, help) [CONFIG_ACTION_##id] = name,
static const char *const action_names[CONFIG_ACTION_COUNT] = { CONFIG_ACTION_INFO(ACTION_NAME) };
#undef ACTION_NAME

#define ACTION_KEYS(id, name, keys, help) [CONFIG_ACTION_##id] = keys,
static const char *const default_keys[CONFIG_ACTION_COUNT] = { CONFIG_ACTION_INFO(ACTION_KEYS) };
#undef ACTION_KEYS

#define COLOR_NAME(id, name, spec) [CONFIG_COLOR_##id] = name,
static const char *const color_names[CONFIG_COLOR_COUNT] = { CONFIG_COLOR_INFO(COLOR_NAME) };
#undef COLOR_NAME

#define COLOR_SPEC(id, name, spec) [CONFIG_COLOR_##id] = spec,
static const char *const default_colors[CONFIG_COLOR_COUNT] = { CONFIG_COLOR_INFO(COLOR_SPEC) };
#undef COLOR_SPEC

static const char *const theme_names[] = { [CONFIG_THEME_DEFAULT] = "default", [CONFIG_THEME_MONO] = "mono" };
/* The panes' names, in their order. */
#define VIEW_NAME(_, id, name, keys, help) #name,
static const char *const view_names[] = { CONFIG_PANE_INFO(VIEW_NAME, _) };
#undef VIEW_NAME

const char *config_view_name(size_t i)
{
	return i < COUNT(view_names) ? view_names[i] : NULL;
}

#define DEFAULT_DATE_FORMAT "%Y-%m-%d"
#define DEFAULT_VIEW "districts"

/* ---- key lists ---- */

enum key_add_status { KEY_ADDED, KEY_TOO_MANY, KEY_REPEATED };

static enum key_add_status key_add(int codes[CONFIG_KEYS_PER_ACTION + 1], size_t *count, int code)
{
	for (size_t i = 0; i < *count; i++)
		if (codes[i] == code)
			return KEY_REPEATED;
	if (*count == CONFIG_KEYS_PER_ACTION)
		return KEY_TOO_MANY;
	codes[(*count)++] = code;
	codes[*count] = 0;
	return KEY_ADDED;
}

/* "Up k": key names separated by spaces, as the defaults in config.h are written. */
static bool key_words_parse(const char *text, int codes[CONFIG_KEYS_PER_ACTION + 1])
{
	char *copy = xstrdup(text);
	char *save = NULL;
	size_t count = 0;
	bool ok = true;
	for (char *word = strtok_r(copy, " \t", &save); word && ok; word = strtok_r(NULL, " \t", &save)) {
		int code;
		ok = config_key_parse(word, &code) && key_add(codes, &count, code) == KEY_ADDED;
	}
	free(copy);
	return ok && count > 0;
}

/* ---- defaults ---- */

static void default_broken(const char *what, const char *name, const char *value)
{
	/* Only an edit to config.h gets here; the test suite parses every default. */
	fprintf(stderr, "iedesk: built-in default %s '%s' = \"%s\" does not parse\n", what, name, value);
	abort();
}

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->theme = CONFIG_THEME_DEFAULT;
	cfg->page_size = 0;
	cfg->date_format = xstrdup(DEFAULT_DATE_FORMAT);
	cfg->default_view = xstrdup(DEFAULT_VIEW);
	cfg->mouse = false;
	for (int action = CONFIG_ACTION_NONE + 1; action < CONFIG_ACTION_COUNT; action++)
		if (!key_words_parse(default_keys[action], cfg->keys[action]))
			default_broken("key", action_names[action], default_keys[action]);
	for (int element = 0; element < CONFIG_COLOR_COUNT; element++)
		if (!config_color_parse(default_colors[element], &cfg->colors[element]))
			default_broken("colour", color_names[element], default_colors[element]);
}

void config_done(struct config *cfg)
{
	FREE(&cfg->path);
	FREE(&cfg->service);
	FREE(&cfg->conninfo);
	FREE(&cfg->date_format);
	FREE(&cfg->default_view);
	FREE(&cfg->language);
}

static void config_copy(struct config *to, const struct config *from)
{
	*to = *from;
	to->path = from->path ? xstrdup(from->path) : NULL;
	to->service = from->service ? xstrdup(from->service) : NULL;
	to->conninfo = from->conninfo ? xstrdup(from->conninfo) : NULL;
	to->date_format = from->date_format ? xstrdup(from->date_format) : NULL;
	to->default_view = from->default_view ? xstrdup(from->default_view) : NULL;
	to->language = from->language ? xstrdup(from->language) : NULL;
}

/* ---- errors ---- */

static void error_clear(struct config_error *err)
{
	memset(err, 0, sizeof(*err));
}

static void error_vset(struct config_error *err, const char *file, size_t line, size_t column,
                       const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void error_vset(struct config_error *err, const char *file, size_t line, size_t column,
                       const char *fmt, va_list ap)
{
	error_clear(err);
	if (file)
		config_text_append(err->file, sizeof(err->file), file);
	err->line = (int)line;
	err->column = (int)column;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
}

static void error_set(struct config_error *err, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error_set(struct config_error *err, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(err, file, 0, 0, fmt, ap);
	va_end(ap);
}

void config_error_format(const struct config_error *err, char *buf, size_t size)
{
	if (!buf || size == 0)
		return;
	buf[0] = '\0';
	if (err->file[0]) {
		config_text_append(buf, size, err->file);
		if (err->line > 0) {
			char place[32];
			snprintf(place, sizeof(place), ":%d:%d", err->line, err->column);
			config_text_append(buf, size, place);
		}
		config_text_append(buf, size, ": ");
	}
	config_text_append(buf, size, err->message);
}

/* ---- the parser ---- */

struct parse {
	yaml_parser_t parser;
	yaml_event_t event;           /* the event being looked at */
	const char *file;
	const unsigned char *text;    /* the whole file, to place reader errors */
	size_t length;
	struct config *cfg;           /* a scratch copy, kept only if the whole file is good */
	struct config_error *err;
	bool service_set, conninfo_set;
	bool keys_set[CONFIG_ACTION_COUNT];
	size_t keys_line[CONFIG_ACTION_COUNT];
};

static bool fail(struct parse *p, yaml_mark_t mark, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(struct parse *p, yaml_mark_t mark, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	error_vset(p->err, p->file, mark.line + 1, mark.column + 1, fmt, ap);
	va_end(ap);
	return false;
}

/* libyaml gives a byte offset for undecodable text; count lines and characters up to it. */
static yaml_mark_t mark_at_offset(const struct parse *p, size_t offset)
{
	yaml_mark_t mark = { 0, 0, 0 };
	for (size_t i = 0; i < offset && i < p->length; i++) {
		if (p->text[i] == '\n') {
			mark.line++;
			mark.column = 0;
		} else if ((p->text[i] & 0xC0) != 0x80) {
			mark.column++;
		}
	}
	return mark;
}

static bool fail_syntax(struct parse *p)
{
	const yaml_parser_t *y = &p->parser;
	const char *problem = y->problem ? y->problem : _("unknown problem");
	switch (y->error) {
	case YAML_MEMORY_ERROR:
		fprintf(stderr, "iedesk: out of memory while reading %s\n", p->file);
		abort();
	case YAML_READER_ERROR:
		return fail(p, mark_at_offset(p, y->problem_offset),
		            _("the file is not valid UTF-8 text: %s (byte 0x%02X)"), problem,
		            (unsigned)y->problem_value);
	default:
		if (y->context)
			return fail(p, y->problem_mark, _("invalid YAML: %s (%s at line %zu, column %zu)"), problem,
			            y->context, y->context_mark.line + 1, y->context_mark.column + 1);
		return fail(p, y->problem_mark, _("invalid YAML: %s"), problem);
	}
}

static bool next_event(struct parse *p)
{
	yaml_event_delete(&p->event);
	if (!yaml_parser_parse(&p->parser, &p->event))
		return fail_syntax(p);
	if (p->event.type == YAML_ALIAS_EVENT)
		return fail(p, p->event.start_mark, _("aliases (*%s) are not supported in the configuration"),
		            (const char *)p->event.data.alias.anchor);
	return true;
}

/* "key:" with nothing after it, or "~" or "null". */
static bool event_is_null(const yaml_event_t *event)
{
	if (event->type != YAML_SCALAR_EVENT || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *value = (const char *)event->data.scalar.value;
	return strcmp(value, "") == 0 || strcmp(value, "~") == 0 || strcmp(value, "null") == 0
	       || strcmp(value, "Null") == 0 || strcmp(value, "NULL") == 0;
}

/* What the file has where something else was expected, for "…, found %s". */
static void event_describe(const yaml_event_t *event, char *buf, size_t size)
{
	switch (event->type) {
	case YAML_MAPPING_START_EVENT:
		snprintf(buf, size, "%s", _("a mapping"));
		break;
	case YAML_SEQUENCE_START_EVENT:
		snprintf(buf, size, "%s", _("a list"));
		break;
	case YAML_SCALAR_EVENT:
		if (event_is_null(event)) {
			snprintf(buf, size, "%s", _("nothing"));
		} else if (event->data.scalar.length == 0) {
			snprintf(buf, size, "%s", _("an empty value"));
		} else {
			char quoted[CONFIG_QUOTE_SIZE];
			config_text_quote(quoted, sizeof(quoted), (const char *)event->data.scalar.value);
			snprintf(buf, size, _("'%s'"), quoted);
		}
		break;
	default:
		snprintf(buf, size, "%s", _("nothing"));
		break;
	}
}

/* The value as text when it is a non-empty scalar, else an error saying what name expects. */
static bool value_text(struct parse *p, const char *name, const char *expected, const char **text)
{
	const yaml_event_t *event = &p->event;
	if (event->type == YAML_SCALAR_EVENT && !event_is_null(event) && event->data.scalar.length > 0
	    && event->data.scalar.value) {
		const char *value = (const char *)event->data.scalar.value;
		if (strlen(value) == event->data.scalar.length) {
			*text = value;
			return true;
		}
		fail(p, event->start_mark, _("'%s' contains a NUL character"), name);
		return false;
	}
	char found[CONFIG_QUOTE_SIZE + 8];
	event_describe(event, found, sizeof(found));
	fail(p, event->start_mark, _("'%s' must be %s, found %s"), name, _(expected), found);
	return false;  /* said outright: fail() always does, but analysers do not follow varargs */
}

static void names_join(char *buf, size_t size, const char *const *names, size_t count)
{
	buf[0] = '\0';
	for (size_t i = 0, listed = 0; i < count; i++) {
		if (!names[i])
			continue;
		if (listed++ > 0)
			config_text_append(buf, size, ", ");
		config_text_append(buf, size, names[i]);
	}
}

static size_t name_lookup(const char *const *names, size_t count, const char *name, bool ignore_case)
{
	for (size_t i = 0; i < count; i++)
		if (names[i] && (ignore_case ? strcasecmp(names[i], name) : strcmp(names[i], name)) == 0)
			return i;
	return count;
}

/* A mapping whose keys come from a fixed list; each value is handed to parse_value with the
 * event stream positioned on its first event. */
struct mapping {
	const char *section;          /* its name in the file, NULL for the top level */
	const char *what;             /* what its keys are called in messages */
	const char *const *names;
	size_t count;
	bool (*parse_value)(struct parse *p, size_t index, yaml_mark_t key_mark);
};

#define MAPPING_NAMES_MAX 96
_Static_assert(CONFIG_ACTION_COUNT <= MAPPING_NAMES_MAX && CONFIG_COLOR_COUNT <= MAPPING_NAMES_MAX,
               "parse_mapping tracks at most MAPPING_NAMES_MAX keys");

static bool fail_password(struct parse *p, yaml_mark_t mark)
{
	return fail(p, mark, _("passwords do not belong in iedesk's configuration; put the password in "
	                     "~/.pgpass (or set PGPASSFILE) and keep only the service or conninfo here"));
}

static bool parse_mapping(struct parse *p, const struct mapping *m)
{
	if (event_is_null(&p->event))
		return true;
	bool seen[MAPPING_NAMES_MAX] = { false };
	size_t first_line[MAPPING_NAMES_MAX] = { 0 };
	char place[80] = "";
	if (m->section)
		snprintf(place, sizeof(place), _(" in '%s'"), m->section);
	for (;;) {
		if (!next_event(p))
			return false;
		if (p->event.type == YAML_MAPPING_END_EVENT)
			return true;
		yaml_mark_t key_mark = p->event.start_mark;
		if (p->event.type != YAML_SCALAR_EVENT || !p->event.data.scalar.value) {
			char found[CONFIG_QUOTE_SIZE + 8];
			event_describe(&p->event, found, sizeof(found));
			return fail(p, key_mark, strcmp(m->what, NC_("config", "action")) == 0
			            ? _("expected an %s name%s, found %s") : _("expected a %s name%s, found %s"),
			            in_context(m->what), place, found);
		}
		const char *key = (const char *)p->event.data.scalar.value;
		size_t index = name_lookup(m->names, m->count, key, false);
		if (index == m->count) {
			if (strcasecmp(key, "password") == 0)
				return fail_password(p, key_mark);
			char quoted[CONFIG_QUOTE_SIZE], expected[400];
			config_text_quote(quoted, sizeof(quoted), key);
			names_join(expected, sizeof(expected), m->names, m->count);
			return fail(p, key_mark, _("unknown %s '%s'%s; expected one of: %s"), in_context(m->what), quoted,
			            place, expected);
		}
		if (seen[index])
			return fail(p, key_mark, _("duplicate %s '%s'%s (first set at line %zu)"), in_context(m->what), m->names[index],
			            place, first_line[index]);
		seen[index] = true;
		first_line[index] = key_mark.line + 1;
		if (!next_event(p) || !m->parse_value(p, index, key_mark))
			return false;
	}
}

/* ---- connection ---- */

static bool uri_has_password(const char *uri)
{
	const char *rest = strstr(uri, "://") + 3;
	size_t authority = strcspn(rest, "/?");
	const char *at = memchr(rest, '@', authority);
	if (at && memchr(rest, ':', (size_t)(at - rest)))
		return true;
	const char *query = strchr(rest, '?');
	for (const char *param = query; param; param = strchr(param + 1, '&'))
		if (strncmp(param + 1, "password=", 9) == 0)
			return true;
	return false;
}

/* Walk "keyword = value" pairs as libpq does, so "dbname=passwords" is not mistaken for one. */
static bool keywords_have_password(const char *s)
{
	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			return false;
		const char *keyword = s;
		while (*s && *s != '=' && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			s++;
		size_t keyword_length = (size_t)(s - keyword);
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s != '=')
			return false;
		if (keyword_length == 8 && strncmp(keyword, "password", 8) == 0)
			return true;
		s++;
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s == '\'') {
			for (s++; *s && *s != '\''; s++)
				if (*s == '\\' && s[1])
					s++;
			if (*s == '\'')
				s++;
		} else {
			for (; *s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r'; s++)
				if (*s == '\\' && s[1])
					s++;
		}
	}
}

static bool conninfo_has_password(const char *conninfo)
{
	if (strncmp(conninfo, "postgresql://", 13) == 0 || strncmp(conninfo, "postgres://", 11) == 0)
		return uri_has_password(conninfo);
	return keywords_have_password(conninfo);
}

enum { CONNECTION_SERVICE, CONNECTION_CONNINFO, CONNECTION_WAIT_TIMEOUT };
static const char *const connection_names[] = {
	[CONNECTION_SERVICE] = "service", [CONNECTION_CONNINFO] = "conninfo", [CONNECTION_WAIT_TIMEOUT] = "wait-timeout",
};

/* The longest wait-timeout: an hour of silence is a stalled server, not a slow one. */
#define WAIT_TIMEOUT_MAX 3600

/* Digits alone, their number from min to max (both at most 999999). */
static bool whole_number_parse(const char *text, int min, int max, int *value)
{
	size_t length = strlen(text);
	if (length == 0 || length > 6 || strspn(text, "0123456789") != length)
		return false;
	*value = atoi(text);
	return *value >= min && *value <= max;
}

static bool parse_connection_value(struct parse *p, size_t index, yaml_mark_t key_mark)
{
	const char *text = NULL;
	if (index == CONNECTION_WAIT_TIMEOUT) {
		if (!value_text(p, "wait-timeout", N_("a number of seconds from 1 to 3600"), &text))
			return false;
		if (!whole_number_parse(text, 1, WAIT_TIMEOUT_MAX, &p->cfg->wait_timeout)) {
			char quoted[CONFIG_QUOTE_SIZE];
			config_text_quote(quoted, sizeof(quoted), text);
			return fail(p, p->event.start_mark, _("'wait-timeout' must be a whole number of seconds from 1 to %d, "
			            "found '%s'"), WAIT_TIMEOUT_MAX, quoted);
		}
		return true;
	}
	if (index == CONNECTION_SERVICE) {
		if (!value_text(p, "service", N_("a service name from pg_service.conf"), &text))
			return false;
		p->service_set = true;
	} else {
		if (!value_text(p, "conninfo", N_("a libpq connection string such as \"host=db.example.org dbname=iedesk\""),
		                &text))
			return false;
		if (conninfo_has_password(text))
			return fail(p, p->event.start_mark,
			            "%s", _("'conninfo' contains a password; passwords do not belong in iedesk's configuration: "
			            "put it in ~/.pgpass (or set PGPASSFILE)"));
		p->conninfo_set = true;
	}
	if (p->service_set && p->conninfo_set)
		return fail(p, key_mark, _("'service' and 'conninfo' cannot both be set; use one of them "
		                         "(a service can hold the whole connection in pg_service.conf)"));
	/* The file's choice of connection replaces whatever cfg held before. */
	FREE(&p->cfg->service);
	FREE(&p->cfg->conninfo);
	if (index == CONNECTION_SERVICE)
		p->cfg->service = xstrdup(text);
	else
		p->cfg->conninfo = xstrdup(text);
	return true;
}

/* ---- ui ---- */

/* The languages iedesk has messages in: English, its own, and each translation in tui/po/. */
static const char *const language_names[] = { "en", "zh_CN" };

bool config_language_known(const char *language)
{
	return name_lookup(language_names, COUNT(language_names), language, false) < COUNT(language_names);
}

const char *config_languages(void)
{
	static char joined[64];
	if (!*joined)
		names_join(joined, sizeof(joined), language_names, COUNT(language_names));
	return joined;
}

enum { UI_THEME, UI_PAGE_SIZE, UI_DATE_FORMAT, UI_DEFAULT_VIEW, UI_MOUSE, UI_LANGUAGE };
static const char *const ui_names[] = {
	[UI_THEME] = "theme", [UI_PAGE_SIZE] = "page-size", [UI_DATE_FORMAT] = "date-format",
	[UI_DEFAULT_VIEW] = "default-view", [UI_MOUSE] = "mouse", [UI_LANGUAGE] = "language",
};

static bool boolean_parse(const char *text, bool *value)
{
	static const char *const truths[] = { "true", "yes", "on" };
	static const char *const falsehoods[] = { "false", "no", "off" };
	if (name_lookup(truths, COUNT(truths), text, true) < COUNT(truths))
		*value = true;
	else if (name_lookup(falsehoods, COUNT(falsehoods), text, true) < COUNT(falsehoods))
		*value = false;
	else
		return false;
	return true;
}

static bool page_size_parse(const char *text, int *value)
{
	return whole_number_parse(text, 0, 1000, value) && (*value == 0 || *value >= 10);
}

/* C11 leaves strftime undefined for conversions it does not list, so only those pass, with the
 * glibc flags and widths people write ("%-d"). bad receives the first conversion that does not. */
static bool date_format_check(const char *format, char *bad, size_t size)
{
	for (const char *s = format; *s; s++) {
		if (*s != '%')
			continue;
		const char *start = s++;
		while (*s && strchr("_-0^#", *s))
			s++;
		while (*s >= '0' && *s <= '9')
			s++;
		if ((*s == 'E' && s[1] && strchr("cCxXyY", s[1])) || (*s == 'O' && s[1] && strchr("deHImMSuUVwWy", s[1]))) {
			s++;
			continue;
		}
		if (*s && strchr("aAbBcCdDeFgGhHjmMnprRStTuUVwWxXyYzZ%", *s))
			continue;
		const char *end = s;
		if (*end)
			for (end++; (*end & 0xC0) == 0x80; end++)
				;
		size_t length = (size_t)(end - start) < size - 1 ? (size_t)(end - start) : size - 1;
		memcpy(bad, start, length);
		bad[length] = '\0';
		return false;
	}
	return true;
}

static bool parse_ui_value(struct parse *p, size_t index, yaml_mark_t key_mark)
{
	(void)key_mark;
	struct config *cfg = p->cfg;
	yaml_mark_t mark = p->event.start_mark;
	const char *text = NULL;
	char quoted[CONFIG_QUOTE_SIZE], expected[200];
	switch (index) {
	case UI_THEME: {
		names_join(expected, sizeof(expected), theme_names, COUNT(theme_names));
		if (!value_text(p, "theme", N_("the name of a theme"), &text))
			return false;
		size_t theme = name_lookup(theme_names, COUNT(theme_names), text, true);
		if (theme == COUNT(theme_names)) {
			config_text_quote(quoted, sizeof(quoted), text);
			return fail(p, mark, _("unknown theme '%s'; expected one of: %s"), quoted, expected);
		}
		cfg->theme = (enum config_theme)theme;
		return true;
	}
	case UI_PAGE_SIZE:
		if (!value_text(p, "page-size", N_("0 or a number from 10 to 1000"), &text))
			return false;
		if (!page_size_parse(text, &cfg->page_size)) {
			config_text_quote(quoted, sizeof(quoted), text);
			return fail(p, mark, _("'page-size' must be 0 (as many rows as fit the screen) or a number "
			                     "from 10 to 1000, found '%s'"), quoted);
		}
		return true;
	case UI_DATE_FORMAT: {
		/* xgettext:no-c-format */
		if (!value_text(p, "date-format", N_("a strftime(3) format such as \"%Y-%m-%d\""), &text))
			return false;
		char bad[16];
		if (!date_format_check(text, bad, sizeof(bad)))
			return fail(p, mark, _("'date-format' has an unknown conversion '%s'; see strftime(3) for "
			                     "the ones you can use"), bad);
		FREE(&cfg->date_format);
		cfg->date_format = xstrdup(text);
		return true;
	}
	case UI_DEFAULT_VIEW: {
		names_join(expected, sizeof(expected), view_names, COUNT(view_names));
		if (!value_text(p, "default-view", N_("the name of a pane"), &text))
			return false;
		size_t view = name_lookup(view_names, COUNT(view_names), text, true);
		if (view == COUNT(view_names) && strcmp(text, "inspections") == 0)
			view = name_lookup(view_names, COUNT(view_names), "backlog", true);   /* its name before */
		if (view == COUNT(view_names)) {
			config_text_quote(quoted, sizeof(quoted), text);
			return fail(p, mark, _("unknown view '%s' for 'default-view'; expected one of: %s"), quoted, expected);
		}
		FREE(&cfg->default_view);
		cfg->default_view = xstrdup(view_names[view]);
		return true;
	}
	case UI_MOUSE:
		if (!value_text(p, "mouse", N_("true or false"), &text))
			return false;
		if (!boolean_parse(text, &cfg->mouse)) {
			config_text_quote(quoted, sizeof(quoted), text);
			return fail(p, mark, _("'mouse' must be true or false, found '%s'"), quoted);
		}
		return true;
	case UI_LANGUAGE:
		if (!value_text(p, "language", N_("the name of a language"), &text))
			return false;
		if (!config_language_known(text)) {
			config_text_quote(quoted, sizeof(quoted), text);
			return fail(p, mark, _("unknown language '%s' for 'language'; expected one of: %s"), quoted,
			            config_languages());
		}
		FREE(&cfg->language);
		cfg->language = xstrdup(text);
		return true;
	}
	return true;
}

/* ---- keys ---- */

static bool fail_key_name(struct parse *p, yaml_mark_t mark, const char *bad, const char *action)
{
	char names[300];
	config_key_describe_names(names, sizeof(names));
	return fail(p, mark, _("unknown key name '%s' in '%s'; expected %s"), bad, action, names);
}

/* The action, other than except, that this file has already bound code to. */
static enum config_action key_bound_in_file(const struct parse *p, int code, enum config_action except)
{
	for (int action = CONFIG_ACTION_NONE + 1; action < CONFIG_ACTION_COUNT; action++) {
		if (action == (int)except || !p->keys_set[action])
			continue;
		for (size_t i = 0; i < CONFIG_KEYS_PER_ACTION && p->cfg->keys[action][i]; i++)
			if (p->cfg->keys[action][i] == code)
				return (enum config_action)action;
	}
	return CONFIG_ACTION_NONE;
}

static bool key_bind(struct parse *p, enum config_action action, int codes[CONFIG_KEYS_PER_ACTION + 1],
                     size_t *count, int code, yaml_mark_t mark)
{
	const char *name = action_names[action];
	char key[32];
	config_key_name(code, key, sizeof(key));
	switch (key_add(codes, count, code)) {
	case KEY_TOO_MANY:
		return fail(p, mark, _("'%s' takes at most %d keys"), name, CONFIG_KEYS_PER_ACTION);
	case KEY_REPEATED:
		return fail(p, mark, _("key '%s' is listed twice for '%s'"), key, name);
	case KEY_ADDED:
		break;
	}
	enum config_action other = key_bound_in_file(p, code, action);
	if (other != CONFIG_ACTION_NONE)
		return fail(p, mark, _("key '%s' is bound to both '%s' (line %zu) and '%s'; a key can do only one thing"),
		            key, action_names[other], p->keys_line[other], name);
	return true;
}

/* Replace the action's keys only once its whole list is good. */
static bool key_set(struct parse *p, enum config_action action, const int codes[CONFIG_KEYS_PER_ACTION + 1],
                    yaml_mark_t key_mark)
{
	memcpy(p->cfg->keys[action], codes, sizeof(p->cfg->keys[action]));
	p->keys_set[action] = true;
	p->keys_line[action] = key_mark.line + 1;
	return true;
}

static bool parse_key_value(struct parse *p, size_t index, yaml_mark_t key_mark)
{
	enum config_action action = (enum config_action)index;
	const char *name = action_names[action];
	int codes[CONFIG_KEYS_PER_ACTION + 1] = { 0 };
	size_t count = 0;
	int code;
	const char *text = NULL;
	if (p->event.type == YAML_SEQUENCE_START_EVENT) {
		for (;;) {
			if (!next_event(p))
				return false;
			if (p->event.type == YAML_SEQUENCE_END_EVENT)
				break;
			yaml_mark_t mark = p->event.start_mark;
			if (!value_text(p, name, N_("a list of key names"), &text))
				return false;
			if (!config_key_parse(text, &code)) {
				char bad[CONFIG_QUOTE_SIZE];
				config_text_quote(bad, sizeof(bad), text);
				return fail_key_name(p, mark, bad, name);
			}
			if (!key_bind(p, action, codes, &count, code, mark))
				return false;
		}
	} else {
		yaml_mark_t mark = p->event.start_mark;
		if (!value_text(p, name, N_("a key name or a list of key names ([] for none)"), &text))
			return false;
		if (config_key_parse(text, &code))
			return key_bind(p, action, codes, &count, code, mark) && key_set(p, action, codes, key_mark);
		/* Several names separated by spaces, as the defaults in config.h are written. */
		char *copy = xstrdup(text);
		char *save = NULL;
		bool ok = true;
		for (char *word = strtok_r(copy, " \t", &save); word && ok; word = strtok_r(NULL, " \t", &save)) {
			if (!config_key_parse(word, &code)) {
				char bad[CONFIG_QUOTE_SIZE];
				config_text_quote(bad, sizeof(bad), word);
				ok = fail_key_name(p, mark, bad, name);
			} else {
				ok = key_bind(p, action, codes, &count, code, mark);
			}
		}
		free(copy);
		if (!ok)
			return false;
	}
	return key_set(p, action, codes, key_mark);
}


/* A key the file binds leaves the action that had it by default, so "quit: j" does not also
 * leave j moving down. */
static void keys_take_from_defaults(struct parse *p)
{
	for (int action = CONFIG_ACTION_NONE + 1; action < CONFIG_ACTION_COUNT; action++) {
		if (p->keys_set[action])
			continue;
		int *keys = p->cfg->keys[action];
		size_t kept = 0;
		for (size_t i = 0; i < CONFIG_KEYS_PER_ACTION && keys[i]; i++)
			if (key_bound_in_file(p, keys[i], CONFIG_ACTION_NONE) == CONFIG_ACTION_NONE)
				keys[kept++] = keys[i];
		while (kept <= CONFIG_KEYS_PER_ACTION)
			keys[kept++] = 0;
	}
}

/* ---- colors ---- */

static bool parse_color_value(struct parse *p, size_t index, yaml_mark_t key_mark)
{
	(void)key_mark;
	const char *name = color_names[index];
	const char *text = NULL;
	if (!value_text(p, name, N_("\"foreground background [bold] [dim] [reverse] [underline]\""), &text))
		return false;
	char message[sizeof(p->err->message)];
	if (!config_color_parse_explain(text, &p->cfg->colors[index], name, message, sizeof(message)))
		return fail(p, p->event.start_mark, "%s", message);
	return true;
}

/* ---- sections ---- */

enum { SECTION_CONNECTION, SECTION_UI, SECTION_KEYS, SECTION_COLORS };
static const char *const section_names[] = {
	[SECTION_CONNECTION] = "connection", [SECTION_UI] = "ui", [SECTION_KEYS] = "keys", [SECTION_COLORS] = "colors",
};

static const struct mapping section_mappings[] = {
	[SECTION_CONNECTION] = { "connection", NC_("config", "key"), connection_names, COUNT(connection_names), parse_connection_value },
	[SECTION_UI] = { "ui", NC_("config", "key"), ui_names, COUNT(ui_names), parse_ui_value },
	[SECTION_KEYS] = { "keys", NC_("config", "action"), action_names, COUNT(action_names), parse_key_value },
	[SECTION_COLORS] = { "colors", NC_("config", "colour element"), color_names, COUNT(color_names), parse_color_value },
};

static bool parse_section(struct parse *p, size_t index, yaml_mark_t key_mark)
{
	(void)key_mark;
	const struct mapping *m = &section_mappings[index];
	if (p->event.type != YAML_MAPPING_START_EVENT && !event_is_null(&p->event)) {
		char found[CONFIG_QUOTE_SIZE + 8];
		event_describe(&p->event, found, sizeof(found));
		return fail(p, p->event.start_mark, index == SECTION_KEYS ? _("'%s' must be a mapping of actions, found %s")
		            : index == SECTION_COLORS ? _("'%s' must be a mapping of colour elements, found %s")
		            : _("'%s' must be a mapping of settings, found %s"), m->section, found);
	}
	if (!parse_mapping(p, m))
		return false;
	if (index == SECTION_KEYS)
		keys_take_from_defaults(p);
	return true;
}

static const struct mapping top_level = { NULL, NC_("config", "section"), section_names, COUNT(section_names), parse_section };

static bool parse_stream(struct parse *p)
{
	if (!next_event(p) || !next_event(p))  /* the stream's start, then a document or the end */
		return false;
	if (p->event.type == YAML_STREAM_END_EVENT)
		return true;  /* an empty file, or only comments */
	if (!next_event(p))
		return false;
	if (p->event.type == YAML_MAPPING_START_EVENT) {
		if (!parse_mapping(p, &top_level))
			return false;
	} else if (!event_is_null(&p->event)) {
		char found[CONFIG_QUOTE_SIZE + 8];
		event_describe(&p->event, found, sizeof(found));
		return fail(p, p->event.start_mark,
		            _("the file must be a mapping of sections (connection, ui, keys, colors), found %s"), found);
	}
	if (!next_event(p) || !next_event(p))  /* the document's end, then the stream's */
		return false;
	if (p->event.type == YAML_DOCUMENT_START_EVENT)
		return fail(p, p->event.start_mark, _("the file holds a second YAML document; iedesk reads only one"));
	return true;
}

static bool parse_text(struct config *cfg, const char *path, const unsigned char *text, size_t length,
                       struct config_error *err)
{
	struct config scratch;
	config_copy(&scratch, cfg);
	struct parse p;
	memset(&p, 0, sizeof(p));
	p.file = path;
	p.text = text;
	p.length = length;
	p.cfg = &scratch;
	p.err = err;
	if (!yaml_parser_initialize(&p.parser)) {
		fprintf(stderr, "iedesk: out of memory while reading %s\n", path);
		abort();
	}
	yaml_parser_set_input_string(&p.parser, text, length);
	bool ok = parse_stream(&p);
	yaml_event_delete(&p.event);
	yaml_parser_delete(&p.parser);
	if (!ok) {
		config_done(&scratch);
		return false;
	}
	FREE(&scratch.path);
	scratch.path = xstrdup(path);
	config_done(cfg);
	*cfg = scratch;
	return true;
}

/* ---- files ---- */

enum file_status { FILE_READ, FILE_MISSING, FILE_FAILED };

static enum file_status file_read(const char *path, unsigned char **text, size_t *length, struct config_error *err)
{
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer forever; only a regular file is
	 * read, which fstat tells once it is open (no race with a file swapped in between). */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		int open_errno = errno;
		error_set(err, path, _("cannot open the configuration file: %s"), strerror(open_errno));
		return open_errno == ENOENT || open_errno == ENOTDIR ? FILE_MISSING : FILE_FAILED;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		bool directory = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
		close(fd);
		error_set(err, path, "%s", directory ? _("the configuration file is a directory; give a regular file.") :
			_("the configuration file is not a regular file (a pipe, a device or a socket); give a regular file."));
		return FILE_FAILED;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	size_t capacity = 4096, used = 0;
	unsigned char *buffer = xmalloc(capacity);
	for (;;) {
		if (used > CONFIG_FILE_MAX) {
			close(fd);
			free(buffer);
			error_set(err, path, _("the configuration file is larger than %d MiB; is it the right file?"),
			          CONFIG_FILE_MAX / (1024 * 1024));
			return FILE_FAILED;
		}
		if (used == capacity) {
			capacity *= 2;
			buffer = xrealloc(buffer, capacity);
		}
		ssize_t got = read(fd, buffer + used, capacity - used);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int read_errno = errno;
			close(fd);
			free(buffer);
			error_set(err, path, _("cannot read the configuration file: %s"), strerror(read_errno));
			return FILE_FAILED;
		}
		if (got == 0)
			break;
		used += (size_t)got;
	}
	close(fd);
	*text = buffer;
	*length = used;
	return FILE_READ;
}

static bool load(struct config *cfg, const char *path, enum file_status *status, struct config_error *err)
{
	unsigned char *text;
	size_t length;
	*status = file_read(path, &text, &length, err);
	if (*status != FILE_READ)
		return false;
	bool ok = parse_text(cfg, path, text, length, err);
	free(text);
	return ok;
}

bool config_load_file(struct config *cfg, const char *path, struct config_error *err)
{
	struct config_error ignored;
	if (!err)
		err = &ignored;
	error_clear(err);
	enum file_status status;
	return load(cfg, path, &status, err);
}

/* $XDG_CONFIG_HOME/iedesk/config.yaml; the XDG spec says a relative XDG_CONFIG_HOME is ignored. */
static char *user_config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/iedesk/config.yaml", xdg);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.config/iedesk/config.yaml", home);
	return NULL;
}

bool config_load(struct config *cfg, const char *explicit_path, struct config_error *err)
{
	struct config_error ignored;
	if (!err)
		err = &ignored;
	error_clear(err);
	if (explicit_path)
		return config_load_file(cfg, explicit_path, err);
	char *user_path = user_config_path();
	const char *candidates[] = { user_path, IEDESK_SYSCONFDIR "/iedesk/config.yaml" };
	for (size_t i = 0; i < COUNT(candidates); i++) {
		if (!candidates[i])
			continue;
		enum file_status status;
		bool ok = load(cfg, candidates[i], &status, err);
		if (status != FILE_MISSING) {
			free(user_path);
			return ok;
		}
	}
	free(user_path);
	error_clear(err);
	return true;
}
