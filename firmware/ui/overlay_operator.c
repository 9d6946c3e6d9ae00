#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui/overlays.h"
#include "ui/scene_reader.h"
#include "ui/scene_timeline.h"
#include "ui/widgets.h"

static const char *const op_actions[OPERATOR_ACTIONS] = {
    "reload", "rotate", "large-text", "reduced-motion", "high-contrast", "reach", "test-sound", "screenshot", "close"};
static const char *const op_labels[OPERATOR_ACTIONS] = {
    "operator_reload",     "operator_rotate",     "operator_large_text", "operator_reduced_motion",
    "operator_high_contrast", "operator_reach",   "operator_test_sound", "operator_screenshot",
    "operator_close"};
#define OP_CLOSE (OPERATOR_ACTIONS - 1)

static void set_phase(operator_overlay *op, ui_ctx *ctx, operator_phase ph);

void operator_reset(operator_overlay *op)
{
    memset(op, 0, sizeof *op);
    op->hold_armed = true;
}

bool operator_is_open(const operator_overlay *op) { return op->phase != OPERATOR_CLOSED; }

void operator_set_message(operator_overlay *op, const char *msg) { op->message = msg; }

void operator_set_update(operator_overlay *op, const char *msg) { op->update = msg; }

void operator_set_config(operator_overlay *op, const char *msg) { op->config = msg; }

void operator_set_memory(operator_overlay *op, long rss_kb) { op->rss_kb = rss_kb; }

void operator_close(operator_overlay *op, ui_ctx *ctx)
{
    if (op->phase != OPERATOR_CLOSED)
        set_phase(op, ctx, OPERATOR_CLOSED);
}

static void set_phase(operator_overlay *op, ui_ctx *ctx, operator_phase ph)
{
    static const char *const names[] = {"close", "pin", "open"};
    op->phase = ph;
    op->npin = 0;
    op->pin[0] = '\0';
    op->wrong = false;
    op->opened = ctx->now;
    if (ph == OPERATOR_MENU)
        op->message = NULL;
    if (ph != OPERATOR_CLOSED)
        listen_stop(ctx, "operator"); /* the menu (and its PIN pad) silence the exhibit */
    ui_trace_str(ctx, "operator", "phase", names[ph]);
    ui_relayout(ctx);
}

/* One digit of the PIN, tapped or typed; the PIN's last digit opens the
 * menu or says it was wrong. */
static void pin_digit(operator_overlay *op, ui_ctx *ctx, char digit)
{
    if (op->npin >= (int)sizeof op->pin - 1)
        return;
    op->pin[op->npin++] = digit;
    op->pin[op->npin] = '\0';
    op->wrong = false;
    if ((size_t)op->npin != strlen(ctx->b->manifest.pin))
        return;
    if (strcmp(op->pin, ctx->b->manifest.pin) == 0) {
        set_phase(op, ctx, OPERATOR_MENU);
    } else {
        ui_trace_str(ctx, "operator", "phase", "wrong-pin");
        op->wrong = true;
        op->npin = 0;
        op->pin[0] = '\0';
    }
}

/* The digit of a key of the number row or the keypad ("7", "keypad7"), or 0. */
static char key_digit(const char *key)
{
    if (strncmp(key, "keypad", 6) == 0)
        key += 6;
    return key[0] >= '0' && key[0] <= '9' && key[1] == '\0' ? key[0] : 0;
}

bool operator_key(operator_overlay *op, ui_ctx *ctx, const char *key)
{
    /* F12 is a door like the corner hold: to the PIN pad, never straight to
     * the menu (a keyboard is something a visitor can plug in). */
    if (strcmp(key, "f12") == 0 && !op->f12_off) {
        set_phase(op, ctx, op->phase == OPERATOR_CLOSED ? OPERATOR_PIN : OPERATOR_CLOSED);
        return true;
    }
    if (op->phase == OPERATOR_CLOSED)
        return false;
    if (strcmp(key, "escape") == 0) {
        set_phase(op, ctx, OPERATOR_CLOSED);
        return true;
    }
    if (op->phase == OPERATOR_PIN) {
        char d = key_digit(key);
        if (d) {
            pin_digit(op, ctx, d);
        } else if (strcmp(key, "backspace") == 0 && op->npin > 0) {
            op->pin[--op->npin] = '\0';
        }
        ctx->dirty = true;
    }
    return true;
}

