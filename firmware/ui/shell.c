#include "ui/shell.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ui/burnin.h"
#include "ui/scene_attract.h"
#include "ui/scene_error.h"
#include "ui/scene_home.h"
#include "ui/uitrace.h"
#include "ui/widgets.h"

/* The error screen's own background, for its fade-in (no bundle, no theme). */
static const dl_colour shell_error_bg = {24, 20, 20, 255};

static void shell_overlay_layout(ui_ctx *ctx)
{
    ui_shell *s = ctx->overlay_user;
    if (!operator_is_open(&s->op))
        access_layout(&s->access, ctx);
    operator_layout(&s->op, ctx);
}

bool shell_init(ui_shell *s, text_engine *te, trace *tr, stats *st, const shell_config *c,
                const shell_host *host)
{
    memset(s, 0, sizeof *s);
    ui_ctx *ui = &s->ui;
    for (size_t i = 0; i < ui_scene_list_count && i < UI_MAX_SCENES; i++) {
        size_t n = ui_scene_list[i]->state_size;
        ui->scenes[i].scene = ui_scene_list[i];
        if (n && !(ui->scenes[i].state = calloc(1, n))) {
            shell_free(s);
            return false;
        }
    }
    ui->te = te;
    ui->tr = tr;
    ui->st = st;
    ui->w = c->w;
    ui->h = c->h;
    ui->px_per_mm = c->px_per_mm;
    ui->rotate = c->rotate;
    ui->wall_start = c->wall_start;
    ui->wake_at = INFINITY;
    ui->overlay_layout = shell_overlay_layout;
    ui->overlay_user = s;
    ui->listen.be = c->listen;
    ui->listen.cur = -1;
    ui->reach = c->reach;
    ui->reach_bottom_mm = c->reach_bottom_mm ? c->reach_bottom_mm : REACH_DEFAULT_BOTTOM_MM;
    ui_geometry_compute_reach(&ui->m, ui->w, ui->h, ui->px_per_mm, false, ui_reach_zone(ui).top);
    dl_reset(&ui->dl);
    targets_init(&ui->targets, ui->px_per_mm);
    gesture_init(&s->gs, ui->px_per_mm);
    idle_reset(&s->idle);
    operator_reset(&s->op);
    s->op.f12_off = c->f12_off;
    if (host)
        s->host = *host;
    s->demo = c->demo;
    s->force_large_text = c->large_text;
    s->fade_from = -SHELL_FADE_S; /* the first picture needs no fade */
    return true;
}

void shell_free(ui_shell *s)
{
    for (size_t i = 0; i < UI_MAX_SCENES; i++) {
        free(s->ui.scenes[i].state);
        s->ui.scenes[i].state = NULL;
    }
}

void shell_show_bundle(ui_shell *s, const bundle *b)
{
    ui_ctx *ui = &s->ui;
    ui->b = b;
    ui->lang = b->manifest.default_language;
    ui->large_text = b->manifest.large_text || s->force_large_text;
    ui->reduced_motion = b->manifest.reduced_motion;
    ui->high_contrast = b->manifest.high_contrast;
    ui_update_palette(ui);
    ui->last_input = ui->now;
    idle_reset(&s->idle);
    ui_set_scene(ui, &scene_attract);
}

void shell_show_error(ui_shell *s, const char *bundle_dir, const diag_list *diags)
{
    scene_error_set(&s->ui, bundle_dir, diags);
    ui_set_scene(&s->ui, &scene_error);
}

void shell_set_picture(ui_shell *s, int w, int h, int rotate)
{
    ui_ctx *ui = &s->ui;
    ui->w = w;
    ui->h = h;
    ui->rotate = rotate;
    uitrace_rotate(ui->tr, ui->now, rotate, w, h);
    gesture_reset(&s->gs);
    ui_relayout(ui);
}

void shell_begin_frame(ui_shell *s, double now)
{
    ui_ctx *ui = &s->ui;
    if (!s->started) {
        s->started = true;
        s->shown_scene = ui->scene;
    }
    ui->dt = now - ui->now;
    ui->now = now;
    ui->wake_at = INFINITY;
}

void shell_invalidate(ui_shell *s) { s->ui.dirty = true; }

