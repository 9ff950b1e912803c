/* view_cases: the Cases pane — for everyone the schools with students with special needs, counted with small
 * counts suppressed; a case worker starts on the cases of their district, from referral to the IEP's
 * reviews: its own keys open a case's decision, assessments, placements, transfers, sessions, progress,
 * contacts with the family and reviews held, the review backlog, and the transfers waiting for the
 * district's answer (accepted or declined on one screen). */
#include "tui/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void open_ieps(struct view *view, enum config_action action, struct intent *intent);
static void edit_iep(struct view *view, enum config_action action, struct intent *intent);
static void open_iep_part(struct view *view, enum config_action action, struct intent *intent);
static void iep_step(struct view *view, enum config_action action, struct intent *intent);

#define CASE_ROWS (LIST_BIT(DB_LIST_CASES) | LIST_BIT(DB_LIST_CASE_DUE))

/* The case of the selected row (a case, or a thing due of one) and its code, for the part's title. */
static void open_part(struct view *view, enum config_action action, struct intent *intent)
{
	enum db_list_kind part = action == CONFIG_ACTION_ASSESSMENTS ? DB_LIST_CASE_ASSESSMENTS
		: action == CONFIG_ACTION_PLACEMENTS ? DB_LIST_CASE_PLACEMENTS
		: action == CONFIG_ACTION_TRANSFERS ? DB_LIST_CASE_TRANSFERS
		: action == CONFIG_ACTION_SESSIONS ? DB_LIST_CASE_SESSIONS
		: action == CONFIG_ACTION_PROGRESS ? DB_LIST_CASE_PROGRESS
		: action == CONFIG_ACTION_CONTACTS ? DB_LIST_CASE_CONTACTS : DB_LIST_CASE_REVIEWS;
	const char *id = view_list_selected_id(view);
	if (!id) {
		view_refuse(intent, _("select a case first"));
		return;
	}
	view_list_open(view, part, id, view_list_selected_cell(view, "code"), NULL, intent);
}

/* I: the decision (认定) of the selected case, its own form over the case's columns. */
static void identify(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	const char *id = view_list_selected_id(view);
	if (!id) {
		view_refuse(intent, _("select a case first"));
		return;
	}
	intent->open = view_form_new(view->ctx, DB_RECORD_CASE_DECISION, id, NULL);
	intent->flags |= INTENT_OPEN;
}

/* U: what is due across the district's cases; Y: the transfers waiting for its answer. */
static void open_district_list(struct view *view, enum config_action action, struct intent *intent)
{
	view_list_open(view, action == CONFIG_ACTION_DUE ? DB_LIST_CASE_DUE : DB_LIST_TRANSFERS_INCOMING, NULL, NULL,
		NULL, intent);
}

/* ---- a transfer accepted or declined: one question, then iedesk.case_transfer_decide ---- */

struct decide {
	char *id, *code, *school;
	bool sending, accept;
};

static void decide_open(struct view *view, struct intent *intent)
{
	(void)view;
	intent->flags |= INTENT_REDRAW;
}

static void decide_finish(struct intent *intent, bool changed, bool error, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void decide_finish(struct intent *intent, bool changed, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(intent->message, sizeof(intent->message), fmt, ap);
	va_end(ap);
	intent->flags |= INTENT_BACK | INTENT_MESSAGE | INTENT_REDRAW | (changed ? INTENT_RELOAD : 0);
	intent->message_is_error = error;
}

static void decide_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct decide *d = view->data;
	intent->flags |= INTENT_REDRAW;
	if (d->sending)
		return;
	if (in->key == 27) {
		decide_finish(intent, false, false, "%s", _("the transfer is still waiting for your district's answer"));
		return;
	}
	if (in->key != 'y' && in->key != 'n')
		return;
	d->accept = in->key == 'y';
	d->sending = true;
	db_case_transfer_decide_request(d->id, d->accept, &intent->query);
	intent->flags |= INTENT_QUERY;
}

