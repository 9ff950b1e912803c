/* minutes: one meeting written out as minutes to circulate — Markdown, or plain text wrapped at 78
 * columns by display width (a Chinese character takes two). Read in one snapshot, so the attendees,
 * agenda, decisions and action items agree with each other. */
#include "db/private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the meeting ---- */

static const char meeting_sql[] =
	"SELECT m.title, to_char(m.held_on, 'YYYY-MM-DD'), d.name, d.code,"
	" CASE m.kind WHEN 'work-conference' THEN 'work conference' WHEN 'resource-center-group'"
	" THEN 'resource-center group' WHEN 'home-school' THEN 'home-school meeting' ELSE m.kind END,"
	" m.location, c.name, s.name, m.status, m.summary, to_char(m.finalised_at, 'YYYY-MM-DD'),"
	" to_char(oa.opened_at, 'YYYY-MM-DD'), iedesk.login_name(m.finalised_by), oa.reason"
	" FROM iedesk.meeting m JOIN iedesk.district d ON d.id = m.district_id"
	" LEFT JOIN iedesk.person c ON c.id = m.chair_person_id"
	" LEFT JOIN iedesk.person s ON s.id = m.secretary_person_id"
	" LEFT JOIN iedesk.meeting_amendment oa ON oa.meeting_id = m.id AND oa.closed_at IS NULL"
	" WHERE m.id = $1::bigint";
enum { M_TITLE, M_DATE, M_DISTRICT, M_CODE, M_KIND, M_PLACE, M_CHAIR, M_SECRETARY, M_STATUS, M_SUMMARY,
	M_FINALISED, M_AMENDING, M_FINALISED_BY, M_AMENDING_WHY };

/* People first, then organisations, each in the order the secretary recorded them. */
static const char attendee_sql[] =
	"SELECT coalesce(p.name, a.organisation), a.head_count, (a.person_id IS NULL)::int"
	" FROM iedesk.meeting_attendee a LEFT JOIN iedesk.person p ON p.id = a.person_id"
	" WHERE a.meeting_id = $1::bigint ORDER BY a.person_id IS NULL, a.id";

static const char agenda_sql[] =
	"SELECT id, position, title, notes FROM iedesk.agenda_item WHERE meeting_id = $1::bigint"
	" ORDER BY position, id";

static const char decision_sql[] =
	"SELECT id, position, text, coalesce(agenda_item_id::text, '') FROM iedesk.decision"
	" WHERE meeting_id = $1::bigint ORDER BY position, id";

static const char action_sql[] =
	"SELECT a.decision_id, a.text, concat_ws(' / ', s.name, a.owner_unit), to_char(a.due_on, 'YYYY-MM-DD'),"
	" a.status || coalesce(' ' || to_char(a.done_on, 'YYYY-MM-DD'), ''), a.status, to_char(a.done_on, 'YYYY-MM-DD'),"
	" s.name, a.owner_unit"
	" FROM iedesk.action_item a JOIN iedesk.decision x ON x.id = a.decision_id"
	" LEFT JOIN iedesk.school s ON s.id = a.owner_school_id"
	" WHERE x.meeting_id = $1::bigint ORDER BY x.position, a.due_on, a.id";
enum { A_DECISION, A_TEXT, A_OWNER, A_DUE, A_STATUS, A_CODE, A_DONE, A_SCHOOL, A_UNIT };

/* Amendments of final minutes in the order they were opened, each with the person (or login) who opened
 * it. Dated, as finalised_at above, in the session's time zone: the server's unless PGTZ says otherwise. */
static const char amendment_sql[] =
	"SELECT to_char(opened_at, 'YYYY-MM-DD'), iedesk.login_name(opened_by), reason, (closed_at IS NULL)::int"
	" FROM iedesk.meeting_amendment WHERE meeting_id = $1::bigint ORDER BY opened_at, id";
enum { AM_DATE, AM_BY, AM_REASON, AM_OPEN };

struct minutes {
	PGresult *meeting, *attendees, *agenda, *decisions, *actions, *amendments;
};

static PGresult *fetch(PGconn *conn, const char *sql, const char *id, const char *doing, struct db_error *err)
{
	const char *params[1] = { id };
	PGresult *res = PQexecParams(conn, sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, conn, res, doing);
		PQclear(res);
		return NULL;
	}
	return res;
}

