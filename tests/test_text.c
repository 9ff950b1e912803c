/* test_text: display widths and editing of UTF-8 text, and drawing it cut to a width — so Chinese
 * names line up with English ones. */
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

Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("width");
	tcase_add_checked_fixture(tc, utf8_locale, NULL);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, editing);
	tcase_add_test(tc, drawing_cuts_by_width);
	suite_add_tcase(s, tc);
	return s;
}
