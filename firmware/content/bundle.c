#include "content/load.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content/date.h"
#include "content/check_fit.h"
#include "content/check_refs.h"
#include "content/check_text.h"
#include "content/check_verbatim.h"
#include "content/loader.h"
#include "content/schema.h"
#include "content/verbatim.h"
#include "content/yamltree.h"
#include "core/fileio.h"
#include "core/utf8.h"
#include "text/charclass.h"
#include "text/style.h"

/* ---------------------------------------------------------------------------
 * Names and tables
 * ------------------------------------------------------------------------- */

/* The five files of a bundle, in the order they are read. */
static const char *const file_names[LOADER_FILE_COUNT] = {"manifest.yaml", "articles.yaml", "excerpts.yaml",
                                                "timeline.yaml", "strings.yaml"};

/* Known keys of every mapping, for the unknown-key warning. */
static const char *const keys_manifest[] = {"id", "version", "title", "default_language",
                                            "idle_timeout", "idle_countdown", "attract", "theme",
                                            "accessibility", "operator", NULL};
static const char *const keys_attract[] = {"dwell_min", "dwell_per_char", "dwell_max", "order",
                                           NULL};
static const char *const keys_attract_item[] = {"excerpt", "event", NULL};
static const char *const keys_theme[] = {"background", "surface", "text", "muted", "accent",
                                         "categories", NULL};
static const char *const keys_access[] = {"large_text", "reduced_motion", "high_contrast", NULL};
static const char *const keys_operator[] = {"pin", NULL};
static const char *const keys_lang[] = {"zh", "en", NULL};
static const char *const keys_articles_root[] = {"articles", NULL};
static const char *const keys_article[] = {"id", "file", "title", "authors", "venue", "date", NULL};
static const char *const keys_excerpts_root[] = {"excerpts", NULL};
static const char *const keys_excerpt[] = {"id", "article", "section", "notes", "heading", "text",
                                           NULL};
static const char *const keys_timeline_root[] = {"eras", "events", NULL};
static const char *const keys_era[] = {"id", "from", "to", "title", NULL};
static const char *const keys_event[] = {"id", "date", "title", "summary", "category", "track",
                                         "highlight", "sources", NULL};
static const char *const keys_source[] = {"article", "quote", NULL};
static const char *const keys_strings_root[] = {"strings", NULL};

/* Theme defaults: the README's example theme. */
static const bundle_theme theme_default = {
    .background = {0x0f, 0x12, 0x16},
    .surface = {0x1a, 0x1f, 0x26},
    .text = {0xec, 0xe8, 0xe1},
    .muted = {0x9a, 0xa3, 0xad},
    .accent = {0xd9, 0xa4, 0x41},
    .categories = {{0x4f, 0xa3, 0xd9}, {0xd9, 0x61, 0x4f}, {0x8c, 0xc0, 0x68}, {0xb4, 0x8a, 0xd9}},
};
#define BUNDLE_DEFAULT_IDLE_TIMEOUT 60
#define BUNDLE_DEFAULT_IDLE_COUNTDOWN 10
#define BUNDLE_DEFAULT_DWELL_MIN 8.0
#define BUNDLE_DEFAULT_DWELL_PER_CHAR 0.06
#define BUNDLE_DEFAULT_DWELL_MAX 25.0


/* ---------------------------------------------------------------------------
 * Reporting (content/loader.h)
 * ------------------------------------------------------------------------- */

static void report(loader *L, diag_severity sev, loader_pos at, const char *fmt, va_list ap)
{
    char msg[DIAG_MAX_MESSAGE];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add_at(L->d, sev, L->file, at.line, at.col, "%s", msg);
}

void loader_error(loader *L, loader_pos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, DIAG_ERROR, at, fmt, ap);
    va_end(ap);
}

void loader_warn(loader *L, loader_pos at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, DIAG_WARNING, at, fmt, ap);
    va_end(ap);
}

char *loader_strdup(loader *L, const char *s)
{
    char *c = strdup(s);
    if (!c)
        loader_error(L, LOADER_WHOLE_FILE, "out of memory");
    return c;
}

const char *loader_char_desc(uint32_t cp, char *buf, size_t len)
{
    char u[5] = {0};
    if (cp >= 0x20 && cp != 0x7F && utf8_encode(cp, u) > 0)
        snprintf(buf, len, "'%s' (U+%04X)", u, (unsigned)cp);
    else
        snprintf(buf, len, "U+%04X", (unsigned)cp);
    return buf;
}

