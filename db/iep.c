/* iep: a student's individualised education plan (个别化教育计划) written out for the parents' meeting —
 * Markdown, or plain text wrapped at 78 columns, in the layout of the messages' language. The child is the
 * case's pseudonymous code, never a name. Read in one snapshot of a transaction that may write: reading a
 * case logs the read (0029's iedesk.case_seen), so the print is audited, once, as any read is. */
#include "db/private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the plan ---- */

/* The case by its code: where the child is, the need and its identification, the latest placement. Only
 * the case workers of its district get a row (and the read logged); others read no student_case at all. */
static const char case_sql[] =
	"SELECT c.id, c.code, s.name, d.name, d.code, c.need_category, c.identification_status,"
	" to_char(c.decided_on, 'YYYY-MM-DD'), c.decided_by, coalesce(p.placement, c.placement), p.hours_per_week,"
	" to_char(p.started_on, 'YYYY-MM-DD')"
	" FROM iedesk.student_case c JOIN iedesk.school s ON s.id = c.school_id"
	" JOIN iedesk.district d ON d.id = s.district_id"
	" LEFT JOIN LATERAL (SELECT x.placement, x.hours_per_week, x.started_on FROM iedesk.case_placement x"
	"  WHERE x.case_id = c.id ORDER BY x.started_on DESC, x.id DESC LIMIT 1) p ON true"
	" WHERE c.code = $1";
enum { K_ID, K_CODE, K_SCHOOL, K_DISTRICT, K_DISTRICT_CODE, K_NEED, K_IDENTIFICATION, K_DECIDED_ON, K_DECIDED_BY,
	K_PLACEMENT, K_HOURS, K_PLACED_ON };

/* The IEP asked for: $2 = 0 the latest final one, else the draft when there is none; $2 = N final version N.
 * With the case's latest final number, to say that a version has been superseded. */
static const char iep_sql[] =
	"SELECT i.id, i.number, i.status, to_char(i.starts_on, 'YYYY-MM-DD'), to_char(i.ends_on, 'YYYY-MM-DD'),"
	" to_char(i.review_on, 'YYYY-MM-DD'), i.present_levels, i.consent, to_char(i.consent_on, 'YYYY-MM-DD'),"
	" to_char(i.finalised_at, 'YYYY-MM-DD'), " SQL_LOGIN("i.finalised_by") ","
	" (SELECT max(j.number) FROM iedesk.iep j WHERE j.case_id = i.case_id AND j.status = 'final')"
	" FROM iedesk.iep i WHERE i.case_id = $1::bigint AND ($2::int = 0 OR (i.status = 'final' AND i.number = $2::int))"
	" ORDER BY i.status = 'final' DESC, i.number DESC NULLS LAST LIMIT 1";
enum { I_ID, I_NUMBER, I_STATUS, I_STARTS, I_ENDS, I_REVIEW, I_LEVELS, I_CONSENT, I_CONSENT_ON, I_FINAL_ON,
	I_FINAL_BY, I_LATEST };

static const char member_sql[] =
	"SELECT role, name FROM iedesk.iep_member WHERE iep_id = $1::bigint ORDER BY id";

static const char goal_sql[] =
	"SELECT id, area, goal FROM iedesk.iep_goal WHERE iep_id = $1::bigint ORDER BY id";

static const char objective_sql[] =
	"SELECT o.goal_id, o.objective, o.measure, to_char(o.target_on, 'YYYY-MM-DD')"
	" FROM iedesk.iep_objective o JOIN iedesk.iep_goal g ON g.id = o.goal_id"
	" WHERE g.iep_id = $1::bigint ORDER BY o.goal_id, o.id";

static const char accommodation_sql[] =
	"SELECT kind, detail FROM iedesk.iep_accommodation WHERE iep_id = $1::bigint ORDER BY id";

static const char service_sql[] =
	"SELECT kind, provider, sessions_per_week, minutes FROM iedesk.iep_service WHERE iep_id = $1::bigint"
	" ORDER BY id";

/* The reviews the plan sets, as 0029's iedesk.case_due_each computes them (which only the owner reads): the
 * IEP review on its date (held once a review came after it was final), the annual review a year from its
 * start or the last one held, the re-assessment three years from the last assessment or re-assessment of
 * an identified child. Days overdue ($2: for the case's current plan only) from the database's today. */
