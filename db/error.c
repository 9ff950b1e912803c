/* error: turn libpq's failures into one sentence the user can act on, and a bug into one line on stderr. */
#include "db/private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_kind_check(int kind, int first, int count, const char *what)
{
	if (kind < first || kind >= count) {
		fprintf(stderr, "iedesk: bug: there is no %s kind %d\n", what, kind);
		abort();
	}
	return kind;
}

void db_error_set(struct db_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	err->sqlstate[0] = '\0';
}

/* libpq messages end in a newline and may carry DETAIL/HINT lines; keep the first line. */
static void first_line(char *dst, size_t size, const char *src)
{
	if (!src)
		src = "";
	while (*src == ' ' || *src == '\n')
		src++;
	if (strncmp(src, "ERROR:", 6) == 0 || strncmp(src, "FATAL:", 6) == 0)
		src += 6;
	while (*src == ' ')
		src++;
	size_t len = strcspn(src, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void db_error_from_result(struct db_error *err, PGconn *conn, const PGresult *res, const char *doing)
{
	if (!err)
		return;
	char line[768];
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (res && PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)) {
		first_line(line, sizeof(line), PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
	} else if (res && *PQresultErrorMessage(res)) {
		first_line(line, sizeof(line), PQresultErrorMessage(res));
	} else if (conn) {
		first_line(line, sizeof(line), PQerrorMessage(conn));
	} else {
		snprintf(line, sizeof(line), "%s", _("no answer from the database"));
	}
	if (doing && *doing)
		/* TRANSLATORS: what iedesk was doing, then what the database said */
		snprintf(err->message, sizeof(err->message), _("%s: %s"), doing, line);
	else
		snprintf(err->message, sizeof(err->message), "%s", line);
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state ? state : "");
}

/* ---- refusals as sentences ---- */

/* The constraints a form can run into, by name, and what they mean to the person who typed. */
static const struct {
	const char *constraint;
	const char *sentence;
} constraint_sentences[] = {
	{ "manager_appointment_one_open_idx", N_("this school already has a current manager; end that appointment first") },
	{ "district_archived_without_open_schools", N_("this district still has open schools; archive them first") },
	{ "manager_appointment_ends_after_start", N_("an appointment cannot end before it starts (nor can a new manager"
		" start before the current one did)") },
	{ "consortium_member_leaves_after_joining", N_("a school cannot leave a consortium before it joined") },
	{ "consortium_member_consortium_id_school_id_key", N_("that school is already a member of this consortium") },
	{ "consortium_needs_lead_school", N_("an education association or an alliance needs a lead school") },
	{ "consortium_partner_kind_only_for_partnership", N_("only a partnership has a partner kind: clear it, or make"
		" the kind partnership") },
	{ "training_attendance_training_id_person_id_key", N_("that person is already recorded at this training") },
	{ "training_hours_check", N_("a training lasts more than 0 hours") },
	{ "shared_resource_capacity_check", N_("capacity cannot be negative") },
	{ "person_email_check", N_("an email address needs a name, an @ and a domain, like wang@example.cn") },
	{ "person_login_role_key", N_("that database login already belongs to another person") },
	{ "person_login_role_check", N_("a database login is lower-case letters, digits and _, starting with a letter") },
	{ "meeting_final_has_finalised_at", N_("a meeting is final exactly when it has been finalised") },
	{ "meeting_attendee_person_or_organisation", N_("an attendee is either a person or an organisation, not both") },
	{ "meeting_attendee_person_counts_one", N_("a person counts as one attendee; only organisations count more") },
	{ "meeting_attendee_meeting_id_person_id_key", N_("that person is already an attendee of this meeting") },
	{ "meeting_attendee_meeting_id_organisation_key", N_("that organisation is already an attendee of this meeting") },
	{ "agenda_item_position_key", N_("that place on the agenda is already taken") },
	{ "decision_position_key", N_("that decision number is already taken in this meeting") },
	{ "action_item_has_owner", N_("an action item needs an owner: a school, a unit or both") },
	{ "action_item_done_has_done_on", N_("an action item is done exactly when it has the date it was done") },
	{ "meeting_minutes_final", N_("the minutes of this meeting are final: start an amendment to change them") },
	{ "meeting_already_final", N_("the minutes are already final") },
	{ "meeting_final_stays_final", N_("final minutes never become a draft again: start an amendment to change them") },
	{ "meeting_insert_final", N_("a meeting is recorded as a draft first; its minutes become final when finalised") },
	{ "meeting_final_kept", N_("a meeting with final minutes is kept: it cannot be deleted") },
	{ "meeting_finalised_by_only_when_final", N_("only final minutes say who finalised them") },
	{ "meeting_amendment_only_when_final", N_("a draft needs no amendment: edit it") },
	{ "meeting_amendment_needs_reason", N_("an amendment needs a reason") },
	{ "meeting_amendment_one_open_idx", N_("this meeting already has an amendment open") },
	{ "meeting_amendment_kept", N_("an amendment stays as recorded: it is only closed, by finalising the minutes"
		" again") },
	{ "inspection_visited_unless_planned", N_("a done or closed inspection needs the date of the visit") },
	{ "inspection_closed_has_closed_on", N_("an inspection is closed exactly when it has a closing date") },
	{ "inspection_closed_after_visit", N_("an inspection cannot be closed before the visit") },
	{ "inspection_finding_only_for_follow_up", N_("only a follow-up inspection follows up a finding") },
	{ "inspection_closed_with_findings_resolved", N_("an inspection with unresolved findings cannot be closed: resolve"
		" them first") },
	{ "finding_unresolved_of_closed_inspection", N_("the inspection is closed, so its findings stay resolved: reopen"
		" the inspection first") },
	{ "finding_after_visit", N_("a finding can only be recorded once the inspection has been visited: enter the visit"
		" date first") },
	{ "inspection_visit_kept_with_findings", N_("an inspection with findings has been visited: its visit date cannot be"
		" cleared") },
	{ "account_login_check", N_("a login is lower-case letters, digits and _, starting with a letter") },
	{ "account_role_check", N_("the roles are staff, secretary, manager, caseworker, coordinator and admin") },
	{ "account_district_for_scoped_roles", N_("a case worker account works for one district: give its code") },
	{ "account_scope_for_managers", N_("a manager account works for a district or a region: give its code") },
	{ "account_one_scope", N_("an account works for a district or for a region, not both") },
	/* 0031's regions, alliances across districts, partners and activities */
	{ "region_code_check", N_("a region's code is letters, digits and _ only (it is part of the region's path)") },
	{ "region_province_at_top", N_("a province has no parent region, and a city has a province as its parent") },
	{ "region_parent_province", N_("a city belongs to a province") },
	{ "consortium_district_unless_alliance", N_("only an alliance can span districts: give the district of any"
		" other consortium") },
	{ "consortium_one_lead", N_("a consortium is led by a school or by a partner, not both") },
	{ "partnership_with_one", N_("a partnership is with one school or one consortium") },
	{ "partnership_ends_after_start", N_("a partnership cannot end before it starts") },
	{ "committee_member_home_school", N_("only a home-school alliance has a parent committee") },
	{ "committee_member_leaves_after_joining", N_("a parent cannot leave the committee before joining it") },
	{ "activity_of_something", N_("an activity belongs to an alliance, a consortium or a partnership: choose one") },
	{ "partner_contact_email_check", N_("an email address needs a name, an @ and a domain, like wang@example.cn") },
	{ "account_person_idx", N_("that person already has an active account") },
	{ "finding_resolution_note_check", N_("what was done is said of a resolved finding only, and not in blanks:"
		" give the date it was resolved") },
	{ "student_case_decision_dated", N_("a case confirmed or found not eligible is a decision: give the date it was"
		" decided (Decided on)") },
	{ "student_case_answer_dated", N_("the parents' answer is dated once they gave it, and a pending one has no date") },
	{ "case_transfer_one_open", N_("this case already has a transfer waiting for the receiving district's answer") },
	{ "case_transfer_decided", N_("that transfer was already decided") },
	/* 0029's IEPs: one draft a case (its unique index, and iedesk.iep_revise's refusal of a second) */
	{ "iep_one_draft", N_("this case already has a draft IEP: finish that one") },
	{ "iep_check1", N_("an IEP ends after it starts") },
	{ "iep_check2", N_("consent given or refused needs the date it was given or refused") },
};

/* A refusal's fields, as the server sent them ("" for the table and constraint it did not name). */
struct refusal {
	const char *state, *primary, *constraint, *table, *column, *detail;
};

/* Refusals whose message is already the sentence, naming what was refused (0012's account functions and
 * district check raise them, 0024's too). Each is read back against the message its function raises, a %s
 * for each value, so that the sentence is shown in the user's language with the same values; a message no
 * line reads is passed on as it is. */
static const struct {
	const char *constraint;
	const char *sentence;
} verbatim_sentences[] = {
	{ "account_login_refused", N_("\"%s\" cannot be a login: use lower-case letters, digits and _, starting with a"
		" letter, and not beginning with pg_ or iedesk_") },
	{ "account_role_refused", N_("there is no role \"%s\": the roles are staff, secretary, manager, caseworker,"
		" coordinator and admin") },
	{ "account_login_taken", N_("the account %s already exists") },
	{ "account_login_taken", N_("the database already has a role named %s; choose another login") },
	{ "account_district_unknown", N_("no district has the code %s") },
	{ "account_district_needed", N_("a %s account works for one district: give its code") },
	{ "account_district_needed", N_("a manager account works for a district or a region: give its code") },
	{ "account_district_needed", N_("a case worker works for one district, not a region: give its code") },
	{ "account_one_scope", N_("an account works for a district or for a region, not both") },
	{ "account_region_unknown", N_("no region has the code %s") },
	{ "alliance_unknown", N_("no alliance has the code %s") },
	{ "alliance_coordinator_cross_district", N_("%s belongs to one district, whose managers keep it; only an alliance"
		" across districts has coordinators") },
	{ "consortium_write_check", N_("the alliance %s is kept by its coordinators, and your account is not one of them") },
	{ "partner_write_check", N_("a partner of no district is kept by administrators and alliance coordinators") },
	{ "account_person_unknown", N_("no person has the id %s") },
	{ "account_person_taken", N_("person %s already has the account %s; disable it first") },
	{ "account_person_taken", N_("the person of %s has the active account %s now; disable it first") },
	{ "account_unknown", N_("no account has the login %s") },
	{ "account_already_disabled", N_("the account %s is already disabled (since %s)") },
	{ "account_disable_self", N_("you cannot disable your own account; ask another administrator") },
	{ "account_already_active", N_("the account %s is already active") },
	{ "account_login_gone", N_("the database has no login %s any more; create another account") },
	/* 0031's regions and alliance coordinators */
	{ "account_region_unknown", N_("no region has the code %s") },
	{ "account_unknown", N_("no coordinator account has the login %s") },
	{ "alliance_unknown", N_("no alliance has the code %s") },
	{ "alliance_coordinator_cross_district", N_("%s belongs to one district, whose managers keep it; only an alliance"
		" across districts has coordinators") },
	{ "district_write_check", N_("your login %s has no iedesk account with a district, so it may not change the"
		" records of one; ask an administrator") },
	{ "district_write_check", N_("this record belongs to %s, and your account may change only those of %s") },
	/* 0029's IEPs: the final-IEP guard, iedesk.iep_finalise and iedesk.iep_revise */
	{ "iep_final", N_("that IEP is final: revise it to make the next version") },
	{ "iep_final", N_("IEP %s is final: revise it to make the next version") },
	{ "iep_final", N_("IEP %s is final: it stays on record") },
	{ "iep_final", N_("IEP %s is already final") },
	{ "iep_final", N_("only a final IEP is revised: this draft is still open to change") },
	{ "iep_complete", N_("an IEP needs its start, end and review dates before it is final") },
	{ "iep_complete", N_("an IEP needs its team before it is final") },
	{ "iep_complete", N_("an IEP needs goals, each with a short-term objective, before it is final") },
	{ "iep_version", N_("the IEP was changed by someone else since you opened it") },
};

#define VERBATIM_VALUES 3

/* Whether message reads as pattern, each %s standing for a value (kept in values, at most
 * VERBATIM_VALUES); the literal after a %s is found at its first place in what follows. */
static bool verbatim_read(const char *pattern, const char *message, char values[][256], int *nvalues)
{
	*nvalues = 0;
	const char *p = pattern, *m = message;
	while (*p) {
		if (strncmp(p, "%s", 2) != 0) {
			if (*p++ != *m++)
				return false;
			continue;
		}
		if (*nvalues == VERBATIM_VALUES)
			return false;
		p += 2;
		const char *next = strstr(p, "%s");
		size_t literal = next ? (size_t)(next - p) : strlen(p);
		const char *end;
		if (!next) {   /* the rest of the message, less the pattern's tail */
			size_t left = strlen(m);
			if (left < literal || strcmp(m + left - literal, p) != 0)
				return false;
			end = m + left - literal;
		} else {
			char tail[256];
			if (literal == 0 || literal >= sizeof(tail))
				return false;
			memcpy(tail, p, literal);
			tail[literal] = '\0';
			end = strstr(m, tail);
			if (!end)
				return false;
		}
		snprintf(values[*nvalues], 256, "%.*s", (int)(end - m), m);
		(*nvalues)++;
		m = end;
	}
	return *m == '\0';
}

/* The translated sentence with the values put in: "%s" takes the next, "%2$s" the second (a translation
 * may name them in another order). Done by hand, as the format comes from the catalogue at run time. */
static void verbatim_fill(struct db_error *err, const char *format, char values[][256], int nvalues)
{
	char *o = err->message, *stop = err->message + sizeof(err->message) - 1;
	int next = 0;
	for (const char *f = format; *f && o < stop;) {
		int which = -1;
		if (f[0] == '%' && f[1] == 's') {
			which = next++;
			f += 2;
		} else if (f[0] == '%' && f[1] >= '1' && f[1] <= '9' && strncmp(f + 2, "$s", 2) == 0) {
			which = f[1] - '1';
			f += 4;
		} else if (f[0] == '%' && f[1] == '%') {
			*o++ = '%';
			f += 2;
			continue;
		} else {
			*o++ = *f++;
			continue;
		}
		for (const char *v = which < nvalues ? values[which] : ""; *v && o < stop;)
			*o++ = *v++;
	}
	*o = '\0';
	err->sqlstate[0] = '\0';
}

static bool explain_verbatim(struct db_error *err, const struct refusal *r)
{
	bool named = false;
	for (size_t i = 0; i < sizeof(verbatim_sentences) / sizeof(verbatim_sentences[0]); i++) {
		if (strcmp(r->constraint, verbatim_sentences[i].constraint) != 0)
			continue;
		named = true;
		char values[VERBATIM_VALUES][256];
		int n;
		if (verbatim_read(verbatim_sentences[i].sentence, r->primary, values, &n)) {
			for (int v = 0; v < n; v++)
				if (strcmp(values[v], "no district") == 0)   /* the database's word for none */
					snprintf(values[v], sizeof(values[v]), "%.255s", _("no district"));
			verbatim_fill(err, _(verbatim_sentences[i].sentence), values, n);
			return true;
		}
	}
	if (named && *r->primary) {
		db_error_set(err, "%s", r->primary);   /* a wording this iedesk does not know: as the database said it */
		return true;
	}
	return false;
}

/* Refusals that quote a date: the trigger raising them (0010) puts it in DETAIL, ISO, and it follows the
 * sentence in brackets. */
static const struct {
	const char *constraint;
	const char *sentence;
} dated_constraint_sentences[] = {
	{ "finding_due_after_visit", N_("a finding cannot be due before the visit") },
	{ "finding_resolved_after_visit", N_("a finding cannot be resolved before the visit") },
	{ "finding_resolved_not_future", N_("a finding cannot be resolved after today") },
	{ "inspection_visit_before_findings", N_("the visit cannot come after the date a finding is due or was resolved") },
};

/* The record kind stored in table ("school", unqualified), or NULL. */
static const struct db_record_def *def_of_table(const char *table)
{
	for (int k = 0; table && k < DB_RECORD_COUNT; k++) {
		const struct db_record_def *def = db_record_def((enum db_record_kind)k);
		const char *dot = strchr(def->table, '.');
		if (strcmp(dot ? dot + 1 : def->table, table) == 0)
			return def;
	}
	return NULL;
}

/* What a table's rows are called in a sentence: "school", "manager appointment". */
static void noun_of_table(char *dst, size_t size, const char *table)
{
	const struct db_record_def *def = def_of_table(table);
	snprintf(dst, size, "%s", def ? _(def->title) : table && *table ? table : C_("noun", "record"));
	for (char *p = dst; *p; p++) {
		if (*p == '_')
			*p = ' ';
		else if (p == dst && *p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	}
}

/* What the form calls a column ("English name"), else the column in words ("name en"). */
static void label_of_column(char *dst, size_t size, const char *table, const char *column)
{
	const struct db_record_def *def = def_of_table(table);
	for (int i = 0; def && column && i < def->nfields; i++) {
		if (strcmp(def->fields[i].column, column) == 0) {
			snprintf(dst, size, "%s", _(def->fields[i].label));
			return;
		}
	}
	snprintf(dst, size, "%s", column && *column ? column : _("a value"));
	for (char *p = dst; *p; p++)
		if (*p == '_')
			*p = ' ';
}

static const struct db_field *field_of(const char *table, const char *column)
{
	const struct db_record_def *def = def_of_table(table);
	for (int i = 0; def && i < def->nfields; i++)
		if (strcmp(def->fields[i].column, column) == 0)
			return &def->fields[i];
	return NULL;
}

static void lower_first(char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z')
		s[0] = (char)(s[0] - 'A' + 'a');
}

/* The column of a constraint PostgreSQL named after it: "school_code_key" -> "code". */
static bool column_of_constraint(char *dst, size_t size, const char *constraint, const char *table,
		const char *suffix)
{
	size_t tlen = strlen(table), clen = strlen(constraint), slen = strlen(suffix);
	if (clen <= tlen + 1 + slen || strncmp(constraint, table, tlen) != 0 || constraint[tlen] != '_'
			|| strcmp(constraint + clen - slen, suffix) != 0)
		return false;
	size_t len = clen - tlen - 1 - slen;
	if (len >= size)
		return false;
	memcpy(dst, constraint + tlen + 1, len);
	dst[len] = '\0';
	return true;
}

/* "Key (code)=(HR-001) already exists." -> columns "code", values "HR-001"; false without a key
 * (a role that may not read the columns gets no key in the detail). */
static bool detail_key(const char *detail, const char *ending, char *columns, size_t csize, char *values,
		size_t vsize)
{
	if (!detail || strncmp(detail, "Key (", 5) != 0)
		return false;
	const char *cols = detail + 5;
	const char *mid = strstr(cols, ")=(");
	const char *end = mid ? strstr(mid + 3, ending) : NULL;
	for (const char *next; end && (next = strstr(end + 1, ending));)
		end = next;
	if (!mid || !end)
		return false;
	snprintf(columns, csize, "%.*s", (int)(mid - cols), cols);
	const char *vals = mid + 3;
	size_t len = (size_t)(end - vals);
	if (len >= vsize) {
		/* cut on a character boundary */
		len = vsize > 4 ? vsize - 4 : 0;
		while (len > 0 && ((unsigned char)vals[len] & 0xC0) == 0x80)
			len--;
		snprintf(values, vsize, "%.*s…", (int)len, vals);
	} else {
		snprintf(values, vsize, "%.*s", (int)len, vals);
	}
	return true;
}

/* The quoted part of a message: 'invalid input syntax for type date: "2026-13-01"' -> 2026-13-01. */
static bool quoted(const char *message, char *dst, size_t size)
{
	const char *open = message ? strchr(message, '"') : NULL;
	const char *close = open ? strrchr(open + 1, '"') : NULL;
	if (!close)
		return false;
	snprintf(dst, size, "%.*s", (int)(close - open - 1), open + 1);
	return true;
}

/* "table \"district\"" in a detail -> district. */
static bool table_in_detail(const char *detail, char *dst, size_t size)
{
	const char *at = detail ? strstr(detail, "table \"") : NULL;
	if (!at)
		return false;
	at += 7;
	size_t len = strcspn(at, "\"");
	snprintf(dst, size, "%.*s", (int)len, at);
	return true;
}

static void explain_unique(struct db_error *err, const struct refusal *r)
{
	const char *constraint = r->constraint, *table = r->table, *detail = r->detail;
	char noun[64], columns[128], values[256], label[128];
	noun_of_table(noun, sizeof(noun), table);
	/* a student case's key may be another district's case: its values are not repeated (issue 15) */
	bool private_key = table && strcmp(table, "student_case") == 0;
	if (!private_key && detail_key(detail, ") already exists", columns, sizeof(columns), values, sizeof(values))) {
		if (!strchr(columns, ',')) {
			label_of_column(label, sizeof(label), table, columns);
			lower_first(label);
			/* TRANSLATORS: "the code HR-001 is already used by another school": the field, the value, the kind */
			db_error_set(err, _("the %s %s is already used by another %s"), label, values, noun);
		} else {
			db_error_set(err, _("another %s already has these values: %s = %s"), noun, columns, values);
		}
	} else if (column_of_constraint(columns, sizeof(columns), constraint, table, "_key")) {
		label_of_column(label, sizeof(label), table, columns);
		lower_first(label);
		db_error_set(err, _("that %s is already used by another %s"), label, noun);
	} else {
		db_error_set(err, _("another %s already has these values"), noun);
	}
}

/* Deleting a row that others still refer to, by the constraint that refuses: what to do instead. (Only
 * for that direction: the same constraint refusing an insert says the row referred to is missing.) */
static const struct {
	const char *constraint;
	const char *sentence;
} still_referenced_sentences[] = {
	{ "action_item_decision_id_fkey", N_("this decision has action items (dropped ones count too), so it is not"
		" deleted; drop its action items instead: they stay on record") },
};

static void explain_foreign_key(struct db_error *err, const struct refusal *r)
{
	const char *constraint = r->constraint, *table = r->table, *detail = r->detail, *primary = r->primary;
	char other[64], noun[64];
	bool still_referenced = (detail && strstr(detail, "still referenced"))
		|| (primary && strncmp(primary, "update or delete", 16) == 0);
	for (size_t i = 0; still_referenced && i < sizeof(still_referenced_sentences)
			/ sizeof(still_referenced_sentences[0]); i++) {
		if (strcmp(constraint, still_referenced_sentences[i].constraint) == 0) {
			db_error_set(err, "%s", _(still_referenced_sentences[i].sentence));
			return;
		}
	}
	if (still_referenced) {
		/* the detail names the table that still refers to the row */
		noun_of_table(noun, sizeof(noun), table_in_detail(detail, other, sizeof(other)) ? other : table);
		db_error_set(err, _("it is still referred to by other records (%s)"), noun);
	} else if (table_in_detail(detail, other, sizeof(other))) {
		noun_of_table(noun, sizeof(noun), other);
		db_error_set(err, _("the %s it refers to does not exist; someone may have deleted it"), noun);
	} else {
		db_error_set(err, "%s", _("a record it refers to does not exist; someone may have deleted it"));
	}
}

/* Checks PostgreSQL named after their column ("school_stage_check") say what the field allows. */
static void explain_check(struct db_error *err, const struct refusal *r)
{
	const char *constraint = r->constraint, *table = r->table;
	char column[128], label[128];
	const struct db_field *field = NULL;
	if (column_of_constraint(column, sizeof(column), constraint, table, "_check"))
		field = field_of(table, column);
	if (field && field->type == DB_FIELD_CHOICE) {
		char list[512] = "";
		size_t used = 0;
		for (const char *const *c = field->choices; c && *c; c++) {
			int n = snprintf(list + used, sizeof(list) - used, "%s%s", c == field->choices ? "" : ", ", *c);
			if (n > 0 && (size_t)n < sizeof(list) - used)
				used += (size_t)n;
		}
		db_error_set(err, _("%s must be one of: %s"), _(field->label), list);
	} else if (field && (field->type == DB_FIELD_TEXT || field->type == DB_FIELD_MULTILINE)) {
		db_error_set(err, _("%s cannot be blank"), _(field->label));
	} else if (field) {
		label_of_column(label, sizeof(label), table, column);
		db_error_set(err, _("%s has a value that is not allowed"), label);
	} else {
		db_error_set(err, _("a value is not allowed (%s)"), constraint);
	}
}

/* Bad input the server read: 22007/22008 dates, 22P02 numbers, yes/no and the like. */
static void explain_input(struct db_error *err, const struct refusal *r)
{
	const char *state = r->state, *primary = r->primary;
	char value[200];
	bool has_value = quoted(primary, value, sizeof(value));
	if (strcmp(state, "22007") == 0 || strcmp(state, "22008") == 0) {
		if (has_value)
			db_error_set(err, _("%s is not a date; use YYYY-MM-DD"), value);
		else
			db_error_set(err, "%s", _("a date is not valid; use YYYY-MM-DD"));
	} else if (strcmp(state, "22003") == 0) {
		db_error_set(err, "%s", _("a number is out of the range its field allows"));
	} else if (strcmp(state, "22001") == 0) {
		db_error_set(err, "%s", _("a text is too long for its field"));
	} else if (primary && strstr(primary, "type boolean")) {
		db_error_set(err, _("\"%s\" is not yes or no"), has_value ? value : "");
	} else if (primary && (strstr(primary, "type integer") || strstr(primary, "type bigint")
			|| strstr(primary, "type smallint"))) {
		db_error_set(err, _("\"%s\" is not a whole number"), has_value ? value : "");
	} else if (primary && strstr(primary, "type numeric")) {
		db_error_set(err, _("\"%s\" is not a number"), has_value ? value : "");
	} else if (has_value) {
		db_error_set(err, _("\"%s\" is not a valid value here"), value);
	} else {
		db_error_set(err, "%s", _("a value is not valid here"));
	}
}

/* What "permission denied for table inspection" (or for a function), and a row that row-level security
 * refuses, mean to the person at the keyboard. */
static void explain_permission(struct db_error *err, const struct refusal *r)
{
	const char *primary = r->primary;
	static const char table_prefix[] = "permission denied for table ";
	static const char function_prefix[] = "permission denied for function ";
	static const char view_prefix[] = "permission denied for view ";
	char noun[64];
	if (strstr(primary, "row-level security")
		&& (strstr(primary, "\"student_case\"") || strstr(primary, "\"case_placement\""))) {
		/* a case's school (its own, or its placement's) is of another district than the case worker's */
		db_error_set(err, "%s", _("that school is another district's: a move to another district is a transfer"
			" (T on the case)"));
	} else if (strstr(primary, "row-level security")) {
		db_error_set(err, "%s", _("your account may not put this record there: it would belong to a district (or"
			" a school) whose records your account may not change"));
	} else if (strstr(primary, "receiving district decide a transfer")) {
		db_error_set(err, "%s", _("only the case workers of the receiving district accept or decline a transfer"));
	} else if (strncmp(primary, table_prefix, sizeof(table_prefix) - 1) == 0) {
		const char *table = primary + sizeof(table_prefix) - 1;
		if (strcmp(table, "account") == 0) {
			db_error_set(err, "%s", _("only an administrator manages accounts"));
		} else if (strcmp(table, "student_case") == 0) {
			db_error_set(err, "%s", _("only the case workers of a district see its student cases; everyone else"
				" sees how many there are"));
		} else {
			noun_of_table(noun, sizeof(noun), table);
			/* one sentence for each English article, so that neither is a fragment to translate */
			if (noun[0] && strchr("aeiou", noun[0]))
				db_error_set(err, _("your account's role may not change an %s; ask an administrator if it should"),
					noun);
			else
				db_error_set(err, _("your account's role may not change a %s; ask an administrator if it should"),
					noun);
		}
	} else if (strncmp(primary, view_prefix, sizeof(view_prefix) - 1) == 0
			&& strncmp(primary + sizeof(view_prefix) - 1, "case_", 5) == 0) {
		/* the case workers' index and backlog (0029), which the exports of cases read */
		db_error_set(err, "%s", _("only the case workers of a district see its student cases; everyone else"
			" sees how many there are"));
	} else if (strncmp(primary, function_prefix, sizeof(function_prefix) - 1) == 0
			&& strncmp(primary + sizeof(function_prefix) - 1, "account_", 8) == 0) {
		db_error_set(err, "%s", _("only an administrator manages accounts"));
	} else if (strncmp(primary, function_prefix, sizeof(function_prefix) - 1) == 0
			&& strncmp(primary + sizeof(function_prefix) - 1, "meeting_", 8) == 0) {
		db_error_set(err, "%s", _("only a meeting secretary (or an administrator) finalises and amends minutes"));
	} else {
		db_error_set(err, "%s", _("you are not allowed to do this (your database role lacks the permission)"));
	}
}

static void explain_not_null(struct db_error *err, const struct refusal *r)
{
	char label[128];
	label_of_column(label, sizeof(label), r->table, r->column);
	db_error_set(err, _("%s is required"), label);
}

static void explain_overlap(struct db_error *err, const struct refusal *r)
{
	db_error_set(err, _("it overlaps with another record (%s)"), r->constraint);
}

/* 57014 is a cancel: the user's (Esc), or the server's statement_timeout, which a lock held too long trips. */
static void explain_cancel(struct db_error *err, const struct refusal *r)
{
	if (strstr(r->primary, "statement timeout"))
		db_error_set(err, "%s", _("the database took too long (someone may be holding this record); nothing was"
			" changed: try again"));
	else
		db_error_set(err, "%s", _("the query was cancelled"));
}

/* A table, column or function this iedesk expects is missing: the schema is behind the program. */
static void explain_stale_schema(struct db_error *err, const struct refusal *r)
{
	db_error_set(err, _("the database is older than this iedesk (%s); run iedesk migrate"), r->primary);
}

/* What the server said is the best there is. */
static void explain_as_said(struct db_error *err, const struct refusal *r)
{
	db_error_set(err, "%s", *r->primary ? r->primary : _("the database refused without saying why"));
}

#define CONNECTION_LOST N_("the connection was lost")
#define CONFLICTING_CHANGE N_("the database stopped this because of a conflicting change; try again")

/* What each SQLSTATE means to the person at the keyboard, walked in order and the first match wins: a
 * state matches its own code ("23505") or its class (the first two characters, "22"), so a state comes
 * before its class. A refusal no line matches is explain_as_said. */
static const struct {
	const char *state;
	void (*explain)(struct db_error *err, const struct refusal *r);
	const char *sentence;   /* when explain is NULL: shown through _() */
} sqlstates[] = {
	{ "23505", explain_unique, NULL },
	{ "23503", explain_foreign_key, NULL },
	{ "23514", explain_check, NULL },
	{ "23502", explain_not_null, NULL },
	{ "23P01", explain_overlap, NULL },
	{ "22021", NULL, N_("the text holds bytes that are not UTF-8 (pasted from another encoding?); nothing was"
		" saved") },
	{ "22012", explain_as_said, NULL },   /* a division by zero is a fault of the query, not of what was typed */
	{ "22", explain_input, NULL },
	{ "42501", explain_permission, NULL },
	{ "40001", NULL, CONFLICTING_CHANGE },
	{ "40P01", NULL, CONFLICTING_CHANGE },
	{ "55P03", NULL, N_("someone else is changing this record right now; try again") },
	{ "57014", explain_cancel, NULL },
	{ "25006", NULL, N_("the database only reads right now (a standby?); nothing was changed") },
	{ "08P01", explain_as_said, NULL },   /* a protocol violation: the connection is still there */
	{ "08", NULL, CONNECTION_LOST },
	{ "57P01", NULL, CONNECTION_LOST },   /* the server shut down, crashed, or cannot connect now */
	{ "57P02", NULL, CONNECTION_LOST },
	{ "57P03", NULL, CONNECTION_LOST },
	{ "42P01", explain_stale_schema, NULL },
	{ "42703", explain_stale_schema, NULL },
	{ "42883", explain_stale_schema, NULL },
};

static bool sqlstate_matches(const char *entry, const char *state)
{
	return strlen(entry) == 2 ? strncmp(entry, state, 2) == 0 : strcmp(entry, state) == 0;
}

/* The refusal's sentence by its constraint, when one of the tables above names it. */
static bool explain_constraint(struct db_error *err, const struct refusal *r)
{
	if (*r->constraint && explain_verbatim(err, r))
		return true;
	if (strcmp(r->constraint, "record_never_archived") == 0) {   /* record.c's archive of a kind that is not */
		char noun[64];
		noun_of_table(noun, sizeof(noun), r->table);
		db_error_set(err, _("a %s is never archived"), noun);
		return true;
	}
	if (strncmp(r->state, "23", 2) != 0)
		return false;
	for (size_t i = 0; i < sizeof(dated_constraint_sentences) / sizeof(dated_constraint_sentences[0]); i++) {
		if (strcmp(r->constraint, dated_constraint_sentences[i].constraint) == 0) {
			if (r->detail && *r->detail)
				/* TRANSLATORS: a refusal, then the date it quotes */
				db_error_set(err, _("%s (%s)"), _(dated_constraint_sentences[i].sentence), r->detail);
			else
				db_error_set(err, "%s", _(dated_constraint_sentences[i].sentence));
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(constraint_sentences) / sizeof(constraint_sentences[0]); i++) {
		if (strcmp(r->constraint, constraint_sentences[i].constraint) == 0) {
			db_error_set(err, "%s", _(constraint_sentences[i].sentence));
			return true;
		}
	}
	return false;
}

void db_error_explain(struct db_error *err, const PGresult *res)
{
	if (!err)
		return;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char primary[768];
	first_line(primary, sizeof(primary), res ? (PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)
		? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : PQresultErrorMessage(res)) : NULL);
	if (!state || !*state) {
		/* libpq's own failures: nearly always the connection */
		if (!res || !*primary || strstr(primary, "connection") || strstr(primary, "server"))
			db_error_set(err, "%s", _(CONNECTION_LOST));
		else
			db_error_set(err, "%s", primary);
		return;
	}
	const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	const char *table = PQresultErrorField(res, PG_DIAG_TABLE_NAME);
	struct refusal r = {
		.state = state, .primary = primary, .constraint = constraint ? constraint : "", .table = table ? table : "",
		.column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME),
		.detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL),
	};
	if (!explain_constraint(err, &r)) {
		size_t i = 0, n = sizeof(sqlstates) / sizeof(sqlstates[0]);
		while (i < n && !sqlstate_matches(sqlstates[i].state, state))
			i++;
		if (i == n)
			explain_as_said(err, &r);
		else if (sqlstates[i].explain)
			sqlstates[i].explain(err, &r);
		else
			db_error_set(err, "%s", _(sqlstates[i].sentence));
	}
	snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state);
}

