/* config-private: what config.c and keys.c share and nothing outside config/ should see. */
#ifndef IEDESK_CONFIG_PRIVATE_H
#define IEDESK_CONFIG_PRIVATE_H

#include "config.h"

/* Parse "fg bg [attrs…]" for the colour element named element; on failure write a sentence saying
 * what was wrong and what was expected into message (when message is not NULL). */
bool config_color_parse_explain(const char *spec, struct config_color *color, const char *element,
                                char *message, size_t size);

/* "a single character, F1..F12, Ctrl-A..Ctrl-Z or one of: Enter, Esc, …", for error messages. */
void config_key_describe_names(char *buf, size_t size);

/* Append s to the NUL-terminated text in buf, cutting it (never inside a UTF-8 sequence) when
 * buf is full. */
void config_text_append(char *buf, size_t size, const char *s);

/* A value quoted in a message: at most CONFIG_QUOTE_LIMIT bytes of it (whole characters), control
 * characters shown as '?', "..." when cut. */
#define CONFIG_QUOTE_LIMIT 60
#define CONFIG_QUOTE_SIZE (CONFIG_QUOTE_LIMIT + 4)
void config_text_quote(char *buf, size_t size, const char *value);

#endif
