/* view_backlog: the Backlog pane — every inspection not closed, most overdue first, which its own key
 * groups (by district, school, inspector, kind, severity) in place; and the keys of inspections and findings
 * wherever their lists show: record a visit, close, resolve, list the findings, plan a follow-up. */
#include "tui/view.h"

#include <stdio.h>

/* The backlog, whole or of one group, and its groups: the lists b cycles through, in order, worst first
 * (the first column) or by name (the second); O turns a list into the other of its row. */
static const enum db_list_kind groupings[][2] = {
	{ DB_LIST_BACKLOG, DB_LIST_BACKLOG },
	{ DB_LIST_BACKLOG_WORST_BY_DISTRICT, DB_LIST_BACKLOG_BY_DISTRICT },
	{ DB_LIST_BACKLOG_WORST_BY_SCHOOL, DB_LIST_BACKLOG_BY_SCHOOL },
	{ DB_LIST_BACKLOG_WORST_BY_INSPECTOR, DB_LIST_BACKLOG_BY_INSPECTOR },
	{ DB_LIST_BACKLOG_WORST_BY_KIND, DB_LIST_BACKLOG_BY_KIND },
	{ DB_LIST_BACKLOG_WORST_BY_SEVERITY, DB_LIST_BACKLOG_BY_SEVERITY },
	/* not cycled by b */
	{ DB_LIST_REPORT_WORST_DISTRICTS, DB_LIST_REPORT_DISTRICTS },
	{ DB_LIST_REPORT_WORST_SCHOOLS, DB_LIST_REPORT_SCHOOLS },
};
#define NGROUPINGS 6
#define NORDERED (int)(sizeof(groupings) / sizeof(groupings[0]))

#define BACKLOG_ROWS (LIST_BIT(DB_LIST_BACKLOG) | LIST_BIT(DB_LIST_BACKLOG_OF_DISTRICT) \
	| LIST_BIT(DB_LIST_BACKLOG_OF_SCHOOL) | LIST_BIT(DB_LIST_BACKLOG_OF_INSPECTOR) \
	| LIST_BIT(DB_LIST_BACKLOG_OF_KIND) | LIST_BIT(DB_LIST_BACKLOG_OF_SEVERITY))
#define BACKLOG_GROUPS (LIST_BIT(DB_LIST_BACKLOG_BY_DISTRICT) | LIST_BIT(DB_LIST_BACKLOG_BY_SCHOOL) \
	| LIST_BIT(DB_LIST_BACKLOG_BY_INSPECTOR) | LIST_BIT(DB_LIST_BACKLOG_BY_KIND) \
	| LIST_BIT(DB_LIST_BACKLOG_BY_SEVERITY) | LIST_BIT(DB_LIST_BACKLOG_WORST_BY_DISTRICT) \
	| LIST_BIT(DB_LIST_BACKLOG_WORST_BY_SCHOOL) | LIST_BIT(DB_LIST_BACKLOG_WORST_BY_INSPECTOR) \
	| LIST_BIT(DB_LIST_BACKLOG_WORST_BY_KIND) | LIST_BIT(DB_LIST_BACKLOG_WORST_BY_SEVERITY))
#define REPORT_LISTS (LIST_BIT(DB_LIST_REPORT_DISTRICTS) | LIST_BIT(DB_LIST_REPORT_SCHOOLS) \
	| LIST_BIT(DB_LIST_REPORT_WORST_DISTRICTS) | LIST_BIT(DB_LIST_REPORT_WORST_SCHOOLS))
/* Lists whose rows are inspections: a row's id is the inspection's. */
#define INSPECTION_ROWS (LIST_BIT(DB_LIST_INSPECTIONS) | LIST_BIT(DB_LIST_ACTION_ITEM_INSPECTIONS) | BACKLOG_ROWS)
/* Lists whose rows are action items: P plans the inspection that checks one. */
#define ACTION_ITEM_ROWS \
	(LIST_BIT(DB_LIST_ACTION_ITEMS) | LIST_BIT(DB_LIST_DECISION_ACTION_ITEMS) | LIST_BIT(DB_LIST_UNVERIFIED))

