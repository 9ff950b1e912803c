/* export: whole lists as CSV for the commission's spreadsheets, streamed from the server a row at a
 * time (single-row mode) so memory stays flat however many rows match. */
#include "db/private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV (RFC 4180) ---- */

void db_csv_write_field(FILE *out, const char *value, bool first)
{
	if (!first)
		fputc(',', out);
	if (!value)
		return;
	if (!*value || strpbrk(value, ",\"\r\n")) {
		fputc('"', out);
		for (const char *p = value; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else {
		fputs(value, out);
	}
}

/* A text cell a spreadsheet would take for a formula (=, +, -, @, TAB, CR first: Excel and WPS run
 * them) gets the usual leading ' so it shows as written; numbers and dates never come here. */
void db_csv_write_text(FILE *out, const char *value, bool first, bool exact)
{
	if (exact || !value || !*value || !strchr("=+-@\t\r", *value)) {
		db_csv_write_field(out, value, first);
		return;
	}
	char *guarded = xasprintf("'%s", value);
	db_csv_write_field(out, guarded, first);
	free(guarded);
}

void db_csv_end_row(FILE *out)
{
	fputs("\r\n", out);
}

/* ---- what each export writes ----
 * Parameters, all sent as text (so a query may leave any out): $1 the filter ("" for none), $2 the district
 * code (NULL for every district), $3 "true" for only the overdue rows, $4 the region code (NULL for every
 * region), $5 the alliance code (NULL for every one). Codes rather than ids: they are what people type and
 * what survives a re-import. */

#define MAX_EXPORT_COLUMNS 20

/* The column types whose cells are people's text (text, varchar, char, name), the only ones a
 * spreadsheet could mistake for a formula; a negative number stays exact. */
static bool export_is_text(Oid type)
{
	return type == 25 || type == 1043 || type == 1042 || type == 19;
}
#define PATTERN "iedesk.contains_pattern($1)"
#define YES_NO(x) "CASE WHEN " x " THEN 'yes' ELSE 'no' END"

struct export_def {
	const char *name;
	const char *columns[MAX_EXPORT_COLUMNS];   /* the header (NC_ keys), NULL-terminated */
	const char *sql;
	bool has_overdue;   /* takes $3, true for only the overdue rows (options->overdue) */
	unsigned words;     /* COLUMN(n) for each column of codes (a status, a kind, yes/no): words, translated */
	unsigned sentences; /* COLUMN(n) for each column of marked sentences (db_text_shown), in any language */
	bool has_alliance;  /* takes $5 (options->alliance_code) */
	unsigned word_lists; /* COLUMN(n) for each column of codes joined by ", ": each a word, translated */
};

#define COLUMN(n) (1u << (n))

/* The districts of $4's subtree, their regions' paths under its (one probe of the GiST index, then one of
 * district_region_idx a region); uncorrelated, so the plan reads it once and hashes it. */
#define REGION_DISTRICTS "(SELECT rd.id FROM iedesk.district rd JOIN iedesk.region rr ON rr.id = rd.region_id" \
	" WHERE rr.path OPERATOR(iedesk.<@) (SELECT rx.path FROM iedesk.region rx WHERE rx.code = $4))"
/* The row's district (an id expression) is in $4's subtree, or no region was asked for. */
#define IN_REGION(district_id) "($4::text IS NULL OR " district_id " IN " REGION_DISTRICTS ")"
/* A consortium c has a member today (the lead included) of a district that matches (SQL over s, the school). */
#define HAS_MEMBER(c, school_matches) "EXISTS (SELECT 1 FROM iedesk.consortium_member mx" \
	" JOIN iedesk.school s ON s.id = mx.school_id WHERE mx.consortium_id = " c ".id" \
	" AND (mx.left_on IS NULL OR mx.left_on > iedesk.today()) AND " school_matches ")"
/* A consortium c is of district $2 (its own, or of a member's when it spans districts), of $4's subtree
 * likewise, and is $5 (or, without $5, of the kinds given). */
#define CONSORTIUM_DISTRICT(c) "($2::text IS NULL OR EXISTS (SELECT 1 FROM iedesk.district dx" \
	" WHERE dx.code = $2 AND (dx.id = " c ".district_id OR (" c ".district_id IS NULL" \
	" AND " HAS_MEMBER(c, "s.district_id = dx.id") "))))"
#define CONSORTIUM_REGION(c) "($4::text IS NULL OR " c ".district_id IN " REGION_DISTRICTS \
	" OR " HAS_MEMBER(c, "s.district_id IN " REGION_DISTRICTS) ")"

/* Open work: what "open action items" and "overdue" count. */
#define ACTION_OPEN(a) a ".status IN ('open', 'in-progress')"
/* A finding's days past due while unresolved, else NULL (the Findings pane's count). */
#define FINDING_OVERDUE(f) "CASE WHEN " f ".resolved_on IS NULL AND " f ".due_on < iedesk.today()" \
	" THEN iedesk.today() - " f ".due_on END"

static const struct export_def export_defs[DB_EXPORT_COUNT] = {
	[DB_EXPORT_DISTRICTS] = {
		"districts",
		{ NC_("CSV header", "District code"), NC_("CSV header", "District"),
			NC_("CSV header", "Locale class"), NC_("CSV header", "Schools"),
			NC_("CSV header", "Resource classrooms"), NC_("CSV header", "Resource centers"),
			NC_("CSV header", "Autism bases"), NC_("CSV header", "Vacancies"), NULL },
		"SELECT d.code, d.name, d.locale_class, c.schools, c.classrooms, c.centers, c.autism, c.vacant"
		" FROM iedesk.district d"
		" CROSS JOIN LATERAL (SELECT count(*) AS schools,"
		" count(*) FILTER (WHERE s.has_resource_classroom) AS classrooms,"
		" count(*) FILTER (WHERE s.is_resource_center) AS centers,"
		" count(*) FILTER (WHERE s.is_autism_base) AS autism,"
		" count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
		" WHERE a.school_id = s.id AND a.ended_on IS NULL)) AS vacant"
		" FROM iedesk.school s WHERE s.district_id = d.id AND s.archived_at IS NULL) c"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR " NAME_MATCHES("d") " OR d.code ILIKE " PATTERN ")"
		" ORDER BY d.name, d.id",
		false,
		COLUMN(2),
		0,
		false,
		0,
	},
	/* Archived schools too, as the Schools pane shows them, with the date they were archived. */
	[DB_EXPORT_SCHOOLS] = {
		"schools",
		{ NC_("CSV header", "District code"), NC_("CSV header", "School code"), NC_("CSV header", "School"),
			NC_("CSV header", "English name"), NC_("CSV header", "Stage"), NC_("CSV header", "Sector"),
			NC_("CSV header", "Locale"), NC_("CSV header", "Resource classroom"),
			NC_("CSV header", "Resource center"), NC_("CSV header", "Autism base"),
			NC_("CSV header", "Manager"), NC_("CSV header", "Manager since"),
			NC_("CSV header", "Address"), NC_("CSV header", "Phone"), NC_("CSV header", "Headteacher"),
			NC_("CSV header", "Archived on"), NULL },
		"SELECT d.code, s.code, s.name, s.name_en, s.stage, s.sector, s.locale,"
		" " YES_NO("s.has_resource_classroom") ", " YES_NO("s.is_resource_center") ","
		" " YES_NO("s.is_autism_base") ","
		" m.person_name, to_char(m.started_on, 'YYYY-MM-DD'), s.address, s.phone, s.headteacher,"
		" to_char(s.archived_at, 'YYYY-MM-DD')"
		" FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id"
		" LEFT JOIN iedesk.school_current_manager m ON m.school_id = s.id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR " NAME_MATCHES("s") " OR s.name_en ILIKE " PATTERN
		" OR s.code ILIKE " PATTERN ")"
		" ORDER BY d.name, d.id, s.name, s.id",
		false,
		COLUMN(4) | COLUMN(5) | COLUMN(6) | COLUMN(7) | COLUMN(8) | COLUMN(9),
		0,
		false,
		0,
	},
	/* Members are those who have not left by today, the lead included. An alliance across districts (0031)
	 * has no district code, and comes first; its lead may be a partner, which the alliances export names. */
	[DB_EXPORT_CONSORTIA] = {
		"consortia",
		{ NC_("CSV header", "District code"), NC_("CSV header", "Consortium code"),
			NC_("CSV header", "Consortium"), NC_("CSV header", "Kind"),
			NC_("CSV header", "Lead school code"), NC_("CSV header", "Lead school"),
			NC_("CSV header", "Founded"), NC_("CSV header", "Partner kind"),
			NC_("CSV header", "Members"), NC_("CSV header", "Shared resources"),
			NC_("CSV header", "Archived on"), NULL },
		"SELECT d.code, c.code, c.name, c.kind, l.code, l.name, to_char(c.founded_on, 'YYYY-MM-DD'),"
		" c.partner_kind,"
		" (SELECT count(*) FROM iedesk.consortium_member cm WHERE cm.consortium_id = c.id"
		" AND (cm.left_on IS NULL OR cm.left_on > iedesk.today())),"
		" (SELECT count(*) FROM iedesk.shared_resource r WHERE r.consortium_id = c.id),"
		" to_char(c.archived_at, 'YYYY-MM-DD')"
		" FROM iedesk.consortium c LEFT JOIN iedesk.district d ON d.id = c.district_id"
		" LEFT JOIN iedesk.school l ON l.id = c.lead_school_id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("c.district_id")
		" AND ($1::text = '' OR c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN ")"
		" ORDER BY d.name NULLS FIRST, d.id, c.name, c.id",
		false,
		COLUMN(3) | COLUMN(7),
		0,
		false,
		0,
	},
	/* The Managers pane's rows: open schools in name order; a vacancy has no manager, and the day it
	 * began when an appointment ended. Trained: attended a training held by today. */
	[DB_EXPORT_MANAGERS] = {
		"managers",
		{ NC_("CSV header", "District code"), NC_("CSV header", "School code"), NC_("CSV header", "School"),
			NC_("CSV header", "Manager"), NC_("CSV header", "Phone"), NC_("CSV header", "Email"),
			NC_("CSV header", "Since"), NC_("CSV header", "Workload"), NC_("CSV header", "Trained"),
			NC_("CSV header", "Vacant since"), NULL },
		"SELECT d.code, s.code, s.name, m.person_name, p.phone, p.email, to_char(m.started_on, 'YYYY-MM-DD'),"
		" m.workload,"
		" CASE WHEN m.person_id IS NULL THEN NULL WHEN EXISTS (SELECT 1 FROM iedesk.training_attendance ta"
		" JOIN iedesk.training t ON t.id = ta.training_id"
		" WHERE ta.person_id = m.person_id AND t.held_on <= iedesk.today()) THEN 'yes' ELSE 'no' END,"
		" to_char(v.since, 'YYYY-MM-DD')"
		" FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id"
		" LEFT JOIN iedesk.school_current_manager m ON m.school_id = s.id"
		" LEFT JOIN iedesk.person p ON p.id = m.person_id"
		" LEFT JOIN LATERAL (SELECT max(a.ended_on) + 1 AS since FROM iedesk.manager_appointment a"
		" WHERE m.person_id IS NULL AND a.school_id = s.id) v ON true"
		" WHERE s.archived_at IS NULL AND ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR " NAME_MATCHES("s") " OR " NAME_MATCHES("p") ")"
		" ORDER BY s.name, s.id",
		false,
		COLUMN(7) | COLUMN(8),
		0,
		false,
		0,
	},
	/* One row per gap of a school (0025), together under its worst gap, as the Managers pane's gaps view. */
	[DB_EXPORT_MANAGER_GAPS] = {
		"manager-gaps",
		{ NC_("CSV header", "District code"), NC_("CSV header", "School code"), NC_("CSV header", "School"),
			NC_("CSV header", "Gap"), NC_("CSV header", "Manager"), NC_("CSV header", "Since"),
			NC_("CSV header", "Details"), NULL },
		"SELECT g.district_code, g.school_code, g.school_name, g.gap, g.person_name,"
		" to_char(g.since, 'YYYY-MM-DD'), " DB_GAP_DETAILS_SQL("g", "to_char(g.window_start, 'YYYY-MM-DD')")
		" FROM iedesk.manager_gap_each g"
		" WHERE ($2::text IS NULL OR g.district_code = $2)"
		" AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM iedesk.district gd WHERE gd.code = g.district_code"
		" AND gd.id IN " REGION_DISTRICTS "))"
		" AND ($1::text = '' OR g.school_name ILIKE " PATTERN " OR g.person_name ILIKE " PATTERN
		" OR EXISTS (SELECT 1 FROM iedesk.school x WHERE x.id = g.school_id AND x.name_pinyin ILIKE " PATTERN ")"
		" OR EXISTS (SELECT 1 FROM iedesk.person x WHERE x.id = g.person_id AND x.name_pinyin ILIKE " PATTERN "))"
		" ORDER BY g.school_rank, g.school_name, g.rank, g.school_id",
		false,
		COLUMN(3),
		COLUMN(6),
		false,
		0,
	},
	/* The Meetings pane's rows, newest first; attendees are heads (an organisation counts its people). */
	[DB_EXPORT_MEETINGS] = {
		"meetings",
		{ NC_("CSV header", "District code"), NC_("CSV header", "Date"), NC_("CSV header", "Kind"),
			NC_("CSV header", "Title"), NC_("CSV header", "Place"), NC_("CSV header", "Chair"),
			NC_("CSV header", "Secretary"), NC_("CSV header", "Status"), NC_("CSV header", "Attendees"),
			NC_("CSV header", "Decisions"), NC_("CSV header", "Open action items"), NULL },
		"SELECT d.code, to_char(m.held_on, 'YYYY-MM-DD'), m.kind, m.title, m.location, c.name, s.name, m.status,"
		" (SELECT coalesce(sum(a.head_count), 0) FROM iedesk.meeting_attendee a WHERE a.meeting_id = m.id),"
		" (SELECT count(*) FROM iedesk.decision x WHERE x.meeting_id = m.id),"
		" (SELECT count(*) FROM iedesk.action_item ai JOIN iedesk.decision x ON x.id = ai.decision_id"
		" WHERE x.meeting_id = m.id AND " ACTION_OPEN("ai") ")"
		" FROM iedesk.meeting m JOIN iedesk.district d ON d.id = m.district_id"
		" LEFT JOIN iedesk.person c ON c.id = m.chair_person_id"
		" LEFT JOIN iedesk.person s ON s.id = m.secretary_person_id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR m.title ILIKE " PATTERN ")"
		" ORDER BY m.held_on DESC, m.id DESC",
		false,
		COLUMN(2) | COLUMN(7),
		0,
		false,
		0,
	},
	/* Every action item, meeting by meeting (newest first) in the order of the minutes. Days overdue
	 * only for open work past its due date; Inspections counts the inspections that check it. */
	[DB_EXPORT_ACTION_ITEMS] = {
		"action-items",
		{ NC_("CSV header", "District code"), NC_("CSV header", "Meeting date"),
			NC_("CSV header", "Meeting"), NC_("CSV header", "Decision"),
			NC_("CSV header", "Action item"), NC_("CSV header", "Owner"), NC_("CSV header", "Due"),
			NC_("CSV header", "Status"), NC_("CSV header", "Days overdue"),
			NC_("CSV header", "Inspections"), NULL },
		"SELECT d.code, to_char(m.held_on, 'YYYY-MM-DD'), m.title, x.text, a.text,"
		" concat_ws(' / ', s.name, a.owner_unit), to_char(a.due_on, 'YYYY-MM-DD'), a.status,"
		" CASE WHEN " ACTION_OPEN("a") " AND a.due_on < iedesk.today() THEN iedesk.today() - a.due_on END,"
		" (SELECT count(*) FROM iedesk.inspection i WHERE i.action_item_id = a.id)"
		" FROM iedesk.action_item a JOIN iedesk.decision x ON x.id = a.decision_id"
		" JOIN iedesk.meeting m ON m.id = x.meeting_id JOIN iedesk.district d ON d.id = m.district_id"
		" LEFT JOIN iedesk.school s ON s.id = a.owner_school_id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR a.text ILIKE " PATTERN " OR m.title ILIKE " PATTERN
		" OR " NAME_MATCHES("s") " OR a.owner_unit ILIKE " PATTERN ")"
		" AND (NOT $3::boolean OR (" ACTION_OPEN("a") " AND a.due_on < iedesk.today()))"
		" ORDER BY m.held_on DESC, m.id DESC, x.position, a.due_on, a.id",
		true,
		COLUMN(7),
		0,
		false,
		0,
	},
	/* Every inspection, open ones first (planned, then done, then closed, as the Inspections pane
	 * orders them), oldest plan first. Days overdue as the pane counts them (0002's
	 * iedesk.inspection_overdue_days); --overdue keeps the rows that have some. */
	[DB_EXPORT_INSPECTIONS] = {
		"inspections",
		{ NC_("CSV header", "Inspection"), NC_("CSV header", "District code"),
			NC_("CSV header", "School code"), NC_("CSV header", "School"), NC_("CSV header", "Kind"),
			NC_("CSV header", "Action item"), NC_("CSV header", "Finding"), NC_("CSV header", "Planned"),
			NC_("CSV header", "Visited"), NC_("CSV header", "Inspector"), NC_("CSV header", "Status"),
			NC_("CSV header", "Closed on"), NC_("CSV header", "Days overdue"), NULL },
		"SELECT i.id, d.code, s.code, s.name, i.kind, i.action_item_id, i.finding_id,"
		" to_char(i.planned_on, 'YYYY-MM-DD'), to_char(i.visited_on, 'YYYY-MM-DD'), p.name, i.status,"
		" to_char(i.closed_on, 'YYYY-MM-DD'), o.days"
		" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id"
		" JOIN iedesk.district d ON d.id = s.district_id"
		" LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id"
		" CROSS JOIN LATERAL (SELECT iedesk.inspection_overdue_days(i.id, i.status, i.planned_on) AS days"
		" OFFSET 0) o"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR " NAME_MATCHES("s") " OR " NAME_MATCHES("p") ")"
		" AND (NOT $3::boolean OR o.days IS NOT NULL)"
		" ORDER BY iedesk.inspection_rank(i.status), i.planned_on, i.id",
		true,
		COLUMN(4) | COLUMN(10),
		0,
		false,
		0,
	},
	/* Every finding, in the Findings pane's order: unresolved first, then by due date (none last).
	 * Days overdue for an unresolved one past its due date; what was done for a resolved one (0025). */
	[DB_EXPORT_FINDINGS] = {
		"findings",
		{ NC_("CSV header", "Finding"), NC_("CSV header", "Inspection"), NC_("CSV header", "District code"),
			NC_("CSV header", "School"), NC_("CSV header", "Severity"), NC_("CSV header", "Text"),
			NC_("CSV header", "Due"), NC_("CSV header", "Resolved on"),
			NC_("CSV header", "Days overdue"), NC_("CSV header", "What was done"), NULL },
		"SELECT f.id, f.inspection_id, d.code, s.name, f.severity, f.text, to_char(f.due_on, 'YYYY-MM-DD'),"
		" to_char(f.resolved_on, 'YYYY-MM-DD'), " FINDING_OVERDUE("f") ", f.resolution_note"
		" FROM iedesk.finding f JOIN iedesk.inspection i ON i.id = f.inspection_id"
		" JOIN iedesk.school s ON s.id = i.school_id JOIN iedesk.district d ON d.id = s.district_id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR f.text ILIKE " PATTERN ")"
		" AND (NOT $3::boolean OR " FINDING_OVERDUE("f") " IS NOT NULL)"
		" ORDER BY f.resolved_on IS NOT NULL, coalesce(f.due_on, '9999-12-31'::date), f.id",
		true,
		COLUMN(4),
		0,
		false,
		0,
	},
	/* The Backlog pane's rows (0011's iedesk.backlog), most overdue first: due on the planned date until the
	 * visit, then on the oldest unresolved finding's due date (none when nothing open has one: 9999-12-31
	 * stands for that, so those come last). A visited one with no finding open is waiting to be closed. The
	 * district is the backlog row's own, as the pane's. */
	[DB_EXPORT_BACKLOG] = {
		"backlog",
		{ NC_("CSV header", "Overdue days"), NC_("CSV header", "Due"), NC_("CSV header", "District code"),
			NC_("CSV header", "School code"), NC_("CSV header", "School"), NC_("CSV header", "Kind"),
			NC_("CSV header", "Status"), NC_("CSV header", "Open findings"),
			NC_("CSV header", "Worst open finding"), NC_("CSV header", "Inspector"),
			NC_("CSV header", "Planned"), NULL },
		"SELECT CASE WHEN b.due_on < iedesk.today() THEN iedesk.today() - b.due_on END,"
		" CASE WHEN b.due_on < '9999-12-31' THEN to_char(b.due_on, 'YYYY-MM-DD') END, d.code, s.code, s.name, b.kind,"
		" CASE WHEN b.status = 'planned' THEN 'planned' WHEN b.open_findings = 0 THEN 'to close' ELSE 'done' END,"
		" b.open_findings, CASE WHEN b.open_findings > 0 THEN b.severity END, p.name,"
		" to_char(b.planned_on, 'YYYY-MM-DD')"
		" FROM iedesk.backlog b JOIN iedesk.school s ON s.id = b.school_id"
		" JOIN iedesk.district d ON d.id = b.district_id"
		" LEFT JOIN iedesk.person p ON p.id = b.inspector_person_id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR " NAME_MATCHES("s") " OR " NAME_MATCHES("p") ")"
		" AND (NOT $3::boolean OR b.due_on < iedesk.today())"
		" ORDER BY b.due_on, b.inspection_id",
		true,
		COLUMN(5) | COLUMN(6) | COLUMN(8),
		0,
		false,
		0,
	},
	/* A case worker's cases (0029's iedesk.case_index: their own district's), in code order, each read from
	 * the table itself so that every case exported is one logged read; the index alone says nothing of the
	 * need. The next thing due is the earliest due within 30 days or overdue, as the index has it. The
	 * filter matches the code and the school, which the index holds, so no case is read to be left out. */
	[DB_EXPORT_CASES] = {
		"cases",
		{ NC_("CSV header", "Case code"), NC_("CSV header", "District code"), NC_("CSV header", "School code"),
			NC_("CSV header", "School"), NC_("CSV header", "Need category"),
			NC_("CSV header", "Identification"), NC_("CSV header", "Placement"), NC_("CSV header", "Status"),
			NC_("CSV header", "Next due"), NC_("CSV header", "Due"), NULL },
		"SELECT x.code, d.code, s.code, s.name, c.need_category, c.identification_status, c.placement, x.status,"
		" x.due, to_char(x.due_on, 'YYYY-MM-DD')"
		" FROM iedesk.case_index x JOIN iedesk.school s ON s.id = x.school_id"
		" JOIN iedesk.district d ON d.id = x.district_id"
		/* OFFSET 0: one case read (and logged) for each row exported, not a scan of every case */
		" CROSS JOIN LATERAL (SELECT c.need_category, c.identification_status, c.placement"
		" FROM iedesk.student_case c WHERE c.id = x.id OFFSET 0) c"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR x.code ILIKE " PATTERN " OR " NAME_MATCHES("s") ")"
		" ORDER BY x.code, x.id",
		false,
		COLUMN(4) | COLUMN(5) | COLUMN(6) | COLUMN(7) | COLUMN(8),
		0,
		false,
		0,
	},
	/* The case workers' review backlog (0029's iedesk.case_due): what is due within 30 days or overdue,
	 * most overdue first; each case in it read, logged, as the cases export reads them. */
	[DB_EXPORT_CASE_DUE] = {
		"case-due",
		{ NC_("CSV header", "Case code"), NC_("CSV header", "District code"), NC_("CSV header", "School code"),
			NC_("CSV header", "School"), NC_("CSV header", "What is due"), NC_("CSV header", "Due"),
			NC_("CSV header", "Days overdue"), NULL },
		"SELECT x.code, d.code, s.code, s.name, x.due, to_char(x.due_on, 'YYYY-MM-DD'),"
		" CASE WHEN x.days_over > 0 THEN x.days_over END"
		" FROM iedesk.case_due x JOIN iedesk.school s ON s.id = x.school_id"
		" JOIN iedesk.district d ON d.id = x.district_id"
		" CROSS JOIN LATERAL (SELECT 1 FROM iedesk.student_case c WHERE c.id = x.case_id OFFSET 0) c"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("d.id")
		" AND ($1::text = '' OR x.code ILIKE " PATTERN " OR " NAME_MATCHES("s") ")"
		" ORDER BY x.due_on, x.due, x.code, x.case_id",
		false,
		COLUMN(4),
		0,
		false,
		0,
	},
	/* Each region (0031) with the figures of its whole subtree, the tree in path order: open districts, their
	 * open schools, and the backlog's open and overdue items, summed from 0017's tally (a few rows a
	 * district, however long its backlog). --district: the regions the district is in. */
	[DB_EXPORT_REGIONS] = {
		"regions",
		{ NC_("CSV header", "Region code"), NC_("CSV header", "Region"), NC_("CSV header", "Kind"),
			NC_("CSV header", "Parent code"), NC_("CSV header", "Path"), NC_("CSV header", "Districts"),
			NC_("CSV header", "Schools"), NC_("CSV header", "Open backlog items"), NC_("CSV header", "Overdue"),
			NULL },
		"SELECT r.code, r.name, r.kind, p.code, r.path::text, coalesce(t.districts, 0), coalesce(t.schools, 0),"
		" coalesce(t.open, 0), coalesce(t.overdue, 0)"
		" FROM iedesk.region r LEFT JOIN iedesk.region p ON p.id = r.parent_id"
		" LEFT JOIN LATERAL (SELECT count(*) AS districts, sum(k.schools) AS schools, sum(k.open) AS open,"
		" sum(k.overdue) AS overdue"
		" FROM iedesk.region x JOIN iedesk.district d ON d.region_id = x.id AND d.archived_at IS NULL"
		" CROSS JOIN LATERAL (SELECT"
		" (SELECT count(*) FROM iedesk.school s WHERE s.district_id = d.id AND s.archived_at IS NULL) AS schools,"
		" coalesce(sum(b.n), 0) AS open, coalesce(sum(b.n) FILTER (WHERE b.due_on < iedesk.today()), 0) AS overdue"
		" FROM iedesk.backlog_tally b WHERE b.dimension = 'district' AND b.grp = d.id::text) k"
		" WHERE x.path OPERATOR(iedesk.<@) r.path) t ON true"
		" WHERE ($4::text IS NULL OR r.path OPERATOR(iedesk.<@) (SELECT rx.path FROM iedesk.region rx WHERE rx.code = $4))"
		" AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM iedesk.district dx JOIN iedesk.region y ON y.id = dx.region_id"
		" WHERE dx.code = $2 AND y.path OPERATOR(iedesk.<@) r.path))"
		" AND ($1::text = '' OR r.name ILIKE " PATTERN " OR r.code ILIKE " PATTERN ")"
		" ORDER BY r.path",
		false,
		COLUMN(2),
		0,
		false,
		0,
	},
	/* Every alliance: of one district, and across districts (no district code; those first). Its lead is a
	 * school or a partner (Lead kind: school, or the partner's kind); members, districts and provinces
	 * count the member schools of today, the lead school included; coordinators are logins (0031).
	 * --district and --region: the alliances of the district or with a member there. */
	[DB_EXPORT_ALLIANCES] = {
		"alliances",
		{ NC_("CSV header", "District code"), NC_("CSV header", "Alliance code"), NC_("CSV header", "Alliance"),
			NC_("CSV header", "Lead code"), NC_("CSV header", "Lead"), NC_("CSV header", "Lead kind"),
			NC_("CSV header", "Region code"), NC_("CSV header", "Founded"), NC_("CSV header", "Members"),
			NC_("CSV header", "Districts"), NC_("CSV header", "Provinces"), NC_("CSV header", "Coordinators"),
			NC_("CSV header", "Archived on"), NULL },
		"SELECT d.code, c.code, c.name, coalesce(ls.code, lp.code), coalesce(ls.name, lp.name),"
		" CASE WHEN ls.id IS NOT NULL THEN 'school' ELSE lp.kind END, g.code, to_char(c.founded_on, 'YYYY-MM-DD'),"
		" m.members, m.districts, m.provinces, k.coordinators, to_char(c.archived_at, 'YYYY-MM-DD')"
		" FROM iedesk.consortium c LEFT JOIN iedesk.district d ON d.id = c.district_id"
		" LEFT JOIN iedesk.school ls ON ls.id = c.lead_school_id"
		" LEFT JOIN iedesk.partner lp ON lp.id = c.lead_partner_id"
		" LEFT JOIN iedesk.region g ON g.id = c.region_id"
		" CROSS JOIN LATERAL (SELECT count(*) AS members, count(DISTINCT s.district_id) AS districts,"
		" count(DISTINCT iedesk.subpath(x.path, 0, 1)) AS provinces"
		" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
		" JOIN iedesk.district sd ON sd.id = s.district_id LEFT JOIN iedesk.region x ON x.id = sd.region_id"
		" WHERE cm.consortium_id = c.id AND (cm.left_on IS NULL OR cm.left_on > iedesk.today())) m"
		" CROSS JOIN LATERAL (SELECT string_agg(a.login, ', ' ORDER BY a.login) AS coordinators"
		" FROM iedesk.alliance_coordinator a WHERE a.consortium_id = c.id) k"
		" WHERE (c.code = $5 OR ($5::text IS NULL AND c.kind = 'alliance'))"
		" AND " CONSORTIUM_DISTRICT("c") " AND " CONSORTIUM_REGION("c")
		" AND ($1::text = '' OR c.name ILIKE " PATTERN " OR c.code ILIKE " PATTERN ")"
		" ORDER BY d.name NULLS FIRST, d.id, c.name, c.id",
		false,
		COLUMN(5),
		0,
		true,
		0,
	},
	/* The member schools of each alliance, its lead first, then by name; those that left too, with the day.
	 * The province is the top of the school's district's region. --district and --region: the members of
	 * there. */
	[DB_EXPORT_ALLIANCE_MEMBERS] = {
		"alliance-members",
		{ NC_("CSV header", "Alliance code"), NC_("CSV header", "School code"), NC_("CSV header", "School"),
			NC_("CSV header", "District code"), NC_("CSV header", "Province"), NC_("CSV header", "Role"),
			NC_("CSV header", "Joined"), NC_("CSV header", "Left"), NULL },
		"SELECT c.code, s.code, s.name, sd.code, pr.name, cm.role, to_char(cm.joined_on, 'YYYY-MM-DD'),"
		" to_char(cm.left_on, 'YYYY-MM-DD')"
		" FROM iedesk.consortium c JOIN iedesk.consortium_member cm ON cm.consortium_id = c.id"
		" JOIN iedesk.school s ON s.id = cm.school_id JOIN iedesk.district sd ON sd.id = s.district_id"
		" LEFT JOIN iedesk.region x ON x.id = sd.region_id"
		" LEFT JOIN iedesk.region pr ON pr.path OPERATOR(iedesk.=) iedesk.subpath(x.path, 0, 1)"
		" WHERE (c.code = $5 OR ($5::text IS NULL AND c.kind = 'alliance'))"
		" AND ($2::text IS NULL OR sd.code = $2) AND " IN_REGION("sd.id")
		" AND ($1::text = '' OR " NAME_MATCHES("s") " OR s.code ILIKE " PATTERN " OR c.name ILIKE " PATTERN ")"
		" ORDER BY c.code, c.id, cm.role <> 'lead', s.name, s.id",
		false,
		COLUMN(5),
		0,
		true,
		0,
	},
	/* Every partner that is not a school (0031), by code (a name has no pinyin to sort by), with how many partnerships it has (ended ones
	 * too). A partner of no district (a university, a national body) has no district code, so --district
	 * and --region leave it out. */
	[DB_EXPORT_PARTNERS] = {
		"partners",
		{ NC_("CSV header", "Partner code"), NC_("CSV header", "Partner"), NC_("CSV header", "Kind"),
			NC_("CSV header", "District code"), NC_("CSV header", "Contact"), NC_("CSV header", "Phone"),
			NC_("CSV header", "Email"), NC_("CSV header", "Partnerships"), NC_("CSV header", "Archived on"),
			NULL },
		"SELECT p.code, p.name, p.kind, d.code, p.contact_name, p.contact_phone, p.contact_email,"
		" (SELECT count(*) FROM iedesk.partnership x WHERE x.partner_id = p.id), to_char(p.archived_at, 'YYYY-MM-DD')"
		" FROM iedesk.partner p LEFT JOIN iedesk.district d ON d.id = p.district_id"
		" WHERE ($2::text IS NULL OR d.code = $2) AND " IN_REGION("p.district_id")
		" AND ($1::text = '' OR p.name ILIKE " PATTERN " OR p.code ILIKE " PATTERN
		" OR p.contact_name ILIKE " PATTERN ")"
		" ORDER BY p.code",
		false,
		COLUMN(2),
		0,
		false,
		0,
	},
	/* Every partnership, partner by partner (by code), with a school (its code) or a consortium (its code); With is the
	 * school's or the consortium's name. --district and --region: the school's district, or the
	 * consortium's (one across districts: a member's); --alliance: that consortium's. */
	[DB_EXPORT_PARTNERSHIPS] = {
		"partnerships",
		{ NC_("CSV header", "Partner code"), NC_("CSV header", "Partner"), NC_("CSV header", "Partner kind"),
			NC_("CSV header", "School code"), NC_("CSV header", "Consortium code"), NC_("CSV header", "With"),
			NC_("CSV header", "Brings"), NC_("CSV header", "From"), NC_("CSV header", "To"),
			NC_("CSV header", "Status"), NULL },
		"SELECT p.code, p.name, p.kind, s.code, c.code, coalesce(s.name, c.name), array_to_string(x.brings, ', '),"
		" to_char(x.from_on, 'YYYY-MM-DD'), to_char(x.to_on, 'YYYY-MM-DD'), x.status"
		" FROM iedesk.partnership x JOIN iedesk.partner p ON p.id = x.partner_id"
		" LEFT JOIN iedesk.school s ON s.id = x.school_id LEFT JOIN iedesk.consortium c ON c.id = x.consortium_id"
		" WHERE ($5::text IS NULL OR c.code = $5)"
		" AND (CASE WHEN s.id IS NOT NULL"
		" THEN ($2::text IS NULL OR s.district_id = (SELECT dx.id FROM iedesk.district dx WHERE dx.code = $2))"
		" AND " IN_REGION("s.district_id")
		" ELSE " CONSORTIUM_DISTRICT("c") " AND " CONSORTIUM_REGION("c") " END)"
		" AND ($1::text = '' OR p.name ILIKE " PATTERN " OR p.code ILIKE " PATTERN " OR " NAME_MATCHES("s")
		" OR c.name ILIKE " PATTERN ")"
		" ORDER BY p.code, x.from_on, x.id",
		false,
		COLUMN(2) | COLUMN(9),
		0,
		true,
		COLUMN(6),
	},
	/* What alliances and partnerships did (0031), newest first: a consortium's code, the partner of a
	 * partnership, the host school, who came by group. The district is the host school's, else the
	 * consortium's, else the partnership's school's. --alliance: that consortium's, and its partnerships'. */
	[DB_EXPORT_ACTIVITIES] = {
		"activities",
		{ NC_("CSV header", "Date"), NC_("CSV header", "Kind"), NC_("CSV header", "Title"),
			NC_("CSV header", "Consortium code"), NC_("CSV header", "Partner code"),
			NC_("CSV header", "Host school code"), NC_("CSV header", "Host school"), NC_("CSV header", "Place"),
			NC_("CSV header", "Organisers"), NC_("CSV header", "Parents"), NC_("CSV header", "Teachers"),
			NC_("CSV header", "Students"), NC_("CSV header", "Partners"), NC_("CSV header", "Notes"), NULL },
		"SELECT to_char(a.held_on, 'YYYY-MM-DD'), a.kind, a.title, c.code, p.code, h.code, h.name, a.place,"
		" a.organisers, a.parents, a.teachers, a.students, a.partners, a.notes"
		" FROM iedesk.activity a LEFT JOIN iedesk.consortium c ON c.id = a.consortium_id"
		" LEFT JOIN iedesk.partnership x ON x.id = a.partnership_id LEFT JOIN iedesk.partner p ON p.id = x.partner_id"
		" LEFT JOIN iedesk.school h ON h.id = a.school_id"
		" LEFT JOIN iedesk.consortium xc ON xc.id = x.consortium_id"
		" LEFT JOIN iedesk.school xs ON xs.id = x.school_id"
		" CROSS JOIN LATERAL (SELECT coalesce(h.district_id, c.district_id, xc.district_id, xs.district_id)"
		" AS district_id) w"
		" WHERE ($5::text IS NULL OR c.code = $5 OR xc.code = $5)"
		" AND ($2::text IS NULL OR w.district_id = (SELECT dx.id FROM iedesk.district dx WHERE dx.code = $2))"
		" AND " IN_REGION("w.district_id")
		" AND ($1::text = '' OR a.title ILIKE " PATTERN " OR a.place ILIKE " PATTERN " OR a.organisers ILIKE " PATTERN
		" OR " NAME_MATCHES("h") ")"
		" ORDER BY a.held_on DESC, a.id DESC",
		false,
		COLUMN(1),
		0,
		true,
		0,
	},
};


