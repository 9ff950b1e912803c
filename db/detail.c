/* detail: one record with its related records, as (section, label, value) lines from one query. */
#include "db/private.h"

#include <stdlib.h>
#include <string.h>

/* Each query is a UNION ALL of parts, every part answering (part, pos, section, label, value) and
 * ordered by part and position. Part 0 is the record's title; every part is tied to the record
 * itself, so an id that no longer exists gives no row at all. $1 is the id. */
#define DETAIL_HEAD "SELECT section, label, value FROM ("
#define DETAIL_TAIL ") x ORDER BY part, pos"

#define DATE(e) "to_char(" e ", 'YYYY-MM-DD')"
#define DATE_TIME(e) "to_char(" e ", 'YYYY-MM-DD HH24:MI')"
/* Who a login is: the person it belongs to, else the login (0009). */
#define LOGIN(e) "iedesk.login_name(" e ")"
#define YES_NO(e) "CASE WHEN " e " THEN 'yes' ELSE 'no' END"
/* A label that fits a narrow column: the long enumeration values shortened. */
#define INSPECTION_KIND(e) "CASE " e " WHEN 'itinerant-guidance' THEN 'itinerant guidance' ELSE " e " END"
#define OVERDUE(e) "coalesce(', ' || " e " || ' days overdue', '')"
/* The record's last ten changes in the audit log (0015), newest first: when, who, and what it did — the
 * columns an update changed, by name. extra is "" or the link column of a linked query. */
#define HISTORY(table, extra) \
	" UNION ALL" \
	" SELECT 99, h.n, 'History', " DATE_TIME("h.at") ", " LOGIN("h.login") " || ' ' || CASE h.action" \
	"  WHEN 'insert' THEN 'created it' WHEN 'delete' THEN 'deleted it' WHEN 'read' THEN 'read it'" \
	"  ELSE 'changed ' || coalesce((SELECT string_agg(k.key, ', ' ORDER BY k.key) FROM jsonb_each(h.new) k" \
	"   WHERE k.key NOT IN ('version', 'updated_at') AND k.value IS DISTINCT FROM h.old -> k.key), 'nothing')" \
	"  END" extra \
	" FROM (SELECT a.at, a.login, a.action, a.old, a.new," \
	"  row_number() OVER (ORDER BY a.at DESC, a.id DESC) AS n FROM iedesk.audit_log a" \
	"  WHERE a.table_name = '" table "' AND a.row_id = $1::bigint ORDER BY a.at DESC, a.id DESC LIMIT 10) h"

/* Where a need category has fewer than 3 cases at a school it is not named (0023): those cases are one line,
 * with "<3" when they are fewer than 3 in all. */
#define SMALL_CELLS "'other needs (fewer than 3 each, not named)'"