static void minutes_done(struct minutes *m)
{
	PQclear(m->meeting);
	PQclear(m->attendees);
	PQclear(m->agenda);
	PQclear(m->decisions);
	PQclear(m->actions);
	PQclear(m->amendments);
}

static bool minutes_load(PGconn *conn, const char *id, struct minutes *m, struct db_error *err)
{
	memset(m, 0, sizeof(*m));
	/* One snapshot for the six queries: a secretary saving meanwhile cannot tear the minutes. */
	if (!db_exec_ok(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err, _("reading the meeting")))
		return false;
	bool ok = (m->meeting = fetch(conn, meeting_sql, id, _("reading the meeting"), err)) != NULL;
	if (ok && PQntuples(m->meeting) == 0) {
		db_error_set(err, _("no meeting has the id %s"), id);
		ok = false;
	}
	ok = ok && (m->attendees = fetch(conn, attendee_sql, id, _("reading the attendees"), err)) != NULL;
	ok = ok && (m->agenda = fetch(conn, agenda_sql, id, _("reading the agenda"), err)) != NULL;
	ok = ok && (m->decisions = fetch(conn, decision_sql, id, _("reading the decisions"), err)) != NULL;
	ok = ok && (m->actions = fetch(conn, action_sql, id, _("reading the action items"), err)) != NULL;
	ok = ok && (m->amendments = fetch(conn, amendment_sql, id, _("reading the amendments"), err)) != NULL;
	struct db_error ignored;
	db_exec_ok(conn, ok ? "COMMIT" : "ROLLBACK", ok ? err : &ignored, _("reading the meeting"));
	if (!ok)
		minutes_done(m);
	return ok;
}

