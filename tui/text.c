/* text: drawing and editing UTF-8 on the screen; decoding and display width are db/text.c's, the rule the
 * report and the minutes share, so 怀柔区 takes six cells and columns of Chinese and English names line up. */
#include "tui/view.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void text_draw(WINDOW *win, int y, int x, const char *s, int width, bool right)
{
	if (width <= 0)
		return;
	wchar_t line[512];
	int cells = 0, n = 0;
	while (*s && n < (int)(sizeof(line) / sizeof(line[0])) - 1) {
		uint32_t c;
		int w;
		size_t len = text_next(s, TEXT_KEEP_NONE, &c, &w);
		if (cells + w > width)
			break;
		if (w > 0 || n > 0)
			line[n++] = (wchar_t)c;
		cells += w;
		s += len;
	}
	line[n] = L'\0';
	int pad = width - cells;
	wmove(win, y, x);
	if (right)
		for (int i = 0; i < pad; i++)
			waddch(win, ' ');
	waddnwstr(win, line, n);
	if (!right)
		for (int i = 0; i < pad; i++)
			waddch(win, ' ');
}

void text_draw_cut(WINDOW *win, int y, int x, const char *s, int width, bool right)
{
	if (width <= 0)
		return;
	if (text_width(s) <= width) {
		text_draw(win, y, x, s, width, right);
		return;
	}
	char *cut = text_cut(s, width);
	text_draw(win, y, x, cut, width, right);
	free(cut);
}

const char *view_text(const char *s)
{
	return s && *s ? text_in_context(s) : s ? s : "";
}

void text_delete_last(char *s)
{
	size_t len = strlen(s);
	if (!len)
		return;
	len--;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	s[len] = '\0';
}

bool text_append(char *s, size_t size, wint_t ch)
{
	char buf[MB_LEN_MAX];
	mbstate_t state;
	memset(&state, 0, sizeof(state));
	size_t n = wcrtomb(buf, (wchar_t)ch, &state);
	size_t len = strlen(s);
	if (n == (size_t)-1 || len + n + 1 > size)
		return false;
	memcpy(s + len, buf, n);
	s[len + n] = '\0';
	return true;
}

/* ---- a one-line editor ---- */

int text_prev_char(const char *s, int at)
{
	if (at <= 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80)
		at--;
	return at;
}

int text_next_char(const char *s, int at)
{
	int len = (int)strlen(s);
	if (at >= len)
		return len;
	at++;
	while (at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
		at++;
	return at;
}

void text_edit_insert(char **text, int *cursor, wint_t ch)
{
	char piece[8] = "";
	if (!text_append(piece, sizeof(piece), ch))
		return;
	const char *old = *text ? *text : "";
	size_t len = strlen(old), add = strlen(piece);
	int at = *cursor < 0 ? 0 : (size_t)*cursor > len ? (int)len : *cursor;
	char *next = xmalloc(len + add + 1);
	memcpy(next, old, (size_t)at);
	memcpy(next + at, piece, add);
	memcpy(next + at + add, old + at, len - (size_t)at + 1);
	free(*text);
	*text = next;
	*cursor = at + (int)add;
}

static enum text_edit delete_range(char *s, int *cursor, int from, int to)
{
	if (!s || from >= to)
		return TEXT_EDIT_MOVED;
	memmove(s + from, s + to, strlen(s + to) + 1);
	*cursor = from;
	return TEXT_EDIT_CHANGED;
}

enum text_edit text_edit_key(char **text, int *cursor, int key)
{
	const char *value = *text ? *text : "";
	int at = *cursor, end = (int)strlen(value);
	switch (key) {
	case CONFIG_KEY_LEFT: *cursor = text_prev_char(value, at); return TEXT_EDIT_MOVED;
	case CONFIG_KEY_RIGHT: *cursor = text_next_char(value, at); return TEXT_EDIT_MOVED;
	case CONFIG_KEY_HOME:
	case 1:                           /* Ctrl-A */
		*cursor = 0;
		return TEXT_EDIT_MOVED;
	case CONFIG_KEY_END:
	case 5:                           /* Ctrl-E */
		*cursor = end;
		return TEXT_EDIT_MOVED;
	case CONFIG_KEY_BACKSPACE: return delete_range(*text, cursor, text_prev_char(value, at), at);
	case CONFIG_KEY_DELETE:
	case 4:                           /* Ctrl-D */
		return delete_range(*text, cursor, at, text_next_char(value, at));
	case 11: return delete_range(*text, cursor, at, end);    /* Ctrl-K: to the end of the line */
	case 21: return delete_range(*text, cursor, 0, end);     /* Ctrl-U: all of it */
	default:
		break;
	}
	if (key >= ' ' && key < CONFIG_KEY_SPECIAL && key != 127) {
		text_edit_insert(text, cursor, (wint_t)key);
		return TEXT_EDIT_CHANGED;
	}
	return TEXT_EDIT_IGNORED;
}

int text_edit_draw(WINDOW *win, int y, int x, int width, const char *text, int cursor)
{
	const char *value = text ? text : "";
	char *before = xstrndup(value, (size_t)cursor);
	int start = 0;
	while (start < cursor && text_width(before + start) > width - 1)
		start = text_next_char(before, start);
	text_draw(win, y, x, value + start, width, false);
	int at = x + text_width(before + start);
	free(before);
	return at;
}
