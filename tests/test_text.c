/* test_text: display widths and editing of UTF-8 text, and drawing it cut to a width — so Chinese
 * names line up with English ones; db/text.c's widths whatever the locale, its cut with "…", and control
 * characters shown, never obeyed. */
#include "tests/tests.h"
#include "tui/view.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static void utf8_locale(void)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
}

START_TEST(widths)
{
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("怀柔区"), 6);
	ck_assert_int_eq(text_width("怀柔区 Huairou"), 14);
	ck_assert_int_eq(text_width("é"), 1);
	/* invalid bytes count one cell each, never zero, so nothing shifts columns */
	ck_assert_int_eq(text_width("a\xff" "b"), 3);
	ck_assert_int_eq(text_width("a\tb"), 3);
}
END_TEST

START_TEST(editing)
{
	char s[16] = "";
	ck_assert(text_append(s, sizeof(s), L'怀'));
	ck_assert(text_append(s, sizeof(s), L'a'));
	ck_assert_str_eq(s, "怀a");
	text_delete_last(s);
	ck_assert_str_eq(s, "怀");
	text_delete_last(s);
	ck_assert_str_eq(s, "");
	text_delete_last(s);
	ck_assert_str_eq(s, "");
	char small[4] = "ab";
	ck_assert(!text_append(small, sizeof(small), L'怀'));
	ck_assert_str_eq(small, "ab");
}
END_TEST

/* Draw into an off-screen pad and read the cells back. */
static char *draw_and_read(const char *text, int width, bool right)
{
	WINDOW *pad = newpad(1, 40);
	ck_assert_ptr_nonnull(pad);
	text_draw(pad, 0, 0, text, width, right);
	wchar_t cells[64];
	memset(cells, 0, sizeof(cells));
	mvwinnwstr(pad, 0, 0, cells, 40);
	char *out = xcalloc(1, 256);
	wcstombs(out, cells, 255);
	delwin(pad);
	/* keep what was drawn: the first width cells */
	return out;
}

START_TEST(drawing_cuts_by_width)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *screen = newterm("dumb", out, in);
	ck_assert_ptr_nonnull(screen);
	char *s = draw_and_read("怀柔区第一小学", 7, false);
	/* 3 wide characters fill 6 cells; the 4th would straddle the edge, so a space pads to 7 */
	ck_assert_msg(strncmp(s, "怀柔区 ", strlen("怀柔区 ")) == 0, "got '%s'", s);
	free(s);
	s = draw_and_read("ab", 5, true);
	ck_assert_msg(strncmp(s, "   ab", 5) == 0, "got '%s'", s);
	free(s);
	s = draw_and_read("Huairou", 4, false);
	ck_assert_msg(strncmp(s, "Huai ", 5) == 0, "got '%s'", s);
	free(s);
	endwin();
	delscreen(screen);
	fclose(out);
	fclose(in);
}
END_TEST

/* ---- db/text.c: the rule the screen, the report and the minutes share ---- */

/* The database sends UTF-8: widths must not change when $LANG is C (a cron job, a bare ssh). */
START_TEST(widths_without_a_utf8_locale)
{
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C"));
	ck_assert_int_eq(text_width("怀柔区"), 6);
	ck_assert_int_eq(text_width("怀柔区 Huairou"), 14);
	ck_assert_int_eq(text_width("e\xcc\x81"), 1);          /* e and a combining acute */
	ck_assert_int_eq(text_width("\xef\xbc\x8c"), 2);      /* a full-width comma */
	ck_assert_uint_eq(text_fit("怀柔区第一小学", 7), strlen("怀柔区"));
	char *cut = text_cut("怀柔区第一小学", 7);
	ck_assert_str_eq(cut, "怀柔区…");
	free(cut);
	setlocale(LC_ALL, "C.UTF-8");
}
END_TEST

START_TEST(decoding)
{
	uint32_t c;
	ck_assert_uint_eq(text_decode("怀", &c), 3);
	ck_assert_uint_eq(c, 0x6000);
	ck_assert_uint_eq(text_decode("\xf0\x9f\x98\x80", &c), 4);
	ck_assert_uint_eq(c, 0x1F600);
	/* each byte of what is not UTF-8 is one character of its own: a stray continuation, a truncated
	 * sequence, an overlong '/', a surrogate */
	static const char *const bad[] = { "\x80", "\xe6\x80", "\xc0\xaf", "\xed\xa0\x80", "\xff" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_uint_eq(text_decode(bad[i], &c), 1);
		ck_assert_uint_eq(c, TEXT_INVALID);
	}
	char *s = text_clean("a\xff" "b\xc0\xaf" "c\xe6\x80", TEXT_KEEP_NONE);
	ck_assert_str_eq(s, "a?b??c??");
	free(s);
	ck_assert_int_eq(text_width("\xe6\x80"), 2);
}
END_TEST