/* ---------------------------------------------------------------------------
 * articles.yaml
 * ------------------------------------------------------------------------- */

static void load_articles(loader *L, const ynode *root)
{
    bundle *b = L->b;
    schema_keys(L, root, keys_articles_root, "articles.yaml");
    const ynode *list = schema_root_list(L, root, "articles", true, BUNDLE_MAX_ARTICLES, "articles.yaml");
    if (!list) {
        L->have[LOADER_ARTICLES] = false;
        return;
    }
    if (list->count == 0) {
        loader_error(L, loader_at(list), "the list of articles is empty");
        return;
    }
    b->articles = calloc(list->count, sizeof *b->articles);
    if (!b->articles || !check_verbatim_begin(L, list->count)) {
        loader_error(L, loader_at(list), "out of memory");
        return;
    }
    b->article_count = list->count;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_article *a = &b->articles[i];
        char name[112];
        schema_item_name(name, sizeof name, "article", item, i);
        if (item->kind != YNODE_MAP) {
            loader_error(L, loader_at(item), "%s: expected a mapping, got %s", name, schema_kind_desc(item));
            continue;
        }
        schema_keys(L, item, keys_article, name);
        a->id = check_refs_new_id(L, item, name);
        loader_pos file_at = loader_at(item);
        schema_text_rule plain = {BUNDLE_MAX_FIELD_CHARS, false, false};
        a->file = schema_text(L, item, "file", true, name, plain, &file_at);
        if (a->file && (strchr(a->file, '/') || a->file[0] == '.')) {
            loader_error(L, file_at, "%s: 'file' must be a file name in the sources directory, got '%s'",
                 name, a->file);
            free(a->file);
            a->file = NULL;
        }
        for (size_t j = 0; a->file && j < i; j++)
            if (b->articles[j].file && strcmp(b->articles[j].file, a->file) == 0)
                loader_error(L, file_at, "%s: file '%s' is already used by article '%s'", name,
                     a->file, b->articles[j].id ? b->articles[j].id : "?");
        loader_pos tl[BUNDLE_LANG_COUNT];
        if (schema_text2(L, item, "title", true, name, BUNDLE_MAX_TITLE_ZH, BUNDLE_MAX_TITLE_EN,
                      &a->title, tl))
            check_fit_article_title(L, tl, &a->title, name);
        schema_text2(L, item, "authors", false, name, BUNDLE_MAX_FIELD_CHARS, BUNDLE_MAX_FIELD_CHARS,
                  &a->authors, NULL);
        schema_text2(L, item, "venue", false, name, BUNDLE_MAX_FIELD_CHARS, BUNDLE_MAX_FIELD_CHARS,
                  &a->venue, NULL);
        schema_text_rule shown = {BUNDLE_MAX_FIELD_CHARS, false, true};
        a->date = schema_text(L, item, "date", false, name, shown, NULL);
        check_verbatim_source(L, i, file_at);
    }
}

/* ---------------------------------------------------------------------------
 * excerpts.yaml
 * ------------------------------------------------------------------------- */

/* Splits cleaned text (paragraphs separated by "\n\n") into owned strings. */
static bool split_paragraphs(const char *s, bundle_excerpt *e)
{
    size_t n = 1;
    for (const char *p = s; (p = strstr(p, "\n\n")); p += 2)
        n++;
    e->paragraphs = calloc(n, sizeof *e->paragraphs);
    if (!e->paragraphs)
        return false;
    const char *p = s;
    for (size_t i = 0; i < n; i++) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        e->paragraphs[i] = strndup(p, len);
        if (!e->paragraphs[i])
            return false;
        e->paragraph_count = i + 1;
        e->chars += utf8_chars(e->paragraphs[i]);
        p = end ? end + 2 : p + len;
    }
    return true;
}

