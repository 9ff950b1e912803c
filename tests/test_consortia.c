/* test_consortia: the consortium and training lists (db/list.c), the consortium detail and the school's
 * manager trainings (db/detail.c), and the actions of db/consortium.c, against the demo with "today"
 * fixed at 2026-11-24. The walks and index checks of every list are in test_lists.c. */
#include "tests/tests.h"
#include "tests/testdb.h"
#include "config/config.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL 1000

/* Forward by AFTER windows of size, then backward by BEFORE from LAST; both as "1,2,3" in display order. */
static void walk_both_ways(PGconn *c, enum db_list_kind kind, const char *filter, const char *parent, int size,
		const char *order_query)
{
	char *forward = xstrdup(""), *backward = xstrdup("");
	struct db_rows rows, next;
	testdb_fetch(c, kind, DB_WINDOW_FIRST, NULL, filter, parent, size, &rows);
	while (rows.count) {
		char *ids = testdb_ids(&rows);
		char *t = xasprintf("%s%s%s", forward, *forward ? "," : "", ids);
		free(forward);
		free(ids);
		forward = t;
		testdb_fetch(c, kind, DB_WINDOW_AFTER, rows.rows[rows.count - 1].keys, filter, parent, size, &next);
		db_rows_done(&rows);
		rows = next;
	}
	db_rows_done(&rows);
	testdb_fetch(c, kind, DB_WINDOW_LAST, NULL, filter, parent, size, &rows);
	while (rows.count) {
		char *ids = testdb_ids(&rows);
		char *t = xasprintf("%s%s%s", ids, *backward ? "," : "", backward);
		free(backward);
		free(ids);
		backward = t;
		testdb_fetch(c, kind, DB_WINDOW_BEFORE, rows.rows[0].keys, filter, parent, size, &next);
		db_rows_done(&rows);
		rows = next;
	}
	db_rows_done(&rows);
	char *want = testdb_ids_of_sql(c, order_query);
	ck_assert_msg(*want, "%s: nothing to walk", db_list_spec(kind)->name);
	ck_assert_msg(!strcmp(forward, want), "%s forward: %s, want %s", db_list_spec(kind)->name, forward, want);
	ck_assert_msg(!strcmp(backward, want), "%s backward: %s, want %s", db_list_spec(kind)->name, backward, want);
	free(want);
	free(forward);
	free(backward);
}

