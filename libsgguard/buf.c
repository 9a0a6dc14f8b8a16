/*
 * buf.c - a growable text buffer; renderers build their whole output in
 * one before anything is written, so output is never half-written.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

void sgg__buf_init(sgg__buf *b)
{
	memset(b, 0, sizeof(*b));
}

void sgg__buf_free(sgg__buf *b)
{
	sgg__free_ptr(b->data);
	sgg__buf_init(b);
}

static bool reserve(sgg__buf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (extra > SIZE_MAX - b->len - 1 ||
	    sgg__grow((void **)&b->data, &b->cap, b->len + extra + 1, 1) < 0) {
		b->failed = true;
		return false;
	}
	return true;
}

void sgg__buf_put(sgg__buf *b, const char *s, size_t len)
{
	if (!reserve(b, len))
		return;
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void sgg__buf_puts(sgg__buf *b, const char *s)
{
	sgg__buf_put(b, s, strlen(s));
}

void sgg__buf_printf(sgg__buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sgg__buf_put_xml(sgg__buf *b, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *rep = NULL;
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			/* XML 1.0 forbids most control characters, even escaped */
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = "?";
			break;
		}
		if (rep) {
			sgg__buf_put(b, run, (size_t)(s - run));
			sgg__buf_puts(b, rep);
			run = s + 1;
		}
	}
	sgg__buf_put(b, run, (size_t)(s - run));
}

int sgg__buf_finish(sgg__buf *b, char **out, size_t *len, sgg_error *err)
{
	if (b->failed || !reserve(b, 0)) {
		sgg__buf_free(b);
		*out = NULL;
		if (len)
			*len = 0;
		return sgg__error_oom(err);
	}
	*out = b->data;
	if (len)
		*len = b->len;
	sgg__buf_init(b);
	return 0;
}
