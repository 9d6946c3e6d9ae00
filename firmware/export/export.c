/* export: the loaded bundle as one JSON document (export/export.h). */
#include "export/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/date.h"

static void text2(jsonw *w, const char *key, const bundle_text *t)
{
    jsonw_key(w, key);
    if (!t->s[BUNDLE_ZH] && !t->s[BUNDLE_EN]) {
        jsonw_null(w);
        return;
    }
    jsonw_obj_begin(w);
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
        jsonw_key(w, bundle_lang_name((bundle_lang)l));
        jsonw_str(w, t->s[l]);
    }
    jsonw_obj_end(w);
}

static void colour(jsonw *w, const char *key, bundle_rgb c)
{
    char hex[8];
    snprintf(hex, sizeof hex, "#%02x%02x%02x", c.r, c.g, c.b);
    jsonw_key(w, key);
    jsonw_str(w, hex);
}

static void date(jsonw *w, const char *key, const bundle_date *d)
{
    char buf[16];
    date_format(d, buf, sizeof buf);
    jsonw_key(w, key);
    jsonw_str(w, buf);
}

static const char *article_file(const bundle *b, size_t a)
{
    return a < b->article_count ? b->articles[a].file : NULL;
}

static void manifest(const bundle *b, jsonw *w)
{
    const bundle_manifest *m = &b->manifest;
    jsonw_key(w, "bundle");
    jsonw_obj_begin(w);
    jsonw_key(w, "id");
    jsonw_str(w, m->id);
    jsonw_key(w, "version");
    jsonw_str(w, m->version);
    jsonw_key(w, "status");
    jsonw_str(w, m->published ? "published" : "draft");
    jsonw_key(w, "reviewed");
    jsonw_str(w, m->reviewed);
    text2(w, "title", &m->title);
    jsonw_key(w, "default_language");
    jsonw_str(w, bundle_lang_name(m->default_language));
    jsonw_key(w, "idle_timeout");
    jsonw_int(w, m->idle_timeout);
    jsonw_key(w, "idle_countdown");
    jsonw_int(w, m->idle_countdown);
    jsonw_key(w, "attract");
    jsonw_obj_begin(w);
    jsonw_key(w, "dwell_min");
    jsonw_fixed(w, m->dwell_min, 3);
    jsonw_key(w, "dwell_per_char");
    jsonw_fixed(w, m->dwell_per_char, 3);
    jsonw_key(w, "dwell_max");
    jsonw_fixed(w, m->dwell_max, 3);
    jsonw_key(w, "order");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < m->attract_count; i++) {
        const bundle_attract_item *it = &m->attract[i];
        jsonw_obj_begin(w);
        if (it->kind == BUNDLE_ATTRACT_EXCERPT) {
            jsonw_key(w, "excerpt");
            jsonw_str(w, b->excerpts[it->index].id);
        } else {
            jsonw_key(w, "event");
            jsonw_str(w, b->events[it->index].id);
        }
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);
    jsonw_obj_end(w);
    jsonw_key(w, "theme");
    jsonw_obj_begin(w);
    colour(w, "background", m->theme.background);
    colour(w, "surface", m->theme.surface);
    colour(w, "text", m->theme.text);
    colour(w, "muted", m->theme.muted);
    colour(w, "accent", m->theme.accent);
    jsonw_key(w, "categories");
    jsonw_obj_begin(w);
    for (int c = 0; c < BUNDLE_CAT_COUNT; c++)
        colour(w, bundle_category_name((bundle_category)c), m->theme.categories[c]);
    jsonw_obj_end(w);
    jsonw_obj_end(w);
    jsonw_key(w, "accessibility");
    jsonw_obj_begin(w);
    jsonw_key(w, "large_text");
    jsonw_bool(w, m->large_text);
    jsonw_key(w, "reduced_motion");
    jsonw_bool(w, m->reduced_motion);
    jsonw_key(w, "high_contrast");
    jsonw_bool(w, m->high_contrast);
    jsonw_key(w, "listen_on_home");
    jsonw_bool(w, m->listen_on_home);
    jsonw_key(w, "attract_sound");
    jsonw_bool(w, m->attract_sound);
    jsonw_obj_end(w);
    jsonw_obj_end(w);
}

static void excerpt_text(jsonw *w, const bundle_excerpt *e)
{
    size_t n = 0;
    for (size_t p = 0; p < e->paragraph_count; p++)
        n += strlen(e->paragraphs[p]) + 2;
    char *s = malloc(n + 1);
    if (!s) {
        jsonw_null(w);
        return;
    }
    size_t o = 0;
    for (size_t p = 0; p < e->paragraph_count; p++) {
        if (p) {
            memcpy(s + o, "\n\n", 2);
            o += 2;
        }
        size_t len = strlen(e->paragraphs[p]);
        memcpy(s + o, e->paragraphs[p], len);
        o += len;
    }
    jsonw_strn(w, s, o);
    free(s);
}

