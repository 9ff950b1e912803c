/* view_meetings: the Meetings pane — meetings newest first; its own keys open a meeting's attendees, agenda
 * and decisions, every action item and this year's activities of alliances and partnerships, record a meeting in the room, make its minutes final or amend them,
 * and open the inspections that check an action item. */
#include "tui/view.h"

#include <string.h>

#define ACTION_ITEM_LISTS \
	(LIST_BIT(DB_LIST_ACTION_ITEMS) | LIST_BIT(DB_LIST_DECISION_ACTION_ITEMS) | LIST_BIT(DB_LIST_UNVERIFIED))

/* A meeting's attendees, agenda and decisions; every action item, of any meeting. */
static void open_part(struct view *view, enum config_action action, struct intent *intent)
{
	if (action == CONFIG_ACTION_ACTIONS || action == CONFIG_ACTION_ACTIVITIES) {
		view_list_open(view, action == CONFIG_ACTION_ACTIONS ? DB_LIST_ACTION_ITEMS : DB_LIST_ACTIVITIES, NULL, NULL,
			NULL, intent);
		return;
	}
	enum db_list_kind part = action == CONFIG_ACTION_ATTENDEES ? DB_LIST_MEETING_ATTENDEES
		: action == CONFIG_ACTION_AGENDA ? DB_LIST_AGENDA_ITEMS : DB_LIST_DECISIONS;
	view_list_open(view, part, view_list_selected_id(view), view_list_selected_name(view), NULL, intent);
}

/* R, F and A: the meeting's one-screen record for the secretary in the room; its minutes made final; an
 * amendment of final minutes. */
static void meeting_step(struct view *view, enum config_action action, struct intent *intent)
{
	const char *id = view_list_selected_id(view);
	if (!id)
		return;
	if (action == CONFIG_ACTION_RECORD)
		intent->open = view_capture_new(view->ctx, id, view_list_selected_name(view));
	else
		intent->open = view_finalise_new(view->ctx, id, view_list_selected_name(view), action == CONFIG_ACTION_AMEND);
	intent->flags |= INTENT_OPEN;
}

static void open_inspections(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	view_list_open(view, DB_LIST_ACTION_ITEM_INSPECTIONS, view_list_selected_id(view),
		view_list_selected_name(view), NULL, intent);
}

/* e on final minutes is refused before the form opens, as R is: they change only through an amendment. */
static void edit_meeting(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	const char *id = view_list_selected_id(view);
	const char *status = view_list_selected_cell(view, "status");
	if (!id)
		return;
	if (status && (strcmp(status, "final") == 0 || strcmp(status, text_word("final")) == 0)) {   /* as stored or as shown */
		view_refuse(intent, _("these minutes are final: amend them (A) to change them"));
		return;
	}
	intent->open = view_form_new(view->ctx, DB_RECORD_MEETING, id, NULL);
	intent->flags |= INTENT_OPEN;
}

static const struct list_action actions[] = {
	{ CONFIG_ACTION_EDIT, LIST_BIT(DB_LIST_MEETINGS), DB_RECORD_MEETING, edit_meeting },
	{ CONFIG_ACTION_ATTENDEES, LIST_BIT(DB_LIST_MEETINGS), -1, open_part },
	{ CONFIG_ACTION_AGENDA, LIST_BIT(DB_LIST_MEETINGS), -1, open_part },
	{ CONFIG_ACTION_DECISIONS, LIST_BIT(DB_LIST_MEETINGS), -1, open_part },
	{ CONFIG_ACTION_ACTIONS, LIST_BIT(DB_LIST_MEETINGS), -1, open_part },
	{ CONFIG_ACTION_ACTIVITIES, LIST_BIT(DB_LIST_MEETINGS), -1, open_part },
	{ CONFIG_ACTION_RECORD, LIST_BIT(DB_LIST_MEETINGS), DB_RECORD_MEETING, meeting_step },
	{ CONFIG_ACTION_FINALISE, LIST_BIT(DB_LIST_MEETINGS), DB_RECORD_MEETING, meeting_step },
	{ CONFIG_ACTION_AMEND, LIST_BIT(DB_LIST_MEETINGS), DB_RECORD_MEETING, meeting_step },
	{ CONFIG_ACTION_INSPECTIONS, ACTION_ITEM_LISTS, -1, open_inspections },
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

const struct view_pane view_pane_meetings = {
	.title = N_("Meetings"), .name = "meetings", .root = DB_LIST_MEETINGS, .show = CONFIG_ACTION_VIEW_MEETINGS,
	.actions = actions,
};
