/* list: the lists of db/pane_*.c as SQL, a window of rows at a time by keyset (never OFFSET, never the
 * whole table), and their results as rows of display-ready text. */
#include "db/private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_LIST_SPEC(id, name) [DB_LIST_##id] = &db_list_##name,
static const struct db_list_spec *const specs[DB_LIST_COUNT] = { DB_LIST_INFO(DB_LIST_SPEC) };
#undef DB_LIST_SPEC

/* ---- building the SQL, once per list and window, from the constant fragments above ---- */


static bool window_has_key(enum db_window where)
{
	return where == DB_WINDOW_AFTER || where == DB_WINDOW_BEFORE || where == DB_WINDOW_FROM;
}

/* BEFORE and LAST walk the display order backwards; db_rows_parse turns them round. */
static bool window_reversed(enum db_window where)
{
	return where == DB_WINDOW_BEFORE || where == DB_WINDOW_LAST;
}

/* The inner query of a window: its rows in key order from where, up to the limit. */
static void window_rows_sql(struct sql_buffer *b, const struct db_list_query *q, int nkeys, enum db_window where,
		const char *from, const char *only_if)
{
	bool backwards = q->descending != window_reversed(where);
	const char *dir = backwards ? " DESC" : "";
	const char *op = "";
	if (where == DB_WINDOW_AFTER)
		op = q->descending ? "<" : ">";
	else if (where == DB_WINDOW_FROM)
		op = q->descending ? "<=" : ">=";
	else if (where == DB_WINDOW_BEFORE)
		op = q->descending ? ">" : "<";

	sql_add(b, "SELECT %s", q->columns);
	for (int k = 0; k < nkeys; k++)
		sql_add(b, ", %s AS k%d", q->key_expr[k], k);
	sql_add(b, " FROM %s WHERE ", from);
	if (q->where)
		sql_add(b, "%s AND ", q->where);
	sql_add(b, "($1::text = '' OR %s)", q->filter);
	if (only_if)
		sql_add(b, " AND (%s)", only_if);
	int param = q->has_parent ? 3 : 2;
	if (window_has_key(where)) {
		sql_add(b, " AND (");
		for (int k = 0; k < nkeys; k++)
			sql_add(b, "%s%s", k ? ", " : "", q->key_expr[k]);
		sql_add(b, ") %s (", op);
		for (int k = 0; k < nkeys; k++)
			sql_add(b, "%s$%d::%s", k ? ", " : "", param++, q->key_type[k]);
		sql_add(b, ")");
	}
	sql_add(b, " ORDER BY ");
	for (int k = 0; k < nkeys; k++)
		sql_add(b, "%sk%d%s", k ? ", " : "", k, dir);
	sql_add(b, " LIMIT $%d::bigint", param);
}

static char *list_sql_build(enum db_list_kind kind, enum db_window where)
{
	const struct db_list_query *q = db_list_spec(kind)->query;
	int nkeys = db_list_spec(kind)->nkeys;
	const char *dir = q->descending != window_reversed(where) ? " DESC" : "";

	struct sql_buffer b = { 0 };
	sql_add(&b, "SELECT %s", q->select);
	for (int k = 0; k < nkeys; k++) {
		if (!strcmp(q->key_type[k], "date"))
			sql_add(&b, ", to_char(w.k%d, 'YYYY-MM-DD')", k);
		else
			sql_add(&b, ", w.k%d::text", k);
	}
	sql_add(&b, " FROM (");
	if (q->narrow_from) {
		/* Two ways to the same rows, planned apart; the condition, evaluated once, runs one of them. */
		char *narrow = xasprintf("$1::text <> '' AND %s", q->narrow);
		char *wide = xasprintf("NOT (%s)", narrow);
		sql_add(&b, "(");
		window_rows_sql(&b, q, nkeys, where, q->from, wide);
		sql_add(&b, ") UNION ALL (");
		window_rows_sql(&b, q, nkeys, where, q->narrow_from, narrow);
		sql_add(&b, ")");
		free(wide);
		free(narrow);
	} else {
		window_rows_sql(&b, q, nkeys, where, q->from, NULL);
	}
	sql_add(&b, ") w%s ORDER BY ", q->joins);
	for (int k = 0; k < nkeys; k++)
		sql_add(&b, "%sw.k%d%s", k ? ", " : "", k, dir);
	return b.text;
}