static void action(operator_overlay *op, ui_ctx *ctx, int i)
{
    ui_trace_str(ctx, "operator_action", "action", op_actions[i]);
    switch (i) {
    case 0: ctx->req.reload = true; break;
    case 1: ctx->req.rotate = true; break;
    case 2:
        ctx->large_text = !ctx->large_text;
        ui_relayout(ctx);
        break;
    case 3: ctx->reduced_motion = !ctx->reduced_motion; break;
    case 4:
        ctx->high_contrast = !ctx->high_contrast;
        ui_update_palette(ctx);
        break;
    case 5:
        /* Reach mode, from what it is now (the configuration's setting, or
         * auto by the picture's shape) to the other; the screens are laid
         * out again so every visitor control moves into (or out of) the zone. */
        ctx->reach = reach_mode_on(ctx->reach, ctx->w, ctx->h) ? REACH_OFF : REACH_ON;
        ui_trace_str(ctx, "reach", "mode", ctx->reach == REACH_ON ? "on" : "off");
        ui_relayout(ctx);
        break;
    case 6:
        /* The sound check: a tone at the configured volume through the
         * configured device (the menu already silenced any reading). */
        if (ctx->listen.be && ctx->listen.be->tone) {
            ctx->listen.be->tone(ctx->listen.be->user, ctx->now);
            ui_trace_str(ctx, "listen", "phase", "tone");
        } else {
            op->message = "no audio device: see the log";
        }
        break;
    case 7: ctx->req.screenshot = true; break;
    case OP_CLOSE: set_phase(op, ctx, OPERATOR_CLOSED); break;
    }
    ctx->dirty = true;
}

bool operator_gesture(operator_overlay *op, ui_ctx *ctx, const gesture_event *g)
{
    if (op->phase == OPERATOR_CLOSED)
        return false;
    if (g->type != GESTURE_TAP)
        return true;
    const target *t = targets_hit(&ctx->targets, g->x, g->y);
    if (!t)
        return true;
    if (op->phase == OPERATOR_PIN) {
        if (strcmp(t->id, "pin:cancel") == 0) {
            set_phase(op, ctx, OPERATOR_CLOSED);
        } else if (strcmp(t->id, "pin:clear") == 0) {
            op->npin = 0;
            op->pin[0] = '\0';
        } else if (strncmp(t->id, "pin:", 4) == 0) {
            pin_digit(op, ctx, t->id[4]);
        }
        ctx->dirty = true;
        return true;
    }
    for (int i = 0; i < OPERATOR_ACTIONS; i++) {
        char id[32];
        snprintf(id, sizeof id, "op:%s", op_actions[i]);
        if (strcmp(t->id, id) == 0)
            action(op, ctx, i);
    }
    return true;
}

void operator_update(operator_overlay *op, ui_ctx *ctx, const gesture_state *gs)
{
    float corner = OPERATOR_CORNER_MM * ctx->px_per_mm;
    if (op->phase == OPERATOR_CLOSED) {
        int p = gesture_held_in(gs, ctx->now, OPERATOR_HOLD_S, 0, 0, corner, corner);
        if (p >= 0 && op->hold_armed) {
            op->hold_armed = false;
            set_phase(op, ctx, OPERATOR_PIN);
        } else if (p < 0) {
            bool any = false;
            for (int i = 0; i < INPUT_MAX_POINTERS; i++)
                any |= ctx->ptr_down[i];
            if (!any)
                op->hold_armed = true;
            else
                ui_wake_at(ctx, ctx->now + 0.25); /* a finger is down: watch the hold */
        }
    } else if (op->phase == OPERATOR_PIN) {
        if (ctx->now - op->opened > OPERATOR_PIN_TIMEOUT_S)
            set_phase(op, ctx, OPERATOR_CLOSED);
        else
            ui_wake_at(ctx, op->opened + OPERATOR_PIN_TIMEOUT_S);
    } else {
        /* The menu shows uptime and frame rate: refresh once a second. */
        double next = floor(ctx->now) + 1;
        if (next - ctx->now < 1.0 / 30)
            ctx->dirty = true;
        ui_wake_at(ctx, next);
    }
}