static void load_notes(loader *L, const ynode *item, bundle_excerpt *e, const char *name)
{
    const ynode *v = schema_field(L, item, "notes", false, name);
    if (!v || !schema_want(L, v, YNODE_SEQ, "notes", name, " of note numbers"))
        return;
    if (v->count > BUNDLE_MAX_NOTES) {
        loader_error(L, loader_at(v), "%s: %zu notes, more than the limit of %d", name, v->count,
             BUNDLE_MAX_NOTES);
        return;
    }
    if (v->count == 0)
        return;
    e->notes = calloc(v->count, sizeof *e->notes);
    if (!e->notes)
        return;
    for (size_t i = 0; i < v->count; i++) {
        const ynode *n = v->vals[i];
        long x;
        if (n->kind != YNODE_SCALAR || !schema_parse_int(n->str, &x) || x < 1 || x > 999) {
            loader_error(L, loader_at(n), "%s: 'notes': expected note numbers 1..999, got %s%s%s", name,
                 n->kind == YNODE_SCALAR ? "'" : "", n->kind == YNODE_SCALAR ? n->str : schema_kind_desc(n),
                 n->kind == YNODE_SCALAR ? "'" : "");
            continue;
        }
        e->notes[e->note_count++] = (int)x;
    }
}

static void load_excerpts(loader *L, const ynode *root)
{
    bundle *b = L->b;
    schema_keys(L, root, keys_excerpts_root, "excerpts.yaml");
    const ynode *list = schema_root_list(L, root, "excerpts", true, BUNDLE_MAX_EXCERPTS, "excerpts.yaml");
    if (!list) {
        L->have[LOADER_EXCERPTS] = false;
        return;
    }
    if (list->count == 0) {
        loader_error(L, loader_at(list), "the list of excerpts is empty");
        return;
    }
    b->excerpts = calloc(list->count, sizeof *b->excerpts);
    if (!b->excerpts) {
        loader_error(L, loader_at(list), "out of memory");
        return;
    }
    b->excerpt_count = list->count;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_excerpt *e = &b->excerpts[i];
        char name[112];
        schema_item_name(name, sizeof name, "excerpt", item, i);
        e->article = (size_t)-1;
        if (item->kind != YNODE_MAP) {
            loader_error(L, loader_at(item), "%s: expected a mapping, got %s", name, schema_kind_desc(item));
            continue;
        }
        schema_keys(L, item, keys_excerpt, name);
        e->id = check_refs_new_id(L, item, name);
        long a = check_refs_article(L, item, name);
        e->article = a >= 0 ? (size_t)a : (size_t)-1;
        loader_pos at = loader_at(item);
        schema_text_rule section = {BUNDLE_MAX_FIELD_CHARS, true, true};
        e->section = schema_text(L, item, "section", false, name, section, &at);
        if (e->section && a >= 0)
            check_verbatim_text(L, (size_t)a, e->section, at, name, "section", true);
        load_notes(L, item, e, name);
        loader_pos hl[BUNDLE_LANG_COUNT];
        if (schema_text2(L, item, "heading", true, name, BUNDLE_MAX_HEADING_ZH, BUNDLE_MAX_HEADING_EN,
                      &e->heading, hl))
            check_fit_excerpt_heading(L, hl, &e->heading, name);
        at = loader_at(item);
        schema_text_rule body = {0, true, true};
        char *text = schema_text(L, item, "text", true, name, body, &at);
        if (!text)
            continue;
        if (!split_paragraphs(text, e))
            loader_error(L, at, "out of memory");
        if (e->chars > BUNDLE_MAX_EXCERPT_CHARS)
            loader_error(L, at, "%s: 'text' is %zu characters long, more than the limit of %d", name,
                 e->chars, BUNDLE_MAX_EXCERPT_CHARS);
        if (a >= 0)
            check_verbatim_text(L, (size_t)a, text, at, name, "text", false);
        check_fit_excerpt_text(L, at, e, name);
        free(text);
    }
}

/* ---------------------------------------------------------------------------
 * timeline.yaml
 * ------------------------------------------------------------------------- */

