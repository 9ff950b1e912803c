/* keys: the names a user writes in the config file — keys, actions, colour elements and colour
 * specs — turned into codes and back. */
#include "config-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ACTION_NAME(id, name, keys, help) [CONFIG_ACTION_##id] = name,
static const char *const action_names[CONFIG_ACTION_COUNT] = { CONFIG_ACTION_INFO(ACTION_NAME) };
#undef ACTION_NAME

#define ACTION_HELP(id, name, keys, help) [CONFIG_ACTION_##id] = help,
static const char *const action_helps[CONFIG_ACTION_COUNT] = { CONFIG_ACTION_INFO(ACTION_HELP) };
#undef ACTION_HELP

#define COLOR_NAME(id, name, spec) [CONFIG_COLOR_##id] = name,
static const char *const color_element_names[CONFIG_COLOR_COUNT] = { CONFIG_COLOR_INFO(COLOR_NAME) };
#undef COLOR_NAME

const char *config_action_name(enum config_action action)
{
	if (action <= CONFIG_ACTION_NONE || action >= CONFIG_ACTION_COUNT)
		return NULL;
	return action_names[action];
}

const char *config_action_help(enum config_action action)
{
	if (action <= CONFIG_ACTION_NONE || action >= CONFIG_ACTION_COUNT)
		return NULL;
	return action_helps[action];
}

enum config_action config_action_lookup(const char *name)
{
	for (int action = CONFIG_ACTION_NONE + 1; action < CONFIG_ACTION_COUNT; action++)
		if (name && strcmp(name, action_names[action]) == 0)
			return (enum config_action)action;
	return CONFIG_ACTION_NONE;
}

const char *config_color_name(enum config_color_element element)
{
	if ((int)element < 0 || element >= CONFIG_COLOR_COUNT)
		return NULL;
	return color_element_names[element];
}

/* ---- key names ---- */

/* Keys that have a name rather than a character. The first entry for a code is its canonical
 * name; Ctrl-A..Ctrl-Z and F1..F12 are handled apart. */
static const struct {
	const char *name;
	int code;
} named_keys[] = {
	{ "Enter", '\n' },
	{ "Esc", 27 },
	{ "Tab", '\t' },
	{ "BackTab", CONFIG_KEY_BACKTAB },
	{ "Space", ' ' },
	{ "Backspace", CONFIG_KEY_BACKSPACE },
	{ "Delete", CONFIG_KEY_DELETE },
	{ "Insert", CONFIG_KEY_INSERT },
	{ "Up", CONFIG_KEY_UP },
	{ "Down", CONFIG_KEY_DOWN },
	{ "Left", CONFIG_KEY_LEFT },
	{ "Right", CONFIG_KEY_RIGHT },
	{ "PageUp", CONFIG_KEY_PAGE_UP },
	{ "PageDown", CONFIG_KEY_PAGE_DOWN },
	{ "Home", CONFIG_KEY_HOME },
	{ "End", CONFIG_KEY_END },
};

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* A code point a user can type and see: not a control character, not a surrogate. */
static bool is_printable_code_point(long cp)
{
	return cp >= ' ' && cp <= 0x10FFFF && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F)
	       && !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* The code point of s when s is exactly one well-formed UTF-8 character, else -1. */
