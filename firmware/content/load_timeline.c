/* load_timeline: timeline.yaml, eras and events (content/load_timeline.h). */
#include "content/load_timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/check_fit.h"
#include "content/check_refs.h"
#include "content/check_verbatim.h"
#include "content/date.h"
#include "content/date_text.h"
#include "content/load_audio.h"
#include "content/schema.h"

/* Known keys of each mapping, for the unknown-key warning. */
static const char *const keys_timeline_root[] = {"eras", "events", NULL};
static const char *const keys_era[] = {"id", "from", "to", "title", NULL};
static const char *const keys_event[] = {"id", "date", "title", "summary", "category", "track",
                                         "highlight", "sources", "audio", NULL};
static const char *const keys_source[] = {"article", "quote", "date_quote", "date_note", NULL};
static const char *const keys_when[] = {"after", "from", "to", NULL};

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
        /* Not shown on screen: no font check; the note is the curator's own words. */
        schema_text_rule date_quote = {BUNDLE_MAX_QUOTE_CHARS, false, false};
        loader_pos dat = loader_at(s);
        src->date_quote = schema_text(L, s, "date_quote", false, sname, date_quote, &dat);
        if (src->date_quote && a >= 0)
            check_verbatim_date_quote(L, (size_t)a, src->date_quote, dat, sname);
        schema_text_rule note = {BUNDLE_MAX_FIELD_CHARS, false, false};
        src->date_note = schema_text(L, s, "date_note", false, sname, note, NULL);
    }
}

/* The event's `date`: a date (ON), {after: DATE} or {from: DATE, to: DATE}.
 * *at is set to the value's position. False (reported) when unreadable. */
static bool load_event_date(loader *L, const ynode *item, bundle_event *ev, const char *name,
                            loader_pos *at)
{
    const ynode *v = schema_field(L, item, "date", true, name);
    if (!v)
        return false;
    *at = loader_at(v);
    if (v->kind == YNODE_SCALAR) {
        ev->when = BUNDLE_WHEN_ON;
        bool ok = schema_date(L, item, "date", name, &ev->date, at);
        ev->date_to = ev->date;
        return ok;
    }
    if (v->kind != YNODE_MAP) {
        loader_error(L, *at,
                     "%s: 'date' is a date (YYYY, YYYY-MM, YYYY-MM-DD), {after: DATE} or "
                     "{from: DATE, to: DATE}, got %s",
                     name, schema_kind_desc(v));
        return false;
    }
    char dname[160];
    snprintf(dname, sizeof dname, "%s: date", name);
    schema_keys(L, v, keys_when, dname);
    bool after = schema_field(L, v, "after", false, dname) != NULL;
    bool from = schema_field(L, v, "from", false, dname) != NULL;
    bool to = schema_field(L, v, "to", false, dname) != NULL;
    if (after && !from && !to) {
        ev->when = BUNDLE_WHEN_AFTER;
        bool ok = schema_date(L, v, "after", dname, &ev->date, at);
        ev->date_to = ev->date;
        return ok;
    }
    if (!after && from && to) {
        ev->when = BUNDLE_WHEN_SPAN;
        loader_pos to_at = *at;
        bool ok = schema_date(L, v, "from", dname, &ev->date, at);
        ok = schema_date(L, v, "to", dname, &ev->date_to, &to_at) && ok;
        if (!ok)
            return false;
        bundle_date first = date_first_day(&ev->date), last = date_last_day(&ev->date_to);
        if (date_cmp(&first, &last) > 0 || date_cmp(&ev->date, &ev->date_to) == 0) {
            char f[16], t[16];
            date_format(&ev->date, f, sizeof f);
            date_format(&ev->date_to, t, sizeof t);
            loader_error(L, to_at, "%s: 'to' (%s) must come after 'from' (%s)", dname, t, f);
            return false;
        }
        return true;
    }
    loader_error(L, *at,
                 "%s: write {after: DATE} (the article only bounds the date) or {from: DATE, "
                 "to: DATE} (a span), not both or a part",
                 dname);
    return false;
}

/* The parts of `d` found in the best of the event's texts, for the message. */
static void date_best_evidence(const bundle_event *ev, const bundle_date *d, date_text_evidence *best)
{
    memset(best, 0, sizeof *best);
    int best_n = -1;
    for (size_t s = 0; s < ev->source_count; s++) {
        const char *texts[2] = {ev->sources[s].quote, ev->sources[s].date_quote};
        for (int k = 0; k < 2; k++) {
            if (!texts[k])
                continue;
            date_text_evidence e;
            date_text_find(texts[k], strlen(texts[k]), d, &e);
            int n = e.found[DATE_TEXT_YEAR] * 4 + e.found[DATE_TEXT_MONTH] * 2 + e.found[DATE_TEXT_DAY];
            if (n > best_n) {
                best_n = n;
                *best = e;
            }
        }
    }
}

/* True when some quote or date_quote of the event states d at its precision. */
static bool date_proved(const bundle_event *ev, const bundle_date *d)
{
    for (size_t s = 0; s < ev->source_count; s++) {
        const char *texts[2] = {ev->sources[s].quote, ev->sources[s].date_quote};
        for (int k = 0; k < 2; k++)
            if (texts[k] && date_text_find(texts[k], strlen(texts[k]), d, NULL))
                return true;
    }
    return false;
}

/* Every date of the event (the date, the bound, both ends of a span) must be
 * stated in one of its quotes or date_quotes: the exhibit dates nothing its
 * articles do not. */
static void check_event_date(loader *L, const bundle_event *ev, loader_pos at, const char *name)
{
    const bundle_date *dates[2] = {&ev->date, &ev->date_to};
    int n = ev->when == BUNDLE_WHEN_SPAN ? 2 : 1;
    for (int i = 0; i < n; i++) {
        const bundle_date *d = dates[i];
        if (date_proved(ev, d))
            continue;
        char ds[16], detail[160] = "";
        date_format(d, ds, sizeof ds);
        date_text_evidence best;
        date_best_evidence(ev, d, &best);
        if (d->precision >= BUNDLE_MONTH && best.found[DATE_TEXT_YEAR] &&
            !best.found[DATE_TEXT_MONTH])
            snprintf(detail, sizeof detail, " (the year %d is there, month %d is not)", d->year,
                     d->month);
        else if (d->precision == BUNDLE_DAY && best.found[DATE_TEXT_YEAR])
            snprintf(detail, sizeof detail, " (%d and month %d are there, not day %d of it)",
                     d->year, d->month, d->day);
        loader_error(L, at,
                     "date %s is not in the quote or date_quote of %s%s: quote the article's "
                     "words that give it (date_quote), or date the event only as far as they go",
                     ds, ev->id ? ev->id : name, detail);
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
        ev->line = item->line;
        loader_pos date_at = loader_at(item);
        bool dated = load_event_date(L, item, ev, name, &date_at);
        if (dated) {
            const bundle_event *pe = prev >= 0 ? &b->events[prev] : NULL;
            if (pe && !order_reported &&
                date_when_cmp(ev->when, &ev->date, pe->when, &pe->date) < 0) {
                char d[40], pd[40];
                date_format_when(ev->when, &ev->date, &ev->date_to, d, sizeof d);
                date_format_when(pe->when, &pe->date, &pe->date_to, pd, sizeof pd);
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
        if (dated && ev->source_count > 0)
            check_event_date(L, ev, date_at, name);
        load_audio_event(L, item, name, ev, dated);
    }
}

void load_timeline(loader *L, const ynode *root)
{
    schema_keys(L, root, keys_timeline_root, "timeline.yaml");
    load_eras(L, root);
    load_events(L, root);
}