/* Built at first use and kept for the life of the program: the same text every time, so each can
 * become a prepared statement. */
static const char *list_sql(enum db_list_kind kind, enum db_window where)
{
	static char *cache[DB_LIST_COUNT][DB_WINDOW_FROM + 1];
	if (!cache[kind][where])
		cache[kind][where] = list_sql_build(kind, where);
	return cache[kind][where];
}

/* ---- what the queries give, as shown ---- */

/* The words the queries of db/pane_*.c show and the sentences they put together from parts, by code: a
 * field DB_MESSAGE_SQL(code, parts) is shown as its text with the parts in place of %s (or %1$s, %2$s in a
 * translation that turns them round). "list" is its parts that are not empty, joined by ", ". Sorted by
 * code for bsearch; each text shown with text_in_context (NC_ for a short word that reads differently
 * elsewhere). */
static const struct message {
	const char *code, *format;
} messages[] = {
	{ "accommodations", N_("Accommodations") },
	{ "action-item", N_("Action item") },
	{ "action-items", N_("Action items") },
	{ "action-line", N_("%s — %s, %s (decision %s)") },
	{ "activities", N_("Activities") },
	{ "activity-line", N_("%s: %s (parents %s, teachers %s, students %s, partners %s)") },
	{ "address", N_("Address") },
	{ "agenda", NC_("section", "Agenda") },
	{ "amendment", N_("by %s: %s — %s") },
	{ "amendments", N_("Amendments") },
	{ "answer-on", N_("%s on %s") },
	{ "appointment-span", N_("%s – %s, %s") },
	{ "archived", N_("Archived") },
	{ "archived-count", NC_("count", "Archived") },
	{ "assessment-by", N_("%s, by %s") },
	{ "assessment-line", N_("%s, by %s: %s") },
	{ "assessments", N_("Assessments") },
	{ "attendees", N_("Attendees") },
	{ "autism-base", N_("Autism base") },
	{ "autism-bases", N_("Autism bases") },
	{ "by-date", N_("by %s") },
	{ "case", N_("Case") },
	{ "case-counts", N_("Student cases (counts only)") },
	{ "case-decision", NC_("case section", "Decision") },
	{ "chair", N_("Chair") },
	{ "changed", N_("%s changed %s") },
	{ "checks", N_("Checks") },
	{ "closed", N_("Closed") },
	{ "closed-count", NC_("count", "Closed") },
	{ "closed-on", N_("closed %s") },
	{ "code", N_("Code") },
	{ "consent", N_("Consent") },
	{ "consortia", N_("Consortia") },
	{ "consortium", N_("Consortium") },
	{ "consortium-joined", N_("%s (joined %s)") },
	{ "consortium-joined-left", N_("%s (joined %s, left %s)") },
	{ "contact-line", N_("%s with %s: %s") },
	{ "contact-person", N_("Contact person") },
	{ "contacts", N_("Home-school contacts") },
	{ "coordinators", N_("Coordinators") },
	{ "count-severity", N_("%s %s") },
	{ "count-small-at", N_("%s (and <3 at %s schools)") },
	{ "created-it", N_("%s created it") },
	{ "current-iep", N_("Current IEP") },
	{ "date", N_("Date") },
	{ "date-days-overdue", N_("%s (%s days overdue)") },
	{ "days", N_("%s days") },
	{ "days-overdue", N_("%s days overdue") },
	{ "decided", N_("Decided") },
	{ "decided-by", N_("Decided by") },
	{ "decided-on", N_("Decided on") },
	{ "decision", N_("Decision") },
	{ "decisions", N_("Decisions") },
	{ "deleted-it", N_("%s deleted it") },
	{ "district", N_("District") },
	{ "district-of", N_("District") },
	{ "done-count", NC_("count", "Done") },
	{ "done-on", N_("done %s") },
	{ "drafts", N_("Drafts") },
	{ "due", N_("Due") },
	{ "due-on", N_("due %s") },
	{ "earlier-inspections", N_("Earlier at this school") },
	{ "email", N_("Email") },
	{ "ends", N_("End") },
	{ "english-name", N_("English name") },
	{ "final-again", N_("final again %s by %s") },
	{ "final-amending", N_("%s — amendment open since %s by %s") },
	{ "final-since", N_("final since %s") },
	{ "final-since-by", N_("final since %s by %s") },
	{ "finding", N_("Finding") },
	{ "findings", N_("Findings") },
	{ "follow-up-line", N_("%s, %s (finding: %s)") },
	{ "follow-ups", N_("Follow-ups") },
	{ "found", N_("Found") },
	{ "founded", N_("Founded") },
	{ "gap-days", N_("%s days") },
	{ "gap-managers-since", N_("%s managers since %s") },
	{ "gap-never", N_("never had one") },
	{ "gap-no-training", N_("no training recorded") },
	{ "goal-area", N_("%s. %s") },
	{ "goal-name", N_("%s: %s") },
	{ "goals", N_("Goals") },
	{ "headteacher", N_("Headteacher") },
	{ "held", N_("Held") },
	{ "history", N_("History") },
	{ "identification", N_("Identification") },
	{ "iep", N_("IEP") },
	{ "iep-draft", N_("draft") },
	{ "iep-draft-of", N_("%s — IEP draft") },
	{ "iep-final-by", N_("version %s, final since %s by %s") },
	{ "iep-number", N_("IEP %s") },
	{ "iep-number-of", N_("%s — IEP %s") },
	{ "iep-span", N_("%s, %s – %s, consent %s") },
	{ "ieps", N_("IEPs") },
	{ "inspection", N_("Inspection") },
	{ "inspection-title", N_("%s — %s, %s") },
	{ "inspections", N_("Inspections") },
	{ "inspector", N_("Inspector") },
	{ "kind", N_("Kind") },
	{ "kind-of", N_("%s of %s") },
	{ "latest", N_("Latest") },
	{ "lead-partner", N_("Lead partner") },
	{ "lead-school", N_("Lead school") },
	{ "locale", N_("Locale") },
	{ "location", N_("Location") },
	{ "manager", N_("Manager") },
	{ "manager-history", N_("Manager history") },
	{ "meeting", N_("Meeting") },
	{ "meetings", N_("Meetings") },
	{ "member-districts", N_("Members by district") },
	{ "member-joined", N_("%s — %s, joined %s") },
	{ "member-joined-weak", N_("%s — %s, joined %s; %s") },
	{ "member-left", N_("%s — %s, joined %s, left %s") },
	{ "members", N_("Members") },
	{ "minutes", N_("Minutes") },
	{ "name", N_("Name") },
	{ "name-code", N_("%s (%s)") },
	{ "name-members", N_("%s (%s members)") },
	{ "need", N_("Need") },
	{ "no-resource-classroom", N_("no resource classroom") },
	{ "none-recorded", N_("none recorded") },
	{ "notes", N_("Notes") },
	{ "nothing", N_("nothing") },
	{ "now", N_("now") },
	{ "objective-line", N_("• %s (%s)") },
	{ "open-actions", N_("Open actions") },
	{ "open-cases", N_("Open cases") },
	{ "organisation-count", N_("%s — %s") },
	{ "other-inspections", N_("Other inspections of the action item") },
	{ "overdue", N_("Overdue") },
	{ "overdue-actions", N_("Overdue actions") },
	{ "overdue-count", NC_("count", "Overdue") },
	{ "owner", N_("Owner") },
	{ "parent-committee", N_("Parent committee") },
	{ "parents-answer", N_("Parents' answer") },
	{ "parents-informed", N_("Parents informed") },
	{ "partner", N_("Partner") },
	{ "partner-kind", N_("Partner kind") },
	{ "partnership-line", N_("%s: %s, %s – %s") },
	{ "partnerships", N_("Partnerships") },
	{ "people", N_("%s people") },
	{ "phone", N_("Phone") },
	{ "placement", N_("Placement") },
	{ "placement-at", N_("%s at %s") },
	{ "placement-hours", N_("%s at %s, %s hours a week") },
	{ "placements", N_("Placements") },
	{ "planned", N_("Planned") },
	{ "planned-count", NC_("count", "Planned") },
	{ "present-levels", N_("Present levels") },
	{ "progress", N_("Progress") },
	{ "progress-line", N_("%s: %s") },
	{ "provides", N_("provides") },
	{ "read-it", N_("%s read it") },
	{ "reason", N_("Reason") },
	{ "receives", N_("receives") },
	{ "referral", N_("Referral") },
	{ "referred-by", N_("Referred by") },
	{ "referred-on", N_("Referred") },
	{ "region", N_("Region") },
	{ "resolved-on", N_("resolved %s") },
	{ "resolved-on-note", N_("resolved %s: %s") },
	{ "resource", N_("%s: %s") },
	{ "resource-capacity", N_("%s: %s (capacity %s)") },
	{ "resource-center", N_("Resource center") },
	{ "resource-centers", N_("Resource centers") },
	{ "resource-classroom", N_("Resource classroom") },
	{ "resource-classrooms", N_("Resource classrooms") },
	{ "resource-from", N_("%s: %s (from %s)") },
	{ "resource-from-capacity", N_("%s: %s (from %s, capacity %s)") },
	{ "resource-in", N_("%s: %s (%s)") },
	{ "resource-in-capacity", N_("%s: %s (%s, capacity %s)") },
	{ "review", N_("Review") },
	{ "review-line", N_("%s: %s") },
	{ "reviews-held", N_("Reviews held") },
	{ "reviews-overdue", N_("Reviews overdue") },
	{ "rural-weak", N_("Rural and weak members") },
	{ "school", N_("School") },
	{ "schools", N_("Schools") },
	{ "schools-open", NC_("schools", "Open") },
	{ "secretary", N_("Secretary") },
	{ "sector", N_("Sector") },
	{ "service-line", N_("%s, %s a week, %s minutes each") },
	{ "services", N_("Services") },
	{ "session-line", N_("%s by %s, %s minutes") },
	{ "sessions-latest", N_("Sessions (the latest 5)") },
	{ "severity-none", N_("none (planned, or nothing open)") },
	{ "severity-text", N_("%s: %s") },
	{ "shared-resources", N_("Shared resources") },
	{ "since", N_("Since") },
	{ "small-at", N_("(and <3 at %s schools)") },
	{ "small-cells", N_("other needs (fewer than 3 each, not named)") },
	{ "small-placements", N_("other settings (fewer than 3 each, not named)") },
	{ "stage", N_("Stage") },
	{ "starts", N_("Start") },
	{ "status", N_("Status") },
	{ "students", N_("Students with special needs") },
	{ "summary", N_("Summary") },
	{ "summary-backlog", N_("%s open · %s overdue · %s to visit · %s with findings open · %s to close · %s high") },
	{ "summary-backlog-oldest", N_("%s open · %s overdue (oldest %s days) · %s to visit · %s with findings open · %s to close · %s high") },
	{ "summary-districts", N_("%s districts with open items · %s open in all · %s overdue") },
	{ "summary-inspectors", N_("%s inspectors with open items · %s open items have no inspector") },
	{ "summary-kinds", N_("%s kinds with open items · %s open in all · %s overdue") },
	{ "summary-report", N_("This term: from %s to %s · %s rows · median days: from the visit to closing") },
	{ "summary-schools", N_("%s schools with open items · %s open in all · %s overdue") },
	{ "summary-severities", N_("%s severities with open items · %s open in all · %s overdue") },
	{ "summary-unverified", N_("%s action items past due that no inspection checks: P plans one") },
	{ "team", N_("Team") },
	{ "text-dash", N_("%s — %s") },
	{ "title", N_("Title") },
	{ "total", N_("Total") },
	{ "training-hours", N_("%s, %s hours") },
	{ "training-not-held", N_("%s, %s hours, not held yet") },
	{ "trainings", N_("Trainings of the manager") },
	{ "transfer-line", N_("to %s (%s): %s") },
	{ "transfers", N_("Transfers") },
	{ "tried-first", N_("Tried first") },
	{ "vacant-since", N_("vacant since %s") },
	{ "visited", N_("Visited") },
	{ "visited-on", N_("visited %s") },
	{ "weak-can-use", N_("%s — can use %s") },
	{ "weak-shares-nothing", N_("%s — the others share nothing yet") },
	{ "what-was-done", N_("What was done") },
	{ "without-manager", N_("Without a manager") },
	{ "workload", N_("Workload") },
};

