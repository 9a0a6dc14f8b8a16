/*
 * render.h - the renderers of check reports, one file each.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_RENDER_H
#define SGG_RENDER_H

#include "report.h"

int sgg__render_text(char **out, size_t *len, const sgg_report *r, unsigned flags,
                     sgg_error *err);
int sgg__render_json(char **out, size_t *len, const sgg_report *r, sgg_error *err);
int sgg__render_junit(char **out, size_t *len, const sgg_report *r, sgg_error *err);
int sgg__render_error_json(char **out, size_t *len, const sgg_error *error, sgg_time at,
                           sgg_error *err);
int sgg__render_error_junit(char **out, size_t *len, const sgg_error *error, sgg_time at,
                            sgg_error *err);

#endif /* SGG_RENDER_H */