START_TEST(test_consortia_of_a_district)
{
	PGconn *c = testdb_demo();
	testdb_check_order(c, DB_LIST_CONSORTIA, "", "1", "SELECT id FROM iedesk.consortium WHERE district_id = 1 ORDER BY name, id");
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_CONSORTIA, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 4);
	ck_assert_int_eq(rows.ncolumns, 7);
	/* 4 of the 5 current members are town or village schools; 3 shared resources */
	const char *ea[] = { "HR-EA01", "怀柔区第一小学教育集团", "association", "怀柔区第一小学", "5", "4", "3" };
	testdb_check_cells(testdb_find_row(&rows, "1"), ea, 7);
	/* 庙城学校 left in 2025: not counted */
	const char *al[] = { "HR-AL01", "怀柔区第二中学融合教育联盟", "alliance", "怀柔区第二中学", "5", "4", "4" };
	testdb_check_cells(testdb_find_row(&rows, "2"), al, 7);
	const char *pt[] = { "HR-PT01", "怀柔区特殊教育学校高校实践基地", "partnership", "怀柔区特殊教育学校", "2", "0", "1" };
	testdb_check_cells(testdb_find_row(&rows, "3"), pt, 7);
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_uint_eq(rows.rows[i].flags, 0);
	ck_assert_str_eq(testdb_find_row(&rows, "2")->keys[0], "怀柔区第二中学融合教育联盟");
	db_rows_done(&rows);

	testdb_fetch(c, DB_LIST_CONSORTIA, DB_WINDOW_FIRST, NULL, "", "2", ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	const char *my[] = { "MY-EA01", "密云区第一小学教育集团", "association", "密云区第一小学", "2", "1", "1" };
	testdb_check_cells(&rows.rows[0], my, 7);
	db_rows_done(&rows);

	/* no parent, or a district that is gone: empty */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "", NULL), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "", "999"), 0);

	/* archived: still at its place, dim; a home-school alliance without a lead school shows none */
	testdb_exec(c, "UPDATE iedesk.consortium SET archived_at = now() WHERE id = 3;"
		"INSERT INTO iedesk.consortium (id, district_id, code, name, kind) VALUES"
		" (50, 1, 'HR-HS02', '怀柔区家校共育联盟', 'home-school-alliance')");
	testdb_fetch(c, DB_LIST_CONSORTIA, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 5);
	ck_assert_uint_eq(testdb_find_row(&rows, "3")->flags, DB_ROW_DIM);
	ck_assert_uint_eq(testdb_find_row(&rows, "1")->flags, 0);
	const char *hs[] = { "HR-HS02", "怀柔区家校共育联盟", "home-school", "", "0", "0", "0" };
	testdb_check_cells(testdb_find_row(&rows, "50"), hs, 7);
	ck_assert_uint_eq(testdb_find_row(&rows, "50")->flags, 0);
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_consortia_filter)
{
	PGconn *c = testdb_demo();
	/* the code, case-insensitively */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "ea01", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "HR-", "1"), 4);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "HR-", "2"), 0);
	/* the name */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "联盟", "1"), 2);   /* the alliance, the home-school one */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "教育集团", "2"), 1);
	/* wildcards are characters */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "%", "1"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "HR_EA01", "1"), 0);
	/* the kind is not what the filter matches */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIA, "partnership", "1"), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_consortium_members)
{
	PGconn *c = testdb_demo();
	const char *order = "SELECT m.id FROM iedesk.consortium_member m JOIN iedesk.school s ON s.id = m.school_id"
		" WHERE m.consortium_id = 2 ORDER BY s.name, m.id";
	testdb_check_order(c, DB_LIST_CONSORTIUM_MEMBERS, "", "2", order);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_CONSORTIUM_MEMBERS, DB_WINDOW_FIRST, NULL, "", "2", ALL, &rows);
	ck_assert_uint_eq(rows.count, 6);   /* the former member too */
	ck_assert_int_eq(rows.ncolumns, 7);
	const char *lead[] = { "怀柔区第二中学", "lead", "urban", "", "2021-03-15", "", "3" };
	testdb_check_cells(testdb_find_row(&rows, "6"), lead, 7);
	ck_assert_uint_eq(testdb_find_row(&rows, "6")->flags, 0);
	ck_assert_str_eq(testdb_find_row(&rows, "6")->keys[0], "怀柔区第二中学");
	const char *yangsong[] = { "杨宋镇中学", "member", "town", "yes", "2021-03-15", "", "1" };
	testdb_check_cells(testdb_find_row(&rows, "8"), yangsong, 7);
	const char *tanghekou[] = { "汤河口中学", "member", "village", "yes", "2022-09-01", "", "0" };
	testdb_check_cells(testdb_find_row(&rows, "10"), tanghekou, 7);
	/* left: dim, with the day it left */
	const char *miaocheng[] = { "庙城学校", "member", "town", "yes", "2021-03-15", "2025-07-01", "0" };
	testdb_check_cells(testdb_find_row(&rows, "11"), miaocheng, 7);
	ck_assert_uint_eq(testdb_find_row(&rows, "11")->flags, DB_ROW_DIM);
	long dim = 0;
	for (size_t i = 0; i < rows.count; i++)
		dim += rows.rows[i].flags == DB_ROW_DIM;
	ck_assert_int_eq(dim, 1);
	db_rows_done(&rows);

	/* the school name */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIUM_MEMBERS, "中学", "2"), 5);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIUM_MEMBERS, "庙城", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIUM_MEMBERS, "庙城", "1"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIUM_MEMBERS, "_", "2"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_CONSORTIUM_MEMBERS, "", NULL), 0);
	/* two at a time, both ways, filtered */
	walk_both_ways(c, DB_LIST_CONSORTIUM_MEMBERS, "中学", "2", 2,
		"SELECT m.id FROM iedesk.consortium_member m JOIN iedesk.school s ON s.id = m.school_id"
		" WHERE m.consortium_id = 2 AND strpos(s.name, '中学') > 0 ORDER BY s.name, m.id");
	walk_both_ways(c, DB_LIST_CONSORTIUM_MEMBERS, "", "1", 2,
		"SELECT m.id FROM iedesk.consortium_member m JOIN iedesk.school s ON s.id = m.school_id"
		" WHERE m.consortium_id = 1 ORDER BY s.name, m.id");
	PQfinish(c);
}
END_TEST