/* b: the pane grouped by the next dimension, in place, so Esc still leaves the pane's root; after the last
 * grouping, ungrouped again. */
static void next_grouping(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	int at = 0, order = 0;
	for (int i = 0; i < NGROUPINGS; i++)
		for (int o = 0; o < 2; o++)
			if (groupings[i][o] == view_list_kind(view)) {
				at = i;
				order = i ? o : order;
			}
	enum db_list_kind next = groupings[(at + 1) % NGROUPINGS][order];
	view_list_become(view, next, intent);
	intent->flags |= INTENT_MESSAGE;
	intent->message_is_error = false;
	snprintf(intent->message, sizeof(intent->message), "%s", next == DB_LIST_BACKLOG
		? _("the backlog, most overdue first (b groups it)")
		: _("grouped: Enter lists a group's items, b groups by the next"));
}

/* O: the groups or the report worst first (the most overdue items, then the oldest) or by name, in place. */
static void switch_order(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	for (int i = 1; i < NORDERED; i++)
		for (int o = 0; o < 2; o++)
			if (groupings[i][o] == view_list_kind(view)) {
				view_list_become(view, groupings[i][!o], intent);
				intent->flags |= INTENT_MESSAGE;
				intent->message_is_error = false;
				snprintf(intent->message, sizeof(intent->message), "%s", o
					? _("worst first: the most overdue items, then the oldest (O: by name)")
					: _("by name (O: worst first)"));
				return;
			}
}

/* V records the visit of the selected inspection; C closes it, or resolves the selected finding. */
static void inspection_step(struct view *view, enum config_action action, struct intent *intent)
{
	const char *id = view_list_selected_id(view);
	if (!id)
		return;
	enum db_list_kind kind = view_list_kind(view);
	enum visit_step step = kind == DB_LIST_FINDINGS ? VISIT_RESOLVE
		: action == CONFIG_ACTION_VISIT ? VISIT_RECORD : VISIT_CLOSE;
	char title[300];
	if (step == VISIT_RESOLVE)
		snprintf(title, sizeof(title), "%s", view_list_selected_cell(view, "finding"));
	else if (LIST_BIT(kind) & BACKLOG_ROWS)
		snprintf(title, sizeof(title), _("%s, %s"), view_list_selected_name(view), view_list_selected_cell(view, "kind"));
	else
		snprintf(title, sizeof(title), _("%s, %s"), view_list_selected_cell(view, "school"),
			view_list_selected_cell(view, "planned"));
	intent->open = view_visit_new(view->ctx, step, id, title);
	intent->flags |= INTENT_OPEN;
}

/* f: the selected inspection's findings; u and S: the action items no inspection checks, the summary report. */
static void open_related(struct view *view, enum config_action action, struct intent *intent)
{
	if (action == CONFIG_ACTION_FINDINGS)
		view_list_open(view, DB_LIST_FINDINGS, view_list_selected_id(view), view_list_selected_name(view), NULL,
			intent);
	else
		view_list_open(view, action == CONFIG_ACTION_UNVERIFIED ? DB_LIST_UNVERIFIED : DB_LIST_REPORT_WORST_DISTRICTS,
			NULL, NULL, NULL, intent);
}

/* P on an action item: a follow-up inspection of it, filled in by the database (its owner school, a planned
 * date); on a finding, a follow-up of the finding; among the inspections of an action item, another of it
 * (as n does there). */