static const char district_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, d.name AS value"
	" FROM iedesk.district d WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, 'District', v.label, v.value FROM iedesk.district d,"
	" LATERAL (VALUES (1, 'Name', d.name), (2, 'Code', d.code), (3, 'Locale', d.locale_class)) v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, v.pos, 'Schools', v.label, v.value::text FROM iedesk.district d,"
	" LATERAL (SELECT count(*) FILTER (WHERE s.archived_at IS NULL) AS open,"
	"  count(*) FILTER (WHERE s.archived_at IS NOT NULL) AS archived,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND s.has_resource_classroom) AS classrooms,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND s.is_resource_center) AS centers,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND s.is_autism_base) AS autism,"
	"  count(*) FILTER (WHERE s.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a"
	"   WHERE a.school_id = s.id AND a.ended_on IS NULL)) AS vacant"
	"  FROM iedesk.school s WHERE s.district_id = d.id) c,"
	" LATERAL (VALUES (1, 'Open', c.open), (2, 'Archived', c.archived), (3, 'Resource classrooms', c.classrooms),"
	"  (4, 'Resource centers', c.centers), (5, 'Autism bases', c.autism), (6, 'Without a manager', c.vacant))"
	"  v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY c.name, c.id), 'Consortia',"
	" CASE c.kind WHEN 'education-association' THEN 'association' WHEN 'home-school-alliance' THEN 'home-school'"
	"  ELSE c.kind END,"
	" c.name || ' (' || (SELECT count(*) FROM iedesk.consortium_member m WHERE m.consortium_id = c.id"
	"  AND m.left_on IS NULL) || ' members)'"
	" FROM iedesk.consortium c WHERE c.district_id = $1::bigint AND c.archived_at IS NULL"
	" UNION ALL"
	" SELECT 4, v.pos, 'Meetings', v.label, v.value FROM iedesk.district d,"
	" LATERAL (SELECT count(*) AS held, count(*) FILTER (WHERE m.status = 'draft') AS drafts,"
	"  max(m.held_on) AS latest FROM iedesk.meeting m WHERE m.district_id = d.id) c,"
	" LATERAL (SELECT count(*) AS open, count(*) FILTER (WHERE ai.due_on < iedesk.today()) AS overdue"
	"  FROM iedesk.meeting m JOIN iedesk.decision dd ON dd.meeting_id = m.id"
	"  JOIN iedesk.action_item ai ON ai.decision_id = dd.id"
	"  WHERE m.district_id = d.id AND ai.status IN ('open', 'in-progress')) w,"
	" LATERAL (VALUES (1, 'Held', c.held::text), (2, 'Drafts', c.drafts::text),"
	"  (3, 'Latest', coalesce(" DATE("c.latest") ", '')), (4, 'Open actions', w.open::text),"
	"  (5, 'Overdue actions', w.overdue::text)) v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 5, v.pos, 'Inspections', v.label, v.value::text FROM iedesk.district d,"
	" LATERAL (SELECT count(*) FILTER (WHERE i.status = 'planned') AS planned,"
	"  count(*) FILTER (WHERE i.status = 'done') AS done,"
	"  count(*) FILTER (WHERE i.status = 'closed') AS closed,"
	"  count(*) FILTER (WHERE iedesk.inspection_overdue_days(i.id, i.status, i.planned_on) IS NOT NULL) AS overdue"
	"  FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE s.district_id = d.id) c,"
	" LATERAL (VALUES (1, 'Planned', c.planned), (2, 'Done', c.done), (3, 'Closed', c.closed),"
	"  (4, 'Overdue', c.overdue)) v(pos, label, value)"
	" WHERE d.id = $1::bigint"
	" UNION ALL"
	" SELECT 6, row_number() OVER (ORDER BY c.need_category), 'Students with special needs',"
	" coalesce(c.need_category, " SMALL_CELLS "),"
	" concat_ws(' ', sum(c.count)::text, CASE WHEN bool_or(c.count IS NULL)"
	"  THEN '(and <3 at ' || count(*) FILTER (WHERE c.count IS NULL) || ' schools)' END)"
	" FROM iedesk.student_case_counts c JOIN iedesk.school s ON s.id = c.school_id"
	" WHERE s.district_id = $1::bigint AND s.archived_at IS NULL GROUP BY c.need_category"
	HISTORY("district", "")
	DETAIL_TAIL;