static const char *cell(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* ---- writing ---- */

struct writer {
	FILE *out;
	enum db_minutes_format format;
	const struct minutes *m;
};

static void write_field(const struct writer *w, const char *label, const char *value, const char *extra)
{
	if (!value || !*value)
		return;
	if (w->format == DB_MINUTES_MARKDOWN) {
		fprintf(w->out, "- **%s:** ", label);
		doc_md_text(w->out, value, DOC_MD_FIELD);
		if (extra) {
			fputs(" (", w->out);
			doc_md_text(w->out, extra, DOC_MD_FIELD);
			fputc(')', w->out);
		}
		fputc('\n', w->out);
	} else {
		char *text = extra ? xasprintf("%s (%s)", value, extra) : xstrdup(value);
		char *colon = xasprintf("%s:", label);
		char *first = xasprintf("%-11s", colon);
		doc_wrap_text(w->out, text, first, "           ");
		free(text);
		free(first);
		free(colon);
	}
}

static void write_section(const struct writer *w, const char *title)
{
	if (w->format == DB_MINUTES_MARKDOWN) {
		fputs("## ", w->out);
		doc_md_text(w->out, title, DOC_MD_INLINE);
		fputs("\n\n", w->out);
	} else {
		doc_heading(w->out, title, '-');
		fputc('\n', w->out);
	}
}

static void write_header(const struct writer *w)
{
	const PGresult *r = w->m->meeting;
	bool draft = strcmp(cell(r, 0, M_STATUS), "final") != 0;
	const char *amending = cell(r, 0, M_AMENDING);
	if (draft)
		fputs(w->format == DB_MINUTES_MARKDOWN ? "**DRAFT — not final**\n\n" : "DRAFT — not final\n\n", w->out);
	else if (amending)   /* final minutes being changed: what is read may not stay */
		fputs(w->format == DB_MINUTES_MARKDOWN ? "**AMENDMENT OPEN — not final**\n\n" : "AMENDMENT OPEN — not final\n\n",
			w->out);
	if (w->format == DB_MINUTES_MARKDOWN) {
		fputs("# ", w->out);
		doc_md_text(w->out, cell(r, 0, M_TITLE), DOC_MD_INLINE);
		fputs("\n\n", w->out);
	} else {
		doc_heading(w->out, cell(r, 0, M_TITLE), '=');
		fputc('\n', w->out);
	}
	write_field(w, "Date", cell(r, 0, M_DATE), NULL);
	write_field(w, "District", cell(r, 0, M_DISTRICT), cell(r, 0, M_CODE));
	write_field(w, "Kind", cell(r, 0, M_KIND), NULL);
	write_field(w, "Place", cell(r, 0, M_PLACE), NULL);
	write_field(w, "Chair", cell(r, 0, M_CHAIR), NULL);
	write_field(w, "Secretary", cell(r, 0, M_SECRETARY), NULL);
	char *status = draft ? xstrdup("draft — not final") : amending
		? xasprintf("final since %s; amendment open since %s", cell(r, 0, M_FINALISED), amending)
		: xasprintf("final since %s", cell(r, 0, M_FINALISED));
	write_field(w, "Status", status, NULL);
	free(status);
	fputc('\n', w->out);
	const char *summary = cell(r, 0, M_SUMMARY);
	if (summary && *summary) {
		write_section(w, "Summary");
		if (w->format == DB_MINUTES_MARKDOWN)
			doc_md_paragraphs(w->out, summary, "");
		else {
			doc_wrap_text(w->out, summary, "", "");
			fputc('\n', w->out);
		}
	}
}

static void write_list_item(const struct writer *w, const char *text, const char *suffix)
{
	if (w->format == DB_MINUTES_MARKDOWN) {
		fputs("- ", w->out);
		doc_md_text(w->out, text, DOC_MD_ITEM);
		if (suffix)
			fputs(suffix, w->out);
		fputc('\n', w->out);
	} else {
		char *line = suffix ? xasprintf("%s%s", text, suffix) : xstrdup(text);
		doc_wrap_text(w->out, line, "  - ", "    ");
		free(line);
	}
}

/* The attendees' heads: persons, organisations, and the people those count. */
struct heads {
	int people, groups;
	long heads, group_heads;
};

static struct heads attendee_heads(const PGresult *r)
{
	struct heads h = { 0 };
	for (int i = 0; i < PQntuples(r); i++) {
		long count = strtol(PQgetvalue(r, i, 1), NULL, 10);
		h.heads += count;
		if (strcmp(PQgetvalue(r, i, 2), "1") == 0) {
			h.groups++;
			h.group_heads += count;
		} else {
			h.people++;
		}
	}
	return h;
}

static void write_attendees(const struct writer *w)
{
	const PGresult *r = w->m->attendees;
	int n = PQntuples(r);
	struct heads h = attendee_heads(r);
	int people = h.people, groups = h.groups;
	long heads = h.heads, group_heads = h.group_heads;
	char *title = xasprintf("Attendees — %ld %s", heads, heads == 1 ? "person" : "people");
	write_section(w, title);
	free(title);
	if (!n) {
		fputs(w->format == DB_MINUTES_MARKDOWN ? "None recorded.\n\n" : "None recorded.\n\n", w->out);
		return;
	}
	const char *sub_start = w->format == DB_MINUTES_MARKDOWN ? "### " : "";
	if (people) {
		fprintf(w->out, "%sPeople (%d)%s\n", sub_start, people, w->format == DB_MINUTES_MARKDOWN ? "\n" : ":");
		for (int i = 0; i < n; i++)
			if (strcmp(PQgetvalue(r, i, 2), "0") == 0)
				write_list_item(w, PQgetvalue(r, i, 0), NULL);
		fputc('\n', w->out);
	}
	if (groups) {
		fprintf(w->out, "%sOrganisations (%d, %ld %s)%s\n", sub_start, groups, group_heads,
			group_heads == 1 ? "person" : "people", w->format == DB_MINUTES_MARKDOWN ? "\n" : ":");
		for (int i = 0; i < n; i++)
			if (strcmp(PQgetvalue(r, i, 2), "1") == 0) {
				char *suffix = xasprintf(" — %s", PQgetvalue(r, i, 1));
				write_list_item(w, PQgetvalue(r, i, 0), suffix);
				free(suffix);
			}
		fputc('\n', w->out);
	}
}

static void write_actions(const struct writer *w, const char *decision_id, const char *indent)
{
	const PGresult *r = w->m->actions;
	int n = PQntuples(r), found = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(PQgetvalue(r, i, A_DECISION), decision_id) != 0)
			continue;
		if (w->format == DB_MINUTES_MARKDOWN) {
			if (!found++)
				fputs("| Action item | Owner | Due | Status |\n|---|---|---|---|\n", w->out);
			static const int cols[] = { A_TEXT, A_OWNER, A_DUE, A_STATUS };
			for (int c = 0; c < 4; c++) {
				fputs("| ", w->out);
				doc_md_text(w->out, PQgetvalue(r, i, cols[c]), DOC_MD_INLINE);
				fputc(' ', w->out);
			}
			fputs("|\n", w->out);
		} else {
			if (!found++) {
				fputs(indent, w->out);
				fputs("Action items:\n", w->out);
			}
			char *first = xasprintf("%s  - ", indent), *rest = xasprintf("%s    ", indent);
			doc_wrap_text(w->out, PQgetvalue(r, i, A_TEXT), first, rest);
			char *line = xasprintf("Owner: %s; due %s; %s", PQgetvalue(r, i, A_OWNER), PQgetvalue(r, i, A_DUE),
				PQgetvalue(r, i, A_STATUS));
			doc_wrap_text(w->out, line, rest, rest);
			free(line);
			free(first);
			free(rest);
		}
	}
	if (found)
		fputc('\n', w->out);
}