/* What a terminal would obey shows as '?' — one cell, so columns stay — and a newline as ↵, unless the
 * caller keeps it. */
START_TEST(controls_shown)
{
	static const char *const controls[] = {
		"\x1b", "\r", "\a", "\b", "\x7f", "\xc2\x80", "\xc2\x85", "\xc2\x9b", "\xc2\x9f",
		"\xe2\x80\xaa", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa9", "\xe2\x80\xa8",
	};
	for (size_t i = 0; i < sizeof(controls) / sizeof(controls[0]); i++) {
		char *in = xasprintf("a%sb", controls[i]);
		char *s = text_clean(in, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
		ck_assert_msg(!strcmp(s, "a?b"), "control %zu shown as [%s]", i, s);
		ck_assert_int_eq(text_width(in), 3);
		free(s);
		free(in);
	}
	char *s = text_clean("\x1b]52;c;ZXZpbA==\a\x1b[2J", TEXT_KEEP_NONE);
	ck_assert_str_eq(s, "?]52;c;ZXZpbA==??[2J");
	free(s);
	s = text_clean("one\ntwo\r\nthree\tfour", TEXT_KEEP_NONE);
	ck_assert_str_eq(s, "one↵two↵three?four");
	free(s);
	s = text_clean("one\ntwo\r\nthree\tfour", TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	ck_assert_str_eq(s, "one\ntwo\nthree\tfour");
	free(s);
	/* what is not a control stays as it is */
	s = text_clean("怀柔区 é ¿ €", TEXT_KEEP_NONE);
	ck_assert_str_eq(s, "怀柔区 é ¿ €");
	free(s);
	s = text_clean(NULL, TEXT_KEEP_NONE);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(stored_words)
{
	/* the first, the last and codes between: the table is searched by halves, so one out of order is lost */
	static const char *const codes[][2] = {
		{ "admin", "administrator" }, { "village", "village" }, { "in-progress", "in progress" },
		{ "itinerant-guidance", "itinerant guidance" }, { "ngo", "non-profit" }, { "full", "full time" },
		{ "caseworker", "case worker" }, { "today", "today" },
	};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		ck_assert_str_eq(text_word(codes[i][0]), codes[i][1]);
	ck_assert_str_eq(text_word("怀柔区"), "怀柔区");   /* not a code: as it is */
	ck_assert_str_eq(text_word(""), "");
	ck_assert_str_eq(text_word(NULL), "");
	ck_assert_str_eq(C_("column", "Open"), "Open");
	ck_assert_str_eq(text_in_context(NC_("status", "open")), "open");
	/* and in Chinese, from the build's translations */
	text_language("zh_CN", getenv("IEDESK_LOCALEDIR"));
	ck_assert_str_eq(text_word("in-progress"), "进行中");
	ck_assert_str_eq(text_word("itinerant-guidance"), "巡回指导");
	text_language("en", getenv("IEDESK_LOCALEDIR"));
	ck_assert_str_eq(text_word("in-progress"), "in progress");
	unsetenv("LANGUAGE");
}
END_TEST

START_TEST(cutting)
{
	static const struct {
		const char *in;
		int width;
		const char *out;
	} cases[] = {
		{ "Huairou", 7, "Huairou" },
		{ "Huairou!", 7, "Huairo…" },
		{ "怀柔区", 6, "怀柔区" },
		{ "怀柔区", 5, "怀柔…" },
		{ "怀柔区", 4, "怀…" },
		{ "怀柔区第一小学", 8, "怀柔区…" },   /* a wide character never straddles the edge */
		{ "ab", 1, "…" },
		{ "", 3, "" },
		{ "a\x1b[31mb", 40, "a?[31mb" },
		{ "line one\nline two", 12, "line one↵li…" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = text_cut(cases[i].in, cases[i].width);
		ck_assert_msg(!strcmp(s, cases[i].out), "case %zu: [%s]", i, s);
		ck_assert_int_le(text_width(s), cases[i].width);
		free(s);
	}
	/* 10,000 characters cut to 40 cells, by characters, never by bytes */
	char *long_name = xmalloc(3 * 10000 + 1);
	for (int i = 0; i < 10000; i++)
		memcpy(long_name + 3 * i, "怀", 3);
	long_name[3 * 10000] = '\0';
	char *s = text_cut(long_name, 40);
	ck_assert_int_eq(text_width(s), 39);     /* 19 wide ones and the ellipsis */
	ck_assert_uint_eq(strlen(s), 19 * 3 + 3);
	free(s);
	free(long_name);
}
END_TEST

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("width");
	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, editing);
	tcase_add_test(tc, drawing_cuts_by_width);
	tcase_add_test(tc, widths_without_a_utf8_locale);
	tcase_add_test(tc, decoding);
	tcase_add_test(tc, controls_shown);
	tcase_add_test(tc, cutting);
	tcase_add_test(tc, stored_words);
	suite_add_tcase(s, tc);
	return s;
}