static int message_compare(const void *key, const void *entry)
{
	return strcmp(key, ((const struct message *)entry)->code);
}

/* format with the parts put in: %s the next one, %N$s the Nth, %% a percent sign. */
static void message_put(struct sql_buffer *b, const char *format, char **parts, int nparts)
{
	int next = 0;
	for (const char *f = format; *f; f++) {
		if (*f != '%') {
			sql_add(b, "%c", *f);
			continue;
		}
		if (f[1] == '%') {
			sql_add(b, "%%");
			f++;
			continue;
		}
		int n = next++;
		const char *g = f + 1;
		if (g[0] >= '1' && g[0] <= '9' && g[1] == '$') {
			n = g[0] - '1';
			g += 2;
		}
		if (*g != 's') {   /* not a directive of ours: as it is */
			sql_add(b, "%%");
			continue;
		}
		sql_add(b, "%s", n < nparts ? parts[n] : "");
		f = g;
	}
}

static char *shown_until(const char **s, bool in_message);

/* The message at *s (just past its DB_MARK_MESSAGE) into b, *s moved past its end. */
static void message_shown(struct sql_buffer *b, const char **s)
{
	const char *code = *s;
	size_t len = strcspn(code, DB_MARK_PART_S DB_MARK_END_S);
	*s = code + len;
	char *parts[DB_MESSAGE_MAX_PARTS] = { 0 };
	int nparts = 0;
	while (**s == DB_MARK_PART) {
		(*s)++;
		char *part = shown_until(s, true);
		if (nparts < DB_MESSAGE_MAX_PARTS)
			parts[nparts++] = part;
		else
			free(part);
	}
	if (**s == DB_MARK_END)
		(*s)++;
	char *key = xasprintf("%.*s", (int)len, code);
	if (!strcmp(key, "list")) {
		bool first = true;
		for (int i = 0; i < nparts; i++) {
			if (!*parts[i])
				continue;
			sql_add(b, "%s%s", first ? "" : _(", "), parts[i]);
			first = false;
		}
	} else {
		const struct message *m = bsearch(key, messages, sizeof(messages) / sizeof(messages[0]),
			sizeof(messages[0]), message_compare);
		if (m)
			message_put(b, text_in_context(m->format), parts, nparts);
		else
			sql_add(b, "%s", key);
	}
	free(key);
	for (int i = 0; i < nparts; i++)
		free(parts[i]);
}

