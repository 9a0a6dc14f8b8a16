/*
 * json_doc.c - a JSON document as an adapter walks it: whole, or split.
 *
 * A configuration export runs to tens of megabytes. Parsed whole, it becomes
 * a tree of millions of small values that outgrows the processor's caches
 * several times over before the adapter reads the first of them, and most of
 * the load is then spent allocating, touching and freeing that tree.
 *
 * Split, the document is read in two passes that keep everything small:
 * a skeleton pass finds the top-level members and, for the lists the adapter
 * names, where each element starts and ends (it checks the punctuation of
 * that skeleton, nothing more); the adapter then walks each list a batch of
 * elements at a time: jansson parses the batch, the adapter decodes its
 * elements into records and hands them to the model, and the batch is freed
 * before the next one, so the same few tens of kilobytes serve the whole
 * document. With helper threads, the parsing and decoding of batches runs
 * ahead on them while the records are applied, in order, on the caller's
 * thread.
 *
 * The split is only a faster way to the same result. Every byte is still
 * parsed by jansson except the skeleton's punctuation, which is checked here;
 * a text the skeleton pass does not fully understand (a NUL byte, escapes or
 * non-ASCII in a top-level key, a duplicate top-level key, more than 64
 * members, extreme nesting) is left to the whole-document path, and so is any
 * failure but a lack of memory met while walking a split document: the
 * adapters then load the document again, whole, and report whatever is wrong
 * exactly as they always have.
 * SPDX-License-Identifier: MIT
 */
#include "json_input.h"

#include <pthread.h>
#include <string.h>

/* jansson refuses deeper nesting (JSON_PARSER_MAX_DEPTH); a split document
 * must not get around that by parsing its elements on their own */
#define MAX_DEPTH 2048

typedef struct scan {
	const char *s;
	size_t len;
	size_t i;
} scan;

static void skip_space(scan *sc)
{
	sc->i = sgg__json_skip_space(sc->s, sc->i, sc->len);
}

/* At a '"': move past the closing quote. False when the text ends first. */
static bool skip_string(scan *sc)
{
	size_t i = sc->i + 1;

	while (i < sc->len) {
		char c = sc->s[i];

		if (c == '"') {
			sc->i = i + 1;
			return true;
		}
		i += c == '\\' ? 2 : 1;
	}
	return false;
}

/*
 * Move past one value, starting at its first byte, without checking it
 * (jansson does, when the value is parsed): strings end at their closing
 * quote, objects and arrays at the bracket that brings the nesting back to
 * where it started, anything else at the next delimiter. @p depth is the
 * nesting the value sits at.
 */
static bool skip_value(scan *sc, int depth)
{
	char c;

	if (sc->i >= sc->len)
		return false;
	c = sc->s[sc->i];
	if (c == '"')
		return skip_string(sc);
	if (c == '{' || c == '[') {
		int level = 0;

		while (sc->i < sc->len) {
			c = sc->s[sc->i];
			if (c == '"') {
				if (!skip_string(sc))
					return false;
				continue;
			}
			sc->i++;
			if (c == '{' || c == '[') {
				if (depth + ++level > MAX_DEPTH)
					return false;
			} else if ((c == '}' || c == ']') && --level == 0) {
				return true;
			}
		}
		return false;
	}
	while (sc->i < sc->len) {
		c = sc->s[sc->i];
		if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' ||
		    c == '\t' || c == '"' || c == '{' || c == '[' || c == ':')
			break;
		sc->i++;
	}
	return true;
}

/* At a top-level key: accept plain printable ASCII keys only. */
static bool read_key(scan *sc, size_t *off, size_t *len)
{
	size_t i;

	if (sc->i >= sc->len || sc->s[sc->i] != '"')
		return false;
	for (i = sc->i + 1; i < sc->len; i++) {
		unsigned char c = (unsigned char)sc->s[i];

		if (c == '"')
			break;
		if (c == '\\' || c < 0x20 || c >= 0x7F)
			return false;
	}
	if (i >= sc->len)
		return false;
	*off = sc->i + 1;
	*len = i - sc->i - 1;
	sc->i = i + 1;
	return true;
}

static bool expect(scan *sc, char c)
{
	skip_space(sc);
	if (sc->i >= sc->len || sc->s[sc->i] != c)
		return false;
	sc->i++;
	skip_space(sc);
	return true;
}

static int list_index(const char *const *keys, const char *s, size_t len)
{
	for (int k = 0; keys[k]; k++) {
		if (strlen(keys[k]) == len && memcmp(keys[k], s, len) == 0)
			return k;
	}
	return -1;
}