START_TEST(test_shared_resources)
{
	PGconn *c = testdb_demo();
	const char *order = "SELECT id FROM iedesk.shared_resource WHERE consortium_id = 2 ORDER BY description, id";
	testdb_check_order(c, DB_LIST_SHARED_RESOURCES, "", "2", order);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_SHARED_RESOURCES, DB_WINDOW_FIRST, NULL, "", "2", ALL, &rows);
	ck_assert_uint_eq(rows.count, 4);
	ck_assert_int_eq(rows.ncolumns, 4);
	const char *sign[] = { "course", "手语入门课程（每周一次，线下加直播），面向联盟教师和听障学生家长", "怀柔区第二中学", "40" };
	testdb_check_cells(testdb_find_row(&rows, "4"), sign, 4);
	const char *speech[] = { "equipment", "言语康复训练仪1套，联盟成员校预约使用", "杨宋镇中学", "1" };
	testdb_check_cells(testdb_find_row(&rows, "7"), speech, 4);
	ck_assert_str_eq(testdb_find_row(&rows, "7")->keys[0], "言语康复训练仪1套，联盟成员校预约使用");
	db_rows_done(&rows);

	/* description or provider */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "盲文", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "杨宋镇", "2"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "怀柔区第二中学", "2"), 3);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "巡回指导", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "", "3"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "", NULL), 0);

	/* no capacity: empty; several lines: one line in the list, whole in its key order */
	testdb_exec(c, "INSERT INTO iedesk.shared_resource (id, consortium_id, provider_school_id, kind, description)"
		" VALUES (50, 2, 14, 'material', E'融合教育绘本\\n30册')");
	testdb_fetch(c, DB_LIST_SHARED_RESOURCES, DB_WINDOW_FIRST, NULL, "绘本", "2", ALL, &rows);
	ck_assert_uint_eq(rows.count, 1);
	const char *book[] = { "material", "融合教育绘本 30册", "北房镇中学", "" };
	testdb_check_cells(&rows.rows[0], book, 4);
	db_rows_done(&rows);
	testdb_check_order(c, DB_LIST_SHARED_RESOURCES, "", "2", order);

	/* a description longer than a btree entry holds (1000 characters, 3000 bytes) saves and lists */
	testdb_exec(c, "INSERT INTO iedesk.shared_resource (consortium_id, provider_school_id, kind, description)"
		" SELECT 2, 6, 'course', string_agg(chr(19968 + (g * 7919) % 20000), '') FROM generate_series(1, 1000) g");
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "", "2"), 6);
	walk_both_ways(c, DB_LIST_SHARED_RESOURCES, "", "2", 2, order);
	PQfinish(c);
}
END_TEST

