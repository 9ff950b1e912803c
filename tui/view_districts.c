/* view_districts: the Districts pane — districts, their schools and consortia; its own keys open a district's
 * (or a school's district's) consortia, a consortium's members and shared resources, and a home-school
 * alliance's parent committee. */
#include "tui/view.h"

#include <string.h>

/* c from a district, or from its list of schools; m and s from a consortium, M from a home-school alliance
 * (only one has a parent committee). A district's code goes along, for exports of its consortia. */
static void open_related(struct view *view, enum config_action action, struct intent *intent)
{
	enum db_list_kind kind = view_list_kind(view);
	if (action == CONFIG_ACTION_IEP_TEAM && strcmp(view_list_selected_cell(view, "kind"), "home-school"))
		view_refuse(intent, _("only a home-school alliance has a parent committee"));
	else if (action == CONFIG_ACTION_IEP_TEAM)
		view_list_open(view, DB_LIST_COMMITTEE_MEMBERS, view_list_selected_id(view), view_list_selected_name(view),
			NULL, intent);
	else if (action == CONFIG_ACTION_CONSORTIA && kind == DB_LIST_DISTRICTS)
		view_list_open(view, DB_LIST_CONSORTIA, view_list_selected_id(view), view_list_selected_name(view),
			view_list_selected_cell(view, "code"), intent);
	else if (action == CONFIG_ACTION_CONSORTIA)
		view_list_open(view, DB_LIST_CONSORTIA, view_list_parent(view), view_list_parent_name(view),
			view_list_parent_code(view), intent);
	else
		view_list_open(view, action == CONFIG_ACTION_MEMBERS ? DB_LIST_CONSORTIUM_MEMBERS : DB_LIST_SHARED_RESOURCES,
			view_list_selected_id(view), view_list_selected_name(view), NULL, intent);
}

static const struct list_action actions[] = {
	{ CONFIG_ACTION_CONSORTIA, LIST_BIT(DB_LIST_DISTRICTS) | LIST_BIT(DB_LIST_SCHOOLS), -1, open_related },
	{ CONFIG_ACTION_MEMBERS, LIST_BIT(DB_LIST_CONSORTIA), -1, open_related },
	{ CONFIG_ACTION_RESOURCES, LIST_BIT(DB_LIST_CONSORTIA), -1, open_related },
	{ CONFIG_ACTION_IEP_TEAM, LIST_BIT(DB_LIST_CONSORTIA), -1, open_related },
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

/* An account of one district (a manager, a case worker) starts in it, its schools, as Enter on it would open
 * them; Esc (or 1) gives every district back. */
static void start_in_district(struct view *root, const struct db_whoami *who, struct intent *intent)
{
	if (who->district_id)
		view_list_open(root, DB_LIST_SCHOOLS, who->district_id, who->district_name, who->district_code, intent);
}

const struct view_pane view_pane_districts = {
	.title = N_("Districts"), .name = "districts", .root = DB_LIST_DISTRICTS, .show = CONFIG_ACTION_VIEW_DISTRICTS,
	.actions = actions, .start = start_in_district,
};