static void decide_result(struct view *view, unsigned purpose, const PGresult *res, const struct db_error *err,
	struct intent *intent)
{
	(void)purpose;
	struct decide *d = view->data;
	d->sending = false;
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK) {
		struct db_error why = { 0 };
		if (res)
			db_error_explain(&why, res);
		decide_finish(intent, res != NULL, true, "%s", res ? why.message : err->message);
	} else if (d->accept) {
		decide_finish(intent, true, false, _("the transfer of %s to %s is accepted: the case is your district's now"),
			d->code, d->school);
	} else {
		decide_finish(intent, true, false, _("the transfer of %s to %s is declined: the case stays where it was"),
			d->code, d->school);
	}
}

static void decide_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct decide *d = view->data;
	for (int y = top; y < top + rows; y++) {
		wmove(win, y, 0);
		wclrtoeol(win);
	}
	char line[600];
	snprintf(line, sizeof(line), _("Transfer of %s"), d->code);
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw_cut(win, top, 0, line, cols, false);
	wattrset(win, A_NORMAL);
	text_draw_cut(win, top + 2, 2, _("Accepted, the case moves to the school asked for, with its history, and is your"
		" district's; its old district no longer reads it."), cols - 2, false);
	snprintf(line, sizeof(line), _("Accept the transfer of %s to %s? (y accept / n decline / Esc)"), d->code, d->school);
	wattrset(win, theme_attr(CONFIG_COLOR_MARK));
	text_draw_cut(win, top + 4, 2, d->sending ? _("asking the database…") : line, cols - 2, false);
	wattrset(win, A_NORMAL);
}

static void decide_done(struct view *view)
{
	struct decide *d = view->data;
	free(d->id);
	free(d->code);
	free(d->school);
	free(d);
}

static const struct view_ops decide_ops = {
	.name = "transfer-decide",
	.open = decide_open,
	.draw = decide_draw,
	.input = decide_input,
	.result = decide_result,
	.hints = view_no_hints,
	.editing = view_takes_keys,
	.done = decide_done,
};

/* Y or Enter on an incoming transfer. */
static void decide_transfer(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	const char *id = view_list_selected_id(view);
	if (!id) {
		view_refuse(intent, _("no transfer is waiting for your district's answer"));
		return;
	}
	struct decide *d = xcalloc(1, sizeof(*d));
	d->id = xstrdup(id);
	d->code = xstrdup(view_list_selected_cell(view, "code"));
	d->school = xstrdup(view_list_selected_cell(view, "to_school"));
	char title[200];
	snprintf(title, sizeof(title), _("Transfer of %s"), d->code);
	intent->open = view_new(&decide_ops, d, view->ctx, title);
	intent->flags |= INTENT_OPEN;
}

static const struct list_action actions[] = {
	{ CONFIG_ACTION_IDENTIFY, CASE_ROWS, DB_RECORD_CASE_DECISION, identify },
	{ CONFIG_ACTION_ASSESSMENTS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_PLACEMENTS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_TRANSFERS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_SESSIONS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_PROGRESS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_CONTACTS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_REVIEWS, CASE_ROWS, -1, open_part },
	{ CONFIG_ACTION_DUE, LIST_BIT(DB_LIST_CASES), -1, open_district_list },
	{ CONFIG_ACTION_INCOMING, LIST_BIT(DB_LIST_CASES), -1, open_district_list },
	{ CONFIG_ACTION_INCOMING, LIST_BIT(DB_LIST_TRANSFERS_INCOMING), DB_RECORD_CASE_TRANSFER, decide_transfer },
	{ CONFIG_ACTION_ENTER, LIST_BIT(DB_LIST_TRANSFERS_INCOMING), DB_RECORD_CASE_TRANSFER, decide_transfer },
	{ CONFIG_ACTION_IEPS, LIST_BIT(DB_LIST_CASES), -1, open_ieps },
	{ CONFIG_ACTION_EDIT, LIST_BIT(DB_LIST_CASE_IEPS), DB_RECORD_IEP, edit_iep },
	{ CONFIG_ACTION_IEP_TEAM, LIST_BIT(DB_LIST_CASE_IEPS), -1, open_iep_part },
	{ CONFIG_ACTION_IEP_GOALS, LIST_BIT(DB_LIST_CASE_IEPS), -1, open_iep_part },
	{ CONFIG_ACTION_ACCOMMODATIONS, LIST_BIT(DB_LIST_CASE_IEPS), -1, open_iep_part },
	{ CONFIG_ACTION_SERVICES, LIST_BIT(DB_LIST_CASE_IEPS), -1, open_iep_part },
	{ CONFIG_ACTION_FINALISE, LIST_BIT(DB_LIST_CASE_IEPS), DB_RECORD_IEP, iep_step },
	{ CONFIG_ACTION_AMEND, LIST_BIT(DB_LIST_CASE_IEPS), DB_RECORD_IEP, iep_step },
	{ CONFIG_ACTION_NONE, 0, -1, NULL },
};