/* "audio": {"zh": {"file","seconds","marks"} or null, "en": ...}. */
static void audio(jsonw *w, const bundle_audio *a)
{
    jsonw_key(w, "audio");
    jsonw_obj_begin(w);
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
        jsonw_key(w, bundle_lang_names[l]);
        if (!a[l].file) {
            jsonw_null(w);
            continue;
        }
        jsonw_obj_begin(w);
        jsonw_key(w, "file");
        jsonw_str(w, a[l].file);
        jsonw_key(w, "seconds");
        jsonw_fixed(w, a[l].seconds, 3);
        jsonw_key(w, "marks");
        if (!a[l].marks) {
            jsonw_null(w);
        } else {
            jsonw_arr_begin(w);
            for (size_t i = 0; i < a[l].mark_count; i++)
                jsonw_fixed(w, a[l].marks[i], 3);
            jsonw_arr_end(w);
        }
        jsonw_obj_end(w);
    }
    jsonw_obj_end(w);
}

void bundle_export_json(const bundle *b, jsonw *w)
{
    jsonw_obj_begin(w);
    manifest(b, w);

    jsonw_key(w, "articles");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < b->article_count; i++) {
        const bundle_article *a = &b->articles[i];
        jsonw_obj_begin(w);
        jsonw_key(w, "id");
        jsonw_str(w, a->id);
        jsonw_key(w, "file");
        jsonw_str(w, a->file);
        text2(w, "title", &a->title);
        text2(w, "authors", &a->authors);
        text2(w, "venue", &a->venue);
        jsonw_key(w, "date");
        jsonw_str(w, a->date);
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);

    jsonw_key(w, "excerpts");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < b->excerpt_count; i++) {
        const bundle_excerpt *e = &b->excerpts[i];
        jsonw_obj_begin(w);
        jsonw_key(w, "id");
        jsonw_str(w, e->id);
        jsonw_key(w, "article");
        jsonw_str(w, article_file(b, e->article));
        text2(w, "heading", &e->heading);
        jsonw_key(w, "section");
        jsonw_str(w, e->section);
        jsonw_key(w, "notes");
        jsonw_arr_begin(w);
        for (size_t n = 0; n < e->note_count; n++)
            jsonw_int(w, e->notes[n]);
        jsonw_arr_end(w);
        jsonw_key(w, "summary");
        jsonw_obj_begin(w);
        jsonw_key(w, "en");
        jsonw_str(w, e->summary_en);
        jsonw_obj_end(w);
        jsonw_key(w, "text");
        excerpt_text(w, e);
        audio(w, e->audio);
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);

    jsonw_key(w, "eras");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < b->era_count; i++) {
        const bundle_era *e = &b->eras[i];
        jsonw_obj_begin(w);
        jsonw_key(w, "id");
        jsonw_str(w, e->id);
        date(w, "from", &e->from);
        date(w, "to", &e->to);
        text2(w, "title", &e->title);
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);

    jsonw_key(w, "events");
    jsonw_arr_begin(w);
    for (size_t i = 0; i < b->event_count; i++) {
        const bundle_event *ev = &b->events[i];
        jsonw_obj_begin(w);
        jsonw_key(w, "id");
        jsonw_str(w, ev->id);
        date(w, "date", &ev->date);
        jsonw_key(w, "precision");
        jsonw_str(w, bundle_precision_name(ev->date.precision));
        /* "on" (date), "after" (date is the bound) or "span" (date..date_to). */
        static const char *const when_names[] = {"on", "after", "span"};
        jsonw_key(w, "date_form");
        jsonw_str(w, when_names[ev->when]);
        if (ev->when == BUNDLE_WHEN_SPAN)
            date(w, "date_to", &ev->date_to);
        text2(w, "title", &ev->title);
        text2(w, "summary", &ev->summary);
        jsonw_key(w, "category");
        jsonw_str(w, bundle_category_name(ev->category));
        jsonw_key(w, "track");
        jsonw_str(w, bundle_track_name(ev->track));
        jsonw_key(w, "highlight");
        jsonw_bool(w, ev->highlight);
        jsonw_key(w, "sources");
        jsonw_arr_begin(w);
        for (size_t s = 0; s < ev->source_count; s++) {
            jsonw_obj_begin(w);
            jsonw_key(w, "article");
            jsonw_str(w, article_file(b, ev->sources[s].article));
            jsonw_key(w, "quote");
            jsonw_str(w, ev->sources[s].quote);
            if (ev->sources[s].date_quote) {
                jsonw_key(w, "date_quote");
                jsonw_str(w, ev->sources[s].date_quote);
            }
            if (ev->sources[s].date_note) {
                jsonw_key(w, "date_note");
                jsonw_str(w, ev->sources[s].date_note);
            }
            jsonw_obj_end(w);
        }
        jsonw_arr_end(w);
        audio(w, ev->audio);
        jsonw_obj_end(w);
    }
    jsonw_arr_end(w);

    jsonw_key(w, "strings");
    jsonw_obj_begin(w);
    for (size_t i = 0; i < b->string_count; i++)
        text2(w, b->strings[i].key, &b->strings[i].text);
    jsonw_obj_end(w);
    jsonw_obj_end(w);
}