static const char review_sql[] =
	"SELECT r.due, to_char(r.due_on, 'YYYY-MM-DD'),"
	" CASE WHEN $2::boolean AND r.held_on IS NULL AND r.due_on < iedesk.today() THEN iedesk.today() - r.due_on END,"
	" to_char(r.held_on, 'YYYY-MM-DD')"
	" FROM (SELECT 'iep-review'::text AS due, i.review_on AS due_on,"
	"   (SELECT min(h.held_on) FROM iedesk.case_review h WHERE h.case_id = i.case_id AND h.kind = 'iep-review'"
	"     AND i.status = 'final' AND h.held_on >= i.finalised_at::date) AS held_on"
	"   FROM iedesk.iep i WHERE i.id = $1::bigint"
	"  UNION ALL"
	"  SELECT 'annual-review', (greatest(i.starts_on, (SELECT max(h.held_on) FROM iedesk.case_review h"
	"     WHERE h.case_id = i.case_id AND h.kind = 'annual-review')) + interval '1 year')::date, NULL"
	"   FROM iedesk.iep i WHERE i.id = $1::bigint"
	"  UNION ALL"
	"  SELECT 'reassessment', (greatest((SELECT max(a.assessed_on) FROM iedesk.case_assessment a"
	"     WHERE a.case_id = c.id), (SELECT max(h.held_on) FROM iedesk.case_review h WHERE h.case_id = c.id"
	"     AND h.kind = 'reassessment')) + interval '3 years')::date, NULL"
	"   FROM iedesk.iep i JOIN iedesk.student_case c ON c.id = i.case_id"
	"   WHERE i.id = $1::bigint AND c.identification_status = 'confirmed') r"
	" WHERE r.due_on IS NOT NULL ORDER BY r.due_on, r.due";
enum { R_DUE, R_DATE, R_OVERDUE, R_HELD };

struct iep {
	PGresult *kase, *plan, *members, *goals, *objectives, *accommodations, *services, *reviews;
};

static void iep_done(struct iep *p)
{
	PQclear(p->kase);
	PQclear(p->plan);
	PQclear(p->members);
	PQclear(p->goals);
	PQclear(p->objectives);
	PQclear(p->accommodations);
	PQclear(p->services);
	PQclear(p->reviews);
}

static PGresult *fetch(PGconn *conn, const char *sql, int nparams, const char *const *params, const char *doing,
		struct db_error *err)
{
	PGresult *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		if (state && !strcmp(state, "42501"))   /* not a case worker: the refusal in a sentence of its own */
			db_error_explain(err, res);
		else
			db_error_from_result(err, conn, res, doing);
		PQclear(res);
		return NULL;
	}
	return res;
}