static void write_decision(const struct writer *w, int row, const char *indent)
{
	const PGresult *r = w->m->decisions;
	if (w->format == DB_MINUTES_MARKDOWN) {
		fprintf(w->out, "**Decision %s.** ", PQgetvalue(r, row, 1));
		doc_md_text(w->out, PQgetvalue(r, row, 2), DOC_MD_INLINE);
		fputs("\n\n", w->out);
	} else {
		char *first = xasprintf("%sDecision %s. ", indent, PQgetvalue(r, row, 1));
		char *rest = xasprintf("%*s", (int)strlen(first), "");
		doc_wrap_text(w->out, PQgetvalue(r, row, 2), first, rest);
		fputc('\n', w->out);
		free(first);
		free(rest);
	}
	write_actions(w, PQgetvalue(r, row, 0), indent);
}

static void write_agenda(const struct writer *w)
{
	const PGresult *a = w->m->agenda, *d = w->m->decisions;
	write_section(w, "Agenda");
	if (PQntuples(a) == 0)
		fputs("None recorded.\n\n", w->out);
	for (int i = 0; i < PQntuples(a); i++) {
		const char *notes = cell(a, i, 3);
		if (w->format == DB_MINUTES_MARKDOWN) {
			fprintf(w->out, "### %s. ", PQgetvalue(a, i, 1));
			doc_md_text(w->out, PQgetvalue(a, i, 2), DOC_MD_INLINE);
			fputs("\n\n", w->out);
			if (notes)
				doc_md_paragraphs(w->out, notes, "");
		} else {
			char *first = xasprintf("%s. ", PQgetvalue(a, i, 1));
			char *rest = xasprintf("%*s", (int)strlen(first), "");
			doc_wrap_text(w->out, PQgetvalue(a, i, 2), first, rest);
			fputc('\n', w->out);
			if (notes && *notes) {
				doc_wrap_text(w->out, notes, rest, rest);
				fputc('\n', w->out);
			}
			free(first);
			free(rest);
		}
		for (int k = 0; k < PQntuples(d); k++)
			if (strcmp(PQgetvalue(d, k, 3), PQgetvalue(a, i, 0)) == 0)
				write_decision(w, k, "   ");
	}
	bool heading = false;
	for (int k = 0; k < PQntuples(d); k++)
		if (!*PQgetvalue(d, k, 3)) {
			if (!heading)
				write_section(w, "Other decisions");
			heading = true;
			write_decision(w, k, "");
		}
}

/* Last, as a record of what changed final minutes: when, by whom, why. */
static void write_amendments(const struct writer *w)
{
	const PGresult *r = w->m->amendments;
	if (PQntuples(r) == 0)
		return;
	write_section(w, "Amendments");
	for (int i = 0; i < PQntuples(r); i++) {
		char *line = xasprintf("Amended %s by %s: %s%s", PQgetvalue(r, i, AM_DATE), PQgetvalue(r, i, AM_BY),
			PQgetvalue(r, i, AM_REASON), strcmp(PQgetvalue(r, i, AM_OPEN), "1") == 0 ? " (open: not final yet)" : "");
		write_list_item(w, line, NULL);
		free(line);
	}
	fputc('\n', w->out);
}