/* A case's IEPs offer their parts and versions on the hints line, as few other keys do. */
static const struct view_hint iep_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, NC_("hint", "Open") }, { CONFIG_ACTION_NEW, N_("New") },
	{ CONFIG_ACTION_EDIT, N_("Edit") }, { CONFIG_ACTION_IEP_TEAM, N_("Team") }, { CONFIG_ACTION_IEP_GOALS, N_("Goals") },
	{ CONFIG_ACTION_ACCOMMODATIONS, N_("Accommodations") }, { CONFIG_ACTION_SERVICES, N_("Services") },
	{ CONFIG_ACTION_FINALISE, N_("Finalise") }, { CONFIG_ACTION_AMEND, N_("Revise") },
	{ CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};

/* The hints line offers a case worker the steps of the cycle first. */
static const struct view_hint case_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, NC_("hint", "Open") }, { CONFIG_ACTION_NEW, N_("New") },
	{ CONFIG_ACTION_IDENTIFY, N_("Identify") }, { CONFIG_ACTION_ASSESSMENTS, N_("Assessments") },
	{ CONFIG_ACTION_PLACEMENTS, N_("Placements") }, { CONFIG_ACTION_DUE, N_("Due") },
	{ CONFIG_ACTION_INCOMING, N_("Incoming") }, { CONFIG_ACTION_FILTER, N_("Filter") },
	{ CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};
static const struct view_hint due_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, NC_("hint", "Open") },
	{ CONFIG_ACTION_IDENTIFY, N_("Identify") }, { CONFIG_ACTION_ASSESSMENTS, N_("Assessments") },
	{ CONFIG_ACTION_REVIEWS, N_("Reviews held") }, { CONFIG_ACTION_FILTER, N_("Filter") },
	{ CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};
static const struct view_hint incoming_hints[] = {
	{ CONFIG_ACTION_HELP, N_("Help") }, { CONFIG_ACTION_ENTER, N_("Accept or decline") },
	{ CONFIG_ACTION_FILTER, N_("Filter") }, { CONFIG_ACTION_BACK, N_("Back") }, { CONFIG_ACTION_NONE, NULL },
};
static const struct list_hints hints[] = {
	{ LIST_BIT(DB_LIST_CASES), case_hints },
	{ LIST_BIT(DB_LIST_CASE_DUE), due_hints },
	{ LIST_BIT(DB_LIST_TRANSFERS_INCOMING), incoming_hints },
	{ LIST_BIT(DB_LIST_CASE_IEPS), iep_hints },
	{ 0, NULL },
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
	.actions = actions, .hints = hints, .start = start_on_cases,
};

/* ---- the IEP ---- */

/* p: the case's IEPs, titled by its code (the name of a case's row is its school). */
static void open_ieps(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	const char *id = view_list_selected_id(view);
	if (id)
		view_list_open(view, DB_LIST_CASE_IEPS, id, view_list_selected_cell(view, "code"), NULL, intent);
}

