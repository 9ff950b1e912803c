/* text: UTF-8 measured and cut by display width (wcwidth), so 怀柔区 takes six cells and columns of
 * Chinese and English names line up. */
#include "tui/view.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Decode one character; an invalid or truncated sequence yields one byte shown as '?'. */
static size_t decode(const char *s, wchar_t *wc, int *width)
{
	mbstate_t state;
	memset(&state, 0, sizeof(state));
	size_t n = mbrtowc(wc, s, MB_CUR_MAX, &state);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*wc = L'?';
		*width = 1;
		return 1;
	}
	int w = wcwidth(*wc);
	if (w < 0) {           /* a control character: shown as '?' so nothing moves the cursor */
		*wc = L'?';
		w = 1;
	}
	*width = w;
	return n;
}

int text_width(const char *s)
{
	int total = 0;
	while (*s) {
		wchar_t wc;
		int w;
		s += decode(s, &wc, &w);
		total += w;
	}
	return total;
}

size_t text_fit(const char *s, int width)
{
	const char *start = s;
	int cells = 0;
	while (*s) {
		wchar_t wc;
		int w;
		size_t len = decode(s, &wc, &w);
		if (cells + w > width)
			break;
		cells += w;
		s += len;
	}
	return (size_t)(s - start);
}

void text_draw(WINDOW *win, int y, int x, const char *s, int width, bool right)
{
	if (width <= 0)
		return;
	wchar_t line[512];
	int cells = 0, n = 0;
	while (*s && n < (int)(sizeof(line) / sizeof(line[0])) - 1) {
		wchar_t wc;
		int w;
		size_t len = decode(s, &wc, &w);
		if (cells + w > width)
			break;
		if (w > 0 || n > 0)
			line[n++] = wc;
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