/* ---- the tables, for the test that every sentence of them is translated ---- */

const char *db_error_sentence(size_t i)
{
	static const size_t counts[] = {
		sizeof(constraint_sentences) / sizeof(constraint_sentences[0]),
		sizeof(verbatim_sentences) / sizeof(verbatim_sentences[0]),
		sizeof(dated_constraint_sentences) / sizeof(dated_constraint_sentences[0]),
		sizeof(still_referenced_sentences) / sizeof(still_referenced_sentences[0]),
	};
	if (i < counts[0])
		return constraint_sentences[i].sentence;
	i -= counts[0];
	if (i < counts[1])
		return verbatim_sentences[i].sentence;
	i -= counts[1];
	if (i < counts[2])
		return dated_constraint_sentences[i].sentence;
	i -= counts[2];
	if (i < counts[3])
		return still_referenced_sentences[i].sentence;
	i -= counts[3];
	for (size_t k = 0; k < sizeof(sqlstates) / sizeof(sqlstates[0]); k++)
		if (sqlstates[k].sentence && i-- == 0)
			return sqlstates[k].sentence;
	return NULL;
}

const char *db_error_sqlstate(size_t i, bool *as_said)
{
	if (i >= sizeof(sqlstates) / sizeof(sqlstates[0]))
		return NULL;
	*as_said = sqlstates[i].explain == explain_as_said;
	return sqlstates[i].state;
}
