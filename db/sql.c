/* sql: the buffer db/ composes its static SQL texts in, once, from constant fragments. */
#include "db/private.h"

#include <stdarg.h>
#include <stdio.h>

void sql_add(struct sql_buffer *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->size) {
		b->size = (b->len + (size_t)n + 1) * 2;
		b->text = xrealloc(b->text, b->size);
	}
	va_start(ap, fmt);
	vsnprintf(b->text + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
