/* view: what every view is made of, whatever it shows — so no view depends on another to exist. */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define VIEW_PANE_ADDRESS(id, name) [VIEW_PANE_##id] = &view_pane_##name,
const struct view_pane *const view_panes[VIEW_PANE_COUNT] = { VIEW_PANE_INFO(VIEW_PANE_ADDRESS) };
#undef VIEW_PANE_ADDRESS

bool view_captures_keys(const struct view *view)
{
	return view->ops->editing && view->ops->editing(view);
}

struct view *view_new(const struct view_ops *ops, void *data, const struct config *cfg, const char *title)
{
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = ops;
	view->data = data;
	view->cfg = cfg;
	view->page_rows = 20;
	snprintf(view->title, sizeof(view->title), "%s", title);
	return view;
}

void view_free(struct view *view)
{
	if (!view)
		return;
	view->ops->done(view);
	db_request_done(&view->deferred);
	free(view);
}

long long view_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void view_status_set(struct view_status *status, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(status->text, sizeof(status->text), fmt, ap);
	va_end(ap);
	status->error = error;
}