/*
 * Parse one value of the text: 0, SGG_ENOMEM, or another negative code when
 * jansson refuses it (the whole reading then says why and where).
 */
static int parse_span(json_t **out, const char *s, size_t len)
{
	json_error_t jerr;

	return sgg__json_loadb(out, s, len, JSON_DECODE_ANY, &jerr);
}

/* Record the elements of the array at sc->i (its '['). */
static int split_list(sgg__json_list *list, scan *sc)
{
	sc->i++;
	skip_space(sc);
	if (sc->i < sc->len && sc->s[sc->i] == ']') {
		sc->i++;
		return 0;
	}
	for (;;) {
		size_t start = sc->i;

		if (!skip_value(sc, 2) || sc->i == start)
			return 1;
		if (list->n == list->cap && sgg__grow((void **)&list->items, &list->cap,
		                                      list->n + 1, sizeof(*list->items)) < 0)
			return SGG_ENOMEM;
		list->items[list->n].off = start;
		list->items[list->n].len = sc->i - start;
		list->n++;
		skip_space(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ']') {
			sc->i++;
			return 0;
		}
		if (!expect(sc, ','))
			return 1;
	}
}

/* Where a top-level member's key and value are in the text. */
typedef struct member {
	size_t key, key_len, value, value_len;
	bool list; /* its value was split */
} member;

static bool same_key(const scan *sc, const member *a, const member *b)
{
	return a->key_len == b->key_len && memcmp(sc->s + a->key, sc->s + b->key, a->key_len) == 0;
}

/*
 * Parse the members that were not split into doc->root: only once the
 * whole skeleton is known good and @p required is among the keys, so that
 * a document of another shape costs no parsing here at all.
 */
static int parse_members(sgg__json_doc *doc, const scan *sc, const member *m, size_t n,
                         const char *required)
{
	bool found = false;
	int rc;

	for (size_t j = 0; j < n; j++)
		found = found || (m[j].key_len == strlen(required) &&
		                  memcmp(sc->s + m[j].key, required, m[j].key_len) == 0);
	if (!found)
		return 1;
	for (size_t j = 0; j < n; j++) {
		json_t *v = NULL;
		char key[64];

		if (m[j].list)
			continue;
		if (m[j].key_len >= sizeof(key))
			return 1;
		if ((rc = parse_span(&v, sc->s + m[j].value, m[j].value_len)) < 0)
			return rc == SGG_ENOMEM ? rc : 1;
		memcpy(key, sc->s + m[j].key, m[j].key_len);
		key[m[j].key_len] = '\0';
		if (json_object_set_new(doc->root, key, v) < 0)
			return SGG_ENOMEM;
	}
	return 0;
}

/* Walk the top-level object; 0, 1 (not splittable) or SGG_ENOMEM. */
static int split(sgg__json_doc *doc, scan *sc, const char *const *keys, const char *required)
{
	member m[64];
	size_t n = 0;
	int rc;

	skip_space(sc);
	if (sc->i >= sc->len || sc->s[sc->i] != '{')
		return 1;
	sc->i++;
	skip_space(sc);
	if (sc->i < sc->len && sc->s[sc->i] == '}') {
		sc->i++;
	} else {
		for (;;) {
			int k;

			if (n == SGG_ARRAY_SIZE(m) || !read_key(sc, &m[n].key, &m[n].key_len))
				return 1;
			for (size_t j = 0; j < n; j++) {
				if (same_key(sc, &m[j], &m[n]))
					return 1; /* a duplicate: the whole reading says so */
			}
			if (!expect(sc, ':'))
				return 1;
			k = list_index(keys, sc->s + m[n].key, m[n].key_len);
			m[n].list = k >= 0 && sc->i < sc->len && sc->s[sc->i] == '[';
			m[n].value = sc->i;
			if (m[n].list) {
				doc->lists[k].present = true;
				if ((rc = split_list(&doc->lists[k], sc)) != 0)
					return rc;
			} else if (!skip_value(sc, 1) || sc->i == m[n].value) {
				return 1;
			}
			m[n].value_len = sc->i - m[n].value;
			n++;
			skip_space(sc);
			if (sc->i < sc->len && sc->s[sc->i] == '}') {
				sc->i++;
				break;
			}
			if (!expect(sc, ','))
				return 1;
		}
	}
	skip_space(sc);
	if (sc->i != sc->len)
		return 1;
	return parse_members(doc, sc, m, n, required);
}