/* ---- the 会议纪要 layout ----
 * Minutes as a Chinese secretary circulates them: the title with 会议纪要, the particulars (会议名称, 时间,
 * 地点, 主持人, 记录人), 出席人员 with head counts, the numbered 会议议程, the numbered 议定事项, and the
 * 工作任务 with 责任单位 and 完成时限 of each (a table in Markdown); dates as 2026年9月17日. Chosen by the
 * language of the messages; its words are the translation's, its numbering and date form its own. */

static bool minutes_layout_chinese(void)
{
	return strcmp(db_messages_language(), "zh_CN") == 0;
}


/* "label：value", the label padded in plain text so that the values line up. */
#define ZH_LABEL_CELLS 10

static void zh_field(const struct writer *w, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	/* TRANSLATORS: a label of the minutes' particulars and its colon (zh_CN: %s：) */
	char *colon = xasprintf(_("%s:"), label);
	if (w->format == DB_MINUTES_MARKDOWN) {
		fputs("- **", w->out);
		doc_md_text(w->out, colon, DOC_MD_INLINE);
		fputs("** ", w->out);
		doc_md_text(w->out, value, DOC_MD_FIELD);
		fputc('\n', w->out);
	} else {
		int pad = ZH_LABEL_CELLS - text_width(colon);
		char *line = xasprintf("%s%*s%s", colon, pad > 0 ? pad : 0, "", value);
		char rest[ZH_LABEL_CELLS + 1];
		memset(rest, ' ', ZH_LABEL_CELLS);
		rest[ZH_LABEL_CELLS] = '\0';
		doc_wrap_text(w->out, line, "", rest);
		free(line);
	}
	free(colon);
}

/* "None recorded." under a section with nothing in it. */
static void zh_none(const struct writer *w)
{
	fprintf(w->out, "%s\n\n", C_("minutes", "None recorded."));
}

/* One paragraph of text, md-escaped or wrapped with indent. */
static void zh_paragraph(const struct writer *w, const char *text, const char *indent)
{
	if (w->format == DB_MINUTES_MARKDOWN) {
		doc_md_paragraphs(w->out, text, "");
	} else {
		doc_wrap_text(w->out, text, indent, indent);
		fputc('\n', w->out);
	}
}

static void zh_header(const struct writer *w)
{
	const PGresult *r = w->m->meeting;
	bool draft = strcmp(cell(r, 0, M_STATUS), "final") != 0;
	const char *amending = cell(r, 0, M_AMENDING);
	const char *banner = draft ? C_("minutes", "DRAFT — not final") : amending
		? C_("minutes", "AMENDMENT OPEN — not final") : NULL;
	if (banner)
		fprintf(w->out, w->format == DB_MINUTES_MARKDOWN ? "**%s**\n\n" : "%s\n\n", banner);
	const char *title = cell(r, 0, M_TITLE);
	/* A title that already ends in 会议 (…第四次会议) takes 纪要 alone, not 会议会议纪要. */
	size_t len = strlen(title);
	bool names_meeting = len >= 6 && !strcmp(title + len - 6, "会议");
	/* TRANSLATORS: the title line of the minutes: the meeting's title, then "minutes" (zh_CN: %s会议纪要);
	 * "Minutes: %s" is the same for a title that ends in the word for meeting, 会议 (zh_CN: %s纪要) */
	char *heading = xasprintf(names_meeting ? _("Minutes: %s") : _("Minutes of %s"), title);
	if (w->format == DB_MINUTES_MARKDOWN) {
		fputs("# ", w->out);
		doc_md_text(w->out, heading, DOC_MD_INLINE);
		fputs("\n\n", w->out);
	} else {
		doc_heading(w->out, heading, '=');
		fputc('\n', w->out);
	}
	free(heading);
	char *date = doc_zh_date(cell(r, 0, M_DATE));
	zh_field(w, C_("minutes", "Meeting"), title);
	zh_field(w, C_("minutes", "Date"), date);
	zh_field(w, C_("minutes", "Place"), cell(r, 0, M_PLACE));
	zh_field(w, C_("minutes", "Chair"), cell(r, 0, M_CHAIR));
	zh_field(w, C_("minutes", "Secretary"), cell(r, 0, M_SECRETARY));
	free(date);
	char *status;
	if (draft) {
		status = xstrdup(C_("minutes status", "draft, not final"));
	} else {
		char *final = doc_zh_date(cell(r, 0, M_FINALISED));
		const char *by = cell(r, 0, M_FINALISED_BY);
		/* TRANSLATORS: the minutes' status: final since a date, by a person (zh_CN: 定稿（%1$s，%2$s定稿）) */
		char *since = by ? xasprintf(_("final since %1$s, by %2$s"), final, by)
			: xasprintf(_("final since %s"), final);
		if (amending) {
			char *opened = doc_zh_date(amending);
			const char *why = cell(r, 0, M_AMENDING_WHY);
			/* TRANSLATORS: final minutes being amended: the final status, the day the amendment opened, why */
			status = xasprintf(_("%1$s; amendment open since %2$s: %3$s"), since, opened,
				why ? why : "");
			free(opened);
			free(since);
		} else {
			status = since;
		}
		free(final);
	}
	zh_field(w, C_("minutes", "Status"), status);
	free(status);
	fputc('\n', w->out);
	const char *summary = cell(r, 0, M_SUMMARY);
	if (summary && *summary) {
		write_section(w, C_("minutes", "Summary"));
		zh_paragraph(w, summary, "");
	}
}