/* The text at *s as shown, up to its end or (in a message) the end of the part; *s moved there. */
static char *shown_until(const char **s, bool in_message)
{
	struct sql_buffer b = { 0 };
	sql_add(&b, "%s", "");
	const char *t = *s;
	if (*t == DB_MARK_WORD) {   /* a code: the whole field or part */
		size_t len = strcspn(t + 1, in_message ? DB_MARK_PART_S DB_MARK_END_S : "");
		char *code = xasprintf("%.*s", (int)len, t + 1);
		sql_add(&b, "%s", text_word(code));
		free(code);
		*s = t + 1 + len;
		return b.text;
	}
	while (*t && !(in_message && (*t == DB_MARK_PART || *t == DB_MARK_END))) {
		char iso[11] = "";
		if (*t == DB_MARK_DATE && strnlen(t + 1, 10) == 10)
			memcpy(iso, t + 1, 10);
		if (*t == DB_MARK_MESSAGE) {
			t++;
			message_shown(&b, &t);
		} else if (*t == DB_MARK_DATE && db_date_valid(iso)) {
			char *date = text_date(iso);
			sql_add(&b, "%s", date);
			free(date);
			t += 11;
		} else {
			sql_add(&b, "%c", *t++);   /* a mark out of place stays, shown as any control is */
		}
	}
	*s = t;
	return b.text;
}