static long utf8_single_code_point(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long cp;
	int extra;
	if (p[0] < 0x80) {
		cp = p[0];
		extra = 0;
	} else if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		cp = p[0] & 0x1F;
		extra = 1;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		cp = p[0] & 0x0F;
		extra = 2;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		cp = p[0] & 0x07;
		extra = 3;
	} else {
		return -1;
	}
	for (int i = 1; i <= extra; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (p[extra + 1] != '\0')
		return -1;
	/* Overlong forms, surrogates and code points past Unicode's end are not characters. */
	static const long smallest[] = { 0, 0x80, 0x800, 0x10000 };
	if (cp < smallest[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	return cp;
}

bool config_key_parse(const char *name, int *code)
{
	if (!name || !*name)
		return false;
	long cp = utf8_single_code_point(name);
	if (cp >= 0) {
		if (!is_printable_code_point(cp))
			return false;
		*code = (int)cp;
		return true;
	}
	for (size_t i = 0; i < COUNT(named_keys); i++) {
		if (strcasecmp(name, named_keys[i].name) == 0) {
			*code = named_keys[i].code;
			return true;
		}
	}
	if (strncasecmp(name, "Ctrl-", 5) == 0) {
		char letter = name[5];
		if (letter == '\0' || name[6] != '\0')
			return false;
		if (letter >= 'a' && letter <= 'z')
			letter = (char)(letter - 'a' + 'A');
		if (letter < 'A' || letter > 'Z')
			return false;
		/* Terminals send Ctrl-M as carriage return; iedesk treats it as Enter. */
		*code = letter == 'M' ? '\n' : letter - 'A' + 1;
		return true;
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		int number = name[1] - '0';
		if (name[2] != '\0') {
			if (number != 1 || name[2] < '0' || name[2] > '2' || name[3] != '\0')
				return false;
			number = 10 + name[2] - '0';
		}
		*code = CONFIG_KEY_F1 + number - 1;
		return true;
	}
	return false;
}

static void utf8_encode(long cp, char out[5])
{
	unsigned char *p = (unsigned char *)out;
	if (cp < 0x80) {
		*p++ = (unsigned char)cp;
	} else if (cp < 0x800) {
		*p++ = (unsigned char)(0xC0 | (cp >> 6));
		*p++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*p++ = (unsigned char)(0xE0 | (cp >> 12));
		*p++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		*p++ = (unsigned char)(0xF0 | (cp >> 18));
		*p++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		*p++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		*p++ = (unsigned char)(0x80 | (cp & 0x3F));
	}
	*p = '\0';
}

/* The canonical name, which config_key_parse reads back as the same code. A code no key name
 * produces is shown as "U+XXXX" (a control character) or "<invalid>". */
void config_key_name(int code, char *buf, size_t size)
{
	if (!buf || size == 0)
		return;
	buf[0] = '\0';
	if (code == '\r')
		code = '\n';
	for (size_t i = 0; i < COUNT(named_keys); i++) {
		if (named_keys[i].code == code) {
			config_text_append(buf, size, named_keys[i].name);
			return;
		}
	}
	char text[16];
	if (code >= 1 && code <= 26)
		snprintf(text, sizeof(text), "Ctrl-%c", 'A' + code - 1);
	else if (code >= CONFIG_KEY_F1 && code <= CONFIG_KEY_F12)
		snprintf(text, sizeof(text), "F%d", code - CONFIG_KEY_F1 + 1);
	else if (is_printable_code_point(code))
		utf8_encode(code, text);
	else if (code >= 0 && code <= 0x10FFFF)
		snprintf(text, sizeof(text), "U+%04X", (unsigned)code);
	else
		snprintf(text, sizeof(text), "<invalid>");
	config_text_append(buf, size, text);
}

void config_key_describe_names(char *buf, size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	config_text_append(buf, size, _("a single character, F1..F12, Ctrl-A..Ctrl-Z or one of: "));
	for (size_t i = 0; i < COUNT(named_keys); i++) {
		if (i > 0)
			config_text_append(buf, size, ", ");
		config_text_append(buf, size, named_keys[i].name);
	}
}

/* ---- colours ---- */

static const struct {
	const char *name;
	int value;
} color_values[] = {
	{ "default", CONFIG_COLOR_DEFAULT },
	{ "black", CONFIG_COLOR_BLACK },
	{ "red", CONFIG_COLOR_RED },
	{ "green", CONFIG_COLOR_GREEN },
	{ "yellow", CONFIG_COLOR_YELLOW },
	{ "blue", CONFIG_COLOR_BLUE },
	{ "magenta", CONFIG_COLOR_MAGENTA },
	{ "cyan", CONFIG_COLOR_CYAN },
	{ "white", CONFIG_COLOR_WHITE },
};

static const struct {
	const char *name;
	unsigned bit;
} color_attrs[] = {
	{ "bold", CONFIG_ATTR_BOLD },
	{ "dim", CONFIG_ATTR_DIM },
	{ "reverse", CONFIG_ATTR_REVERSE },
	{ "underline", CONFIG_ATTR_UNDERLINE },
};

static const char *color_values_name(int value)
{
	for (size_t i = 0; i < COUNT(color_values); i++)
		if (color_values[i].value == value)
			return color_values[i].name;
	return "?";
}

static const char *color_attrs_name(unsigned bit)
{
	for (size_t i = 0; i < COUNT(color_attrs); i++)
		if (color_attrs[i].bit == bit)
			return color_attrs[i].name;
	return "?";
}

static bool color_value_lookup(const char *word, int *value)
{
	for (size_t i = 0; i < COUNT(color_values); i++) {
		if (strcasecmp(word, color_values[i].name) == 0) {
			*value = color_values[i].value;
			return true;
		}
	}
	return false;
}

static bool color_attr_lookup(const char *word, unsigned *bit)
{
	for (size_t i = 0; i < COUNT(color_attrs); i++) {
		if (strcasecmp(word, color_attrs[i].name) == 0) {
			*bit = color_attrs[i].bit;
			return true;
		}
	}
	return false;
}

static void explain(char *message, size_t size, const char *what, const char *word, const char *element,
                    bool list_colors)
{
	if (!message || size == 0)
		return;
	char quoted[CONFIG_QUOTE_SIZE];
	config_text_quote(quoted, sizeof(quoted), word);
	snprintf(message, size, _("%s '%s' in '%s'; expected one of: "), what, quoted, element);
	if (list_colors) {
		for (size_t i = 0; i < COUNT(color_values); i++) {
			if (i > 0)
				config_text_append(message, size, ", ");
			config_text_append(message, size, color_values[i].name);
		}
	} else {
		for (size_t i = 0; i < COUNT(color_attrs); i++) {
			if (i > 0)
				config_text_append(message, size, ", ");
			config_text_append(message, size, color_attrs[i].name);
		}
	}
}

bool config_color_parse_explain(const char *spec, struct config_color *color, const char *element,
                                char *message, size_t size)
{
	static const char separators[] = " \t";
	struct config_color parsed = { CONFIG_COLOR_DEFAULT, CONFIG_COLOR_DEFAULT, 0 };
	char *copy = xstrdup(spec ? spec : "");
	char *save = NULL;
	int position = 0;
	bool ok = true;
	for (char *word = strtok_r(copy, separators, &save); word && ok;
	     word = strtok_r(NULL, separators, &save), position++) {
		if (position < 2) {
			int *slot = position == 0 ? &parsed.fg : &parsed.bg;
			unsigned bit;
			if (color_value_lookup(word, slot))
				continue;
			ok = false;
			if (!message || size == 0)
				break;
			if (color_attr_lookup(word, &bit))
				snprintf(message, size,
				         _("'%s' needs a foreground and a background colour before the attribute '%s'"),
				         element, color_attrs_name(bit));
			else
				explain(message, size, _("unknown colour"), word, element, true);
		} else {
			unsigned bit;
			if (color_attr_lookup(word, &bit)) {
				parsed.attrs |= bit;
				continue;
			}
			ok = false;
			int value;
			if (message && size > 0 && color_value_lookup(word, &value))
				snprintf(message, size,
				         _("'%s' takes a foreground and a background colour, then attributes; "
				         "found a third colour '%s'"), element, color_values_name(value));
			else
				explain(message, size, _("unknown attribute"), word, element, false);
		}
	}
	if (ok && position < 2) {
		ok = false;
		if (message && size > 0) {
			char quoted[CONFIG_QUOTE_SIZE];
			config_text_quote(quoted, sizeof(quoted), spec ? spec : "");
			snprintf(message, size,
			         _("'%s' must be \"foreground background [bold] [dim] [reverse] [underline]\", "
			         "found '%s'"), element, quoted);
		}
	}
	free(copy);
	if (ok)
		*color = parsed;
	return ok;
}

bool config_color_parse(const char *spec, struct config_color *color)
{
	return config_color_parse_explain(spec, color, "", NULL, 0);
}

/* ---- text ---- */

void config_text_append(char *buf, size_t size, const char *s)
{
	if (size == 0)
		return;
	size_t used = strnlen(buf, size - 1);
	size_t room = size - 1 - used;
	size_t take = strlen(s);
	if (take > room) {
		take = room;
		/* Back up to the start of a character so the text stays valid UTF-8. */
		while (take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80)
			take--;
	}
	memcpy(buf + used, s, take);
	buf[used + take] = '\0';
}

void config_text_quote(char *buf, size_t size, const char *value)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	size_t limit = CONFIG_QUOTE_LIMIT < size - 1 ? CONFIG_QUOTE_LIMIT : size - 1;
	size_t length = strlen(value);
	size_t take = length;
	if (take > limit) {
		take = limit;
		while (take > 0 && ((unsigned char)value[take] & 0xC0) == 0x80)
			take--;
	}
	/* A newline or tab in a message would break the one-line status bar. */
	size_t out = 0;
	for (size_t i = 0; i < take; i++)
		buf[out++] = (unsigned char)value[i] < ' ' || value[i] == 0x7F ? '?' : value[i];
	buf[out] = '\0';
	if (take < length)
		config_text_append(buf, size, "...");
}