void operator_layout(operator_overlay *op, ui_ctx *ctx)
{
    if (op->phase == OPERATOR_CLOSED)
        return;
    float u = ctx->m.u;
    targets_clear(&ctx->targets); /* the overlay is modal */
    float w = fminf(ctx->w - 2 * u * 4, op->phase == OPERATOR_PIN ? u * 70 : u * 150);
    float h = ctx->h - u * 8;
    op->panel = (ui_rect){(ctx->w - w) / 2, (ctx->h - h) / 2, w, h};
    if (op->phase == OPERATOR_PIN) {
        op->display = (ui_rect){op->panel.x + u * 4, op->panel.y + u * 14, w - u * 8, u * 10};
        float kw = (w - u * 12) / 3, top = op->display.y + op->display.h + u * 3;
        float kh = fminf(kw * 0.6f, (op->panel.y + h - u * 4 - top - u * 6) / 4);
        static const char *const keys[OPERATOR_KEYS] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "cancel"};
        for (int i = 0; i < OPERATOR_KEYS; i++)
            op->keys[i] = (ui_rect){op->panel.x + u * 4 + (i % 3) * (kw + u * 2), top + (i / 3) * (kh + u * 2), kw, kh};
        /* The pad is as tall as its keys, centred. */
        float ph = op->keys[OPERATOR_KEYS - 1].y + op->keys[OPERATOR_KEYS - 1].h + u * 4 - op->panel.y;
        float dy = (op->panel.h - ph) / 2;
        op->panel.h = ph;
        op->panel.y += dy;
        op->display.y += dy;
        for (int i = 0; i < OPERATOR_KEYS; i++) {
            op->keys[i].y += dy;
            char id[16];
            snprintf(id, sizeof id, "pin:%s", keys[i]);
            targets_add(&ctx->targets, id, op->keys[i].x, op->keys[i].y, op->keys[i].w, op->keys[i].h);
        }
        return;
    }
    /* Menu: information on the left (top in portrait), actions on the right. */
    bool wide = ctx->w >= ctx->h;
    float bx = wide ? op->panel.x + w * 0.55f : op->panel.x + u * 4;
    float bw = wide ? w * 0.45f - u * 4 : w - u * 8;
    float btop = wide ? op->panel.y + u * 12 : op->panel.y + h * 0.45f;
    float bh = fminf(u * 9, (op->panel.y + h - u * 3 - btop) / OPERATOR_ACTIONS - u * 1.5f);
    for (int i = 0; i < OPERATOR_ACTIONS; i++) {
        op->buttons[i] = (ui_rect){bx, btop + i * (bh + u * 1.5f), bw, bh};
        char id[32];
        snprintf(id, sizeof id, "op:%s", op_actions[i]);
        targets_add(&ctx->targets, id, op->buttons[i].x, op->buttons[i].y, op->buttons[i].w, op->buttons[i].h);
    }
}

