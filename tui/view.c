/* view: what every view is made of, whatever it shows — so no view depends on another to exist. */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


bool view_captures_keys(const struct view *view)
{
	return view->ops->editing && view->ops->editing(view);
}

struct view *view_new(const struct view_ops *ops, void *data, const struct view_context *ctx, const char *title)
{
	struct view *view = xcalloc(1, sizeof(*view));
	view->ops = ops;
	view->data = data;
	view->ctx = ctx;
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

bool view_may_write(const struct view_context *ctx, int kind, char *why, size_t size)
{
	const struct db_whoami *who = ctx && ctx->session ? db_session_whoami(ctx->session) : NULL;
	if (!who || who->owner || !who->has_role || db_role_may_write(who->role, (enum db_record_kind)kind))
		return true;
	const char *what = db_record_def((enum db_record_kind)kind)->name;
	/* English picks its articles; another language says it in its own sentence, with the role's word and
	 * the record's title (the English msgid is never shown) */
#define OTHER_LANGUAGE "%s may not save records of this kind (%s); an administrator can give your login (%s) another role"
	if (strcmp(_(OTHER_LANGUAGE), OTHER_LANGUAGE) != 0) {
		snprintf(why, size, _("%s may not save records of this kind (%s); an administrator can give your login (%s) another role"),
			text_word(db_role_name(who->role)), view_text(db_record_def((enum db_record_kind)kind)->title), who->login);
		return false;
	}
#undef OTHER_LANGUAGE
	snprintf(why, size, "%s %s may not save %s %s; an administrator can give your login (%s) another role",
		who->role == DB_ROLE_ADMIN ? "an" : "a", db_role_name(who->role), strchr("aeiou", what[0]) ? "an" : "a",
		what, who->login);
	return false;
}

const char *view_today(const struct view_context *ctx)
{
	return ctx && ctx->session ? db_session_today(ctx->session) : NULL;
}

const struct view_hint *view_no_hints(struct view *view)
{
	(void)view;
	static const struct view_hint none[] = { { CONFIG_ACTION_NONE, NULL } };
	return none;
}

bool view_takes_keys(const struct view *view)
{
	(void)view;
	return true;
}