static void load_eras(loader *L, const ynode *root)
{
    bundle *b = L->b;
    const ynode *list = schema_root_list(L, root, "eras", false, BUNDLE_MAX_ERAS, "timeline.yaml");
    if (!list || list->count == 0)
        return;
    b->eras = calloc(list->count, sizeof *b->eras);
    if (!b->eras) {
        loader_error(L, loader_at(list), "out of memory");
        return;
    }
    b->era_count = list->count;
    long prev = -1; /* the last valid era */
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_era *e = &b->eras[i];
        char name[112];
        schema_item_name(name, sizeof name, "era", item, i);
        if (item->kind != YNODE_MAP) {
            loader_error(L, loader_at(item), "%s: expected a mapping, got %s", name, schema_kind_desc(item));
            continue;
        }
        schema_keys(L, item, keys_era, name);
        e->id = check_refs_new_id(L, item, name);
        loader_pos from_at = loader_at(item), to_at = loader_at(item);
        bool ok = schema_date(L, item, "from", name, &e->from, &from_at);
        ok = schema_date(L, item, "to", name, &e->to, &to_at) && ok;
        schema_text2(L, item, "title", true, name, BUNDLE_MAX_TITLE_ZH, BUNDLE_MAX_TITLE_EN,
                  &e->title, NULL);
        if (!ok)
            continue;
        char f[16], t[16];
        date_format(&e->from, f, sizeof f);
        date_format(&e->to, t, sizeof t);
        bundle_date from_first = date_first_day(&e->from), to_last = date_last_day(&e->to);
        if (date_cmp(&from_first, &to_last) > 0) {
            loader_error(L, to_at, "%s: ends (%s) before it begins (%s)", name, t, f);
            continue;
        }
        if (prev >= 0) {
            const bundle_era *p = &b->eras[prev];
            char pf[16], pt[16];
            date_format(&p->from, pf, sizeof pf);
            date_format(&p->to, pt, sizeof pt);
            bundle_date prev_first = date_first_day(&p->from), prev_last = date_last_day(&p->to);
            if (date_cmp(&from_first, &prev_first) < 0)
                loader_error(L, from_at,
                     "%s (from %s) begins before the era above it, '%s' (from %s): eras are "
                     "listed in order",
                     name, f, p->id ? p->id : "?", pf);
            else if (date_cmp(&from_first, &prev_last) <= 0)
                loader_error(L, from_at,
                     "%s (from %s) overlaps era '%s' (%s..%s): eras do not overlap (a year "
                     "belongs to one era)",
                     name, f, p->id ? p->id : "?", pf, pt);
        }
        prev = (long)i;
    }
}

static void load_event_sources(loader *L, const ynode *item, bundle_event *ev, const char *name)
{
    const ynode *v = schema_field(L, item, "sources", true, name);
    if (!v || !schema_want(L, v, YNODE_SEQ, "sources", name, " of {article, quote}"))
        return;
    if (v->count == 0) {
        loader_error(L, loader_at(v), "%s: 'sources' is empty: an event needs at least one source", name);
        return;
    }
    if (v->count > BUNDLE_MAX_SOURCES_PER_EVENT) {
        loader_error(L, loader_at(v), "%s: %zu sources, more than the limit of %d", name, v->count,
             BUNDLE_MAX_SOURCES_PER_EVENT);
        return;
    }
    ev->sources = calloc(v->count, sizeof *ev->sources);
    if (!ev->sources)
        return;
    ev->source_count = v->count;
    for (size_t i = 0; i < v->count; i++) {
        const ynode *s = v->vals[i];
        bundle_source *src = &ev->sources[i];
        char sname[160];
        snprintf(sname, sizeof sname, "%s: source #%zu", name, i + 1);
        src->article = (size_t)-1;
        if (s->kind != YNODE_MAP) {
            loader_error(L, loader_at(s), "%s: expected a mapping with article and quote, got %s", sname,
                 schema_kind_desc(s));
            continue;
        }
        schema_keys(L, s, keys_source, sname);
        long a = check_refs_article(L, s, sname);
        src->article = a >= 0 ? (size_t)a : (size_t)-1;
        loader_pos at = loader_at(s);
        schema_text_rule quote = {BUNDLE_MAX_QUOTE_CHARS, true, true};
        src->quote = schema_text(L, s, "quote", true, sname, quote, &at);
        if (src->quote && a >= 0)
            check_verbatim_text(L, (size_t)a, src->quote, at, sname, "quote", false);
    }
}

