/* view_districts: the Districts pane — a keyset list of db's DB_LIST_DISTRICTS; Enter opens what db says its rows open. */
#include "tui/view.h"

struct view *view_districts_new(const struct config *cfg)
{
	return view_list_new(cfg, DB_LIST_DISTRICTS, NULL, NULL);
}