START_TEST(test_trainings_newest_first)
{
	PGconn *c = testdb_demo();
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_TRAININGS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_uint_eq(rows.count, 4);
	ck_assert_int_eq(rows.ncolumns, 5);
	char *ids = testdb_ids(&rows);
	ck_assert_str_eq(ids, "4,3,2,1");
	free(ids);
	const char *iep[] = { "2026-06-05", "个别化教育计划（IEP）的制定与实施", "6", "怀柔区教师发展中心", "17" };
	testdb_check_cells(&rows.rows[0], iep, 5);
	ck_assert_str_eq(rows.rows[0].keys[0], "2026-06-05");
	const char *first[] = { "2025-04-18", "融合教育管理人员专题培训（第一期）", "16", "市特殊教育研究指导中心", "14" };
	testdb_check_cells(&rows.rows[3], first, 5);
	ck_assert_str_eq(testdb_find_row(&rows, "2")->cells[4], "22");
	ck_assert_str_eq(testdb_find_row(&rows, "3")->cells[4], "19");
	for (size_t i = 0; i < rows.count; i++)
		ck_assert_uint_eq(rows.rows[i].flags, 0);
	db_rows_done(&rows);

	/* half hours and no provider; the same day: the newer id first */
	testdb_exec(c, "INSERT INTO iedesk.training (id, title, held_on, hours) VALUES"
		" (50, '随班就读教学策略', '2026-06-05', 7.5)");
	testdb_fetch(c, DB_LIST_TRAININGS, DB_WINDOW_FIRST, NULL, "", NULL, 2, &rows);
	const char *half[] = { "2026-06-05", "随班就读教学策略", "7.5", "", "0" };
	testdb_check_cells(&rows.rows[0], half, 5);
	ck_assert_str_eq(testdb_row_id(&rows, 1), "4");
	db_rows_done(&rows);
	walk_both_ways(c, DB_LIST_TRAININGS, "", NULL, 2,
		"SELECT id FROM iedesk.training ORDER BY held_on DESC, id DESC");

	/* title or provider */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAININGS, "iep", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAININGS, "怀柔区", NULL), 3);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAININGS, "随班就读", NULL), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAININGS, "%", NULL), 0);
	PQfinish(c);
}
END_TEST

START_TEST(test_training_attendees)
{
	PGconn *c = testdb_demo();
	const char *order = "SELECT a.id FROM iedesk.training_attendance a JOIN iedesk.person p ON p.id = a.person_id"
		" WHERE a.training_id = 1 ORDER BY p.name, a.id";
	testdb_check_order(c, DB_LIST_TRAINING_ATTENDEES, "", "1", order);
	testdb_exec(c, "UPDATE iedesk.person SET phone = '138 0000 0060' WHERE id = 60;"
		/* 高雅琴 also manages the vacant 琉璃庙镇中心小学 */
		"INSERT INTO iedesk.manager_appointment (school_id, person_id, started_on) VALUES (27, 60, '2026-11-01')");
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_TRAINING_ATTENDEES, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_uint_eq(rows.count, 14);
	ck_assert_int_eq(rows.ncolumns, 4);
	/* the last key is the attendance's id, not the person's */
	const struct db_row *r = testdb_find_row(&rows, "1");
	const char *gao[] = { "高雅琴", "HR", "138 0000 0060", "怀柔区第一小学, 琉璃庙镇中心小学" };
	testdb_check_cells(r, gao, 4);
	ck_assert_str_eq(r->keys[0], "高雅琴");
	/* a former manager manages nothing now */
	const char *liao[] = { "廖艳", "HR", "", "" };
	testdb_check_cells(testdb_find_row(&rows, "13"), liao, 4);
	const char *xue[] = { "薛英", "MY", "", "密云区第一小学" };
	testdb_check_cells(testdb_find_row(&rows, "14"), xue, 4);
	db_rows_done(&rows);

	/* a person without a district */
	testdb_fetch(c, DB_LIST_TRAINING_ATTENDEES, DB_WINDOW_FIRST, NULL, "", "3", ALL, &rows);
	ck_assert_uint_eq(rows.count, 19);
	ck_assert_str_eq(testdb_find_row(&rows, "37")->cells[0], "赵丽娜");
	ck_assert_str_eq(testdb_find_row(&rows, "37")->cells[3], "");
	db_rows_done(&rows);

	/* the person's name */
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAINING_ATTENDEES, "高雅", "1"), 1);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAINING_ATTENDEES, "高雅", "2"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAINING_ATTENDEES, "第一小学", "1"), 0);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAINING_ATTENDEES, "", NULL), 0);
	walk_both_ways(c, DB_LIST_TRAINING_ATTENDEES, "", "2", 3,
		"SELECT a.id FROM iedesk.training_attendance a JOIN iedesk.person p ON p.id = a.person_id"
		" WHERE a.training_id = 2 ORDER BY p.name, a.id");
	PQfinish(c);
}
END_TEST