static void load_events(loader *L, const ynode *root)
{
    bundle *b = L->b;
    const ynode *list = schema_root_list(L, root, "events", true, BUNDLE_MAX_EVENTS, "timeline.yaml");
    if (!list) {
        L->have[LOADER_TIMELINE] = false;
        return;
    }
    if (list->count == 0) {
        loader_error(L, loader_at(list), "the list of events is empty");
        return;
    }
    b->events = calloc(list->count, sizeof *b->events);
    if (!b->events) {
        loader_error(L, loader_at(list), "out of memory");
        return;
    }
    b->event_count = list->count;
    long prev = -1;         /* last event with a valid date */
    int prev_line = 0;
    bool order_reported = false;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_event *ev = &b->events[i];
        char name[112];
        schema_item_name(name, sizeof name, "event", item, i);
        if (item->kind != YNODE_MAP) {
            loader_error(L, loader_at(item), "%s: expected a mapping, got %s", name, schema_kind_desc(item));
            continue;
        }
        schema_keys(L, item, keys_event, name);
        ev->id = check_refs_new_id(L, item, name);
        loader_pos date_at = loader_at(item);
        if (schema_date(L, item, "date", name, &ev->date, &date_at)) {
            if (prev >= 0 && !order_reported && date_cmp(&ev->date, &b->events[prev].date) < 0) {
                char d[16], pd[16];
                date_format(&ev->date, d, sizeof d);
                date_format(&b->events[prev].date, pd, sizeof pd);
                loader_error(L, date_at,
                     "%s (%s) is dated before the event above it, '%s' (%s, line %d): events "
                     "are listed in date order",
                     name, d, b->events[prev].id ? b->events[prev].id : "?", pd, prev_line);
                order_reported = true; /* the first is enough: the rest usually follows */
            }
            prev = (long)i;
            prev_line = date_at.line;
        }
        loader_pos tl[BUNDLE_LANG_COUNT], sl[BUNDLE_LANG_COUNT];
        if (schema_text2(L, item, "title", true, name, BUNDLE_MAX_TITLE_ZH, BUNDLE_MAX_TITLE_EN,
                      &ev->title, tl))
            check_fit_event_title(L, tl, &ev->title, name);
        if (schema_text2(L, item, "summary", true, name, BUNDLE_MAX_SUMMARY_ZH,
                      BUNDLE_MAX_SUMMARY_EN, &ev->summary, sl))
            check_fit_event_summary(L, sl, &ev->summary, name);
        int c = schema_enum(L, item, "category", name, bundle_category_names, BUNDLE_CAT_COUNT);
        ev->category = c >= 0 ? (bundle_category)c : BUNDLE_CAT_DIALOGUE;
        int t = schema_enum(L, item, "track", name, bundle_track_names, BUNDLE_TRACK_COUNT);
        ev->track = t >= 0 ? (bundle_track)t : BUNDLE_TRACK_GOVERNMENT;
        schema_bool(L, item, "highlight", name, &ev->highlight);
        load_event_sources(L, item, ev, name);
    }
}

static void load_timeline(loader *L, const ynode *root)
{
    schema_keys(L, root, keys_timeline_root, "timeline.yaml");
    load_eras(L, root);
    load_events(L, root);
}

/* ---------------------------------------------------------------------------
 * manifest.yaml
 * ------------------------------------------------------------------------- */

static void load_attract_order(loader *L, const ynode *attract)
{
    bundle_manifest *m = &L->b->manifest;
    const char *what = "attract";
    const ynode *v = schema_field(L, attract, "order", false, what);
    if (!v || (v->kind == YNODE_SCALAR && schema_is_nothing(v)) || (v->kind == YNODE_SEQ && v->count == 0)) {
        loader_warn(L, loader_at(v ? v : attract),
              "attract: 'order' is empty: the idle screen shows no excerpts or events");
        return;
    }
    if (!schema_want(L, v, YNODE_SEQ, "order", what, " of {excerpt: ID} or {event: ID}"))
        return;
    if (v->count > BUNDLE_MAX_ATTRACT) {
        loader_error(L, loader_at(v), "attract: %zu items in 'order', more than the limit of %d", v->count,
             BUNDLE_MAX_ATTRACT);
        return;
    }
    m->attract = calloc(v->count, sizeof *m->attract);
    if (!m->attract)
        return;
    for (size_t i = 0; i < v->count; i++) {
        const ynode *it = v->vals[i];
        char name[64];
        snprintf(name, sizeof name, "attract: item #%zu", i + 1);
        if (it->kind != YNODE_MAP) {
            loader_error(L, loader_at(it), "%s: expected {excerpt: ID} or {event: ID}, got %s", name,
                 schema_kind_desc(it));
            continue;
        }
        schema_keys(L, it, keys_attract_item, name);
        const ynode *ex = ymap_get(it, "excerpt"), *evn = ymap_get(it, "event");
        if ((ex ? 1 : 0) + (evn ? 1 : 0) != 1) {
            loader_error(L, loader_at(it), "%s: write exactly one of 'excerpt: ID' or 'event: ID'", name);
            continue;
        }
        const ynode *ref = ex ? ex : evn;
        if (!schema_want(L, ref, YNODE_SCALAR, ex ? "excerpt" : "event", name, " (an id)"))
            continue;
        long idx = ex ? check_refs_excerpt(L, ref, name) : check_refs_event(L, ref, name);
        if (idx < 0)
            continue;
        m->attract[m->attract_count++] =
            (bundle_attract_item){ex ? BUNDLE_ATTRACT_EXCERPT : BUNDLE_ATTRACT_EVENT, (size_t)idx};
    }
}

