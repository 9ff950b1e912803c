/* view_backlog: the Backlog pane — db's DB_LIST_BACKLOG, every inspection not closed, most overdue first,
 * which b groups (by district, school, inspector, kind, severity) in place; Enter opens an inspection. */
#include "tui/view.h"

struct view *view_backlog_new(const struct config *cfg)
{
	return view_list_new(cfg, DB_LIST_BACKLOG, NULL, NULL);
}
