#include "app/resources.h"

#include "app/fitcache.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"
#include "platform/panel.h"
#include "text/fontset.h"

/* The first of <exe dir>/../name and <exe dir>/../../name (the source
 * tree, for build/kiosk and for a sub-build such as build/rpi/kiosk) that
 * holds the file `marker`, else KIOSK_PREFIX/name, in buf. The marker keeps
 * an unrelated /usr/fonts or /content of an installed /usr/bin/kiosk from
 * being taken for ours. */
static const char *install_path(const char *name, const char *marker, char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const up[] = {"..", "../.."};
            for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
                char probe[PATH_MAX + 64];
                snprintf(probe, sizeof probe, "%s/%s/%s/%s", exe, up[i], name, marker);
                if (file_is_regular(probe)) {
                    snprintf(buf, len, "%s/%s/%s", exe, up[i], name);
                    return buf;
                }
            }
        }
    }
    snprintf(buf, len, "%s/%s", KIOSK_PREFIX, name);
    return buf;
}

const char *app_fonts_dir(void)
{
    static char buf[PATH_MAX + 16];
    const char *d = getenv("KIOSK_FONTS_DIR");
    return d && *d ? d : install_path("fonts", fontset_bundled_name(FONTSET_SANS), buf, sizeof buf);
}

const char *app_default_bundle(void)
{
    static char buf[PATH_MAX + 16];
    return install_path("content", "manifest.yaml", buf, sizeof buf);
}

bool app_check_fonts(const char *dir, char *err, size_t errlen)
{
    for (int f = 0; f < FONTSET_FAMILIES; f++) {
        char path[PATH_MAX + 64], why[128];
        snprintf(path, sizeof path, "%s/%s", dir, fontset_bundled_name((fontset_family)f));
        FILE *fp = file_open_regular(path, why, sizeof why);
        if (!fp) {
            log_format_err(err, errlen, "bundled font %.*s missing: %s (fonts directory: $KIOSK_FONTS_DIR, "
                     "else beside the program, else %s/fonts)", PATH_MAX / 4, path, why, KIOSK_PREFIX);
            return false;
        }
        fclose(fp);
    }
    return true;
}

static bool hook_has_char(void *ctx, uint32_t cp)
{
    const app_checks *c = ctx;
    font_set *fs = text_fontset(c->te);
    int f = fontset_pick(fs, FONTSET_SANS, cp);
    return fontset_has_char(fs, f, cp);
}

/* Laid out as the screens of the fit picture do: their size for the style,
 * body and quote justified. */
static int hook_text_height(void *ctx, const char *utf8, int style, int width_px)
{
    const app_checks *c = ctx;
    text_params p = {0};
    p.style = (text_style_id)style;
    p.size_px = (unsigned)style < STYLE_COUNT ? c->m.text_px[style] : c->m.text_px[STYLE_BODY];
    p.width_px = width_px;
    p.justify = style == STYLE_BODY || style == STYLE_QUOTE;
    const text_layout *l = text_lay_out(c->te, utf8, strlen(utf8), &p);
    return l ? (int)(l->height + 0.5f) : 0;
}

void app_bundle_hooks(bundle_check_opts *opts, app_checks *c, text_engine *te)
{
    if (!te)
        return;
    c->te = te;
    ui_geometry_compute(&c->m, UI_FIT_SCREEN_W, UI_FIT_SCREEN_H,
                       panel_assumed_px_per_mm(UI_FIT_SCREEN_W, UI_FIT_SCREEN_H), false);
    ui_geometry_fit(&c->m, &c->fit);
    opts->has_char = hook_has_char;
    opts->text_height = hook_text_height;
    opts->fit = &c->fit;
    opts->ctx = c;
}

bool app_open_text(text_engine **te, atlas **at, char *err, size_t errlen)
{
    *at = NULL;
    *te = NULL;
    if (!app_check_fonts(app_fonts_dir(), err, errlen))
        return false;
    LOG_I("app", "fonts from %s", app_fonts_dir());
    *te = text_open(app_fonts_dir(), err, errlen);
    if (!*te)
        return false;
    font_set *fs = text_fontset(*te);
    atlas_font fonts[FONTSET_MAX_FONTS];
    int n = fontset_count(fs);
    for (int i = 0; i < n; i++) {
        fonts[i].path = fontset_path(fs, i, &fonts[i].face_index);
        fonts[i].lazy = !fontset_is_bundled(fs, i); /* system fallbacks: opened when a glyph needs one */
        fonts[i].family = fontset_family_name(fs, i);
    }
    *at = atlas_open(fonts, n, NULL, err, errlen);
    return *at != NULL;
}

bundle *app_load_bundle(const kiosk_options *o, const char *dir, text_engine *te, diag_list *diags)
{
    /* The kiosk's bundles were checked with their articles before they came
     * to it (content/load.h); --check and kiosk-bundle pack (MODE_CHECK)
     * warn when the articles are missing. */
    bundle_check_opts opts = {.sources = o->sources,
                              .sources_optional = o->mode != MODE_CHECK,
                              .audio_decode_all = o->audio_decode_all};
    app_checks checks;
    app_bundle_hooks(&opts, &checks, te);
    diag_init(diags);
    /* The fit check again only when something it depends on changed
     * (app/fitcache.h). */
    char cache[PATH_MAX], key[FITCACHE_KEY_HEX];
    bool cached = te && fitcache_path(o->state_dir, cache, sizeof cache) && fitcache_key(dir, te, &checks.fit, key);
    bool skip_fit = cached && fitcache_hit(cache, key);
    if (skip_fit) {
        opts.text_height = NULL;
        LOG_D("bundle", "fit check skipped: it passed with these texts and fonts (%s)", cache);
    }
    bundle *b = bundle_load(dir, &opts, diags);
    if (b && cached && !skip_fit)
        fitcache_store(cache, key);
    for (size_t i = 0; i < diags->count; i++) {
        char line[DIAG_MAX_MESSAGE + 256];
        diag_format(&diags->items[i], line, sizeof line);
        log_msg(diags->items[i].severity == DIAG_ERROR ? LOG_ERROR : LOG_WARN, "bundle", "%s", line);
    }
    static bool told; /* once a run: its reloads and updates would say the same */
    if (b && !b->verbatim_checked && opts.sources_optional && !told) {
        told = true;
        LOG_I("bundle", "no source articles at hand: the verbatim check of excerpts and quotes is skipped "
                        "(--check and kiosk-bundle pack run it with --sources)");
    }
    return b;
}