static const char school_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, s.name AS value"
	" FROM iedesk.school s WHERE s.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, 'School', v.label, coalesce(v.value, '')"
	" FROM iedesk.school s JOIN iedesk.district d ON d.id = s.district_id,"
	" LATERAL (VALUES (1, 'Name', s.name), (2, 'English name', s.name_en), (3, 'Code', s.code),"
	"  (4, 'District', d.name || ' (' || d.code || ')'), (5, 'Stage', s.stage), (6, 'Sector', s.sector),"
	"  (7, 'Locale', s.locale), (8, 'Resource classroom', " YES_NO("s.has_resource_classroom") "),"
	"  (9, 'Resource center', " YES_NO("s.is_resource_center") "),"
	"  (10, 'Autism base', " YES_NO("s.is_autism_base") "),"
	"  (11, 'Address', s.address), (12, 'Phone', s.phone), (13, 'Headteacher', s.headteacher),"
	"  (14, 'Archived', " DATE("s.archived_at") ")) v(pos, label, value)"
	" WHERE s.id = $1::bigint AND (v.pos <> 14 OR s.archived_at IS NOT NULL)"
	" UNION ALL"
	" SELECT 2, v.pos, 'Manager', v.label, coalesce(v.value, '')"
	" FROM iedesk.manager_appointment a JOIN iedesk.person p ON p.id = a.person_id,"
	" LATERAL (VALUES (1, 'Name', p.name), (2, 'Since', " DATE("a.started_on") "),"
	"  (3, 'Workload', a.workload || ' time'), (4, 'Phone', p.phone), (5, 'Email', p.email)) v(pos, label, value)"
	" WHERE a.school_id = $1::bigint AND a.ended_on IS NULL"
	" UNION ALL"
	" SELECT 2, 0, 'Manager', '', 'vacant' || coalesce(' since ' || " DATE("(SELECT max(a.ended_on) + 1"
	"  FROM iedesk.manager_appointment a WHERE a.school_id = s.id)") ", '')"
	" FROM iedesk.school s WHERE s.id = $1::bigint AND s.archived_at IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM iedesk.manager_appointment a WHERE a.school_id = s.id AND a.ended_on IS NULL)"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY t.held_on DESC, t.id DESC), 'Trainings of the manager',"
	" " DATE("t.held_on") ", t.title || ', ' || trim_scale(t.hours) || ' hours'"
	" || CASE WHEN t.held_on > iedesk.today() THEN ', not held yet' ELSE '' END"
	" FROM iedesk.manager_appointment a JOIN iedesk.training_attendance ta ON ta.person_id = a.person_id"
	" JOIN iedesk.training t ON t.id = ta.training_id"
	" WHERE a.school_id = $1::bigint AND a.ended_on IS NULL"
	" UNION ALL"
	" SELECT 3, 0, 'Trainings of the manager', '', 'none recorded'"
	" FROM iedesk.manager_appointment a WHERE a.school_id = $1::bigint AND a.ended_on IS NULL"
	" AND NOT EXISTS (SELECT 1 FROM iedesk.training_attendance ta WHERE ta.person_id = a.person_id)"
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY a.started_on, a.id), 'Manager history', p.name,"
	" " DATE("a.started_on") " || ' – ' || coalesce(" DATE("a.ended_on") ", 'now') || ', ' || a.workload || ' time'"
	" FROM iedesk.manager_appointment a JOIN iedesk.person p ON p.id = a.person_id WHERE a.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 5, row_number() OVER (ORDER BY c.name, c.id), 'Consortia', cm.role,"
	" c.name || ' (joined ' || " DATE("cm.joined_on") " || coalesce(', left ' || " DATE("cm.left_on") ", '') || ')'"
	" FROM iedesk.consortium_member cm JOIN iedesk.consortium c ON c.id = cm.consortium_id"
	" WHERE cm.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 6, row_number() OVER (ORDER BY r.kind, r.id), 'Shared resources', 'provides',"
	" r.kind || ': ' || r.description || ' (' || c.name || coalesce(', capacity ' || r.capacity, '') || ')'"
	" FROM iedesk.shared_resource r JOIN iedesk.consortium c ON c.id = r.consortium_id"
	" WHERE r.provider_school_id = $1::bigint"
	" UNION ALL"
	" SELECT 7, row_number() OVER (ORDER BY r.kind, r.id), 'Shared resources', 'receives',"
	" r.kind || ': ' || r.description || ' (from ' || ps.name || coalesce(', capacity ' || r.capacity, '') || ')'"
	" FROM iedesk.consortium_member cm"
	" JOIN iedesk.shared_resource r ON r.consortium_id = cm.consortium_id AND r.provider_school_id <> cm.school_id"
	" JOIN iedesk.school ps ON ps.id = r.provider_school_id"
	" WHERE cm.school_id = $1::bigint AND cm.left_on IS NULL"
	" UNION ALL"
	" SELECT 8, row_number() OVER (ORDER BY i.planned_on DESC, i.id DESC), 'Inspections', " DATE("i.planned_on") ","
	" " INSPECTION_KIND("i.kind") " || ', ' || i.status"
	" || coalesce(', visited ' || " DATE("i.visited_on") ", '') || coalesce(', ' || p.name, '')"
	" || " OVERDUE("iedesk.inspection_overdue_days(i.id, i.status, i.planned_on)")
	" FROM iedesk.inspection i LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id"
	" WHERE i.school_id = $1::bigint"
	" UNION ALL"
	" SELECT 9, row_number() OVER (ORDER BY c.need_category), 'Students with special needs',"
	" coalesce(c.need_category, " SMALL_CELLS "), c.shown FROM iedesk.student_case_counts c"
	" WHERE c.school_id = $1::bigint"
	HISTORY("school", "")
	DETAIL_TAIL;