static size_t section_count(const struct db_detail *d, const char *section)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += !strcmp(d->lines[i].section, section);
	return n;
}

/* The sections in order of first appearance, "A|B|C"; each must come as one run. */
static char *sections_of(const struct db_detail *d)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < d->count; i++) {
		if (i && !strcmp(d->lines[i - 1].section, d->lines[i].section))
			continue;
		char *needle = xasprintf("|%s|", d->lines[i].section), *bars = xasprintf("|%s|", s);
		ck_assert_msg(!strstr(bars, needle), "section %s comes twice", d->lines[i].section);
		free(needle);
		free(bars);
		char *t = xasprintf("%s%s%s", s, *s ? "|" : "", d->lines[i].section);
		free(s);
		s = t;
	}
	return s;
}

/* The index of the first line of section with label and value starting with prefix. */
static size_t line_index(const struct db_detail *d, const char *section, const char *label, const char *prefix)
{
	for (size_t i = 0; i < d->count; i++)
		if (!strcmp(d->lines[i].section, section) && (!label || !strcmp(d->lines[i].label, label))
				&& (!prefix || !strncmp(d->lines[i].value, prefix, strlen(prefix))))
			return i;
	ck_abort_msg("no line %s / %s / %s", section, label ? label : "*", prefix ? prefix : "*");
	return 0;
}

