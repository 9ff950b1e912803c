/* view_regions: the Regions pane — provinces and cities with their districts' figures rolled up (Enter: a
 * region's districts, then a district's schools); its own keys open the alliances (c), a selected alliance's
 * members and shared resources (m, s), the partners (Z), a selected partner's partnerships (m) and this
 * year's activities (z). */
#include "tui/view.h"

static void open_related(struct view *view, enum config_action action, struct intent *intent)
{
	switch (action) {
	case CONFIG_ACTION_CONSORTIA:
		view_list_open(view, DB_LIST_ALLIANCES, NULL, NULL, NULL, intent);
		break;
	case CONFIG_ACTION_MEMBERS:
	case CONFIG_ACTION_RESOURCES:
		/* m on a partner: whom it works with; on an alliance, as s, what it holds */
		view_list_open(view, view_list_kind(view) == DB_LIST_PARTNERS ? DB_LIST_PARTNERSHIPS
			: action == CONFIG_ACTION_MEMBERS ? DB_LIST_CONSORTIUM_MEMBERS : DB_LIST_SHARED_RESOURCES,
			view_list_selected_id(view), view_list_selected_name(view), NULL, intent);
		break;
	case CONFIG_ACTION_PARTNERS:
		view_list_open(view, DB_LIST_PARTNERS, NULL, NULL, NULL, intent);
		break;
	default:
		view_list_open(view, DB_LIST_ACTIVITIES, NULL, NULL, NULL, intent);
		break;
	}
}

#define TOP_LISTS (LIST_BIT(DB_LIST_REGIONS) | LIST_BIT(DB_LIST_REGION_DISTRICTS))

static const struct list_action actions[] = {
	{ CONFIG_ACTION_CONSORTIA, TOP_LISTS, -1, open_related },
	{ CONFIG_ACTION_MEMBERS, LIST_BIT(DB_LIST_ALLIANCES) | LIST_BIT(DB_LIST_PARTNERS), -1, open_related },
	{ CONFIG_ACTION_RESOURCES, LIST_BIT(DB_LIST_ALLIANCES), -1, open_related },
	{ CONFIG_ACTION_PARTNERS, TOP_LISTS | LIST_BIT(DB_LIST_ALLIANCES), -1, open_related },
	{ CONFIG_ACTION_ACTIVITIES, TOP_LISTS | LIST_BIT(DB_LIST_ALLIANCES) | LIST_BIT(DB_LIST_PARTNERS), -1,
		open_related },
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

/* An account of a region (a city's or a province's officer) starts in its region's districts; a coordinator
 * in the alliances. Esc gives the whole tree back. */
static void start_in_region(struct view *root, const struct db_whoami *who, struct intent *intent)
{
	if (who->region_id)
		view_list_open(root, DB_LIST_REGION_DISTRICTS, who->region_id, who->region_name, NULL, intent);
	else if (who->has_role && who->role == DB_ROLE_COORDINATOR)
		view_list_open(root, DB_LIST_ALLIANCES, NULL, NULL, NULL, intent);
}

const struct view_pane view_pane_regions = {
	.title = N_("Regions"), .name = "regions", .root = DB_LIST_REGIONS, .show = CONFIG_ACTION_VIEW_REGIONS,
	.actions = actions, .start = start_in_region,
};