char *db_text_shown(const char *stored)
{
	if (!stored)
		return xstrdup("");
	if (!stored[strcspn(stored, DB_MARKS_S)])
		return xstrdup(stored);
	return shown_until(&stored, false);
}

/* A cell of column as shown; a word's or a date's keeps the stored text after its NUL, for db_row_cell. */
static char *cell_shown(const struct db_column *column, const char *stored)
{
	char *shown_text;
	if (column->cell == DB_CELL_WORD)
		shown_text = xstrdup(text_word(stored));
	else if (column->cell == DB_CELL_DATE)
		shown_text = text_date(stored);
	else
		return db_text_shown(stored);
	size_t n = strlen(shown_text), m = strlen(stored);
	char *both = xmalloc(n + 1 + m + 1);
	memcpy(both, shown_text, n + 1);
	memcpy(both + n + 1, stored, m + 1);
	free(shown_text);
	return both;
}

/* ---- public ---- */

/* A list whose date columns are too narrow for the date format: a copy of its spec with them widened, made
 * once per format width and kept for the life of the program, so columns line up whatever the format. */
static const struct db_list_spec *spec_for_dates(enum db_list_kind kind)
{
	static struct db_list_spec *widened[DB_LIST_COUNT];
	static int widened_for[DB_LIST_COUNT];
	const struct db_list_spec *spec = specs[kind];
	int width = text_date_width();
	bool narrow = false;
	for (int i = 0; i < spec->ncolumns; i++)
		if (spec->columns[i].cell == DB_CELL_DATE && spec->columns[i].width < width)
			narrow = true;
	if (!narrow)
		return spec;
	if (widened[kind] && widened_for[kind] == width)
		return widened[kind];
	if (widened[kind]) {
		free((void *)widened[kind]->columns);
		free(widened[kind]);
	}
	struct db_list_spec *copy = xmalloc(sizeof(*copy));
	*copy = *spec;
	struct db_column *columns = xcalloc((size_t)spec->ncolumns, sizeof(*columns));
	for (int i = 0; i < spec->ncolumns; i++) {
		columns[i] = spec->columns[i];
		if (columns[i].cell == DB_CELL_DATE && columns[i].width < width) {
			/* a shorter minimum than the date's: it keeps the date whole, as the ISO date is kept */
			if (columns[i].min_width >= columns[i].width)
				columns[i].min_width = width;
			columns[i].width = width;
		}
	}
	copy->columns = columns;
	widened[kind] = copy;
	widened_for[kind] = width;
	return copy;
}