int sgg__json_doc_split(sgg__json_doc *doc, const char *data, size_t len,
                        const char *const *list_keys, const char *required)
{
	scan sc = {.s = data, .len = len, .i = 0};
	size_t n_keys = 0;
	int rc;

	memset(doc, 0, sizeof(*doc));
	while (list_keys[n_keys])
		n_keys++;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		sc.i = 3;
	if (memchr(data, '\0', len))
		return 1;
	doc->text = data;
	doc->lists = sgg__calloc(n_keys ? n_keys : 1, sizeof(*doc->lists));
	doc->root = json_object();
	if (!doc->lists || !doc->root) {
		sgg__json_doc_clear(doc);
		return SGG_ENOMEM;
	}
	doc->n_lists = n_keys;
	for (size_t k = 0; k < n_keys; k++)
		doc->lists[k].key = list_keys[k];
	rc = split(doc, &sc, list_keys, required);
	if (rc != 0)
		sgg__json_doc_clear(doc);
	return rc;
}

void sgg__json_doc_wrap(sgg__json_doc *doc, json_t *root)
{
	memset(doc, 0, sizeof(*doc));
	doc->root = json_incref(root);
}

void sgg__json_doc_clear(sgg__json_doc *doc)
{
	for (size_t k = 0; k < doc->n_lists; k++)
		sgg__free_ptr(doc->lists[k].items);
	sgg__free_ptr(doc->lists);
	json_decref(doc->root);
	memset(doc, 0, sizeof(*doc));
}

/* Elements per batch; a batch's tree stays well inside the processor's caches. */
#define BATCH 64

/*
 * Parse elements [first, last) of a split list as one jansson array, which
 * pays for a parser once per batch rather than once per element.
 *
 * The batch opens with a sentinel, a string as long as the longest element
 * of the batch. jansson keeps each token's text in a buffer that grows as a
 * token needs it, and when growing it fails, its lexer drops a byte without a
 * word (and may then trip an assertion). Read first, the sentinel grows that
 * buffer to its final size before any real token is read; if the sentinel
 * comes back shorter than it went in, a byte was dropped and the batch is
 * refused as out of memory. @p text and @p cap are a reusable buffer.
 * 0, SGG_ESYNTAX (the walk is then redone whole, which says where) or SGG_ENOMEM.
 */
static int parse_batch(json_t **out, const sgg__json_doc *doc, const sgg__json_list *l,
                       size_t first, size_t last, char **text, size_t *cap)
{
	size_t begin = l->items[first].off;
	size_t end = l->items[last - 1].off + l->items[last - 1].len;
	size_t longest = 0, n;
	json_t *batch = NULL, *sentinel;
	char *t;
	int rc;

	*out = NULL;
	for (size_t i = first; i < last; i++)
		longest = l->items[i].len > longest ? l->items[i].len : longest;
	if (sgg__grow((void **)text, cap, longest + (end - begin) + 6, 1) < 0)
		return SGG_ENOMEM;
	/* ["___...___",<the elements as written>] */
	t = *text;
	t[0] = '[';
	t[1] = '"';
	memset(t + 2, '_', longest);
	n = longest + 2;
	t[n++] = '"';
	t[n++] = ',';
	memcpy(t + n, doc->text + begin, end - begin);
	n += end - begin;
	t[n++] = ']';
	if ((rc = parse_span(&batch, t, n)) < 0)
		return rc == SGG_ENOMEM ? rc : SGG_ESYNTAX;
	sentinel = json_array_get(batch, 0);
	if (json_array_size(batch) != last - first + 1 || !json_is_string(sentinel) ||
	    json_string_length(sentinel) != longest) {
		json_decref(batch);
		return SGG_ENOMEM;
	}
	*out = batch;
	return 0;
}

static size_t batch_count(const sgg__json_list *l)
{
	return (l->n + BATCH - 1) / BATCH;
}

static size_t batch_end(const sgg__json_list *l, size_t first)
{
	return first + BATCH < l->n ? first + BATCH : l->n;
}

static int batch_error(int rc, const sgg__json_list *l, size_t b, sgg_error *err)
{
	if (rc == SGG_ENOMEM)
		return sgg__error_oom(err);
	return sgg__error_set(err, rc, NULL, NULL, "%s[%zu..%zu] is not valid JSON", l->key,
	                      b * BATCH, batch_end(l, b * BATCH) - 1);
}

/* One element, decoded and applied at once: the walk of one thread. */
static int decode_apply(const sgg__json_walker *w, void *ctx, json_t *item, size_t index,
                        void *rec, sgg__json_ids *ids, sgg_error *err)
{
	int rc;

	ids->n = 0;
	if ((rc = w->decode(item, index, rec, ids, err)) < 0)
		return rc;
	return w->apply(ctx, rec, ids->v, err);
}