void operator_draw(const operator_overlay *op, ui_ctx *ctx)
{
    if (op->phase == OPERATOR_CLOSED)
        return;
    const ui_palette *p = &ctx->pal;
    float u = ctx->m.u;
    ui_fill(ctx, (ui_rect){0, 0, (float)ctx->w, (float)ctx->h}, (dl_colour){0, 0, 0, 230});
    ui_round(ctx, op->panel, u * 2, p->surface);
    ui_text_opts t = {STYLE_TITLE, 0, TEXT_ALIGN_START, false, 1};
    ui_text(ctx, ui_str(ctx, op->phase == OPERATOR_PIN ? "operator_pin" : "operator_title"), op->panel.x + u * 4,
            op->panel.y + u * 4, op->panel.w - u * 8, &t, p->text);
    if (op->phase == OPERATOR_PIN) {
        ui_round(ctx, op->display, u, p->bg);
        char dots[64] = "";
        for (int i = 0; i < op->npin && i < 16; i++)
            strcat(dots, "● ");
        ui_text_opts d = {STYLE_TITLE, 0, TEXT_ALIGN_CENTRE, false, 1};
        ui_text(ctx, op->wrong ? "× × × ×" : dots, op->display.x, op->display.y + u * 2, op->display.w, &d,
                op->wrong ? p->category[BUNDLE_CAT_INCIDENT] : p->accent);
        static const char *const keys[OPERATOR_KEYS] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "×"};
        for (int i = 0; i < OPERATOR_KEYS; i++)
            ui_button(ctx, op->keys[i], keys[i], UI_BUTTON_SECONDARY, ui_text_size(ctx, STYLE_TITLE));
        return;
    }
    const bundle *b = ctx->b;
    time_t wall = ui_wall(ctx);
    char info[1024];
    long up = (long)ctx->now;
    snprintf(info, sizeof info,
             "%s %s\n%s\nuptime %ldh %02ldm %02lds · %.0f frames drawn/s · %ld MiB\n"
             "today: %s %d · %s %d · %s %d · %s %d",
             b->manifest.id, b->manifest.version, b->dir, up / 3600, (up / 60) % 60, up % 60, ctx->fps,
             op->rss_kb > 0 ? op->rss_kb / 1024 : 0, STATS_TOTAL_SESSIONS,
             stats_today(ctx->st, STATS_TOTAL, STATS_TOTAL_SESSIONS, wall), STATS_TOTAL_TOUCHES,
             stats_today(ctx->st, STATS_TOTAL, STATS_TOTAL_TOUCHES, wall), scene_reader.name,
             stats_today(ctx->st, STATS_SCENE, scene_reader.name, wall), scene_timeline.name,
             stats_today(ctx->st, STATS_SCENE, scene_timeline.name, wall));
    bool wide = ctx->w >= ctx->h;
    float iw = wide ? op->panel.w * 0.5f - u * 6 : op->panel.w - u * 8;
    ui_text_opts io = {STYLE_CAPTION, 0, TEXT_ALIGN_START, false, 0};
    float y = op->panel.y + u * 12;
    y += ui_text(ctx, info, op->panel.x + u * 4, y, iw, &io, p->muted) + u * 2;
    char modes[256];
    snprintf(modes, sizeof modes,
             "rotate %d° · large text %s · reduced motion %s · high contrast %s · reach %s", ctx->rotate,
             ctx->large_text ? "on" : "off", ctx->reduced_motion ? "on" : "off",
             ctx->high_contrast ? "on" : "off", reach_mode_on(ctx->reach, ctx->w, ctx->h) ? "on" : "off");
    y += ui_text(ctx, modes, op->panel.x + u * 4, y, iw, &io, p->muted) + u * 2;
    if (op->config)
        y += ui_text(ctx, op->config, op->panel.x + u * 4, y, iw, &io, p->accent) + u * 2;
    if (op->update)
        y += ui_text(ctx, op->update, op->panel.x + u * 4, y, iw, &io, p->text) + u * 2;
    if (op->message)
        ui_text(ctx, op->message, op->panel.x + u * 4, y, iw, &io, p->accent);
    for (int i = 0; i < OPERATOR_ACTIONS; i++)
        ui_button(ctx, op->buttons[i], ui_str(ctx, op_labels[i]),
                  i == OP_CLOSE ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY, 0);
}