static const char meeting_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, m.title AS value"
	" FROM iedesk.meeting m WHERE m.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, 'Meeting', v.label, coalesce(v.value, '')"
	" FROM iedesk.meeting m JOIN iedesk.district d ON d.id = m.district_id"
	" LEFT JOIN iedesk.person chair ON chair.id = m.chair_person_id"
	" LEFT JOIN iedesk.person secretary ON secretary.id = m.secretary_person_id"
	" LEFT JOIN iedesk.meeting_amendment oa ON oa.meeting_id = m.id AND oa.closed_at IS NULL,"
	" LATERAL (VALUES (1, 'Title', m.title), (2, 'Date', " DATE("m.held_on") "),"
	"  (3, 'District', d.name || ' (' || d.code || ')'), (4, 'Kind', m.kind), (5, 'Location', m.location),"
	"  (6, 'Chair', chair.name), (7, 'Secretary', secretary.name),"
	"  (8, 'Status', CASE WHEN m.status = 'final' THEN 'final since ' || " DATE_TIME("m.finalised_at")
	"   || coalesce(' by ' || " LOGIN("m.finalised_by") ", '')"
	"   || coalesce(' — amendment open since ' || " DATE_TIME("oa.opened_at")
	"    || ' by ' || " LOGIN("oa.opened_by") ", '')"
	"   ELSE m.status END),"
	"  (9, 'Summary', m.summary),"
	"  (10, 'Minutes', 'iedesk minutes ' || m.id || ' --format md')) v(pos, label, value)"
	" WHERE m.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, 0, 'Attendees', 'Total', sum(a.head_count) || ' people'"
	" FROM iedesk.meeting_attendee a WHERE a.meeting_id = $1::bigint HAVING count(*) > 0"
	" UNION ALL"
	" SELECT 2, row_number() OVER (ORDER BY a.id), 'Attendees', '',"
	" coalesce(p.name, a.organisation || ' — ' || a.head_count)"
	" FROM iedesk.meeting_attendee a LEFT JOIN iedesk.person p ON p.id = a.person_id"
	" WHERE a.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 3, ai.position * 2 + v.sub, 'Agenda', v.label, v.value"
	" FROM iedesk.agenda_item ai,"
	" LATERAL (VALUES (0, ai.position || '.', ai.title), (1, '', ai.notes)) v(sub, label, value)"
	" WHERE ai.meeting_id = $1::bigint AND v.value IS NOT NULL"
	" UNION ALL"
	" SELECT 4, dd.position, 'Decisions', dd.position || '.', dd.text"
	" FROM iedesk.decision dd WHERE dd.meeting_id = $1::bigint"
	" UNION ALL"
	" SELECT 5, row_number() OVER (ORDER BY dd.position, ai.due_on, ai.id), 'Action items',"
	" CASE WHEN ai.status IN ('open', 'in-progress') AND ai.due_on < iedesk.today() THEN 'overdue'"
	"  ELSE ai.status END,"
	" ai.text || ' — ' || concat_ws(' / ', s.name, ai.owner_unit) || ', due ' || " DATE("ai.due_on")
	" || coalesce(', done ' || " DATE("ai.done_on") ", '')"
	" || CASE WHEN ai.status IN ('open', 'in-progress') AND ai.due_on < iedesk.today()"
	"  THEN ', ' || (iedesk.today() - ai.due_on) || ' days overdue' ELSE '' END"
	" || ' (decision ' || dd.position || ')'"
	" FROM iedesk.decision dd JOIN iedesk.action_item ai ON ai.decision_id = dd.id"
	" LEFT JOIN iedesk.school s ON s.id = ai.owner_school_id"
	" WHERE dd.meeting_id = $1::bigint"
	" UNION ALL"
	/* the amendments of final minutes, under the day they were opened */
	" SELECT 6, row_number() OVER (ORDER BY a.opened_at, a.id), 'Amendments', " DATE_TIME("a.opened_at") ","
	" 'by ' || " LOGIN("a.opened_by") " || ': ' || a.reason || ' — '"
	" || coalesce('final again ' || " DATE_TIME("a.closed_at") " || ' by ' || " LOGIN("a.closed_by") ", 'open')"
	" FROM iedesk.meeting_amendment a WHERE a.meeting_id = $1::bigint"
	HISTORY("meeting", "")
	DETAIL_TAIL;