static void plan_inspection(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	struct db_request plan;
	enum db_list_kind kind = view_list_kind(view);
	if (kind == DB_LIST_ACTION_ITEM_INSPECTIONS) {
		if (!view_list_parent(view))
			return;
		db_inspection_plan_request(view_list_parent(view), &plan);
	} else if (!view_list_selected_id(view)) {
		return;
	} else if (kind == DB_LIST_FINDINGS) {
		db_inspection_follow_up_request(view_list_selected_id(view), &plan);
	} else {
		db_inspection_plan_request(view_list_selected_id(view), &plan);
	}
	intent->open = view_form_planned(view->ctx, &plan);
	intent->flags |= INTENT_OPEN;
}

static const struct list_action actions[] = {
	{ CONFIG_ACTION_GROUP, LIST_BIT(DB_LIST_BACKLOG) | BACKLOG_GROUPS, -1, next_grouping },
	{ CONFIG_ACTION_ORDER, BACKLOG_GROUPS | REPORT_LISTS, -1, switch_order },
	{ CONFIG_ACTION_VISIT, INSPECTION_ROWS, DB_RECORD_INSPECTION, inspection_step },
	{ CONFIG_ACTION_CLOSE, INSPECTION_ROWS, DB_RECORD_INSPECTION, inspection_step },
	{ CONFIG_ACTION_CLOSE, LIST_BIT(DB_LIST_FINDINGS), DB_RECORD_FINDING, inspection_step },
	{ CONFIG_ACTION_FINDINGS, INSPECTION_ROWS, -1, open_related },
	{ CONFIG_ACTION_UNVERIFIED, BACKLOG_ROWS | BACKLOG_GROUPS, -1, open_related },
	{ CONFIG_ACTION_REPORT, BACKLOG_ROWS | BACKLOG_GROUPS, -1, open_related },
	{ CONFIG_ACTION_PLAN, ACTION_ITEM_ROWS | LIST_BIT(DB_LIST_FINDINGS) | LIST_BIT(DB_LIST_ACTION_ITEM_INSPECTIONS),
		DB_RECORD_INSPECTION, plan_inspection },
	{ CONFIG_ACTION_NEW, LIST_BIT(DB_LIST_ACTION_ITEM_INSPECTIONS), DB_RECORD_INSPECTION, plan_inspection },
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

/* The backlog's own keys in place of new, edit and export. */
static const struct view_hint backlog_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, NC_("hint", "Open") }, { CONFIG_ACTION_GROUP, N_("Group") },
	{ CONFIG_ACTION_VISIT, N_("Visit") }, { CONFIG_ACTION_FINDINGS, N_("Findings") }, { CONFIG_ACTION_CLOSE, N_("Close") },
	{ CONFIG_ACTION_UNVERIFIED, N_("Unverified") }, { CONFIG_ACTION_REPORT, N_("Report") },
	{ CONFIG_ACTION_FILTER, N_("Filter") }, { CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};
static const struct view_hint group_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, N_("Items") }, { CONFIG_ACTION_GROUP, N_("Next grouping") },
	{ CONFIG_ACTION_ORDER, N_("Worst first / by name") }, { CONFIG_ACTION_UNVERIFIED, N_("Unverified") },
	{ CONFIG_ACTION_REPORT, N_("Report") },
	{ CONFIG_ACTION_FILTER, N_("Filter") }, { CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};
/* The unverified decisions: what they are there for (P) first; Enter opens nothing. */
static const struct view_hint unverified_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_PLAN, N_("Plan an inspection") }, { CONFIG_ACTION_EDIT, N_("Edit") },
	{ CONFIG_ACTION_FILTER, N_("Filter") }, { CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};
static const struct list_hints hints[] = {
	{ BACKLOG_ROWS, backlog_hints },
	{ LIST_BIT(DB_LIST_UNVERIFIED), unverified_hints },
	{ BACKLOG_GROUPS, group_hints },
	{ 0, NULL },
};

const struct view_pane view_pane_backlog = {
	.title = N_("Backlog"), .name = "backlog", .root = DB_LIST_BACKLOG, .show = CONFIG_ACTION_VIEW_BACKLOG,
	.actions = actions, .hints = hints,
};