const struct db_list_spec *db_list_spec(enum db_list_kind kind)
{
	return spec_for_dates((enum db_list_kind)db_kind_check((int)kind, 0, DB_LIST_COUNT, "list"));
}

bool db_list_needs_parent(enum db_list_kind kind)
{
	return db_list_spec(kind)->query->has_parent;
}

const struct db_list_open *db_list_open_target(enum db_list_kind kind)
{
	return db_list_spec(kind)->open;
}

bool db_list_check(enum db_list_kind kind, char *why, size_t size)
{
	const struct db_list_spec *spec = db_list_spec(kind);
	const struct db_list_query *q = spec->query;
	if (!q || !q->columns || !q->from || !q->filter || !q->select || !q->joins) {
		snprintf(why, size, "the %s list's query lacks a part", spec->name);
		return false;
	}
	if (spec->nkeys < 1 || spec->nkeys > DB_LIST_MAX_KEYS) {
		snprintf(why, size, "the %s list has %d keys", spec->name, spec->nkeys);
		return false;
	}
	for (int k = 0; k < spec->nkeys; k++) {
		if (!q->key_expr[k] || !q->key_type[k]) {
			snprintf(why, size, "the %s list's key %d has no expression or type", spec->name, k);
			return false;
		}
	}
	if (q->tally_where && !q->tally) {
		snprintf(why, size, "the %s list's tally rows have no expression", spec->name);
		return false;
	}
	return true;
}