static void load_manifest(loader *L, const ynode *root)
{
    bundle_manifest *m = &L->b->manifest;
    const char *what = "manifest";
    schema_keys(L, root, keys_manifest, what);
    const ynode *v = schema_field(L, root, "id", true, what);
    if (v && schema_want(L, v, YNODE_SCALAR, "id", what, NULL) && check_refs_id_form(L, v, what))
        m->id = loader_strdup(L, v->str);
    schema_text_rule version = {BUNDLE_MAX_ID_LEN, false, true};
    m->version = schema_text(L, root, "version", true, what, version, NULL);
    schema_text2(L, root, "title", true, what, BUNDLE_MAX_TITLE_ZH, BUNDLE_MAX_TITLE_EN, &m->title,
              NULL);
    int lang = schema_enum(L, root, "default_language", what, bundle_lang_names, BUNDLE_LANG_COUNT);
    m->default_language = lang >= 0 ? (bundle_lang)lang : BUNDLE_ZH;
    schema_int(L, root, "idle_timeout", what, BUNDLE_IDLE_TIMEOUT_MIN, BUNDLE_IDLE_TIMEOUT_MAX,
            &m->idle_timeout);
    schema_int(L, root, "idle_countdown", what, BUNDLE_IDLE_COUNTDOWN_MIN,
            BUNDLE_IDLE_COUNTDOWN_MAX, &m->idle_countdown);

    const ynode *attract = schema_field(L, root, "attract", false, what);
    if (attract && schema_want(L, attract, YNODE_MAP, "attract", what, NULL)) {
        schema_keys(L, attract, keys_attract, "attract");
        schema_number(L, attract, "dwell_min", "attract", BUNDLE_DWELL_MIN_MIN, BUNDLE_DWELL_MIN_MAX,
                   &m->dwell_min);
        schema_number(L, attract, "dwell_per_char", "attract", 0, BUNDLE_DWELL_PER_CHAR_MAX,
                   &m->dwell_per_char);
        schema_number(L, attract, "dwell_max", "attract", m->dwell_min, BUNDLE_DWELL_MAX_MAX,
                   &m->dwell_max);
        load_attract_order(L, attract);
    } else if (!attract) {
        loader_warn(L, loader_at(root), "manifest: no 'attract' section: the idle screen shows no excerpts "
                             "or events");
    }

    const ynode *theme = schema_field(L, root, "theme", false, what);
    if (theme && schema_want(L, theme, YNODE_MAP, "theme", what, NULL)) {
        schema_keys(L, theme, keys_theme, "theme");
        schema_colour(L, theme, "background", "theme", &m->theme.background);
        schema_colour(L, theme, "surface", "theme", &m->theme.surface);
        schema_colour(L, theme, "text", "theme", &m->theme.text);
        schema_colour(L, theme, "muted", "theme", &m->theme.muted);
        schema_colour(L, theme, "accent", "theme", &m->theme.accent);
        const ynode *cats = schema_field(L, theme, "categories", false, "theme");
        if (cats && schema_want(L, cats, YNODE_MAP, "categories", "theme", NULL)) {
            const char *known[BUNDLE_CAT_COUNT + 1] = {0};
            for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
                known[c] = bundle_category_names[c];
            schema_keys(L, cats, known, "theme: categories");
            for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
                schema_colour(L, cats, bundle_category_names[c], "theme: categories",
                           &m->theme.categories[c]);
        }
    }

    const ynode *acc = schema_field(L, root, "accessibility", false, what);
    if (acc && schema_want(L, acc, YNODE_MAP, "accessibility", what, NULL)) {
        schema_keys(L, acc, keys_access, "accessibility");
        schema_bool(L, acc, "large_text", "accessibility", &m->large_text);
        schema_bool(L, acc, "reduced_motion", "accessibility", &m->reduced_motion);
        schema_bool(L, acc, "high_contrast", "accessibility", &m->high_contrast);
    }

    const ynode *op = schema_field(L, root, "operator", true, what);
    if (op && schema_want(L, op, YNODE_MAP, "operator", what, " with the pin")) {
        schema_keys(L, op, keys_operator, "operator");
        const ynode *pin = schema_field(L, op, "pin", true, "operator");
        if (pin && schema_want(L, pin, YNODE_SCALAR, "pin", "operator", " of digits")) {
            bool ok = pin->len >= BUNDLE_PIN_MIN && pin->len <= BUNDLE_PIN_MAX;
            for (size_t i = 0; ok && i < pin->len; i++)
                ok = pin->str[i] >= '0' && pin->str[i] <= '9';
            if (ok)
                memcpy(m->pin, pin->str, pin->len + 1);
            else
                loader_error(L, loader_at(pin), "operator: 'pin' must be %d to %d digits, got '%s'",
                     BUNDLE_PIN_MIN, BUNDLE_PIN_MAX, pin->str);
        }
    }
}

