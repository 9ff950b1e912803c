/* pane_managers: the Managers pane in specs: its lists (columns, query, what Enter opens, what it watches and
 * edits) — schools with their managers, the gaps, trainings and who attended them — and the records they edit
 * (person, appointment, training, attendance). */
#include "db/private.h"

static const struct db_column manager_columns[] = {
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "manager", N_("Manager"), 10, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "since", N_("Since"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "phone", N_("Manager phone"), 13, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column gap_columns[] = {
	{ "gap", N_("Gap"), 11, 6, DB_ALIGN_LEFT, DB_CELL_WORD },
	{ "school", N_("School"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "manager", N_("Manager"), 10, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "since", N_("Since"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "details", N_("Details"), 20, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

static const struct db_column training_columns[] = {
	{ "date", N_("Date"), 10, 10, DB_ALIGN_LEFT, DB_CELL_DATE },
	{ "title", N_("Title"), 0, 12, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "hours", N_("Hours"), 5, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
	{ "provider", N_("Provider"), 16, 6, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "attendees", N_("Attendees"), 9, 3, DB_ALIGN_RIGHT, DB_CELL_TEXT },
};

static const struct db_column attendee_columns[] = {
	{ "person", N_("Person"), 0, 10, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "dist", N_("Dist."), 5, 2, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "phone", N_("Phone"), 13, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
	{ "manages", N_("Manages"), 24, 8, DB_ALIGN_LEFT, DB_CELL_TEXT },
};

/* n appoints a manager to the selected school, D ends the current appointment. */
static const struct db_list_editing appointment_editing = {
	.new_kind = DB_RECORD_APPOINTMENT, .row_column = "school_id",
	.today_column = "started_on", .edit_kind = DB_RECORD_SCHOOL, .removal = DB_REMOVE_END_APPOINTMENT,
	.removal_question = N_("End today the current manager appointment of"),
	.removal_done = N_("the appointment ended today; the school is vacant"),
	.removal_none = N_("this school has no current manager"),
};

/* Open schools with their current manager; a vacancy is dated by the day after the last
 * appointment ended. The phone is the manager's own, as the export's is (the school's is in its detail). */
const struct db_list_spec db_list_managers = {
	.name = "managers", .title = N_("Managers"), .filter_hint = N_("school or manager name"),
	COLUMNS(manager_columns), .nkeys = 2,
	.open = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 1),
	.rows_of = "school", .shows = "district manager_appointment person",
	.editing = &appointment_editing,
	.export = "managers",
	.query = &(const struct db_list_query){
		.columns = "s.id, s.name, s.district_id, s.phone, m.appointment_id, m.started_on, m.person_name,"
			" m.person_phone",
		.from = "iedesk.school s LEFT JOIN LATERAL (SELECT a.id AS appointment_id, a.started_on,"
			" p.name AS person_name, p.name_pinyin AS person_pinyin, p.phone AS person_phone FROM iedesk.manager_appointment a"
			" JOIN iedesk.person p ON p.id = a.person_id"
			" WHERE a.school_id = s.id AND a.ended_on IS NULL LIMIT 1) m ON true",
		.where = "s.archived_at IS NULL",
		.filter = NAME_MATCHES("s") " OR m.person_name ILIKE " PATTERN " OR m.person_pinyin ILIKE " PATTERN,
		.key_expr = { "s.name", "s.id" },
		.key_type = { "text", "bigint" },
		.select = "w.name, coalesce(d.code, ''),"
			" CASE WHEN w.appointment_id IS NULL THEN " WORD("'vacant'") " ELSE w.person_name END,"
			" coalesce(to_char(coalesce(w.started_on, v.since), 'YYYY-MM-DD'), ''),"
			" coalesce(w.person_phone, ''),"
			" CASE WHEN w.appointment_id IS NULL THEN 1 ELSE 0 END",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true"
			" CROSS JOIN LATERAL (SELECT max(a.ended_on) + 1 AS since FROM iedesk.manager_appointment a"
			" WHERE w.appointment_id IS NULL AND a.school_id = w.id) v",
	},
};

/* The view of 0025 holds a row per gap of a school (three at most), so sorting it whole is bounded by the
 * schools; a school with two gaps is two rows together, under its worst gap (school_rank), the worse first.
 * The row's id is its school's, which Enter opens. */
const struct db_list_spec db_list_manager_gaps = {
	.name = "manager-gaps", .title = N_("Manager gaps"), .filter_hint = N_("school or manager name"),
	COLUMNS(gap_columns), .nkeys = 4,
	.open = OPEN(.detail = DB_DETAIL_SCHOOL, .id_key = 3),
	.rows_of = "school", .shows = "manager_appointment person training training_attendance",
	.editing = &appointment_editing,
	.export = "manager-gaps",
	.query = &(const struct db_list_query){
		.columns = "g.school_name, g.district_code, g.gap, g.person_name, g.since, g.managers, g.window_start",
		.from = "iedesk.manager_gap_each g",
		.filter = "g.school_name ILIKE " PATTERN " OR g.person_name ILIKE " PATTERN \
			" OR EXISTS (SELECT 1 FROM iedesk.school x WHERE x.id = g.school_id AND x.name_pinyin ILIKE " PATTERN ")" \
			" OR EXISTS (SELECT 1 FROM iedesk.person x WHERE x.id = g.person_id AND x.name_pinyin ILIKE " PATTERN ")",
		.key_expr = { "g.school_rank", "g.school_name", "g.rank", "g.school_id" },
		.key_type = { "integer", "text", "integer", "bigint" },
		.select = "w.gap, w.school_name, w.district_code, coalesce(w.person_name, ''),"
			" coalesce(to_char(w.since, 'YYYY-MM-DD'), ''), " DB_GAP_DETAILS_SQL("w", DATE("w.window_start")) ","
			" CASE WHEN w.k2 = 1 THEN 1 ELSE 0 END",
		.joins = "",
	},
};

const struct db_list_spec db_list_trainings = {
	.name = "trainings", .title = N_("Trainings"), .filter_hint = N_("title or provider"),
	COLUMNS(training_columns), .nkeys = 2,
	.open = OPEN(.is_list = true, .list = DB_LIST_TRAINING_ATTENDEES, .id_key = 1),
	.rows_of = "training", .shows = "training_attendance",
	.editing = EDITING(.new_kind = DB_RECORD_TRAINING, .today_column = "held_on",
		.edit_kind = DB_RECORD_TRAINING, .removal_none = N_("trainings stay on record")),
	.query = &(const struct db_list_query){
		.descending = true,
		.columns = "t.id, t.title, t.held_on, t.hours, t.provider",
		.from = "iedesk.training t",
		.filter = "t.title ILIKE " PATTERN " OR t.provider ILIKE " PATTERN,
		.key_expr = { "t.held_on", "t.id" },
		.key_type = { "date", "bigint" },
		.select = "to_char(w.held_on, 'YYYY-MM-DD'), w.title, trim_scale(w.hours)::text,"
			" coalesce(w.provider, ''), a.attendees::text, 0",
		.joins = " CROSS JOIN LATERAL (SELECT count(*) AS attendees FROM iedesk.training_attendance ta"
			" WHERE ta.training_id = w.id) a",
	},
};

/* Sorted by the person's name after the join, like the members: the unique (training_id, person_id)
 * index finds a training's attendees, tens of them, a few hundred at most. Manages names the open
 * schools the person is the current manager of. */
const struct db_list_spec db_list_training_attendees = {
	.name = "training-attendees", .title = N_("Attendees"), .filter_hint = N_("person name"),
	COLUMNS(attendee_columns), .nkeys = 2,
	.rows_of = "training_attendance", .shows = "person district school manager_appointment",
	.editing = EDITING(.new_kind = DB_RECORD_TRAINING_ATTENDANCE, .parent_column = "training_id",
		.edit_kind = DB_RECORD_TRAINING_ATTENDANCE, .removal = DB_REMOVE_DELETE_ATTENDANCE,
		.removal_question = N_("Remove from this training:"), .removal_done = N_("removed from the training"),
		.removal_none = N_("that person was already removed")),
	.query = &(const struct db_list_query){
		.has_parent = true,
		.columns = "ta.id, p.id AS person_id, p.name AS person_name, p.phone, p.district_id",
		.from = "iedesk.training_attendance ta JOIN iedesk.person p ON p.id = ta.person_id",
		.where = "ta.training_id = $2::bigint",
		.filter = NAME_MATCHES("p"),
		.key_expr = { "p.name", "ta.id" },
		.key_type = { "text", "bigint" },
		.select = "w.person_name, coalesce(d.code, ''), coalesce(w.phone, ''), coalesce(m.schools, ''), 0",
		.joins = " LEFT JOIN LATERAL (SELECT d.code FROM iedesk.district d WHERE d.id = w.district_id"
			" LIMIT 1) d ON true"
			" CROSS JOIN LATERAL (SELECT string_agg(s.name, ', ' ORDER BY s.name, s.id) AS schools"
			" FROM iedesk.manager_appointment a JOIN iedesk.school s ON s.id = a.school_id"
			" WHERE a.person_id = w.person_id AND a.ended_on IS NULL AND s.archived_at IS NULL) m",
	},
};

/* ---- the records edited here: each one's form, described once (the schema of 0001 is the truth) ---- */

static const char *const workload_choices[] = { "full", "part", NULL };

static const struct db_field person_fields[] = {
	TEXT_FIELD("name", N_("Name"), true, 100, NULL),
	TEXT_FIELD("phone", N_("Phone"), false, 40, NULL),
	TEXT_FIELD("email", N_("Email"), false, 200, N_("name@example.cn")),
	LOOKUP_FIELD("district_id", N_("District"), false, DB_LOOKUP_DISTRICT),
};

const struct db_record_def db_record_person = {
	.name = "person", .title = N_("Person"), .table = "iedesk.person",
	FIELDS(person_fields),
};

static const struct db_field appointment_fields[] = {
	LOOKUP_FIELD("school_id", N_("School"), true, DB_LOOKUP_SCHOOL),
	LOOKUP_FIELD("person_id", N_("Manager"), true, DB_LOOKUP_PERSON),
	DATE_FIELD("started_on", N_("Started"), true),
	DATE_FIELD("ended_on", N_("Ended"), false),
	CHOICE_FIELD("workload", N_("Workload"), true, workload_choices, N_("full or part time")),
};

const struct db_record_def db_record_appointment = {
	.name = "appointment", .title = N_("Manager appointment"), .table = "iedesk.manager_appointment",
	FIELDS(appointment_fields),
	.defaults = DEFAULTS({ "workload", "part" }),
};

/* hours is numeric(5,1) in the schema; the form takes whole hours (> 0, as the CHECK wants). */
static const struct db_field training_fields[] = {
	TEXT_FIELD("title", N_("Title"), true, 200, NULL),
	DATE_FIELD("held_on", N_("Held on"), true),
	INT_FIELD("hours", N_("Hours"), true, 1, 9999, N_("whole hours")),
	TEXT_FIELD("provider", N_("Provider"), false, 200, NULL),
};

const struct db_record_def db_record_training = {
	.name = "training", .title = N_("Training"), .table = "iedesk.training",
	FIELDS(training_fields),
};

static const struct db_field training_attendance_fields[] = {
	LOOKUP_FIELD("training_id", N_("Training"), true, DB_LOOKUP_TRAINING),
	LOOKUP_FIELD("person_id", N_("Person"), true, DB_LOOKUP_PERSON),
};

const struct db_record_def db_record_training_attendance = {
	.name = "training-attendance", .title = N_("Training attendance"), .table = "iedesk.training_attendance",
	FIELDS(training_attendance_fields),
};
