#include "ui/scene_home.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"

#include <stdio.h>
#include <string.h>

#include "ui/listen.h"
#include "ui/ui.h"
#include "ui/widgets.h"

#define HOME_LISTEN_OWNER "home" /* the reading's owner id (ui/listen.h) */

/* The Listen button is shown: the manifest asks for it and there is sound. */
static bool home_listens(const ui_ctx *ctx)
{
    return ctx->b->manifest.listen_on_home && listen_available(ctx);
}

/* Listen on the home screen: the exhibit's title and the two choices'
 * names, in the language shown (bundle strings: they outlive the reading). */
static void listen_home(ui_ctx *ctx)
{
    const char *texts[] = {ctx->b->manifest.title.s[ctx->lang], ui_str(ctx, "articles"),
                           ui_str(ctx, "timeline")};
    listen_toggle(ctx, HOME_LISTEN_OWNER, texts, 3, ctx->lang);
}

static void home_layout(ui_ctx *ctx)
{
    const ui_geometry *m = &ctx->m;
    targets_add(&ctx->targets, "articles", m->home.articles.x, m->home.articles.y, m->home.articles.w,
                m->home.articles.h);
    targets_add(&ctx->targets, "timeline", m->home.timeline.x, m->home.timeline.y, m->home.timeline.w,
                m->home.timeline.h);
    targets_add(&ctx->targets, "lang", m->lang.x, m->lang.y, m->lang.w, m->lang.h);
    if (home_listens(ctx))
        targets_add(&ctx->targets, "listen", m->home.listen.x, m->home.listen.y, m->home.listen.w,
                    m->home.listen.h);
}

static void home_gesture(ui_ctx *ctx, const gesture_event *g)
{
    if (g->type != GESTURE_TAP)
        return;
    const target *t = targets_hit(&ctx->targets, g->x, g->y);
    if (!t)
        return;
    ui_trace_str(ctx, "tap_target", "id", t->id);
    if (strcmp(t->id, "articles") == 0) {
        scene_reader_open_excerpt(ctx, 0);
        ui_set_scene(ctx, &scene_reader);
    } else if (strcmp(t->id, "timeline") == 0) {
        ui_set_scene(ctx, &scene_timeline);
    } else if (strcmp(t->id, "lang") == 0) {
        listen_stop(ctx, "language"); /* it read the other language's text */
        ui_set_language(ctx, ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH);
    } else if (strcmp(t->id, "listen") == 0) {
        listen_home(ctx);
    }
}

static void home_key(ui_ctx *ctx, const char *key)
{
    if (strcmp(key, "a") == 0) {
        scene_reader_open_excerpt(ctx, 0);
        ui_set_scene(ctx, &scene_reader);
    } else if (strcmp(key, "t") == 0) {
        ui_set_scene(ctx, &scene_timeline);
    } else if (strcmp(key, "l") == 0) {
        listen_stop(ctx, "language");
        ui_set_language(ctx, ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH);
    }
}

/* One choice: a large card with a name, a line of figures, and an accent. */
static void choice(ui_ctx *ctx, ui_rect r, const char *name, const char *detail, const char *other)
{
    const ui_palette *p = &ctx->pal;
    float u = ctx->m.u, pad = u * 5;
    ui_round(ctx, r, u * 2.5f, p->surface);
    if (ctx->high_contrast)
        ui_outline(ctx, r, u * 2.5f, 2, p->line, p->surface);
    ui_fill(ctx, (ui_rect){r.x + pad, r.y + pad, u * 8, u * 0.8f}, p->accent);
    int big = (int)(ui_text_size(ctx, STYLE_TITLE) * 1.5f);
    ui_text_opts no = {STYLE_TITLE, big, TEXT_ALIGN_START, false, 2};
    float y = r.y + pad + u * 3;
    const text_layout *nl = ui_layout(ctx, name, r.w - 2 * pad, &no);
    if (nl) { /* the name is read by Listen: highlighted while heard */
        ui_listen_highlight(ctx, name, nl, r.x + pad, y, true, NULL, NULL);
        ui_draw_layout(ctx, nl, r.x + pad, y, p->text);
        y += nl->height;
    }
    ui_text_opts oo = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 1};
    y += u;
    y += ui_text(ctx, other, r.x + pad, y, r.w - 2 * pad, &oo, p->muted);
    ui_text_opts dt = {STYLE_BODY, 0, TEXT_ALIGN_START, false, 2};
    const text_layout *l = ui_layout(ctx, detail, r.w - 2 * pad, &dt);
    if (l)
        ui_draw_layout(ctx, l, r.x + pad, r.y + r.h - pad - l->height, p->accent);
}

static void home_draw(ui_ctx *ctx)
{
    const ui_palette *p = &ctx->pal;
    const bundle *b = ctx->b;
    bundle_lang other = ctx->lang == BUNDLE_ZH ? BUNDLE_EN : BUNDLE_ZH;
    const ui_geometry *m = &ctx->m;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, p->bg);
    ui_lang_toggle(ctx, m->lang);
    if (home_listens(ctx)) {
        listen_phase ph = listen_phase_of(ctx, HOME_LISTEN_OWNER);
        ui_button(ctx, m->home.listen, ui_str(ctx, ph == LISTEN_PLAYING ? "pause" : "listen"),
                  ph == LISTEN_IDLE ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY, 0);
    }

    int big = (int)(ui_text_size(ctx, STYLE_TITLE) * 1.8f);
    ui_text_opts to = {STYLE_TITLE, big, TEXT_ALIGN_START, false, 2};
    float y = m->home.title.y;
    const char *title = b->manifest.title.s[ctx->lang];
    const text_layout *tl = ui_layout(ctx, title, m->home.title.w, &to);
    ui_listen_highlight(ctx, title, tl, m->home.title.x, y, true, NULL, NULL);
    if (tl) {
        ui_draw_layout(ctx, tl, m->home.title.x, y, p->text);
        y += tl->height;
    }
    ui_text_opts so = {STYLE_BODY, 0, TEXT_ALIGN_START, false, 1};
    ui_text(ctx, b->manifest.title.s[other], m->home.title.x, y + m->u, m->home.title.w, &so, p->muted);

    char a[128], e[128], ae[160], ee[160];
    ui_format_int(a, sizeof a, ui_str(ctx, "excerpt_count"), (long)b->excerpt_count);
    ui_format_int(e, sizeof e, ui_str(ctx, "event_count"), (long)b->event_count);
    int y0 = b->event_count ? b->events[0].date.year : 0;
    int y1 = b->event_count ? b->events[b->event_count - 1].date.year : 0;
    snprintf(ae, sizeof ae, "%s", a);
    snprintf(ee, sizeof ee, "%d–%d · %s", y0, y1, e);
    choice(ctx, m->home.articles, ui_str(ctx, "articles"), ae, bundle_string(b, "articles", other));
    choice(ctx, m->home.timeline, ui_str(ctx, "timeline"), ee, bundle_string(b, "timeline", other));
}

const ui_scene scene_home = {
    .name = "home",
    .layout = home_layout,
    .gesture = home_gesture,
    .key = home_key,
    .draw = home_draw,
};