/* An inspection with what it checks and what followed, each line linked to the record it is about
 * (link: "school:ID", "meeting:ID" or "inspection:ID"), so a manager can drill from a backlog item to
 * its school, the meeting that decided the work, and its history. */
#define LINKED_HEAD "SELECT section, label, value, link FROM ("

static const char inspection_sql[] = LINKED_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label,"
	" s.name || ' — ' || " INSPECTION_KIND("i.kind") " || ', ' || " DATE("i.planned_on") " AS value,"
	" NULL::text AS link"
	" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, 'Inspection', v.label, coalesce(v.value, ''), v.link"
	" FROM iedesk.inspection i JOIN iedesk.school s ON s.id = i.school_id"
	" LEFT JOIN iedesk.person p ON p.id = i.inspector_person_id,"
	" LATERAL (VALUES (1, 'School', s.name, 'school:' || s.id), (2, 'Kind', " INSPECTION_KIND("i.kind") ", NULL),"
	"  (3, 'Planned', " DATE("i.planned_on") ", NULL), (4, 'Visited', " DATE("i.visited_on") ", NULL),"
	"  (5, 'Inspector', p.name, NULL), (6, 'Status', i.status, NULL), (7, 'Closed', " DATE("i.closed_on") ", NULL),"
	"  (8, 'Overdue', iedesk.inspection_overdue_days(i.id, i.status, i.planned_on) || ' days', NULL),"
	"  (9, 'Summary', i.summary, NULL)) v(pos, label, value, link)"
	" WHERE i.id = $1::bigint AND (v.pos NOT IN (7, 8) OR v.value IS NOT NULL)"
	" UNION ALL"
	" SELECT 2, v.pos, 'Checks', v.label, v.value, 'meeting:' || m.id"
	" FROM iedesk.inspection i JOIN iedesk.action_item ai ON ai.id = i.action_item_id"
	" JOIN iedesk.decision dd ON dd.id = ai.decision_id JOIN iedesk.meeting m ON m.id = dd.meeting_id"
	" LEFT JOIN iedesk.school s ON s.id = ai.owner_school_id,"
	" LATERAL (VALUES (1, 'Action item', ai.text), (2, 'Owner', concat_ws(' / ', s.name, ai.owner_unit)),"
	"  (3, 'Due', " DATE("ai.due_on") " || ', ' || ai.status),"
	"  (4, 'Decision', dd.position || '. ' || dd.text),"
	"  (5, 'Meeting', " DATE("m.held_on") " || ' ' || m.title)) v(pos, label, value)"
	" WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 2, v.pos, 'Checks', v.label, v.value, 'inspection:' || fi.id"
	" FROM iedesk.inspection i JOIN iedesk.finding f ON f.id = i.finding_id"
	" JOIN iedesk.inspection fi ON fi.id = f.inspection_id,"
	" LATERAL (VALUES (6, 'Finding', f.severity || ': ' || f.text),"
	"  (7, 'Found', " INSPECTION_KIND("fi.kind") " || ' of ' || " DATE("coalesce(fi.visited_on, fi.planned_on)") "),"
	"  (8, 'Due', coalesce(" DATE("f.due_on") ", '') || coalesce(', resolved ' || " DATE("f.resolved_on") ", ''))"
	"  ) v(pos, label, value)"
	" WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 3, row_number() OVER (ORDER BY f.id), 'Findings', f.severity,"
	" f.text || ' — ' || concat_ws(', ', 'due ' || " DATE("f.due_on") ","
	"  CASE WHEN f.resolved_on IS NOT NULL THEN 'resolved ' || " DATE("f.resolved_on")
	"  WHEN f.due_on < iedesk.today() THEN (iedesk.today() - f.due_on) || ' days overdue' ELSE 'open' END), NULL"
	" FROM iedesk.finding f WHERE f.inspection_id = $1::bigint"
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY fu.planned_on, fu.id), 'Follow-ups', " DATE("fu.planned_on") ","
	" " INSPECTION_KIND("fu.kind") " || ', ' || fu.status || ' (finding: ' || f.text || ')', 'inspection:' || fu.id"
	" FROM iedesk.finding f JOIN iedesk.inspection fu ON fu.finding_id = f.id"
	" WHERE f.inspection_id = $1::bigint"
	" UNION ALL"
	/* the history: the other inspections of the same action item, then the school's latest ten others */
	" SELECT 5, row_number() OVER (ORDER BY o.planned_on, o.id), 'Other inspections of the action item',"
	" " DATE("o.planned_on") ", " INSPECTION_KIND("o.kind") " || ', ' || o.status"
	" || coalesce(', visited ' || " DATE("o.visited_on") ", ''), 'inspection:' || o.id"
	" FROM iedesk.inspection i JOIN iedesk.inspection o ON o.action_item_id = i.action_item_id AND o.id <> i.id"
	" WHERE i.id = $1::bigint"
	" UNION ALL"
	" SELECT 6, h.n, 'Earlier at this school', " DATE("h.planned_on") ", " INSPECTION_KIND("h.kind") " || ', '"
	" || h.status || coalesce(', visited ' || " DATE("h.visited_on") ", '') || coalesce(', closed ' || "
	DATE("h.closed_on") ", ''), 'inspection:' || h.id"
	" FROM (SELECT o.*, row_number() OVER (ORDER BY o.planned_on DESC, o.id DESC) AS n"
	"  FROM iedesk.inspection i JOIN iedesk.inspection o ON o.school_id = i.school_id AND o.id <> i.id"
	"  AND o.planned_on <= i.planned_on WHERE i.id = $1::bigint ORDER BY o.planned_on DESC, o.id DESC LIMIT 10) h"
	HISTORY("inspection", ", NULL")
	DETAIL_TAIL;

