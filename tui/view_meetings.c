/* view_meetings: the Meetings pane — a keyset list of db's DB_LIST_MEETINGS; Enter opens what db says its rows open. */
#include "tui/view.h"

struct view *view_meetings_new(const struct config *cfg)
{
	return view_list_new(cfg, DB_LIST_MEETINGS, NULL, NULL);
}