START_TEST(test_consortium_detail)
{
	PGconn *c = testdb_demo();
	struct db_detail d;

	testdb_detail(c, DB_DETAIL_CONSORTIUM, "1", &d);
	ck_assert_str_eq(d.title, "怀柔区第一小学教育集团");
	char *s = sections_of(&d);
	ck_assert_str_eq(s, "Consortium|Members|Shared resources|Rural and weak members|History");
	free(s);
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Code", NULL), "HR-EA01");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Kind", NULL), "education association");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "District", NULL), "怀柔区 (HR)");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Lead school", NULL), "怀柔区第一小学");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Founded", NULL), "2019-09-01");
	ck_assert_ptr_null(testdb_line_value(&d, "Consortium", "Partner kind", NULL));
	ck_assert_ptr_null(testdb_line_value(&d, "Consortium", "Archived", NULL));
	/* members: the lead first; the weak ones marked */
	ck_assert_uint_eq(section_count(&d, "Members"), 5);
	ck_assert_str_eq(d.lines[line_index(&d, "Members", NULL, NULL)].label, "lead");
	ck_assert_str_eq(testdb_line_value(&d, "Members", "lead", NULL), "怀柔区第一小学 — urban, joined 2019-09-01");
	ck_assert_str_eq(testdb_line_value(&d, "Members", "member", "长哨营"),
		"长哨营满族乡中心小学 — village, joined 2020-09-01; rural, no resource classroom");
	ck_assert_str_eq(testdb_line_value(&d, "Members", "member", "北房镇"), "北房镇中心小学 — town, joined 2019-09-01; rural");
	/* shared resources grouped by provider, the provider named once */
	ck_assert_uint_eq(section_count(&d, "Shared resources"), 3);
	size_t first = line_index(&d, "Shared resources", NULL, NULL);
	ck_assert_str_eq(d.lines[first].label, "北房镇中心小学");
	ck_assert_str_eq(d.lines[first].value, "course: 沙盘游戏与心理辅导课程，面向北部成员校学生，每学期一期 (capacity 20)");
	ck_assert_str_eq(d.lines[first + 1].label, "怀柔区第一小学");
	ck_assert_str_eq(d.lines[first + 1].value,
		"equipment: 感觉统合训练室（悬吊、平衡、触觉器材），成员校预约使用，每次不超过12名学生 (capacity 12)");
	ck_assert_str_eq(d.lines[first + 2].label, "");
	ck_assert_str_eq(d.lines[first + 2].value,
		"teacher: 巡回指导教师（资源教师）2名，每周二、周四到成员校走教，每校半天 (capacity 2)");
	/* the rural and weak members, with what the others share that they can use */
	ck_assert_uint_eq(section_count(&d, "Rural and weak members"), 4);
	ck_assert_str_eq(testdb_line_value(&d, "Rural and weak members", "长哨营满族乡中心小学", NULL),
		"rural, no resource classroom — can use course (北房镇中心小学), equipment, teacher (怀柔区第一小学)");
	/* not its own course */
	ck_assert_str_eq(testdb_line_value(&d, "Rural and weak members", "北房镇中心小学", NULL),
		"rural — can use equipment, teacher (怀柔区第一小学)");
	ck_assert_ptr_null(testdb_line_value(&d, "Rural and weak members", "怀柔区第一小学", NULL));
	db_detail_done(&d);

	testdb_detail(c, DB_DETAIL_CONSORTIUM, "2", &d);
	ck_assert_uint_eq(section_count(&d, "Members"), 6);
	/* a former member: last, dated, unmarked */
	ck_assert_str_eq(d.lines[line_index(&d, "Shared resources", NULL, NULL) - 1].value,
		"庙城学校 — town, joined 2021-03-15, left 2025-07-01");
	ck_assert_uint_eq(section_count(&d, "Rural and weak members"), 4);
	ck_assert_str_eq(testdb_line_value(&d, "Rural and weak members", "北房镇中学", NULL),
		"rural, no resource classroom — can use course, material, teacher (怀柔区第二中学), equipment (杨宋镇中学)");
	ck_assert_str_eq(testdb_line_value(&d, "Rural and weak members", "杨宋镇中学", NULL),
		"rural — can use course, material, teacher (怀柔区第二中学)");
	ck_assert_ptr_null(testdb_line_value(&d, "Rural and weak members", "庙城学校", NULL));
	db_detail_done(&d);

	/* a partnership: its partner; a special school without a resource classroom is a resource center,
	 * not a weak member */
	testdb_detail(c, DB_DETAIL_CONSORTIUM, "3", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Kind", NULL), "partnership");
	ck_assert_str_eq(testdb_line_value(&d, "Consortium", "Partner kind", NULL), "university");
	ck_assert_str_eq(testdb_line_value(&d, "Members", "lead", NULL), "怀柔区特殊教育学校 — urban, joined 2023-05-20");
	ck_assert_uint_eq(section_count(&d, "Rural and weak members"), 1);
	ck_assert_str_eq(testdb_line_value(&d, "Rural and weak members", "", NULL), "none");
	db_detail_done(&d);

	/* a member that leaves is no longer one the consortium supports; archived says when */
	testdb_exec(c, "UPDATE iedesk.consortium_member SET left_on = '2026-11-01' WHERE id = 4;"
		"UPDATE iedesk.consortium SET archived_at = '2026-11-02 10:00+08' WHERE id = 1;"
		"DELETE FROM iedesk.shared_resource WHERE consortium_id = 1 AND provider_school_id = 1");
	testdb_detail(c, DB_DETAIL_CONSORTIUM, "1", &d);
	ck_assert_ptr_nonnull(testdb_line_value(&d, "Consortium", "Archived", "2026-11-0"));
	ck_assert_uint_eq(section_count(&d, "Rural and weak members"), 3);
	ck_assert_ptr_null(testdb_line_value(&d, "Rural and weak members", "长哨营满族乡中心小学", NULL));
	ck_assert_str_eq(testdb_line_value(&d, "Rural and weak members", "北房镇中心小学", NULL),
		"rural — the others share nothing yet");
	ck_assert_str_eq(testdb_line_value(&d, "Members", "member", "长哨营"),
		"长哨营满族乡中心小学 — village, joined 2020-09-01, left 2026-11-01");
	db_detail_done(&d);

	/* gone: an error, not an empty detail */
	struct db_request req;
	db_detail_request(DB_DETAIL_CONSORTIUM, "999", &req);
	PGresult *res = testdb_run(c, &req);
	struct db_error err = { 0 };
	ck_assert(!db_detail_parse(res, &d, &err));
	ck_assert_msg(strstr(err.message, "no longer exists"), "%s", err.message);
	PQclear(res);
	db_request_done(&req);
	PQfinish(c);
}
END_TEST