static const char *cell(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static bool iep_load(PGconn *conn, const char *code, int number, struct iep *p, struct db_error *err)
{
	memset(p, 0, sizeof(*p));
	/* One snapshot for the eight queries, so that a case worker saving meanwhile cannot tear the plan; not
	 * read only, since each read of a case is logged by an insert (and a read-only one refuses it). */
	if (!db_exec_ok(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ WRITE", err, _("reading the IEP")))
		return false;
	const char *by_code[1] = { code };
	bool ok = (p->kase = fetch(conn, case_sql, 1, by_code, _("reading the case"), err)) != NULL;
	if (ok && PQntuples(p->kase) == 0) {
		/* the same whether the code is nobody's or another district's: it says nothing of a case */
		db_error_set(err, _("no case you may read has the code %s"), code);
		ok = false;
	}
	char number_text[16];
	snprintf(number_text, sizeof(number_text), "%d", number);
	const char *by_case[2] = { ok ? PQgetvalue(p->kase, 0, K_ID) : NULL, number_text };
	ok = ok && (p->plan = fetch(conn, iep_sql, 2, by_case, _("reading the IEP"), err)) != NULL;
	if (ok && PQntuples(p->plan) == 0) {
		if (number)
			db_error_set(err, _("case %1$s has no final IEP numbered %2$d"), code, number);
		else
			db_error_set(err, _("case %s has no IEP yet"), code);
		ok = false;
	}
	const char *by_iep[2] = { ok ? PQgetvalue(p->plan, 0, I_ID) : NULL, NULL };
	ok = ok && (p->members = fetch(conn, member_sql, 1, by_iep, _("reading the IEP's team"), err)) != NULL;
	ok = ok && (p->goals = fetch(conn, goal_sql, 1, by_iep, _("reading the IEP's goals"), err)) != NULL;
	ok = ok && (p->objectives = fetch(conn, objective_sql, 1, by_iep, _("reading the IEP's goals"), err)) != NULL;
	ok = ok && (p->accommodations = fetch(conn, accommodation_sql, 1, by_iep, _("reading the IEP's accommodations"),
		err)) != NULL;
	ok = ok && (p->services = fetch(conn, service_sql, 1, by_iep, _("reading the IEP's services"), err)) != NULL;
	if (ok) {
		/* overdue is said of the plan in force: the latest final one */
		const char *latest = cell(p->plan, 0, I_LATEST), *own = cell(p->plan, 0, I_NUMBER);
		by_iep[1] = latest && own && !strcmp(latest, own) ? "true" : "false";
	}
	ok = ok && (p->reviews = fetch(conn, review_sql, 2, by_iep, _("reading the IEP's reviews"), err)) != NULL;
	/* Committed even when there is nothing to print: the case was read, and its reads stay logged (after a
	 * failed query COMMIT only ends the transaction). */
	struct db_error ignored;
	if (!db_exec_ok(conn, "COMMIT", ok ? err : &ignored, _("reading the IEP")))
		ok = false;
	if (!ok)
		iep_done(p);
	return ok;
}

/* ---- writing ---- */

struct writer {
	FILE *out;
	bool markdown;
	bool chinese;    /* the messages' language is Chinese: numbers and dates as a Chinese document has them */
	const struct iep *p;
	int label_cells; /* plain text: the particulars' labels padded to this */
};

/* A date as the layout writes it: 2026年9月1日 in Chinese, 2026-09-01 otherwise (the translation's form). */
static char *day(const char *iso)
{
	return doc_zh_date(iso);
}

static void write_section(const struct writer *w, int n, const char *title)
{
	char *number = w->chinese ? doc_zh_numeral(n) : xasprintf("%d", n);
	/* TRANSLATORS: a numbered section of the IEP, or an agenda item of the minutes (zh_CN: %1$s、%2$s) */
	char *heading = xasprintf(_("%1$s. %2$s"), number, title);
	if (w->markdown) {
		fputs("## ", w->out);
		doc_md_text(w->out, heading, DOC_MD_INLINE);
		fputs("\n\n", w->out);
	} else {
		doc_heading(w->out, heading, '-');
		fputc('\n', w->out);
	}
	free(heading);
	free(number);
}

static void write_none(const struct writer *w)
{
	fprintf(w->out, "%s\n\n", C_("iep", "None recorded."));
}

/* "label: value" among the particulars; in plain text the values line up after the widest label. */
static void write_field(const struct writer *w, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	/* TRANSLATORS: a label of the minutes' or the IEP's particulars and its colon (zh_CN: %s：) */
	char *colon = xasprintf(_("%s:"), label);
	if (w->markdown) {
		fputs("- **", w->out);
		doc_md_text(w->out, colon, DOC_MD_INLINE);
		fputs("** ", w->out);
		doc_md_text(w->out, value, DOC_MD_FIELD);
		fputc('\n', w->out);
	} else {
		int pad = w->label_cells - text_width(colon);
		char *line = xasprintf("%s%*s%s", colon, pad > 0 ? pad : 0, "", value);
		char *rest = xasprintf("%*s", w->label_cells, "");
		doc_wrap_text(w->out, line, "", rest);
		free(rest);
		free(line);
	}
	free(colon);
}

/* One item of a list: "- text" in Markdown, indented "  - text" in plain text. */
static void write_item(const struct writer *w, const char *text)
{
	if (w->markdown) {
		fputs("- ", w->out);
		doc_md_text(w->out, text, DOC_MD_ITEM);
		fputc('\n', w->out);
	} else {
		doc_wrap_text(w->out, text, "  - ", "    ");
	}
}

/* A Markdown table's header row and its rule. */
static void md_table_head(const struct writer *w, const char *const *titles, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		fputs("| ", w->out);
		doc_md_text(w->out, titles[c], DOC_MD_INLINE);
		fputc(' ', w->out);
	}
	fputs("|\n", w->out);
	for (size_t c = 0; c < n; c++)
		fputs("|---", w->out);
	fputs("|\n", w->out);
}

static void md_table_row(const struct writer *w, const char *const *cells, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		fputs("| ", w->out);
		doc_md_text(w->out, cells[c] ? cells[c] : "", DOC_MD_INLINE);
		fputc(' ', w->out);
	}
	fputs("|\n", w->out);
}

/* The particulars' labels, in the order they are written. */
enum { L_CODE, L_SCHOOL, L_DISTRICT, L_NEED, L_IDENTIFICATION, L_PLACEMENT, L_PLAN, L_PERIOD, L_REVIEW, L_COUNT };

static const char *field_label(int l)
{
	switch (l) {
	case L_CODE: return C_("iep", "Student code");
	case L_SCHOOL: return C_("iep", "School");
	case L_DISTRICT: return C_("iep", "District");
	case L_NEED: return C_("iep", "Need category");
	case L_IDENTIFICATION: return C_("iep", "Identification");
	case L_PLACEMENT: return C_("iep", "Placement");
	case L_PLAN: return C_("iep", "Plan");
	case L_PERIOD: return C_("iep", "Period");
	default: return C_("iep", "Review date");
	}
}

/* The widest label with its colon and a blank after it, so that every value starts in one column. */
static int field_cells(void)
{
	int widest = 0;
	for (int l = 0; l < L_COUNT; l++) {
		char *colon = xasprintf(_("%s:"), field_label(l));
		int cells = text_width(colon);
		widest = cells > widest ? cells : widest;
		free(colon);
	}
	return widest + 1;
}

static char *identification_text(const PGresult *c)
{
	const char *status = text_word(PQgetvalue(c, 0, K_IDENTIFICATION));
	const char *on = cell(c, 0, K_DECIDED_ON), *by = cell(c, 0, K_DECIDED_BY);
	if (!on)
		return xstrdup(status);
	char *date = day(on);
	/* TRANSLATORS: the identification decision: its outcome, when, by whom (zh_CN: %1$s（%2$s，%3$s）) */
	char *text = by && *by ? xasprintf(_("%1$s on %2$s by %3$s"), status, date, by)
		/* TRANSLATORS: the identification decision: its outcome and when (zh_CN: %1$s（%2$s）) */
		: xasprintf(_("%1$s on %2$s"), status, date);
	free(date);
	return text;
}

static char *placement_text(const PGresult *c)
{
	const char *setting = text_word(PQgetvalue(c, 0, K_PLACEMENT));
	const char *hours = cell(c, 0, K_HOURS), *since = cell(c, 0, K_PLACED_ON);
	long n = hours ? strtol(hours, NULL, 10) : 0;
	/* TRANSLATORS: a placement and its resource-classroom hours (zh_CN: %1$s，每周%2$ld课时) */
	char *text = hours ? xasprintf(ngettext("%1$s, %2$ld hour a week", "%1$s, %2$ld hours a week", n), setting, n)
		: xstrdup(setting);
	if (since) {
		char *date = day(since);
		/* TRANSLATORS: a placement and the day it began (zh_CN: %1$s（自%2$s起）) */
		char *with = xasprintf(_("%1$s, since %2$s"), text, date);
		free(date);
		free(text);
		text = with;
	}
	return text;
}

static bool plan_is_draft(const PGresult *i)
{
	return strcmp(PQgetvalue(i, 0, I_STATUS), "final") != 0;
}

static char *plan_text(const PGresult *i)
{
	if (plan_is_draft(i))
		return xstrdup(C_("iep status", "draft, not final"));
	char *date = day(PQgetvalue(i, 0, I_FINAL_ON));
	/* TRANSLATORS: a final IEP: its version, the day it was finalised and by whom (zh_CN: 第%1$s版，%2$s由%3$s定稿) */
	char *text = xasprintf(_("version %1$s, finalised on %2$s by %3$s"), PQgetvalue(i, 0, I_NUMBER), date,
		PQgetvalue(i, 0, I_FINAL_BY));
	free(date);
	const char *latest = cell(i, 0, I_LATEST);
	if (latest && strcmp(latest, PQgetvalue(i, 0, I_NUMBER)) != 0) {
		/* TRANSLATORS: an earlier IEP and the version that replaced it (zh_CN: %1$s；已由第%2$s版取代) */
		char *superseded = xasprintf(_("%1$s; superseded by version %2$s"), text, latest);
		free(text);
		text = superseded;
	}
	return text;
}

static char *period_text(const PGresult *i)
{
	const char *starts = cell(i, 0, I_STARTS), *ends = cell(i, 0, I_ENDS);
	if (!starts && !ends)
		return NULL;
	char *from = starts ? day(starts) : xstrdup(C_("iep date", "not set"));
	char *to = ends ? day(ends) : xstrdup(C_("iep date", "not set"));
	/* TRANSLATORS: the IEP's start and end dates (zh_CN: %1$s至%2$s) */
	char *text = xasprintf(_("%1$s to %2$s"), from, to);
	free(from);
	free(to);
	return text;
}

static void write_title(const struct writer *w)
{
	const PGresult *c = w->p->kase, *i = w->p->plan;
	if (plan_is_draft(i)) {
		const char *banner = C_("iep", "DRAFT — not final");
		fprintf(w->out, w->markdown ? "**%s**\n\n" : "%s\n\n", banner);
	}
	/* TRANSLATORS: the title of a printed IEP, with the student's (pseudonymous) code (zh_CN: 个别化教育计划（%s）) */
	char *title = xasprintf(_("Individualised education plan: %s"), PQgetvalue(c, 0, K_CODE));
	if (w->markdown) {
		fputs("# ", w->out);
		doc_md_text(w->out, title, DOC_MD_INLINE);
		fputs("\n\n", w->out);
	} else {
		doc_heading(w->out, title, '=');
		fputc('\n', w->out);
	}
	free(title);
	/* TRANSLATORS: a district and its code (zh_CN: %1$s（%2$s）) */
	char *district = xasprintf(_("%1$s (code %2$s)"), PQgetvalue(c, 0, K_DISTRICT), PQgetvalue(c, 0, K_DISTRICT_CODE));
	char *identification = identification_text(c), *placement = placement_text(c), *plan = plan_text(i);
	char *period = period_text(i);
	char *review = cell(i, 0, I_REVIEW) ? day(cell(i, 0, I_REVIEW)) : NULL;
	const char *values[L_COUNT] = { PQgetvalue(c, 0, K_CODE), PQgetvalue(c, 0, K_SCHOOL), district,
		text_word(PQgetvalue(c, 0, K_NEED)), identification, placement, plan, period, review };
	for (int l = 0; l < L_COUNT; l++)
		write_field(w, field_label(l), values[l]);
	fputc('\n', w->out);
	free(review);
	free(period);
	free(plan);
	free(placement);
	free(identification);
	free(district);
}

static void write_present_levels(const struct writer *w, int n)
{
	write_section(w, n, C_("iep", "Present levels"));
	const char *levels = cell(w->p->plan, 0, I_LEVELS);
	if (!levels || !*levels) {
		write_none(w);
	} else if (w->markdown) {
		doc_md_paragraphs(w->out, levels, "");
	} else {
		doc_wrap_text(w->out, levels, "", "");
		fputc('\n', w->out);
	}
}

/* The widest cell of a column of words (codes shown as words), for plain text's second column. */
static int words_cells(const PGresult *r, int col)
{
	int widest = 0;
	for (int k = 0; k < PQntuples(r); k++) {
		int cells = text_width(text_word(PQgetvalue(r, k, col)));
		widest = cells > widest ? cells : widest;
	}
	return widest;
}

static void write_team(const struct writer *w, int n)
{
	const PGresult *r = w->p->members;
	write_section(w, n, C_("iep", "Team"));
	if (PQntuples(r) == 0) {
		write_none(w);
		return;
	}
	if (w->markdown) {
		const char *const titles[] = { C_("iep table", "Role"), C_("iep table", "Name") };
		md_table_head(w, titles, 2);
		for (int k = 0; k < PQntuples(r); k++) {
			const char *cells[] = { text_word(PQgetvalue(r, k, 0)), PQgetvalue(r, k, 1) };
			md_table_row(w, cells, 2);
		}
	} else {
		int width = words_cells(r, 0) + 2;
		char *rest = xasprintf("%*s", width + 2, "");
		for (int k = 0; k < PQntuples(r); k++) {
			const char *role = text_word(PQgetvalue(r, k, 0));
			char *line = xasprintf("%s%*s%s", role, width - text_width(role), "", PQgetvalue(r, k, 1));
			doc_wrap_text(w->out, line, "  ", rest);
			free(line);
		}
		free(rest);
	}
	fputc('\n', w->out);
}

static void write_goals(const struct writer *w, int n)
{
	const PGresult *g = w->p->goals, *o = w->p->objectives;
	write_section(w, n, C_("iep", "Annual goals and short-term objectives"));
	if (PQntuples(g) == 0) {
		write_none(w);
		return;
	}
	for (int k = 0; k < PQntuples(g); k++) {
		/* TRANSLATORS: an annual goal of the IEP: its number, area and text (zh_CN: 长期目标%1$d（%2$s）：%3$s) */
		char *goal = xasprintf(_("Goal %1$d (%2$s): %3$s"), k + 1, text_word(PQgetvalue(g, k, 1)),
			PQgetvalue(g, k, 2));
		if (w->markdown) {
			fputs("### ", w->out);
			doc_md_text(w->out, goal, DOC_MD_INLINE);
			fputs("\n\n", w->out);
		} else {
			doc_wrap_text(w->out, goal, "", "    ");
			fputc('\n', w->out);
		}
		free(goal);
		bool any = false;
		for (int j = 0, m = 0; j < PQntuples(o); j++) {
			if (strcmp(PQgetvalue(o, j, 0), PQgetvalue(g, k, 0)) != 0)
				continue;
			char *number = xasprintf("%d.%d", k + 1, ++m);
			char *target = cell(o, j, 3) ? day(cell(o, j, 3)) : xstrdup(C_("iep date", "not set"));
			if (w->markdown) {
				if (!any) {
					const char *const titles[] = { C_("iep table", "No."),
						C_("iep table", "Short-term objective"), C_("iep table", "Measure"),
						C_("iep table", "Target date") };
					md_table_head(w, titles, 4);
				}
				const char *cells[] = { number, PQgetvalue(o, j, 1), PQgetvalue(o, j, 2), target };
				md_table_row(w, cells, 4);
			} else {
				char *first = xasprintf("  %s ", number);
				char *rest = xasprintf("%*s", (int)strlen(first), "");
				doc_wrap_text(w->out, PQgetvalue(o, j, 1), first, rest);
				/* TRANSLATORS: how a short-term objective is measured (zh_CN: 评量标准：%s) */
				char *measure = xasprintf(_("Measure: %s"), PQgetvalue(o, j, 2));
				doc_wrap_text(w->out, measure, rest, rest);
				/* TRANSLATORS: the day a short-term objective is to be met by (zh_CN: 完成日期：%s) */
				char *by = xasprintf(_("Target date: %s"), target);
				doc_wrap_text(w->out, by, rest, rest);
				free(by);
				free(measure);
				free(rest);
				free(first);
			}
			any = true;
			free(target);
			free(number);
		}
		if (any)
			fputc('\n', w->out);
	}
}

static void write_accommodations(const struct writer *w, int n)
{
	const PGresult *r = w->p->accommodations;
	write_section(w, n, C_("iep", "Accommodations"));
	if (PQntuples(r) == 0) {
		write_none(w);
		return;
	}
	for (int k = 0; k < PQntuples(r); k++) {
		/* TRANSLATORS: an accommodation: its kind and what it is (zh_CN: %1$s：%2$s) */
		char *line = xasprintf(_("%1$s: %2$s"), text_word(PQgetvalue(r, k, 0)), PQgetvalue(r, k, 1));
		write_item(w, line);
		free(line);
	}
	fputc('\n', w->out);
}

static void write_services(const struct writer *w, int n)
{
	const PGresult *r = w->p->services;
	write_section(w, n, C_("iep", "Services"));
	if (PQntuples(r) == 0) {
		write_none(w);
		return;
	}
	if (w->markdown) {
		const char *const titles[] = { C_("iep table", "Service"), C_("iep table", "Provider"),
			C_("iep table", "Sessions a week"), C_("iep table", "Minutes a session") };
		md_table_head(w, titles, 4);
		for (int k = 0; k < PQntuples(r); k++) {
			const char *cells[] = { text_word(PQgetvalue(r, k, 0)), PQgetvalue(r, k, 1), PQgetvalue(r, k, 2),
				PQgetvalue(r, k, 3) };
			md_table_row(w, cells, 4);
		}
	} else {
		for (int k = 0; k < PQntuples(r); k++) {
			long sessions = strtol(PQgetvalue(r, k, 2), NULL, 10), minutes = strtol(PQgetvalue(r, k, 3), NULL, 10);
			/* TRANSLATORS: a service of the IEP: its kind, provider, sessions a week and minutes a session
			 * (zh_CN: %1$s：%2$s，每周%3$ld次，每次%4$ld分钟) */
			char *line = xasprintf(ngettext("%1$s: %2$s, %3$ld session a week of %4$ld minutes",
				"%1$s: %2$s, %3$ld sessions a week of %4$ld minutes", sessions),
				text_word(PQgetvalue(r, k, 0)), PQgetvalue(r, k, 1), sessions, minutes);
			write_item(w, line);
			free(line);
		}
	}
	fputc('\n', w->out);
}

static void write_consent(const struct writer *w, int n)
{
	const PGresult *i = w->p->plan;
	write_section(w, n, C_("iep", "Parents' consent"));
	const char *answer = text_word(PQgetvalue(i, 0, I_CONSENT)), *on = cell(i, 0, I_CONSENT_ON);
	char *text;
	if (on) {
		char *date = day(on);
		/* the same words as the identification decision's date */
		text = xasprintf(_("%1$s on %2$s"), answer, date);
		free(date);
	} else {
		text = xstrdup(answer);
	}
	if (w->markdown) {
		doc_md_paragraphs(w->out, text, "");
	} else {
		doc_wrap_text(w->out, text, "", "");
		fputc('\n', w->out);
	}
	free(text);
}

static void write_reviews(const struct writer *w, int n)
{
	const PGresult *r = w->p->reviews;
	write_section(w, n, C_("iep", "Reviews due"));
	if (PQntuples(r) == 0) {
		write_none(w);
		return;
	}
	for (int k = 0; k < PQntuples(r); k++) {
		char *date = day(PQgetvalue(r, k, R_DATE));
		const char *overdue = cell(r, k, R_OVERDUE), *held = cell(r, k, R_HELD);
		char *when;
		if (held) {
			char *on = day(held);
			/* TRANSLATORS: a review's date, and the day it was held (zh_CN: %1$s（已于%2$s复查）) */
			when = xasprintf(_("%1$s (held on %2$s)"), date, on);
			free(on);
		} else if (overdue) {
			long days = strtol(overdue, NULL, 10);
			/* TRANSLATORS: a review's date, past by some days (zh_CN: %1$s（已逾期%2$ld天）) */
			when = xasprintf(ngettext("%1$s (%2$ld day overdue)", "%1$s (%2$ld days overdue)", days), date, days);
		} else {
			when = xstrdup(date);
		}
		char *line = xasprintf(_("%1$s: %2$s"), text_word(PQgetvalue(r, k, R_DUE)), when);
		write_item(w, line);
		free(line);
		free(when);
		free(date);
	}
	fputc('\n', w->out);
}

bool db_iep_write(PGconn *conn, const char *case_code, int number, enum db_minutes_format format, FILE *out,
		struct db_error *err)
{
	if (!case_code || !*case_code) {
		db_error_set(err, "%s", _("which case? Give its code"));
		return false;
	}
	if (number < 0) {
		db_error_set(err, _("an IEP's number is 1 or more, not %d"), number);
		return false;
	}
	struct iep p;
	if (!iep_load(conn, case_code, number, &p, err))
		return false;
	/* Written to memory first, so the text ends in exactly one newline whatever section came last. */
	char *text = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);
	if (!mem)
		abort();
	struct writer w = { mem, format == DB_MINUTES_MARKDOWN, strcmp(db_messages_language(), "zh_CN") == 0, &p,
		field_cells() };
	write_title(&w);
	int section = 0;
	write_present_levels(&w, ++section);
	write_team(&w, ++section);
	write_goals(&w, ++section);
	write_accommodations(&w, ++section);
	write_services(&w, ++section);
	write_consent(&w, ++section);
	write_reviews(&w, ++section);
	iep_done(&p);
	fclose(mem);
	while (size > 0 && text[size - 1] == '\n')
		size--;
	fwrite(text, 1, size, out);
	fputc('\n', out);
	free(text);
	if (fflush(out) != 0 || ferror(out)) {
		db_error_set(err, _("cannot write the IEP: %s"), strerror(errno));
		return false;
	}
	return true;
}