/* Rural and weak members: current members in a town or a village, or without a resource classroom
 * (a resource center is not weak for lacking one); what the others share is what they can use. */
#define RURAL(s) s ".locale IN ('town', 'village')"
#define NO_CLASSROOM(s) "(NOT " s ".has_resource_classroom AND NOT " s ".is_resource_center)"
#define WEAKNESS(s) "concat_ws(', ', CASE WHEN " RURAL(s) " THEN 'rural' END," \
	" CASE WHEN " NO_CLASSROOM(s) " THEN 'no resource classroom' END)"

static const char consortium_sql[] = DETAIL_HEAD
	"SELECT 0 AS part, 0::bigint AS pos, '' AS section, '' AS label, c.name AS value"
	" FROM iedesk.consortium c WHERE c.id = $1::bigint"
	" UNION ALL"
	" SELECT 1, v.pos, 'Consortium', v.label, coalesce(v.value, '')"
	" FROM iedesk.consortium c JOIN iedesk.district d ON d.id = c.district_id"
	" LEFT JOIN iedesk.school l ON l.id = c.lead_school_id,"
	" LATERAL (VALUES (1, 'Name', c.name), (2, 'Code', c.code),"
	"  (3, 'Kind', CASE c.kind WHEN 'education-association' THEN 'education association'"
	"   WHEN 'home-school-alliance' THEN 'home-school alliance' ELSE c.kind END),"
	"  (4, 'District', d.name || ' (' || d.code || ')'), (5, 'Lead school', l.name),"
	"  (6, 'Founded', " DATE("c.founded_on") "), (7, 'Partner kind', c.partner_kind),"
	"  (8, 'Archived', " DATE("c.archived_at") ")) v(pos, label, value)"
	" WHERE c.id = $1::bigint AND (v.pos NOT IN (7, 8) OR v.value IS NOT NULL)"
	" UNION ALL"
	/* current members first, the lead first among them; former ones after, with the day they left */
	" SELECT 2, row_number() OVER (ORDER BY cm.left_on IS NOT NULL, cm.role, s.name, cm.id), 'Members', cm.role,"
	" s.name || ' — ' || s.locale || ', joined ' || " DATE("cm.joined_on")
	" || coalesce(', left ' || " DATE("cm.left_on") ", '')"
	" || CASE WHEN cm.left_on IS NULL THEN coalesce('; ' || nullif(" WEAKNESS("s") ", ''), '') ELSE '' END"
	" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id"
	" WHERE cm.consortium_id = $1::bigint"
	" UNION ALL"
	/* grouped by provider: the provider named on the first line of its group */
	" SELECT 3, row_number() OVER (ORDER BY ps.name, ps.id, r.kind, r.id), 'Shared resources',"
	" CASE WHEN row_number() OVER (PARTITION BY ps.id ORDER BY r.kind, r.id) = 1 THEN ps.name ELSE '' END,"
	" r.kind || ': ' || r.description || coalesce(' (capacity ' || r.capacity || ')', '')"
	" FROM iedesk.shared_resource r JOIN iedesk.school ps ON ps.id = r.provider_school_id"
	" WHERE r.consortium_id = $1::bigint"
	" UNION ALL"
	" SELECT 4, row_number() OVER (ORDER BY s.name, cm.id), 'Rural and weak members', s.name,"
	" " WEAKNESS("s") " || ' — ' || coalesce('can use ' || u.uses, 'the others share nothing yet')"
	" FROM iedesk.consortium_member cm JOIN iedesk.school s ON s.id = cm.school_id,"
	" LATERAL (SELECT string_agg(g.kinds || ' (' || g.provider || ')', ', ' ORDER BY g.provider, g.id) AS uses"
	"  FROM (SELECT ps.id, ps.name AS provider, string_agg(DISTINCT r.kind, ', ' ORDER BY r.kind) AS kinds"
	"   FROM iedesk.shared_resource r JOIN iedesk.school ps ON ps.id = r.provider_school_id"
	"   WHERE r.consortium_id = cm.consortium_id AND r.provider_school_id <> cm.school_id"
	"   GROUP BY ps.id, ps.name) g) u"
	" WHERE cm.consortium_id = $1::bigint AND cm.left_on IS NULL AND (" RURAL("s") " OR " NO_CLASSROOM("s") ")"
	" UNION ALL"
	" SELECT 4, 0, 'Rural and weak members', '', 'none'"
	" FROM iedesk.consortium c WHERE c.id = $1::bigint AND NOT EXISTS (SELECT 1 FROM iedesk.consortium_member cm"
	"  JOIN iedesk.school s ON s.id = cm.school_id WHERE cm.consortium_id = c.id AND cm.left_on IS NULL"
	"  AND (" RURAL("s") " OR " NO_CLASSROOM("s") "))"
	HISTORY("consortium", "")
	DETAIL_TAIL;