/* The names of one kind of attendee (people: is_group "0"; organisations: "1") after label, joined by
 * the list's separator, an organisation with its head count. */
static void zh_attendee_line(const struct writer *w, const char *label, const char *is_group)
{
	const PGresult *r = w->m->attendees;
	const char *separator = C_("minutes list of names", ", ");
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	if (!mem)
		abort();
	bool first = true;
	for (int i = 0; i < PQntuples(r); i++) {
		if (strcmp(PQgetvalue(r, i, 2), is_group) != 0)
			continue;
		char *name = is_group[0] == '1'
			/* TRANSLATORS: an organisation among the attendees with its head count (zh_CN: %1$s（%2$ld人）) */
			? xasprintf(_("%1$s (%2$ld)"), PQgetvalue(r, i, 0), strtol(PQgetvalue(r, i, 1), NULL, 10))
			: xstrdup(PQgetvalue(r, i, 0));
		if (!first)
			fputs(separator, mem);
		first = false;
		if (w->format == DB_MINUTES_MARKDOWN)
			doc_md_text(mem, name, DOC_MD_INLINE);
		else
			fputs(name, mem);
		free(name);
	}
	fclose(mem);
	if (w->format == DB_MINUTES_MARKDOWN) {
		fputs("- **", w->out);
		doc_md_text(w->out, label, DOC_MD_INLINE);
		fprintf(w->out, "** %s\n", buf);
	} else {
		char *line = xasprintf("%s%s", label, buf);
		doc_wrap_text(w->out, line, "", "");
		fputc('\n', w->out);
		free(line);
	}
	free(buf);
}

static void zh_attendees(const struct writer *w)
{
	const PGresult *r = w->m->attendees;
	int n = PQntuples(r);
	struct heads h = attendee_heads(r);
	int people = h.people, groups = h.groups;
	long heads = h.heads, group_heads = h.group_heads;
	/* TRANSLATORS: the attendees' section of the minutes, with the head count (zh_CN: 出席人员（共%ld人）) */
	char *title = xasprintf(ngettext("Attendees (%ld in all)", "Attendees (%ld in all)", heads), heads);
	write_section(w, title);
	free(title);
	if (!n) {
		zh_none(w);
		return;
	}
	if (people) {
		/* TRANSLATORS: the persons among the attendees, counted (zh_CN: 个人（%d人）：) */
		char *label = xasprintf(ngettext("Persons (%d): ", "Persons (%d): ", people), people);
		zh_attendee_line(w, label, "0");
		free(label);
	}
	if (groups) {
		/* TRANSLATORS: the organisations among the attendees and their people (zh_CN: 单位（%1$d个，共%2$ld人）：) */
		char *label = xasprintf(ngettext("Organisations (%1$d, %2$ld people): ", "Organisations (%1$d, %2$ld people): ",
			groups), groups, group_heads);
		zh_attendee_line(w, label, "1");
		free(label);
	}
	if (w->format == DB_MINUTES_MARKDOWN)
		fputc('\n', w->out);
}