static bool selected_is_final(const struct view *view)
{
	return strcmp(view_list_selected_cell(view, "status"), "final") == 0;
}

/* e on a draft edits it; on a final IEP only the parents' consent, which is all the database lets change. */
static void edit_iep(struct view *view, enum config_action action, struct intent *intent)
{
	(void)action;
	const char *id = view_list_selected_id(view);
	if (!id)
		return;
	intent->open = view_form_new(view->ctx, selected_is_final(view) ? DB_RECORD_IEP_CONSENT : DB_RECORD_IEP, id, NULL);
	intent->flags |= INTENT_OPEN;
}

/* M, y, J and B: the IEP's team, goals, accommodations and services, titled by the case's code and which IEP. */
static void open_iep_part(struct view *view, enum config_action action, struct intent *intent)
{
	const char *id = view_list_selected_id(view);
	if (!id)
		return;
	enum db_list_kind part = action == CONFIG_ACTION_IEP_TEAM ? DB_LIST_IEP_MEMBERS
		: action == CONFIG_ACTION_IEP_GOALS ? DB_LIST_IEP_GOALS
		: action == CONFIG_ACTION_ACCOMMODATIONS ? DB_LIST_IEP_ACCOMMODATIONS : DB_LIST_IEP_SERVICES;
	const char *code = view_list_parent_name(view);
	/* TRANSLATORS: a case's code, then which of its IEPs: "HR-2026-0008 IEP 2" */
	char *name = xasprintf(_("%s %s"), code ? code : "", view_list_selected_name(view));
	view_list_open(view, part, id, name, NULL, intent);
	free(name);
}

/* F and A on an IEP: a question on one screen, then one statement; the database numbers the version and
 * records who and when (iedesk.iep_finalise, iedesk.iep_revise). */
enum iep_step_stage { IEP_LOADING, IEP_ASKING, IEP_SENDING };

struct iep_step {
	bool revise;               /* A: revise a final IEP into a new draft; else F: finalise the draft */
	char *iep_id;
	struct db_iep_state state; /* as loaded: its version is what finalising checks */
	enum iep_step_stage stage;
};

static void iep_step_open(struct view *view, struct intent *intent)
{
	struct iep_step *s = view->data;
	db_iep_state_request(s->iep_id, &intent->query);
	intent->flags |= INTENT_QUERY | INTENT_REDRAW;
}

static void iep_step_result(struct view *view, unsigned purpose, const PGresult *res, const struct db_error *err,
	struct intent *intent)
{
	(void)purpose;
	struct iep_step *s = view->data;
	struct db_error why = { 0 };
	if (s->stage == IEP_LOADING) {
		if (!res || !db_iep_state_parse(res, &s->state, &why)) {
			decide_finish(intent, false, true, "%s", res ? why.message : err->message);
			return;
		}
		bool final = s->state.status && strcmp(s->state.status, "final") == 0;
		if (s->revise && !final)
			decide_finish(intent, false, true, "%s", _("this IEP is the draft, still open to change: F finalises it"));
		else if (!s->revise && final)
			decide_finish(intent, false, true, _("IEP %s is already final: A revises it into a new draft"),
				s->state.number ? s->state.number : "");
		else
			s->stage = IEP_ASKING;
		intent->flags |= INTENT_REDRAW;
		return;
	}
	/* a refusal (an incomplete draft, a second draft, someone else's change) is the database's sentence */
	if (!res || PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		if (res)
			db_error_explain(&why, res);
		decide_finish(intent, false, true, "%s", res ? why.message : err->message);
	} else if (s->revise) {
		snprintf(intent->select_id, sizeof(intent->select_id), "%s", PQgetvalue(res, 0, 0));
		intent->select_kind = DB_RECORD_IEP;
		decide_finish(intent, true, false, _("IEP %s of %s is revised: the new draft starts as its copy"),
			s->state.number ? s->state.number : "", s->state.code ? s->state.code : "");
	} else {
		decide_finish(intent, true, false, _("the IEP of %s is final: version %s"), s->state.code ? s->state.code : "",
			PQgetvalue(res, 0, 0));
	}
}

