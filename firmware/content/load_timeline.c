/* load_timeline: timeline.yaml, eras and events (content/load_timeline.h). */
#include "content/load_timeline.h"

#include <stdio.h>
#include <stdlib.h>

#include "content/check_fit.h"
#include "content/check_refs.h"
#include "content/check_verbatim.h"
#include "content/date.h"
#include "content/schema.h"

/* Known keys of each mapping, for the unknown-key warning. */
static const char *const keys_timeline_root[] = {"eras", "events", NULL};
static const char *const keys_era[] = {"id", "from", "to", "title", NULL};
static const char *const keys_event[] = {"id", "date", "title", "summary", "category", "track",
                                         "highlight", "sources", NULL};
static const char *const keys_source[] = {"article", "quote", NULL};

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
        if (!schema_list_item(L, item, i, "era", keys_era, name, sizeof name))
            continue;
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
                             "%s (from %s) begins before the era above it, '%s' (from %s): eras "
                             "are listed in order",
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
        loader_error(L, loader_at(v), "%s: 'sources' is empty: an event needs at least one source",
                     name);
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
            loader_error(L, loader_at(s), "%s: expected a mapping with article and quote, got %s",
                         sname, schema_kind_desc(s));
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
    const ynode *list =
        schema_root_list(L, root, "events", true, BUNDLE_MAX_EVENTS, "timeline.yaml");
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
    long prev = -1; /* last event with a valid date */
    int prev_line = 0;
    bool order_reported = false;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->vals[i];
        bundle_event *ev = &b->events[i];
        char name[112];
        if (!schema_list_item(L, item, i, "event", keys_event, name, sizeof name))
            continue;
        ev->id = check_refs_new_id(L, item, name);
        loader_pos date_at = loader_at(item);
        if (schema_date(L, item, "date", name, &ev->date, &date_at)) {
            if (prev >= 0 && !order_reported && date_cmp(&ev->date, &b->events[prev].date) < 0) {
                char d[16], pd[16];
                date_format(&ev->date, d, sizeof d);
                date_format(&b->events[prev].date, pd, sizeof pd);
                loader_error(L, date_at,
                             "%s (%s) is dated before the event above it, '%s' (%s, line %d): "
                             "events are listed in date order",
                             name, d, b->events[prev].id ? b->events[prev].id : "?", pd,
                             prev_line);
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

void load_timeline(loader *L, const ynode *root)
{
    schema_keys(L, root, keys_timeline_root, "timeline.yaml");
    load_eras(L, root);
    load_events(L, root);
}
