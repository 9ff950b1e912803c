/* view_inspections: the Inspections pane — a keyset list of db's DB_LIST_INSPECTIONS; Enter opens what db says its rows open. */
#include "tui/view.h"

struct view *view_inspections_new(const struct config *cfg)
{
	return view_list_new(cfg, DB_LIST_INSPECTIONS, NULL, NULL);
}