static int walk_list(const sgg__json_doc *doc, const sgg__json_list *l,
                     const sgg__json_walker *w, void *ctx, void *rec, sgg__json_ids *ids,
                     sgg_error *err)
{
	char *text = NULL;
	size_t cap = 0;
	int rc = 0;

	for (size_t b = 0; b < batch_count(l) && rc == 0; b++) {
		size_t first = b * BATCH, last = batch_end(l, first);
		json_t *batch;

		if ((rc = parse_batch(&batch, doc, l, first, last, &text, &cap)) < 0) {
			rc = batch_error(rc, l, b, err);
			break;
		}
		for (size_t i = first; i < last && rc == 0; i++)
			rc = decode_apply(w, ctx, json_array_get(batch, i - first + 1), i, rec, ids,
			                  err);
		json_decref(batch);
	}
	sgg__free_ptr(text);
	return rc;
}

/*
 * The same walk on several threads. Helper threads parse batches and decode
 * their elements into records (plain structures, their strings still in the
 * batch's tree), helper h taking batches h, h + helpers, h + 2 * helpers...,
 * four batches each ahead of the walk at most; the calling thread applies the
 * records in order, exactly as above. A tree is made and read on one helper
 * alone, so only the small records cross between the processors' caches.
 */
typedef struct slot {
	json_t *batch;
	unsigned char *recs; /* BATCH records of w->rec_size bytes */
	sgg__json_ids ids;   /* the ids the records point into */
	size_t ready;        /* 1 + the batch decoded into the slot, 0 before any */
	int rc;              /* 0, or why the batch stopped the walk */
	sgg_error err;
} slot;

typedef struct ahead {
	const sgg__json_doc *doc;
	const sgg__json_list *list;
	const sgg__json_walker *w;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	slot *slots;      /* n_slots, a multiple of helpers: slot k serves one helper */
	size_t n_slots;
	size_t helpers;
	size_t applied;   /* batches the walk is done with */
	bool stop;        /* the walk ended early */
	bool report;      /* the walk reports errors: decode with an error to fill */
} ahead;

typedef struct helper {
	ahead *a;
	size_t index;
	pthread_t thread;
} helper;

/* Parse and decode batch @p b into @p s. */
static int fill_slot(ahead *a, slot *s, size_t b, char **text, size_t *cap)
{
	size_t first = b * BATCH, last = batch_end(a->list, first);
	int rc;

	json_decref(s->batch); /* that batch has been applied: freed where it was made */
	s->batch = NULL;
	s->ids.n = 0;
	if ((rc = parse_batch(&s->batch, a->doc, a->list, first, last, text, cap)) < 0)
		return batch_error(rc, a->list, b, &s->err);
	for (size_t i = first; i < last; i++) {
		if ((rc = a->w->decode(json_array_get(s->batch, i - first + 1), i,
		                       s->recs + (i - first) * a->w->rec_size, &s->ids,
		                       a->report ? &s->err : NULL)) < 0)
			return rc;
	}
	return 0;
}

static void *decode_ahead(void *arg)
{
	helper *h = arg;
	ahead *a = h->a;
	size_t nb = batch_count(a->list);
	char *text = NULL;
	size_t cap = 0;

	for (size_t b = h->index; b < nb; b += a->helpers) {
		slot *s = &a->slots[b % a->n_slots];
		bool stop;
		int rc;

		pthread_mutex_lock(&a->lock);
		while (b - a->applied >= a->n_slots && !a->stop)
			pthread_cond_wait(&a->changed, &a->lock);
		stop = a->stop;
		pthread_mutex_unlock(&a->lock);
		if (stop)
			break;
		rc = fill_slot(a, s, b, &text, &cap);
		pthread_mutex_lock(&a->lock);
		s->rc = rc;
		s->ready = b + 1;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->lock);
		if (rc < 0)
			break;
	}
	sgg__free_ptr(text);
	return NULL;
}

static int apply_ahead(ahead *a, void *ctx, sgg_error *err)
{
	const sgg__json_walker *w = a->w;
	int rc = 0;

	for (size_t b = 0; b < batch_count(a->list) && rc == 0; b++) {
		slot *s = &a->slots[b % a->n_slots];
		size_t n = batch_end(a->list, b * BATCH) - b * BATCH;

		pthread_mutex_lock(&a->lock);
		while (s->ready != b + 1)
			pthread_cond_wait(&a->changed, &a->lock);
		pthread_mutex_unlock(&a->lock);
		if ((rc = s->rc) < 0 && err)
			*err = s->err;
		for (size_t i = 0; i < n && rc == 0; i++)
			rc = w->apply(ctx, s->recs + i * w->rec_size, s->ids.v, err);
		pthread_mutex_lock(&a->lock);
		if (rc < 0)
			a->stop = true;
		else
			a->applied = b + 1;
		pthread_cond_broadcast(&a->changed);
		pthread_mutex_unlock(&a->lock);
	}
	return rc;
}