/* ---- the language of what is written ---- */

const char *db_messages_language(void)
{
	/* TRANSLATORS: the code of this translation's language, as the .po file is named (zh_CN). iedesk
	 * reads it to know the language its messages are in: the layout of the minutes and the words of
	 * an export's codes follow it. */
	return C_("language code", "en");
}

void db_csv_write_bom(FILE *out)
{
	fputs("\xEF\xBB\xBF", out);
}

const char *db_export_name(enum db_export_kind kind)
{
	return (unsigned)kind < DB_EXPORT_COUNT ? export_defs[kind].name : NULL;
}

bool db_export_lookup(const char *name, enum db_export_kind *kind)
{
	for (int k = 0; name && k < DB_EXPORT_COUNT; k++)
		if (!strcmp(name, export_defs[k].name)) {
			*kind = (enum db_export_kind)k;
			return true;
		}
	return false;
}

const char *db_export_kinds_text(void)
{
	static char text[400];
	if (!text[0]) {
		size_t len = 0;
		for (int k = 0; k < DB_EXPORT_COUNT && len < sizeof(text); k++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
				!k ? "" : k == DB_EXPORT_COUNT - 1 ? C_("list of names", " or ") : C_("list of names", ", "),
				export_defs[k].name);
	}
	return text;
}

