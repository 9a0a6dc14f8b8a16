/*
 * json_output.c - serialising a built JSON document into a library buffer.
 * SPDX-License-Identifier: MIT
 */
#include "json_output.h"

#include <string.h>

int sgg__json_dump(json_t *root, char **out, size_t *len, sgg_error *err)
{
	json_free_t jfree = NULL;
	char *text;
	size_t n;

	*out = NULL;
	if (len)
		*len = 0;
	if (!root)
		return sgg__error_oom(err);
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		return sgg__error_oom(err);
	json_get_alloc_funcs(NULL, &jfree);
	n = strlen(text);
	*out = sgg__malloc(n + 2);
	if (*out) {
		memcpy(*out, text, n);
		(*out)[n] = '\n';
		(*out)[n + 1] = '\0';
		if (len)
			*len = n + 1;
	}
	jfree(text);
	return *out ? 0 : sgg__error_oom(err);
}