START_TEST(test_school_detail_manager_trainings)
{
	PGconn *c = testdb_demo();
	struct db_detail d;

	testdb_detail(c, DB_DETAIL_SCHOOL, "1", &d);
	char *s = sections_of(&d);
	ck_assert_msg(!strncmp(s, "School|Manager|Trainings of the manager|Manager history|", 56), "%s", s);
	free(s);
	/* newest first */
	ck_assert_uint_eq(section_count(&d, "Trainings of the manager"), 3);
	size_t first = line_index(&d, "Trainings of the manager", NULL, NULL);
	ck_assert_str_eq(d.lines[first].label, "2026-06-05");
	ck_assert_str_eq(d.lines[first].value, "个别化教育计划（IEP）的制定与实施, 6 hours");
	ck_assert_str_eq(d.lines[first + 1].label, "2026-03-20");
	ck_assert_str_eq(d.lines[first + 2].label, "2025-04-18");
	ck_assert_str_eq(d.lines[first + 2].value, "融合教育管理人员专题培训（第一期）, 16 hours");
	db_detail_done(&d);

	/* the former manager's trainings are not the current one's */
	testdb_detail(c, DB_DETAIL_SCHOOL, "7", &d);
	ck_assert_uint_eq(section_count(&d, "Trainings of the manager"), 1);
	ck_assert_str_eq(testdb_line_value(&d, "Trainings of the manager", "", NULL), "none recorded");
	db_detail_done(&d);

	/* vacant: no manager, no trainings */
	testdb_detail(c, DB_DETAIL_SCHOOL, "14", &d);
	ck_assert_uint_eq(section_count(&d, "Trainings of the manager"), 0);
	db_detail_done(&d);

	/* one still to come says so */
	testdb_exec(c, "INSERT INTO iedesk.training (id, title, held_on, hours) VALUES (50, '随班就读教学策略', '2026-12-10', 7.5);"
		"INSERT INTO iedesk.training_attendance (training_id, person_id) VALUES (50, 66)");
	testdb_detail(c, DB_DETAIL_SCHOOL, "7", &d);
	ck_assert_str_eq(testdb_line_value(&d, "Trainings of the manager", "2026-12-10", NULL),
		"随班就读教学策略, 7.5 hours, not held yet");
	ck_assert_ptr_null(testdb_line_value(&d, "Trainings of the manager", "", "none"));
	db_detail_done(&d);
	PQfinish(c);
}
END_TEST

/* Run req; its rows as "col0/col1,col0/col1". */
static char *run_rows(PGconn *c, struct db_request *req)
{
	PGresult *res = testdb_run(c, req);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s", PQresultErrorMessage(res));
	char *s = xstrdup("");
	for (int r = 0; r < PQntuples(res); r++) {
		char *t = xasprintf("%s%s", s, r ? "," : "");
		free(s);
		s = t;
		for (int f = 0; f < PQnfields(res); f++) {
			t = xasprintf("%s%s%s", s, f ? "/" : "", PQgetvalue(res, r, f));
			free(s);
			s = t;
		}
	}
	PQclear(res);
	db_request_done(req);
	return s;
}

