/* model: the names of the bundle's values, the UI strings every bundle
 * defines, and what works on a loaded bundle: freeing it, looking up UI
 * strings and ids (content/model.h). */
#include "content/model.h"

#include <stdlib.h>
#include <string.h>

const char *const bundle_required_strings[] = {
    "app_title", "touch_to_explore", "articles", "timeline", "home", "back",
    "language_zh", "language_en", "read_article", "source", "previous", "next",
    "close", "filters", "all_categories", "category_dialogue", "category_incident",
    "category_policy", "category_multilateral", "track_government", "track_track2",
    "track_multilateral", "idle_title", "idle_countdown", "idle_continue",
    "operator_title", "operator_reload", "operator_rotate", "operator_large_text",
    "operator_reduced_motion", "operator_high_contrast", "operator_screenshot",
    "operator_close", "error_title",
};
const size_t bundle_required_string_count =
    sizeof bundle_required_strings / sizeof bundle_required_strings[0];

const char *const bundle_lang_names[BUNDLE_LANG_COUNT] = {"zh", "en"};
const char *const bundle_category_names[BUNDLE_CAT_COUNT] = {"dialogue", "incident", "policy",
                                                             "multilateral"};
const char *const bundle_track_names[BUNDLE_TRACK_COUNT] = {"government", "track2",
                                                            "multilateral"};

const char *bundle_lang_name(bundle_lang l)
{
    return l < BUNDLE_LANG_COUNT ? bundle_lang_names[l] : "?";
}

const char *bundle_category_name(bundle_category c)
{
    return c < BUNDLE_CAT_COUNT ? bundle_category_names[c] : "?";
}

const char *bundle_track_name(bundle_track t)
{
    return t < BUNDLE_TRACK_COUNT ? bundle_track_names[t] : "?";
}

const char *bundle_precision_name(bundle_precision p)
{
    return p == BUNDLE_YEAR ? "year" : p == BUNDLE_MONTH ? "month" : "day";
}

static void audio_free(bundle_audio *a)
{
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++) {
        free(a[l].file);
        free(a[l].path);
        free(a[l].marks);
    }
}

static void text_free(bundle_text *t)
{
    for (int l = 0; l < BUNDLE_LANG_COUNT; l++)
        free(t->s[l]);
}

void bundle_free(bundle *b)
{
    if (!b)
        return;
    bundle_manifest *m = &b->manifest;
    free(m->id);
    free(m->version);
    text_free(&m->title);
    free(m->attract);
    free(m->reviewed);
    for (size_t i = 0; i < b->article_count; i++) {
        bundle_article *a = &b->articles[i];
        free(a->id);
        free(a->file);
        text_free(&a->title);
        text_free(&a->authors);
        text_free(&a->venue);
        free(a->date);
    }
    free(b->articles);
    for (size_t i = 0; i < b->excerpt_count; i++) {
        bundle_excerpt *e = &b->excerpts[i];
        free(e->id);
        free(e->section);
        free(e->notes);
        text_free(&e->heading);
        free(e->summary_en);
        for (size_t p = 0; p < e->paragraph_count; p++)
            free(e->paragraphs[p]);
        free(e->paragraphs);
        audio_free(e->audio);
    }
    free(b->excerpts);
    for (size_t i = 0; i < b->era_count; i++) {
        free(b->eras[i].id);
        text_free(&b->eras[i].title);
    }
    free(b->eras);
    for (size_t i = 0; i < b->event_count; i++) {
        bundle_event *ev = &b->events[i];
        free(ev->id);
        text_free(&ev->title);
        text_free(&ev->summary);
        for (size_t s = 0; s < ev->source_count; s++) {
            free(ev->sources[s].quote);
            free(ev->sources[s].date_quote);
            free(ev->sources[s].date_note);
        }
        free(ev->sources);
        audio_free(ev->audio);
    }
    free(b->events);
    for (size_t i = 0; i < b->string_count; i++) {
        free(b->strings[i].key);
        text_free(&b->strings[i].text);
    }
    free(b->strings);
    free(b->dir);
    free(b);
}

static int string_key_cmp(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const bundle_string_entry *)entry)->key);
}

const char *bundle_string(const bundle *b, const char *key, bundle_lang lang)
{
    if (!key)
        return "";
    if (!b || lang >= BUNDLE_LANG_COUNT || !b->strings)
        return key;
    const bundle_string_entry *e =
        bsearch(key, b->strings, b->string_count, sizeof *b->strings, string_key_cmp);
    return e && e->text.s[lang] ? e->text.s[lang] : key;
}

long bundle_find_article(const bundle *b, const char *id)
{
    for (size_t i = 0; b && id && i < b->article_count; i++)
        if (b->articles[i].id && strcmp(b->articles[i].id, id) == 0)
            return (long)i;
    return -1;
}

long bundle_find_excerpt(const bundle *b, const char *id)
{
    for (size_t i = 0; b && id && i < b->excerpt_count; i++)
        if (b->excerpts[i].id && strcmp(b->excerpts[i].id, id) == 0)
            return (long)i;
    return -1;
}

long bundle_find_event(const bundle *b, const char *id)
{
    for (size_t i = 0; b && id && i < b->event_count; i++)
        if (b->events[i].id && strcmp(b->events[i].id, id) == 0)
            return (long)i;
    return -1;
}