/* 1 when the helpers could not be set up: walk on one thread then. */
static int walk_list_ahead(const sgg__json_doc *doc, const sgg__json_list *l,
                           const sgg__json_walker *w, void *ctx, sgg_error *err)
{
	ahead a = { .doc = doc, .list = l, .w = w, .helpers = sgg__helper_count(), .report = err != NULL };
	helper h[SGG__HELPERS_MAX];
	size_t k, started = 0;
	int rc = 1;

	if (a.helpers == 0)
		return 1;
	a.n_slots = 4 * a.helpers;
	if (!(a.slots = sgg__calloc(a.n_slots, sizeof(*a.slots))))
		return 1;
	for (k = 0; k < a.n_slots; k++) {
		if (!(a.slots[k].recs = sgg__calloc(BATCH, w->rec_size)))
			goto out;
	}
	if (pthread_mutex_init(&a.lock, NULL) != 0)
		goto out;
	if (pthread_cond_init(&a.changed, NULL) != 0) {
		pthread_mutex_destroy(&a.lock);
		goto out;
	}
	for (; started < a.helpers; started++) {
		h[started] = (helper){ .a = &a, .index = started };
		if (pthread_create(&h[started].thread, NULL, decode_ahead, &h[started]) != 0)
			break;
	}
	if (started == a.helpers) {
		rc = apply_ahead(&a, ctx, err);
	} else {
		/* not all could start: stop those that did, and walk on one thread */
		pthread_mutex_lock(&a.lock);
		a.stop = true;
		pthread_cond_broadcast(&a.changed);
		pthread_mutex_unlock(&a.lock);
	}
	for (k = 0; k < started; k++)
		pthread_join(h[k].thread, NULL);
	pthread_cond_destroy(&a.changed);
	pthread_mutex_destroy(&a.lock);
out:
	for (k = 0; k < a.n_slots; k++) {
		json_decref(a.slots[k].batch);
		sgg__free_ptr(a.slots[k].recs);
		sgg__free_ptr(a.slots[k].ids.v);
	}
	sgg__free_ptr(a.slots);
	return rc;
}

int sgg__json_doc_each(const sgg__json_doc *doc, const char *key, bool required,
                       const sgg__json_walker *w, void *ctx, sgg_error *err)
{
	sgg__json_ids ids = { 0 };
	json_t *list = NULL, *item;
	void *rec;
	size_t i;
	int rc = 0;

	for (size_t k = 0; k < doc->n_lists; k++) {
		const sgg__json_list *l = &doc->lists[k];

		if (!l->present || strcmp(l->key, key) != 0)
			continue;
		/* helper threads are worth starting for many batches only */
		if (doc->parallel && batch_count(l) > 32 &&
		    (rc = walk_list_ahead(doc, l, w, ctx, err)) <= 0)
			return rc;
		list = NULL;
		if (!(rec = sgg__calloc(1, w->rec_size)))
			return sgg__error_oom(err);
		rc = walk_list(doc, l, w, ctx, rec, &ids, err);
		goto out;
	}
	if ((rc = sgg__json_get_array(doc->root, "", key, required, &list, err)) < 0 || !list)
		return rc;
	if (!(rec = sgg__calloc(1, w->rec_size)))
		return sgg__error_oom(err);
	json_array_foreach(list, i, item)
	{
		if ((rc = decode_apply(w, ctx, item, i, rec, &ids, err)) < 0)
			break;
	}
out:
	sgg__free_ptr(rec);
	sgg__free_ptr(ids.v);
	return rc < 0 ? rc : 0;
}

int sgg__json_doc_load_split(const char *data, size_t len, const char *const *list_keys,
                             bool parallel, sgg__json_doc_fn load, void *ctx, const char *source,
                             sgg_error *err)
{
	sgg__json_doc doc;
	/* a document without a format field is left to format detection */
	int rc = sgg__json_doc_split(&doc, data, len, list_keys, "format");

	if (rc == 0) {
		doc.parallel = parallel;
		rc = load(ctx, &doc);
		sgg__json_doc_clear(&doc);
	}
	if (rc == SGG_ENOMEM) {
		/* reading the document whole would need far more memory still */
		sgg__error_oom(err);
		sgg__error_set_source(err, source);
		return rc;
	}
	return rc == 0 ? 0 : 1;
}
