/* theme: colour pairs from the config's colour table; monochrome (theme: mono, NO_COLOR, or a
 * terminal without colours) uses attributes alone. */
#include "tui/view.h"

#include <stdlib.h>

static attr_t attrs[CONFIG_COLOR_COUNT];

static attr_t config_attrs(unsigned bits)
{
	attr_t a = A_NORMAL;
	if (bits & CONFIG_ATTR_BOLD)
		a |= A_BOLD;
	if (bits & CONFIG_ATTR_DIM)
		a |= A_DIM;
	if (bits & CONFIG_ATTR_REVERSE)
		a |= A_REVERSE;
	if (bits & CONFIG_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	return a;
}

/* Without colour every element still has to be told apart. */
static attr_t mono_attr(enum config_color_element e)
{
	switch (e) {
	case CONFIG_COLOR_TITLE: return A_REVERSE | A_BOLD;
	case CONFIG_COLOR_HEADER: return A_BOLD | A_UNDERLINE;
	case CONFIG_COLOR_SELECTED: return A_REVERSE;
	case CONFIG_COLOR_KEY_HINT: return A_REVERSE;
	case CONFIG_COLOR_ERROR: return A_BOLD;
	case CONFIG_COLOR_MARK: return A_BOLD;
	case CONFIG_COLOR_OVERDUE: return A_BOLD;
	case CONFIG_COLOR_DIM: return A_DIM;
	default: return A_NORMAL;
	}
}

void theme_init(const struct config *cfg)
{
	const char *no_color = getenv("NO_COLOR");
	bool mono = cfg->theme == CONFIG_THEME_MONO || (no_color && *no_color) || !has_colors();
	if (!mono) {
		start_color();
		use_default_colors();
	}
	for (int e = 0; e < CONFIG_COLOR_COUNT; e++) {
		const struct config_color *c = &cfg->colors[e];
		if (mono) {
			attrs[e] = mono_attr((enum config_color_element)e);
			continue;
		}
		short pair = (short)(e + 1);
		init_pair(pair, (short)c->fg, (short)c->bg);
		attrs[e] = COLOR_PAIR(pair) | config_attrs(c->attrs);
	}
}

attr_t theme_attr(enum config_color_element element)
{
	return attrs[element];
}