START_TEST(test_member_end)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	db_member_end_request("4", &req);
	ck_assert_int_eq(req.nparams, 1);
	ck_assert_str_eq(req.params[0], "4");
	char *got = run_rows(c, &req);
	ck_assert_str_eq(got, "4/2");   /* its id and new version */
	free(got);
	char *left = testdb_value(c, "SELECT left_on FROM iedesk.consortium_member WHERE id = 4");
	ck_assert_str_eq(left, "2026-11-24");
	free(left);
	/* the second time: it had already left, nothing changes */
	db_member_end_request("4", &req);
	got = run_rows(c, &req);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_int_eq(testdb_count(c, "SELECT version FROM iedesk.consortium_member WHERE id = 4"), 2);
	/* one that left long ago keeps its date */
	db_member_end_request("11", &req);
	got = run_rows(c, &req);
	ck_assert_str_eq(got, "");
	free(got);
	left = testdb_value(c, "SELECT left_on FROM iedesk.consortium_member WHERE id = 11");
	ck_assert_str_eq(left, "2025-07-01");
	free(left);
	/* only that one */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.consortium_member WHERE left_on IS NOT NULL"), 2);

	/* the lists see it: 4 members, 3 of them rural; its row dim */
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_CONSORTIA, DB_WINDOW_FIRST, NULL, "EA01", "1", ALL, &rows);
	ck_assert_str_eq(rows.rows[0].cells[4], "4");
	ck_assert_str_eq(rows.rows[0].cells[5], "3");
	db_rows_done(&rows);
	testdb_fetch(c, DB_LIST_CONSORTIUM_MEMBERS, DB_WINDOW_FIRST, NULL, "", "1", ALL, &rows);
	ck_assert_str_eq(testdb_find_row(&rows, "4")->cells[5], "2026-11-24");
	ck_assert_uint_eq(testdb_find_row(&rows, "4")->flags, DB_ROW_DIM);
	db_rows_done(&rows);
	PQfinish(c);
}
END_TEST

START_TEST(test_deletes)
{
	PGconn *c = testdb_demo();
	struct db_request req;
	db_shared_resource_delete_request("3", &req);
	ck_assert_int_eq(req.nparams, 1);
	char *got = run_rows(c, &req);
	ck_assert_str_eq(got, "3");
	free(got);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.shared_resource WHERE id = 3"), 0);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.shared_resource"), 11);
	db_shared_resource_delete_request("3", &req);
	got = run_rows(c, &req);
	ck_assert_str_eq(got, "");
	free(got);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_SHARED_RESOURCES, "", "1"), 2);

	db_attendance_delete_request("1", &req);
	got = run_rows(c, &req);
	ck_assert_str_eq(got, "1");
	free(got);
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.training_attendance"), 71);
	db_attendance_delete_request("1", &req);
	got = run_rows(c, &req);
	ck_assert_str_eq(got, "");
	free(got);
	struct db_rows rows;
	testdb_fetch(c, DB_LIST_TRAININGS, DB_WINDOW_FIRST, NULL, "", NULL, ALL, &rows);
	ck_assert_str_eq(testdb_find_row(&rows, "1")->cells[4], "13");
	db_rows_done(&rows);
	ck_assert_int_eq(testdb_count_rows(c, DB_LIST_TRAINING_ATTENDEES, "高雅琴", "1"), 0);
	/* the person stays; only the attendance went */
	ck_assert_int_eq(testdb_count(c, "SELECT count(*) FROM iedesk.person WHERE id = 60"), 1);
	PQfinish(c);
}
END_TEST

Suite *consortia_suite(void)
{
	Suite *s = suite_create("consortia");
	TCase *tc = tcase_create("consortia");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_consortia_of_a_district);
	tcase_add_test(tc, test_consortia_filter);
	tcase_add_test(tc, test_consortium_members);
	tcase_add_test(tc, test_shared_resources);
	tcase_add_test(tc, test_trainings_newest_first);
	tcase_add_test(tc, test_training_attendees);
	tcase_add_test(tc, test_consortium_detail);
	tcase_add_test(tc, test_school_detail_manager_trainings);
	tcase_add_test(tc, test_member_end);
	tcase_add_test(tc, test_deletes);
	suite_add_tcase(s, tc);
	return s;
}