static const char *const detail_sql[DB_DETAIL_COUNT] = {
	[DB_DETAIL_DISTRICT] = district_sql,
	[DB_DETAIL_SCHOOL] = school_sql,
	[DB_DETAIL_MEETING] = meeting_sql,
	[DB_DETAIL_INSPECTION] = inspection_sql,
	[DB_DETAIL_CONSORTIUM] = consortium_sql,
};

void db_detail_request(enum db_detail_kind kind, const char *id, struct db_request *req)
{
	memset(req, 0, sizeof(*req));
	req->sql = detail_sql[(unsigned)kind < DB_DETAIL_COUNT ? kind : DB_DETAIL_SCHOOL];
	req->params[req->nparams++] = xstrdup(id ? id : "0");
}

/* "school:12" into the line's link; anything else links nothing. */
static void link_parse(const char *link, struct db_detail_line *line)
{
	static const struct { const char *prefix; enum db_detail_kind kind; } kinds[] = {
		{ "district:", DB_DETAIL_DISTRICT }, { "school:", DB_DETAIL_SCHOOL }, { "meeting:", DB_DETAIL_MEETING },
		{ "inspection:", DB_DETAIL_INSPECTION }, { "consortium:", DB_DETAIL_CONSORTIUM },
	};
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t len = strlen(kinds[k].prefix);
		if (strncmp(link, kinds[k].prefix, len) == 0 && link[len]) {
			line->link_kind = kinds[k].kind;
			line->link_id = xstrdup(link + len);
			return;
		}
	}
}