static void zh_agenda(const struct writer *w)
{
	const PGresult *a = w->m->agenda;
	write_section(w, C_("minutes", "Agenda"));
	if (PQntuples(a) == 0)
		zh_none(w);
	for (int i = 0; i < PQntuples(a); i++) {
		char *number = doc_zh_numeral(i + 1);
		/* TRANSLATORS: an agenda item of the minutes, numbered (zh_CN: %1$s、%2$s) */
		char *item = xasprintf(_("%1$s. %2$s"), number, PQgetvalue(a, i, 2));
		const char *notes = cell(a, i, 3);
		if (w->format == DB_MINUTES_MARKDOWN) {
			fputs("### ", w->out);
			doc_md_text(w->out, item, DOC_MD_INLINE);
			fputs("\n\n", w->out);
		} else {
			char rest[16];
			snprintf(rest, sizeof(rest), "%*s", text_width(number) + 2, "");
			doc_wrap_text(w->out, item, "", rest);
			fputc('\n', w->out);
		}
		if (notes && *notes)
			zh_paragraph(w, notes, "    ");
		free(item);
		free(number);
	}
}

/* The decisions in the order of the minutes, numbered 1, 2, … as 议定事项: the number a task refers to. */
static int zh_decision_number(const struct writer *w, const char *decision_id)
{
	const PGresult *d = w->m->decisions;
	for (int k = 0; k < PQntuples(d); k++)
		if (strcmp(PQgetvalue(d, k, 0), decision_id) == 0)
			return k + 1;
	return 0;
}

static void zh_decisions(const struct writer *w)
{
	const PGresult *d = w->m->decisions;
	write_section(w, C_("minutes", "Decisions"));
	if (PQntuples(d) == 0)
		zh_none(w);
	for (int k = 0; k < PQntuples(d); k++) {
		char *first = xasprintf("%d. ", k + 1);
		if (w->format == DB_MINUTES_MARKDOWN) {
			fputs(first, w->out);
			doc_md_text(w->out, PQgetvalue(d, k, 2), DOC_MD_INLINE);
			fputc('\n', w->out);
		} else {
			char *rest = xasprintf("%*s", (int)strlen(first), "");
			doc_wrap_text(w->out, PQgetvalue(d, k, 2), first, rest);
			free(rest);
		}
		free(first);
	}
	if (PQntuples(d))
		fputc('\n', w->out);
}

/* An action item's progress: its status as a word, with the day it was done. */
static char *zh_progress(const PGresult *r, int i)
{
	const char *done = cell(r, i, A_DONE);
	if (!done)
		return xstrdup(text_word(PQgetvalue(r, i, A_CODE)));
	char *day = doc_zh_date(done);
	/* TRANSLATORS: an action item's status with the day it was done (zh_CN: %1$s（%2$s）) */
	char *text = xasprintf(_("%1$s (%2$s)"), text_word(PQgetvalue(r, i, A_CODE)), day);
	free(day);
	return text;
}

/* The owner school and unit, both when both are named. */
static char *zh_owner(const PGresult *r, int i)
{
	const char *school = cell(r, i, A_SCHOOL), *unit = cell(r, i, A_UNIT);
	if (school && unit)
		return xasprintf("%s%s%s", school, C_("minutes list of names", ", "), unit);
	return xstrdup(school ? school : unit ? unit : "");
}

