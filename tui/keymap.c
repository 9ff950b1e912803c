/* keymap: the config's key table turned into a lookup from a pressed key to an action. */
#include "tui/view.h"

#include <stdio.h>
#include <string.h>

static const struct config *bindings;

int keymap_code(int key, bool is_function_key)
{
	if (!is_function_key) {
		if (key == '\r')
			return '\n';
		if (key == 127 || key == 8)
			return CONFIG_KEY_BACKSPACE;
		return key;
	}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		return CONFIG_KEY_F1 + (key - KEY_F(1));
	switch (key) {
	case KEY_UP: return CONFIG_KEY_UP;
	case KEY_DOWN: return CONFIG_KEY_DOWN;
	case KEY_LEFT: return CONFIG_KEY_LEFT;
	case KEY_RIGHT: return CONFIG_KEY_RIGHT;
	case KEY_PPAGE: return CONFIG_KEY_PAGE_UP;
	case KEY_NPAGE: return CONFIG_KEY_PAGE_DOWN;
	case KEY_HOME: case KEY_A1: return CONFIG_KEY_HOME;
	case KEY_END: case KEY_C1: case KEY_SELECT: return CONFIG_KEY_END;
	case KEY_IC: return CONFIG_KEY_INSERT;
	case KEY_DC: return CONFIG_KEY_DELETE;
	case KEY_BACKSPACE: return CONFIG_KEY_BACKSPACE;
	case KEY_BTAB: return CONFIG_KEY_BACKTAB;
	case KEY_ENTER: return '\n';
	default: return 0;
	}
}

void keymap_init(const struct config *cfg)
{
	bindings = cfg;
}

enum config_action keymap_action(int code)
{
	if (!code || !bindings)
		return CONFIG_ACTION_NONE;
	for (int a = 1; a < CONFIG_ACTION_COUNT; a++)
		for (int i = 0; i < CONFIG_KEYS_PER_ACTION && bindings->keys[a][i]; i++)
			if (bindings->keys[a][i] == code)
				return (enum config_action)a;
	return CONFIG_ACTION_NONE;
}

void keymap_describe(enum config_action action, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!bindings)
		return;
	size_t len = 0;
	for (int i = 0; i < CONFIG_KEYS_PER_ACTION && bindings->keys[action][i]; i++) {
		char name[32];
		config_key_name(bindings->keys[action][i], name, sizeof(name));
		int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", name);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

void keymap_first(enum config_action action, char *buf, size_t size)
{
	buf[0] = '\0';
	if (bindings && bindings->keys[action][0])
		config_key_name(bindings->keys[action][0], buf, size);
}