/* ---------------------------------------------------------------------------
 * strings.yaml
 * ------------------------------------------------------------------------- */

static int string_cmp(const void *a, const void *b)
{
    return strcmp(((const bundle_string_entry *)a)->key, ((const bundle_string_entry *)b)->key);
}

static void load_strings(loader *L, const ynode *root)
{
    bundle *b = L->b;
    schema_keys(L, root, keys_strings_root, "strings.yaml");
    const ynode *map = schema_field(L, root, "strings", true, "strings.yaml");
    if (!map || !schema_want(L, map, YNODE_MAP, "strings", "strings.yaml", " of key: {zh, en}"))
        return;
    if (map->count > BUNDLE_MAX_STRINGS) {
        loader_error(L, loader_at(map), "%zu strings, more than the limit of %d", map->count,
             BUNDLE_MAX_STRINGS);
        return;
    }
    schema_dup_keys(L, map, "strings"); /* extra keys are allowed */
    b->strings = calloc(map->count ? map->count : 1, sizeof *b->strings);
    if (!b->strings)
        return;
    for (size_t i = 0; i < map->count; i++) {
        const char *key = map->keys[i]->str;
        char what[96];
        snprintf(what, sizeof what, "string '%s'", key);
        bundle_string_entry *e = &b->strings[b->string_count];
        const ynode *v = map->vals[i];
        if (v->kind != YNODE_MAP) {
            loader_error(L, loader_at(v), "%s: expected a mapping with zh and en, got %s", what, schema_kind_desc(v));
            continue;
        }
        schema_keys(L, v, keys_lang, what);
        for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
            schema_text_rule r = {BUNDLE_MAX_STRING_CHARS, l == BUNDLE_ZH, true};
            e->text.s[l] = schema_text(L, v, bundle_lang_names[l], true, what, r, NULL);
        }
        e->key = loader_strdup(L, key);
        if (e->key)
            b->string_count++;
        else
            for (int l = 0; l < BUNDLE_LANG_COUNT; l++)
                free(e->text.s[l]);
    }
    for (size_t i = 0; i < bundle_required_string_count; i++)
        if (!ymap_get(map, bundle_required_strings[i]))
            loader_error(L, schema_key_pos(root, "strings"), "missing required string '%s' (the screens use it)",
                 bundle_required_strings[i]);
    qsort(b->strings, b->string_count, sizeof *b->strings, string_cmp);
}

/* ---------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------- */

/* Decides where the source articles are, or that the check is skipped. */
static void find_sources(loader *L, const char *dir)
{
    L->file = dir;
    if (L->opts->sources) {
        if (file_is_dir(L->opts->sources))
            L->sources = strdup(L->opts->sources);
        else
            loader_error(L, LOADER_WHOLE_FILE, "sources directory '%s' does not exist", L->opts->sources);
        return;
    }
    char *own = file_join(dir, "sources");
    if (own && file_is_dir(own)) {
        L->sources = own;
        return;
    }
    free(own);
    loader_warn(L, LOADER_WHOLE_FILE,
          "no source articles (no --sources DIR and no %s/sources/): the verbatim check of "
          "excerpts and quotes is skipped",
          dir);
}

static void loader_free(loader *L)
{
    for (int f = 0; f < LOADER_FILE_COUNT; f++) {
        ydoc_free(&L->docs[f]);
        free(L->paths[f]);
    }
    check_verbatim_end(L);
    check_refs_free(L);
    free(L->sources);
}