static void zh_tasks(const struct writer *w)
{
	const PGresult *r = w->m->actions;
	write_section(w, C_("minutes", "Action items"));
	if (PQntuples(r) == 0) {
		zh_none(w);
		return;
	}
	if (w->format == DB_MINUTES_MARKDOWN) {
		const char *const titles[] = { C_("minutes table", "No."), C_("minutes table", "Action item"),
			C_("minutes table", "Owner"), C_("minutes table", "Due"), C_("minutes table", "Decision"),
			C_("minutes table", "Progress") };
		for (size_t c = 0; c < sizeof(titles) / sizeof(titles[0]); c++) {
			fputs("| ", w->out);
			doc_md_text(w->out, titles[c], DOC_MD_INLINE);
			fputc(' ', w->out);
		}
		fputs("|\n|---|---|---|---|---|---|\n", w->out);
	}
	for (int i = 0; i < PQntuples(r); i++) {
		char *owner = zh_owner(r, i), *due = doc_zh_date(cell(r, i, A_DUE)), *progress = zh_progress(r, i);
		int decision = zh_decision_number(w, PQgetvalue(r, i, A_DECISION));
		if (w->format == DB_MINUTES_MARKDOWN) {
			fprintf(w->out, "| %d | ", i + 1);
			const char *cells[] = { PQgetvalue(r, i, A_TEXT), owner, due };
			for (size_t c = 0; c < 3; c++) {
				doc_md_text(w->out, cells[c], DOC_MD_INLINE);
				fputs(" | ", w->out);
			}
			fprintf(w->out, "%d | ", decision);
			doc_md_text(w->out, progress, DOC_MD_INLINE);
			fputs(" |\n", w->out);
		} else {
			char *first = xasprintf("%d. ", i + 1);
			char *rest = xasprintf("%*s", (int)strlen(first), "");
			doc_wrap_text(w->out, PQgetvalue(r, i, A_TEXT), first, rest);
			/* TRANSLATORS: an action item's particulars in the plain-text minutes (zh_CN:
			 * 责任单位：%1$s；完成时限：%2$s；议定事项：%3$d；进展：%4$s) */
			char *line = xasprintf(_("Owner: %1$s; due %2$s; decision %3$d; %4$s"), owner, due,
				decision, progress);
			doc_wrap_text(w->out, line, rest, rest);
			free(line);
			free(first);
			free(rest);
		}
		free(owner);
		free(due);
		free(progress);
	}
	fputc('\n', w->out);
}

static void zh_amendments(const struct writer *w)
{
	const PGresult *r = w->m->amendments;
	if (PQntuples(r) == 0)
		return;
	write_section(w, C_("minutes", "Amendments"));
	for (int i = 0; i < PQntuples(r); i++) {
		char *day = doc_zh_date(PQgetvalue(r, i, AM_DATE));
		bool open = strcmp(PQgetvalue(r, i, AM_OPEN), "1") == 0;
		/* TRANSLATORS: one amendment of final minutes: when, by whom, why (zh_CN: %1$s，%2$s修订：%3$s) */
		char *line = open ? xasprintf(_("Amended %1$s by %2$s: %3$s (open: not final yet)"), day,
				PQgetvalue(r, i, AM_BY), PQgetvalue(r, i, AM_REASON))
			: xasprintf(_("Amended %1$s by %2$s: %3$s"), day, PQgetvalue(r, i, AM_BY),
				PQgetvalue(r, i, AM_REASON));
		write_list_item(w, line, NULL);
		free(line);
		free(day);
	}
	fputc('\n', w->out);
}

bool db_minutes_format_lookup(const char *name, enum db_minutes_format *format)
{
	if (name && !strcmp(name, "md"))
		*format = DB_MINUTES_MARKDOWN;
	else if (name && !strcmp(name, "txt"))
		*format = DB_MINUTES_TEXT;
	else
		return false;
	return true;
}

bool db_minutes_write(PGconn *conn, const char *meeting_id, enum db_minutes_format format, FILE *out,
		struct db_error *err)
{
	const char *p = meeting_id;
	while (p && *p >= '0' && *p <= '9')
		p++;
	if (!meeting_id || !*meeting_id || *p || p - meeting_id > 18) {
		db_error_set(err, _("a meeting id is a number, not '%s'"), meeting_id ? meeting_id : "");
		return false;
	}
	struct minutes m;
	if (!minutes_load(conn, meeting_id, &m, err))
		return false;
	/* Written to memory first, so the text ends in exactly one newline whatever section came last. */
	char *text = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);
	if (!mem)
		abort();
	struct writer w = { mem, format, &m };
	if (minutes_layout_chinese()) {
		zh_header(&w);
		zh_attendees(&w);
		zh_agenda(&w);
		zh_decisions(&w);
		zh_tasks(&w);
		zh_amendments(&w);
	} else {
		write_header(&w);
		write_attendees(&w);
		write_agenda(&w);
		write_amendments(&w);
	}
	minutes_done(&m);
	fclose(mem);
	while (size > 0 && text[size - 1] == '\n')
		size--;
	fwrite(text, 1, size, out);
	fputc('\n', out);
	free(text);
	if (fflush(out) != 0 || ferror(out)) {
		db_error_set(err, _("cannot write the minutes: %s"), strerror(errno));
		return false;
	}
	return true;
}
