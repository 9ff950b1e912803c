/* view_managers: the Managers pane — a keyset list of db's DB_LIST_MANAGERS; Enter opens what db says its rows open. */
#include "tui/view.h"

struct view *view_managers_new(const struct config *cfg)
{
	return view_list_new(cfg, DB_LIST_MANAGERS, NULL, NULL);
}