int db_list_column(const struct db_list_spec *spec, const char *name)
{
	for (int i = 0; i < spec->ncolumns; i++)
		if (!strcmp(spec->columns[i].name, name))
			return i;
	fprintf(stderr, "iedesk: bug: the %s list has no column named %s\n", spec->name, name);
	abort();
}

const char *db_row_cell(const struct db_list_spec *spec, const struct db_row *row, const char *name)
{
	int i = db_list_column(spec, name);
	const char *cell = row->cells[i];
	return spec->columns[i].cell == DB_CELL_TEXT ? cell : cell + strlen(cell) + 1;
}

const char *db_row_name(const struct db_list_spec *spec, const struct db_row *row)
{
	for (int i = 0; i < spec->ncolumns; i++)
		if (spec->columns[i].width == 0)
			return row->cells[i];
	return "";
}

void db_removal_request(enum db_removal removal, const char *id, struct db_request *req)
{
	switch (removal) {
	case DB_REMOVE_END_APPOINTMENT: db_manager_end_request(id, req); return;
	case DB_REMOVE_END_MEMBERSHIP: db_member_end_request(id, req); return;
	case DB_REMOVE_END_COMMITTEE_MEMBERSHIP: db_committee_member_end_request(id, req); return;
	case DB_REMOVE_DELETE_RESOURCE: db_shared_resource_delete_request(id, req); return;
	case DB_REMOVE_DELETE_ATTENDANCE: db_attendance_delete_request(id, req); return;
	case DB_REMOVE_DELETE_ATTENDEE: db_attendee_delete_request(id, req); return;
	case DB_REMOVE_DELETE_AGENDA_ITEM: db_agenda_item_delete_request(id, req); return;
	case DB_REMOVE_DELETE_DECISION: db_decision_delete_request(id, req); return;
	case DB_REMOVE_DROP_ACTION_ITEM: db_action_item_drop_request(id, req); return;
	case DB_REMOVE_DELETE_IEP: db_iep_delete_request(id, req); return;
	case DB_REMOVE_DELETE_IEP_MEMBER: db_iep_member_delete_request(id, req); return;
	case DB_REMOVE_DELETE_IEP_GOAL: db_iep_goal_delete_request(id, req); return;
	case DB_REMOVE_DELETE_IEP_OBJECTIVE: db_iep_objective_delete_request(id, req); return;
	case DB_REMOVE_DELETE_IEP_ACCOMMODATION: db_iep_accommodation_delete_request(id, req); return;
	case DB_REMOVE_DELETE_IEP_SERVICE: db_iep_service_delete_request(id, req); return;
	case DB_REMOVE_NONE:
	case DB_REMOVE_ARCHIVE:
		break;
	}
	fprintf(stderr, "iedesk: bug: removal %d has no statement\n", (int)removal);
	abort();
}

void db_request_done(struct db_request *req)
{
	if (!req)
		return;
	for (int i = 0; i < req->nparams && i < DB_MAX_PARAMS; i++)
		FREE(&req->params[i]);
	req->nparams = 0;
	req->sql = NULL;
}

void db_list_request(enum db_list_kind kind, enum db_window where, char *const *key, const char *filter,
		const char *parent, int limit, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	/* A keyed window without a key has nowhere to start from: start from the top. */
	if (window_has_key(where) && !key)
		where = DB_WINDOW_FIRST;
	req->sql = list_sql(kind, where);
	req->params[req->nparams++] = xstrdup(filter ? filter : "");
	/* No district is 0: a schools list opened without one is empty rather than an error. */
	if (db_list_spec(kind)->query->has_parent)
		req->params[req->nparams++] = xstrdup(parent && *parent ? parent : "0");
	if (window_has_key(where))
		for (int k = 0; k < db_list_spec(kind)->nkeys; k++)
			req->params[req->nparams++] = xstrdup(key[k] ? key[k] : "");
	req->params[req->nparams++] = xasprintf("%d", limit > 0 ? limit : 1);
}

bool db_list_has_summary(enum db_list_kind kind)
{
	return db_list_spec(kind)->query->summary != NULL;
}

/* Unfiltered, a list with a tally counts its rows there; filtered, the rows the filter matches, with no
 * join when it can tell them by their own columns. */