static void deliver_gestures(ui_shell *s, const gesture_event *g, size_t n)
{
    ui_ctx *ui = &s->ui;
    for (size_t i = 0; i < n; i++) {
        uitrace_gesture(ui->tr, ui->now, &g[i]);
        if (!ui->b)
            continue;
        if (operator_gesture(&s->op, ui, &g[i]))
            continue;
        if (access_gesture(&s->access, ui, &g[i]))
            continue;
        if (ui->scene && ui->scene->gesture)
            ui->scene->gesture(ui, &g[i]);
    }
}

void shell_input(ui_shell *s, const input_event *in)
{
    ui_ctx *ui = &s->ui;
    uitrace_input(ui->tr, in);
    if (in->type == INPUT_KEY) {
        if (!ui->b) {
            if (strcmp(in->key, "escape") == 0)
                ui->quit = true;
            return;
        }
        ui->last_input = ui->now;
        if (operator_key(&s->op, ui, in->key)) {
            /* F12 opened the PIN pad over the slideshow: wake the exhibit
             * under it, as a touch would (but no visitor session is
             * counted), or the slideshow's rule below (no menu in the
             * slideshow) closes it in this very frame. */
            if (operator_is_open(&s->op) && ui->scene == &scene_attract)
                ui_set_scene(ui, &scene_home);
            return;
        }
        if (ui->scene && ui->scene->key)
            ui->scene->key(ui, in->key);
        return;
    }
    if (in->pointer >= 0 && in->pointer < INPUT_MAX_POINTERS) {
        ui->ptr_down[in->pointer] = in->type == INPUT_DOWN || in->type == INPUT_MOVE;
        ui->ptr_x[in->pointer] = in->x;
        ui->ptr_y[in->pointer] = in->y;
        if (s->demo)
            ui->dirty = true;
    }
    if (in->type == INPUT_CANCEL)
        memset(ui->ptr_down, 0, sizeof ui->ptr_down);
    if (in->type == INPUT_DOWN)
        stats_count(ui->st, STATS_TOTAL, STATS_TOTAL_TOUCHES, ui_wall(ui));
    if (ui->b && in->type == INPUT_DOWN) {
        if (idle_touch(&s->idle, ui)) {
            gesture_reset(&s->gs); /* the touch that cancels the countdown does nothing else */
            return;
        }
        if (!operator_is_open(&s->op) && ui->scene && ui->scene->touch && ui->scene->touch(ui, in)) {
            gesture_reset(&s->gs);
            return;
        }
    } else if (ui->b) {
        ui->last_input = ui->now;
    }
    gesture_event g[GESTURE_MAX_EVENTS_PER_CALL];
    size_t n = gesture_feed(&s->gs, in, g, GESTURE_MAX_EVENTS_PER_CALL);
    deliver_gestures(s, g, n);
}

static void serve_requests(ui_shell *s)
{
    ui_requests *r = &s->ui.req;
    if (r->reload) {
        r->reload = false;
        if (s->host.reload)
            s->host.reload(s->host.user);
    }
    if (r->rotate) {
        r->rotate = false;
        if (s->host.rotate)
            s->host.rotate(s->host.user);
    }
    if (r->screenshot) {
        r->screenshot = false;
        if (s->host.screenshot)
            s->host.screenshot(s->host.user);
        s->ui.dirty = true;
    }
}

void shell_update(ui_shell *s)
{
    ui_ctx *ui = &s->ui;
    if (ui->b) {
        gesture_event g[GESTURE_MAX_EVENTS_PER_CALL];
        deliver_gestures(s, g, gesture_update(&s->gs, ui->now, g, GESTURE_MAX_EVENTS_PER_CALL));
        operator_update(&s->op, ui, &s->gs);
        serve_requests(s);
    }
    ui->animating = false;
    listen_update(ui);
    if (ui->scene && ui->scene->update)
        ui->scene->update(ui);
    if (ui->b) {
        idle_update(&s->idle, ui);
        /* Back in the slideshow (idle return): a menu left open closes, so a
         * visitor never finds it. */
        if (ui->scene == &scene_attract) {
            operator_close(&s->op, ui);
            access_reset(&s->access, ui); /* the visitor's modes are forgotten */
        }
    }
    if (ui->scene != s->shown_scene) {
        s->shown_scene = ui->scene;
        s->fade_from = ui->now;
    }
    if (ui->now - s->fade_from < SHELL_FADE_S && !ui->reduced_motion) {
        ui->animating = true;
        ui->dirty = true;
    }
    /* Burn-in: a static picture is drawn again when its offset changes. */
    int dx, dy;
    burnin_offset(ui->now, &dx, &dy);
    if (dx != s->drift_dx || dy != s->drift_dy)
        ui->dirty = true;
    ui_wake_at(ui, burnin_next_change(ui->now));
}

