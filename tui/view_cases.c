/* view_cases: the Cases pane — for everyone the schools with students with special needs, counted with small
 * counts suppressed; a case worker starts on the cases of their district, from referral to the IEP's
 * reviews. */
#include "tui/view.h"

static const struct list_action actions[] = {
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

/* A case worker (and the schema's owner, who reads every case: the demo) starts on the cases; Esc (or 5) gives
 * the counts back. */
static void start_on_cases(struct view *root, const struct db_whoami *who, struct intent *intent)
{
	if (who->owner || (who->has_role && who->role == DB_ROLE_CASEWORKER))
		view_list_open(root, DB_LIST_CASES, NULL, NULL, NULL, intent);
}

const struct view_pane view_pane_cases = {
	.title = N_("Cases"), .name = "cases", .root = DB_LIST_CASE_COUNTS, .show = CONFIG_ACTION_VIEW_CASES,
	.actions = actions, .start = start_on_cases,
};