static void iep_step_input(struct view *view, const struct view_input *in, struct intent *intent)
{
	struct iep_step *s = view->data;
	intent->flags |= INTENT_REDRAW;
	if (s->stage == IEP_SENDING)
		return;
	if (s->stage == IEP_ASKING && in->key == 'y') {
		if (s->revise)
			db_iep_revise_request(s->iep_id, &intent->query);
		else
			db_iep_finalise_request(s->iep_id, s->state.version, &intent->query);
		s->stage = IEP_SENDING;
		intent->flags |= INTENT_QUERY;
		return;
	}
	if (s->stage == IEP_ASKING || in->key == 27)
		decide_finish(intent, false, false, "%s", s->revise ? _("no new draft was made") : _("the IEP was left a draft"));
}

static void iep_step_draw(struct view *view, WINDOW *win, int top, int rows, int cols)
{
	struct iep_step *s = view->data;
	for (int y = top; y < top + rows; y++) {
		wmove(win, y, 0);
		wclrtoeol(win);
	}
	const char *code = s->state.code ? s->state.code : "";
	char line[600];
	if (s->revise)
		snprintf(line, sizeof(line), _("Revise IEP %s of %s"), s->state.number ? s->state.number : "", code);
	else
		snprintf(line, sizeof(line), _("Finalise the IEP of %s"), code);
	wattrset(win, theme_attr(CONFIG_COLOR_HEADER));
	text_draw_cut(win, top, 0, line, cols, false);
	wattrset(win, A_NORMAL);
	int y = top + 2;
	if (s->stage != IEP_ASKING) {
		text_draw_cut(win, y, 2, s->stage == IEP_LOADING ? _("reading the IEP…") : _("asking the database…"), cols - 2,
			false);
		return;
	}
	if (s->revise) {
		snprintf(line, sizeof(line), _("Revise IEP %s into a new draft?"), s->state.number ? s->state.number : "");
		text_draw_cut(win, y++, 2, line, cols - 2, false);
		text_draw_cut(win, y++, 2, _("The draft starts as a copy of it, its consent not yet asked; it stays as it is."),
			cols - 2, false);
	} else {
		snprintf(line, sizeof(line), _("Finalise the IEP of %s? It becomes version %s and cannot be changed."), code,
			s->state.next_number ? s->state.next_number : "");
		text_draw_cut(win, y++, 2, line, cols - 2, false);
		text_draw_cut(win, y++, 2, _("Changing it later makes the next version (A); your login and the time are kept."),
			cols - 2, false);
	}
	y++;
	wattrset(win, theme_attr(CONFIG_COLOR_MARK));
	text_draw_cut(win, y, 2, _("y: yes   any other key: no"), cols - 2, false);
	wattrset(win, A_NORMAL);
}

static void iep_step_done(struct view *view)
{
	struct iep_step *s = view->data;
	free(s->iep_id);
	db_iep_state_done(&s->state);
	free(s);
}

static const struct view_ops iep_step_ops = {
	.name = "iep-step",
	.open = iep_step_open,
	.draw = iep_step_draw,
	.input = iep_step_input,
	.result = iep_step_result,
	.hints = view_no_hints,
	.editing = view_takes_keys,
	.done = iep_step_done,
};

static void iep_step(struct view *view, enum config_action action, struct intent *intent)
{
	const char *id = view_list_selected_id(view);
	if (!id)
		return;
	struct iep_step *s = xcalloc(1, sizeof(*s));
	s->revise = action == CONFIG_ACTION_AMEND;
	s->iep_id = xstrdup(id);
	intent->open = view_new(&iep_step_ops, s, view->ctx, s->revise ? _("Revise") : _("Finalise"));
	intent->flags |= INTENT_OPEN;
}