bundle *bundle_load(const char *dir, const bundle_check_opts *opts, diag_list *diags)
{
    static const bundle_check_opts no_opts;
    size_t errors_before = diags->errors;
    loader L = {.d = diags, .opts = opts ? opts : &no_opts};
    bundle *b = calloc(1, sizeof *b);
    char *d = strdup(dir);
    if (!b || !d) {
        free(b);
        free(d);
        diag_add(diags, DIAG_ERROR, dir, 0, "out of memory");
        return NULL;
    }
    /* "content/" and "content" name the same bundle: keep messages tidy. */
    for (size_t n = strlen(d); n > 1 && d[n - 1] == '/'; n--)
        d[n - 1] = '\0';
    b->dir = d;
    L.b = b;
    L.file = d;
    b->manifest.idle_timeout = BUNDLE_DEFAULT_IDLE_TIMEOUT;
    b->manifest.idle_countdown = BUNDLE_DEFAULT_IDLE_COUNTDOWN;
    b->manifest.dwell_min = BUNDLE_DEFAULT_DWELL_MIN;
    b->manifest.dwell_per_char = BUNDLE_DEFAULT_DWELL_PER_CHAR;
    b->manifest.dwell_max = BUNDLE_DEFAULT_DWELL_MAX;
    b->manifest.theme = theme_default;

    struct stat st;
    if (stat(d, &st) != 0) {
        loader_error(&L, LOADER_WHOLE_FILE, "cannot open the bundle directory: %s", strerror(errno));
        goto done;
    }
    if (!S_ISDIR(st.st_mode)) {
        loader_error(&L, LOADER_WHOLE_FILE, "not a directory: a bundle is a directory of YAML files");
        goto done;
    }
    bool any = false;
    for (int f = 0; f < LOADER_FILE_COUNT; f++) {
        L.paths[f] = file_join(d, file_names[f]);
        if (!L.paths[f]) {
            loader_error(&L, LOADER_WHOLE_FILE, "out of memory");
            goto done;
        }
        any = any || file_is_regular(L.paths[f]);
    }
    if (!any) {
        loader_error(&L, LOADER_WHOLE_FILE,
             "not a bundle: none of manifest.yaml, articles.yaml, excerpts.yaml, timeline.yaml, "
             "strings.yaml is here (is the directory empty?)");
        goto done;
    }
    for (int f = 0; f < LOADER_FILE_COUNT; f++) {
        L.file = L.paths[f];
        if (!file_is_regular(L.paths[f])) {
            if (f == LOADER_MANIFEST)
                loader_error(&L, LOADER_WHOLE_FILE, "missing manifest.yaml: every bundle has one (id, version, titles, "
                            "settings)");
            else
                loader_error(&L, LOADER_WHOLE_FILE, "missing file: a bundle needs %s", file_names[f]);
            continue;
        }
        ydoc_error err;
        if (!ydoc_load(L.paths[f], BUNDLE_MAX_FILE_BYTES, &L.docs[f], &err)) {
            diag_add_at(L.d, DIAG_ERROR, L.paths[f], err.line, err.column, "%s", err.message);
            continue;
        }
        const ynode *root = L.docs[f].root;
        if (!root)
            loader_error(&L, LOADER_WHOLE_FILE, "the file is empty");
        else if (root->kind != YNODE_MAP)
            loader_error(&L, loader_at(root), "expected a mapping (key: value lines) at the top of the file, "
                                 "got %s", schema_kind_desc(root));
        else
            L.have[f] = true;
    }
    find_sources(&L, d);

    /* Articles first (everything refers to them), the manifest after the
     * excerpts and events its attract loop names. */
    static const int order[LOADER_FILE_COUNT] = {LOADER_ARTICLES, LOADER_EXCERPTS, LOADER_TIMELINE, LOADER_MANIFEST, LOADER_STRINGS};
    for (int i = 0; i < LOADER_FILE_COUNT; i++) {
        int f = order[i];
        if (!L.have[f])
            continue;
        L.file = L.paths[f];
        const ynode *root = L.docs[f].root;
        switch (f) {
        case LOADER_ARTICLES: load_articles(&L, root); break;
        case LOADER_EXCERPTS: load_excerpts(&L, root); break;
        case LOADER_TIMELINE: load_timeline(&L, root); break;
        case LOADER_MANIFEST: load_manifest(&L, root); break;
        case LOADER_STRINGS: load_strings(&L, root); break;
        }
    }

done:
    loader_free(&L);
    if (diags->errors > errors_before) {
        bundle_free(b);
        return NULL;
    }
    return b;
}