bool shell_needs_draw(const ui_shell *s) { return s->ui.dirty || s->ui.animating || s->ui.damaged; }

bool shell_damage(const ui_shell *s, int *x, int *y, int *w, int *h)
{
    const ui_ctx *ui = &s->ui;
    /* Whole frames: a scene asked for one (or moves every frame without
     * saying where), the first frame, a scene fading in, an overlay over
     * the scene (it is drawn from the same list and may cover anything),
     * touch points shown. */
    if (ui->dirty || !ui->damaged || s->renders == 0 || ui->now - s->fade_from < SHELL_FADE_S ||
        s->idle.counting || operator_is_open(&s->op) || access_is_open(&s->access) || s->demo)
        return false;
    /* Whole pixels around the rectangle, moved as burn-in moved the list. */
    float x0 = floorf(ui->damage.x) + (float)s->drift_dx, y0 = floorf(ui->damage.y) + (float)s->drift_dy;
    float x1 = ceilf(ui->damage.x + ui->damage.w) + (float)s->drift_dx;
    float y1 = ceilf(ui->damage.y + ui->damage.h) + (float)s->drift_dy;
    *x = (int)x0;
    *y = (int)y0;
    *w = (int)(x1 - x0);
    *h = (int)(y1 - y0);
    return true;
}

const dl_list *shell_draw(ui_shell *s)
{
    ui_ctx *ui = &s->ui;
    text_frame_begin(ui->te);
    dl_reset(&ui->dl);
    if (ui->scene && ui->scene->draw)
        ui->scene->draw(ui);
    if (ui->b) {
        access_draw(&s->access, ui);
        idle_draw(&s->idle, ui);
        if (s->op.phase == OPERATOR_MENU)
            operator_set_memory(&s->op, s->host.rss_kb ? s->host.rss_kb(s->host.user) : -1);
        operator_draw(&s->op, ui);
    }
    if (s->demo)
        demo_draw(ui);
    /* A new scene fades in from the background colour. */
    double f = (ui->now - s->fade_from) / SHELL_FADE_S;
    if (f < 1 && !ui->reduced_motion) {
        dl_colour bg = ui->b ? ui->pal.bg : shell_error_bg;
        ui_fill(ui, (ui_rect){0, 0, (float)ui->w, (float)ui->h}, ui_alpha(bg, 1.0f - ui_ease((float)f)));
    }
    burnin_offset(ui->now, &s->drift_dx, &s->drift_dy);
    burnin_shift(&ui->dl, s->drift_dx, s->drift_dy, ui->w, ui->h);
    return &ui->dl;
}

void shell_drawn(ui_shell *s)
{
    text_frame_end(s->ui.te);
    s->ui.dirty = false;
    s->ui.damaged = false;
    s->renders++;
    s->fps_renders++;
}

void shell_end_frame(ui_shell *s)
{
    double now = s->ui.now;
    if (now - s->fps_t0 >= 1.0) {
        s->ui.fps = s->fps_renders / (now - s->fps_t0);
        s->fps_t0 = now;
        s->fps_renders = 0;
    }
}

void shell_set_message(ui_shell *s, const char *msg) { operator_set_message(&s->op, msg); }

void shell_set_update(ui_shell *s, const char *msg)
{
    operator_set_update(&s->op, msg);
    if (operator_is_open(&s->op))
        s->ui.dirty = true;
}

void shell_reopen(ui_shell *s)
{
    if (s->ui.b)
        shell_show_bundle(s, s->ui.b);
    s->ui.dirty = true;
}

void shell_set_config(ui_shell *s, const char *msg)
{
    operator_set_config(&s->op, msg);
    if (operator_is_open(&s->op))
        s->ui.dirty = true;
}

double shell_wake_at(const ui_shell *s) { return s->ui.wake_at; }

bool shell_quit(const ui_shell *s) { return s->ui.quit; }
