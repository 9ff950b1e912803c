/* view_managers: the Managers pane — every open school with its current manager; its own keys open the
 * manager gaps and the trainings. */
#include "tui/view.h"

static void open_related(struct view *view, enum config_action action, struct intent *intent)
{
	view_list_open(view, action == CONFIG_ACTION_GAPS ? DB_LIST_MANAGER_GAPS : DB_LIST_TRAININGS, NULL, NULL,
		NULL, intent);
}

static const struct list_action actions[] = {
	{ CONFIG_ACTION_GAPS, LIST_BIT(DB_LIST_MANAGERS), -1, open_related },
	{ CONFIG_ACTION_TRAININGS, LIST_BIT(DB_LIST_MANAGERS) | LIST_BIT(DB_LIST_MANAGER_GAPS), -1, open_related },
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

const struct view_pane view_pane_managers = {
	.title = N_("Managers"), .name = "managers", .root = DB_LIST_MANAGERS, .show = CONFIG_ACTION_VIEW_MANAGERS,
	.actions = actions,
};