static char *summary_sql_build(enum db_list_kind kind, bool filtered)
{
	const struct db_list_query *q = db_list_spec(kind)->query;
	struct sql_buffer b = { 0 };
	if (!filtered && q->tally_where) {
		sql_add(&b, "SELECT %s FROM iedesk.backlog_tally t WHERE %s AND $1::text = ''", q->tally, q->tally_where);
		return b.text;
	}
	sql_add(&b, "SELECT %s FROM %s WHERE ", q->summary, q->count_from ? q->count_from : q->from);
	if (q->where)
		sql_add(&b, "%s AND ", q->where);
	sql_add(&b, "($1::text = '' OR %s)", q->count_filter ? q->count_filter : q->filter);
	return b.text;
}

void db_list_summary_request(enum db_list_kind kind, const char *filter, const char *parent,
		struct db_request *req)
{
	static char *cache[DB_LIST_COUNT][2];
	memset(req, 0, sizeof(*req));
	if (!db_list_has_summary(kind))
		return;
	bool filtered = filter && *filter;
	if (!cache[kind][filtered])
		cache[kind][filtered] = summary_sql_build(kind, filtered);
	req->sql = cache[kind][filtered];
	req->params[req->nparams++] = xstrdup(filter ? filter : "");
	if (db_list_spec(kind)->query->has_parent)
		req->params[req->nparams++] = xstrdup(parent && *parent ? parent : "0");
}

bool db_list_summary_parse(const PGresult *res, char *buf, size_t size, struct db_error *err)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, NULL, res, _("counting the list"));
		return false;
	}
	if (PQntuples(res) != 1 || PQnfields(res) != 1) {
		db_error_set(err, "%s", _("the list's counts came back in an unexpected shape"));
		return false;
	}
	char *shown_text = db_text_shown(PQgetvalue(res, 0, 0));
	snprintf(buf, size, "%s", shown_text);
	free(shown_text);
	return true;
}

bool db_rows_parse(enum db_list_kind kind, enum db_window where, const PGresult *res, struct db_rows *rows,
		struct db_error *err)
{
	memset(rows, 0, sizeof(*rows));
	const struct db_list_spec *def = db_list_spec(kind);
	rows->ncolumns = def->ncolumns;
	rows->nkeys = def->nkeys;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		char doing[64];
		snprintf(doing, sizeof(doing), _("reading the %s"), def->name);
		db_error_from_result(err, NULL, res, doing);
		return false;
	}
	int width = def->ncolumns + 1 + def->nkeys;
	if (PQnfields(res) != width) {
		db_error_set(err, _("%s: the database answered with %d columns where %d were expected"),
			def->name, PQnfields(res), width);
		return false;
	}
	int n = PQntuples(res);
	rows->rows = n ? xcalloc((size_t)n, sizeof(*rows->rows)) : NULL;
	rows->count = (size_t)n;
	bool reverse = window_reversed(where);
	for (int r = 0; r < n; r++) {
		struct db_row *row = &rows->rows[reverse ? n - 1 - r : r];
		row->cells = xcalloc((size_t)def->ncolumns, sizeof(*row->cells));
		row->keys = xcalloc((size_t)def->nkeys, sizeof(*row->keys));
		for (int c = 0; c < def->ncolumns; c++)
			row->cells[c] = cell_shown(&def->columns[c], PQgetvalue(res, r, c));
		row->flags = (unsigned)strtoul(PQgetvalue(res, r, def->ncolumns), NULL, 10);
		for (int k = 0; k < def->nkeys; k++)
			row->keys[k] = xstrdup(PQgetvalue(res, r, def->ncolumns + 1 + k));
	}
	return true;
}

void db_rows_done(struct db_rows *rows)
{
	if (!rows)
		return;
	for (size_t r = 0; r < rows->count; r++) {
		for (int c = 0; c < rows->ncolumns; c++)
			free(rows->rows[r].cells[c]);
		for (int k = 0; k < rows->nkeys; k++)
			free(rows->rows[r].keys[k]);
		free(rows->rows[r].cells);
		free(rows->rows[r].keys);
	}
	FREE(&rows->rows);
	rows->count = 0;
}
