/* load_manifest: manifest.yaml (content/load_manifest.h). */
#include "content/load_manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/check_refs.h"
#include "content/bundlename.h"
#include "content/schema.h"

/* Known keys of each mapping, for the unknown-key warning. */
static const char *const keys_manifest[] = {"id", "version", "title", "default_language",
                                            "idle_timeout", "idle_countdown", "attract", "theme",
                                            "accessibility", "operator", "status", "reviewed",
                                            NULL};
/* `status`: a draft may be shown while it is being prepared; a published
 * bundle names who reviewed it against its articles (`reviewed`). */
static const char *const status_names[] = {"draft", "published"};
static const char *const keys_attract[] = {"dwell_min", "dwell_per_char", "dwell_max", "order",
                                           NULL};
static const char *const keys_attract_item[] = {"excerpt", "event", NULL};
static const char *const keys_theme[] = {"background", "surface", "text", "muted", "accent",
                                         "categories", NULL};
static const char *const keys_access[] = {"large_text",     "reduced_motion", "high_contrast",
                                          "listen_on_home", "attract_sound",  NULL};
static const char *const keys_operator[] = {"pin", NULL};

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

static void load_attract_order(loader *L, const ynode *attract)
{
    bundle_manifest *m = &L->b->manifest;
    const char *what = "attract";
    const ynode *v = schema_field(L, attract, "order", false, what);
    if (!v || (v->kind == YNODE_SCALAR && schema_is_nothing(v)) ||
        (v->kind == YNODE_SEQ && v->count == 0)) {
        loader_warn(L, loader_at(v ? v : attract),
                    "attract: 'order' is empty: the idle screen shows no excerpts or events");
        return;
    }
    if (!schema_want(L, v, YNODE_SEQ, "order", what, " of {excerpt: ID} or {event: ID}"))
        return;
    if (v->count > BUNDLE_MAX_ATTRACT) {
        loader_error(L, loader_at(v), "attract: %zu items in 'order', more than the limit of %d",
                     v->count, BUNDLE_MAX_ATTRACT);
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
            loader_error(L, loader_at(it), "%s: expected {excerpt: ID} or {event: ID}, got %s",
                         name, schema_kind_desc(it));
            continue;
        }
        schema_keys(L, it, keys_attract_item, name);
        const ynode *ex = ymap_get(it, "excerpt"), *evn = ymap_get(it, "event");
        if ((ex ? 1 : 0) + (evn ? 1 : 0) != 1) {
            loader_error(L, loader_at(it), "%s: write exactly one of 'excerpt: ID' or 'event: ID'",
                         name);
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

void load_manifest(loader *L, const ynode *root)
{
    bundle_manifest *m = &L->b->manifest;
    const char *what = "manifest";
    schema_keys(L, root, keys_manifest, what);
    const ynode *v = schema_field(L, root, "id", true, what);
    if (v && schema_want(L, v, YNODE_SCALAR, "id", what, NULL) && check_refs_id_form(L, v, what))
        m->id = loader_strdup(L, v->str);
    schema_text_rule version = {BUNDLE_MAX_ID_LEN, false, true};
    m->version = schema_text(L, root, "version", true, what, version, NULL);
    /* Updates compare versions (content/bundlename.h): numbers only. */
    if (m->version && !bundle_version_ok(m->version))
        loader_error(L, loader_at(schema_field(L, root, "version", false, what)),
                     "%s: version '%s' is not 1 to 4 numbers joined by '.' (e.g. 1.2.0)", what, m->version);
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
        schema_number(L, attract, "dwell_min", "attract", BUNDLE_DWELL_MIN_MIN,
                      BUNDLE_DWELL_MIN_MAX, &m->dwell_min);
        schema_number(L, attract, "dwell_per_char", "attract", 0, BUNDLE_DWELL_PER_CHAR_MAX,
                      &m->dwell_per_char);
        schema_number(L, attract, "dwell_max", "attract", m->dwell_min, BUNDLE_DWELL_MAX_MAX,
                      &m->dwell_max);
        load_attract_order(L, attract);
    } else if (!attract) {
        loader_warn(L, loader_at(root),
                    "manifest: no 'attract' section: the idle screen shows no excerpts "
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
        schema_bool(L, acc, "listen_on_home", "accessibility", &m->listen_on_home);
        schema_bool(L, acc, "attract_sound", "accessibility", &m->attract_sound);
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

    schema_text_rule reviewed = {BUNDLE_MAX_FIELD_CHARS, false, false};
    m->reviewed = schema_text(L, root, "reviewed", false, what, reviewed, NULL);
    const ynode *status = schema_field(L, root, "status", false, what);
    if (status) {
        int st = schema_enum(L, root, "status", what, status_names, 2);
        m->published = st == 1;
        if (m->published && !m->reviewed)
            loader_error(L, loader_at(status),
                         "status is 'published' but 'reviewed' is missing: say who checked the "
                         "bundle against its articles and when (e.g. reviewed: \"A. Curator, "
                         "2025-06-01\"), or set status: draft");
    }
}

void load_manifest_defaults(bundle_manifest *m)
{
    m->idle_timeout = BUNDLE_DEFAULT_IDLE_TIMEOUT;
    m->idle_countdown = BUNDLE_DEFAULT_IDLE_COUNTDOWN;
    m->dwell_min = BUNDLE_DEFAULT_DWELL_MIN;
    m->dwell_per_char = BUNDLE_DEFAULT_DWELL_PER_CHAR;
    m->dwell_max = BUNDLE_DEFAULT_DWELL_MAX;
    m->theme = theme_default;
}
