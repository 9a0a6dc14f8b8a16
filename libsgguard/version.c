/*
 * version.c - the version of the library linked at run time.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

const char *sgg_version(void)
{
	return SGG_VERSION_STRING;
}