bool db_export_for_list(enum db_list_kind list, enum db_export_kind *kind)
{
	const char *name = db_list_spec(list)->export;
	return name && db_export_lookup(name, kind);
}

/* ---- running one ---- */

static int header_width(const struct export_def *def)
{
	int n = 0;
	while (n < MAX_EXPORT_COLUMNS && def->columns[n])
		n++;
	return n;
}

/* Whether a row has the code (sql: its one parameter, the code); false with err filled when the query fails,
 * and *found false only when it answered that none has it, for the caller's sentence. */
static bool code_lookup(PGconn *conn, const char *sql, const char *code, const char *doing, bool *found,
		struct db_error *err)
{
	const char *params[1] = { code };
	PGresult *res = PQexecParams(conn, sql, 1, NULL, params, NULL, NULL, 0);
	bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		db_error_from_result(err, conn, res, doing);
	*found = !ok || PQntuples(res) > 0;
	PQclear(res);
	return ok;
}

/* A comma-joined list of codes (", ") as its words, joined as the language joins names. Owned. */
static char *words_of_list(const char *value)
{
	char *copy = xstrdup(value);
	char *shown = xstrdup("");
	const char *separator = C_("list of names", ", ");
	bool first = true;
	for (char *next, *item = copy; item; item = next) {
		next = strstr(item, ", ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		char *longer = xasprintf("%s%s%s", shown, first ? "" : separator, text_word(item));
		free(shown);
		shown = longer;
		first = false;
	}
	free(copy);
	return shown;
}

bool db_export_run(PGconn *conn, enum db_export_kind kind, const struct db_export_options *options, FILE *out,
		long *rows, struct db_error *err)
{
	static const struct db_export_options none = { 0 };
	if (!options)
		options = &none;
	*rows = 0;
	if ((unsigned)kind >= DB_EXPORT_COUNT) {
		db_error_set(err, _("there is no such export: use %s"), db_export_kinds_text());
		return false;
	}
	const struct export_def *def = &export_defs[kind];
	if (options->overdue && !def->has_overdue) {
		db_error_set(err, _("only the action-items, inspections, findings and backlog exports can be limited to"
			" overdue rows"));
		return false;
	}
	const char *district = options->district_code && *options->district_code ? options->district_code : NULL;
	const char *region = options->region_code && *options->region_code ? options->region_code : NULL;
	const char *alliance = options->alliance_code && *options->alliance_code ? options->alliance_code : NULL;
	if (alliance && !def->has_alliance) {
		db_error_set(err, _("only the alliances, alliance-members, partnerships and activities exports take an"
			" alliance"));
		return false;
	}
	bool found = true;
	if (district && (!code_lookup(conn, "SELECT 1 FROM iedesk.district WHERE code = $1", district,
			_("looking up the district"), &found, err) || !found)) {
		if (!found)
			db_error_set(err, _("no district has the code %s"), district);
		return false;
	}
	if (region && (!code_lookup(conn, "SELECT 1 FROM iedesk.region WHERE code = $1", region,
			_("looking up the region"), &found, err) || !found)) {
		if (!found)
			db_error_set(err, _("no region has the code %s"), region);
		return false;
	}
	/* an alliance of one district or across them, or a school's home-school alliance, whose activities and
	 * partnerships are as much an alliance's */
	if (alliance && (!code_lookup(conn, "SELECT 1 FROM iedesk.consortium WHERE code = $1"
			" AND kind IN ('alliance', 'home-school-alliance')", alliance, _("looking up the alliance"), &found, err)
			|| !found)) {
		if (!found)
			db_error_set(err, _("no alliance has the code %s"), alliance);
		return false;
	}

	/* English keeps the stored codes, as scripts read them; another language shows them as its words */
	bool words = strcmp(db_messages_language(), "en") != 0;
	int width = header_width(def);
	if (options->bom)
		db_csv_write_bom(out);
	for (int c = 0; c < width; c++)
		db_csv_write_field(out, text_in_context(def->columns[c]), c == 0);
	db_csv_end_row(out);

	/* every parameter text, declared so, so that a query that leaves one out is still a query */
	static const Oid types[5] = { 25, 25, 25, 25, 25 };
	const char *params[5] = { options->filter ? options->filter : "", district,
		options->overdue ? "true" : "false", region, alliance };
	char doing[160];
	snprintf(doing, sizeof(doing), _("exporting the %s"), def->name);
	if (!PQsendQueryParams(conn, def->sql, 5, types, params, NULL, NULL, 0)) {
		db_error_from_result(err, conn, NULL, doing);
		return false;
	}
	if (!PQsetSingleRowMode(conn)) {
		db_error_set(err, _("%s: the database would not send rows one at a time"), doing);
		db_query_abandon(conn);
		return false;
	}

	/* A failure while rows still come cancels the query; a failed result has ended it already. Either
	 * way what is left is read, so the connection is usable again. */
	bool ok = true, cancel = false;
	long reported = -1;
	for (;;) {
		if (!db_wait_result(conn, options->wait_timeout, options->stop, options->ctx, "export", err)) {
			ok = false;
			cancel = true;
			break;
		}
		PGresult *res = PQgetResult(conn);
		if (!res)
			break;
		ExecStatusType status = PQresultStatus(res);
		if (status == PGRES_SINGLE_TUPLE) {
			if (PQnfields(res) != width) {
				db_error_set(err, _("%s: the database answered with %d columns where %d were expected"),
					doing, PQnfields(res), width);
				ok = false;
			} else {
				for (int c = 0; c < width; c++) {
					const char *value = PQgetisnull(res, 0, c) ? NULL : PQgetvalue(res, 0, c);
					char *sentence = value && (def->sentences & COLUMN(c)) ? db_text_shown(value)
						: value && words && (def->word_lists & COLUMN(c)) ? words_of_list(value) : NULL;
					if (sentence)
						value = sentence;
					else if (value && words && (def->words & COLUMN(c)))
						value = text_word(value);
					db_csv_write_text(out, value, c == 0, options->exact || !export_is_text(PQftype(res, c)));
					free(sentence);
				}
				db_csv_end_row(out);
				(*rows)++;
				if (ferror(out)) {
					db_error_set(err, _("%s: cannot write: %s"), doing, strerror(errno));
					ok = false;
				} else if (options->progress && *rows % DB_EXPORT_PROGRESS_EVERY == 0) {
					options->progress(options->ctx, *rows);
					reported = *rows;
				}
			}
			cancel = !ok;
		} else if (status != PGRES_TUPLES_OK) {
			const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
			if (state && !strcmp(state, "42501"))   /* the cases' exports for anyone but a case worker */
				db_error_explain(err, res);
			else
				db_error_from_result(err, conn, res, doing);
			ok = false;
		}
		PQclear(res);
		if (!ok)
			break;
	}
	if (!ok) {
		if (cancel)
			db_query_abandon(conn);
		else
			db_query_drain(conn);
		return false;
	}
	if (fflush(out) != 0) {
		db_error_set(err, _("%s: cannot write: %s"), doing, strerror(errno));
		return false;
	}
	if (options->progress && reported != *rows)
		options->progress(options->ctx, *rows);
	return true;
}