bool db_detail_parse(const PGresult *res, struct db_detail *detail, struct db_error *err)
{
	memset(detail, 0, sizeof(*detail));
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_error_from_result(err, NULL, res, "reading the record");
		return false;
	}
	bool linked = PQnfields(res) == 4;
	if (PQnfields(res) != 3 && !linked) {
		db_error_set(err, "reading the record: the database answered with %d columns where 3 were expected",
			PQnfields(res));
		return false;
	}
	int n = PQntuples(res);
	if (n == 0) {
		db_error_set(err, "that record no longer exists; someone may have deleted it");
		return false;
	}
	detail->title = xstrdup(PQgetvalue(res, 0, 2));
	detail->count = (size_t)(n - 1);
	detail->lines = detail->count ? xcalloc(detail->count, sizeof(*detail->lines)) : NULL;
	for (int r = 1; r < n; r++) {
		struct db_detail_line *line = &detail->lines[r - 1];
		line->section = xstrdup(PQgetvalue(res, r, 0));
		line->label = xstrdup(PQgetvalue(res, r, 1));
		line->value = xstrdup(PQgetvalue(res, r, 2));
		if (linked && !PQgetisnull(res, r, 3))
			link_parse(PQgetvalue(res, r, 3), line);
	}
	return true;
}

void db_detail_done(struct db_detail *detail)
{
	if (!detail)
		return;
	for (size_t i = 0; i < detail->count; i++) {
		free(detail->lines[i].section);
		free(detail->lines[i].label);
		free(detail->lines[i].value);
		free(detail->lines[i].link_id);
	}
	FREE(&detail->lines);
	FREE(&detail->title);
	detail->count = 0;
}
