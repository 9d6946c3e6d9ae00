#include "ui/gesture.h"

#include <math.h>
#include <string.h>

/* Where emitted events go: the caller's array, or the drop counter. */
typedef struct {
    gesture_state *g;
    gesture_event *out;
    size_t cap, n;
} sink;

static void push(sink *s, const gesture_event *e)
{
    if (s->n < s->cap && s->out)
        s->out[s->n++] = *e;
    else
        s->g->dropped++;
}

static gesture_event make(const gesture_state *g, gesture_type type, double t)
{
    gesture_event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.pointer = g->owner;
    e.t = t;
    e.scale = 1.0f;
    e.dir = GESTURE_DIR_NONE;
    return e;
}

static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

static float dist(float ax, float ay, float bx, float by) { return hypotf(bx - ax, by - ay); }

/* Times never run backwards: a late or garbled timestamp is clamped. */
static double advance(gesture_state *g, double t)
{
    if (!g->have_now || t > g->now) {
        g->now = t;
        g->have_now = true;
    }
    return g->now;
}

void gesture_init(gesture_state *g, float px_per_mm)
{
    memset(g, 0, sizeof *g);
    if (!(px_per_mm > 0.0f) || !isfinite(px_per_mm))
        px_per_mm = GESTURE_DEFAULT_PX_PER_MM;
    g->px_per_mm = px_per_mm;
    g->slop_px = GESTURE_TAP_SLOP_MM * px_per_mm;
    g->pinch_max_px = GESTURE_PINCH_MAX_MM * px_per_mm;
    g->swipe_min_px_s = GESTURE_SWIPE_MIN_MM_S * px_per_mm;
    g->max_speed_px_s = GESTURE_MAX_SPEED_MM_S * px_per_mm;
    g->phase = GESTURE_PHASE_IDLE;
    g->owner = -1;
    g->second = -1;
}

void gesture_reset(gesture_state *g)
{
    for (int i = 0; i < INPUT_MAX_POINTERS; i++)
        g->p[i].ignored = g->p[i].down;
    g->phase = GESTURE_PHASE_IDLE;
    g->owner = -1;
    g->second = -1;
    g->hist_n = 0;
    g->hist_head = 0;
}

/* --- the owner's recent samples and its velocity -------------------------- */

static void hist_add(gesture_state *g, float x, float y, double t)
{
    g->hist[g->hist_head] = (gesture_sample){x, y, t};
    g->hist_head = (g->hist_head + 1) % GESTURE_HISTORY;
    if (g->hist_n < GESTURE_HISTORY)
        g->hist_n++;
}

static const gesture_sample *hist_at(const gesture_state *g, int k) /* k = 0: newest */
{
    return &g->hist[(g->hist_head - 1 - k + 2 * GESTURE_HISTORY) % GESTURE_HISTORY];
}

/* Velocity of the owner at time t_end: displacement from the oldest sample
 * inside the window to the newest position, over that span. A finger that
 * has sent nothing lately is still, so the span runs to t_end, not to the
 * newest sample. Spans shorter than GESTURE_VELOCITY_MIN_SPAN_S (a final
 * sample with dt = 0, two samples in the same millisecond) reach one sample
 * further back rather than dividing by almost nothing. */
static void owner_velocity(const gesture_state *g, double t_end, float *vx, float *vy)
{
    *vx = *vy = 0.0f;
    if (g->hist_n == 0)
        return;
    const gesture_sample *end = hist_at(g, 0);
    if (t_end < end->t)
        t_end = end->t;
    const gesture_sample *start = end;
    for (int k = 1; k < g->hist_n; k++) {
        const gesture_sample *s = hist_at(g, k);
        bool outside = t_end - s->t > GESTURE_VELOCITY_WINDOW_S;
        if (outside && t_end - start->t >= GESTURE_VELOCITY_MIN_SPAN_S)
            break;
        start = s;
        if (outside)
            break;
    }
    double span = t_end - start->t;
    if (!(span >= GESTURE_VELOCITY_MIN_SPAN_S * 0.5))
        return; /* no usable history: report no velocity rather than a guess */
    float ux = (float)((end->x - start->x) / span), uy = (float)((end->y - start->y) / span);
    float speed = hypotf(ux, uy);
    if (!isfinite(speed))
        return;
    if (speed > g->max_speed_px_s) {
        ux *= g->max_speed_px_s / speed;
        uy *= g->max_speed_px_s / speed;
    }
    *vx = ux;
    *vy = uy;
}

/* --- gesture transitions ------------------------------------------------ */

static void end_gesture(gesture_state *g)
{
    g->phase = GESTURE_PHASE_IDLE;
    g->owner = -1;
    g->second = -1;
    g->hist_n = 0;
}

static void check_long_press(gesture_state *g, double t, sink *s)
{
    if (g->phase != GESTURE_PHASE_PENDING)
        return;
    const gesture_pointer *o = &g->p[g->owner];
    if (t - o->t0 < GESTURE_LONG_PRESS_S)
        return;
    gesture_event e = make(g, GESTURE_LONG_PRESS, t);
    e.x = o->x;
    e.y = o->y;
    e.x0 = o->x0;
    e.y0 = o->y0;
    push(s, &e);
    g->phase = GESTURE_PHASE_SPENT;
}

static gesture_event pan_event(const gesture_state *g, gesture_type type, double t)
{
    const gesture_pointer *o = &g->p[g->owner];
    gesture_event e = make(g, type, t);
    e.x = o->x;
    e.y = o->y;
    e.x0 = o->x0;
    e.y0 = o->y0;
    e.dx = o->x - g->last_x;
    e.dy = o->y - g->last_y;
    e.total_x = o->x - o->x0;
    e.total_y = o->y - o->y0;
    return e;
}

static void pinch_centre(const gesture_state *g, float *cx, float *cy)
{
    const gesture_pointer *a = &g->p[g->owner], *b = &g->p[g->second];
    *cx = (a->x + b->x) * 0.5f;
    *cy = (a->y + b->y) * 0.5f;
}

static gesture_event pinch_event(const gesture_state *g, gesture_type type, double t)
{
    gesture_event e = make(g, type, t);
    e.x = g->last_x;
    e.y = g->last_y;
    e.x0 = g->pinch_x0;
    e.y0 = g->pinch_y0;
    e.scale = g->pinch_scale;
    return e;
}

/* May a second finger landing at (x, y) at time t make a pinch? */
static bool pinch_allowed(const gesture_state *g, float x, float y, double t)
{
    if (g->phase != GESTURE_PHASE_PENDING && g->phase != GESTURE_PHASE_PANNING)
        return false;
    const gesture_pointer *o = &g->p[g->owner];
    if (dist(o->x, o->y, x, y) > g->pinch_max_px)
        return false;
    if (g->phase == GESTURE_PHASE_PENDING || t - o->t0 <= GESTURE_PINCH_WINDOW_S)
        return true;
    float vx, vy;
    owner_velocity(g, t, &vx, &vy);
    return hypotf(vx, vy) < g->swipe_min_px_s;
}

static void begin_pinch(gesture_state *g, int id, double t, sink *s)
{
    if (g->phase == GESTURE_PHASE_PANNING) {
        /* Zero velocity: the pan is being taken over, not thrown. */
        gesture_event e = pan_event(g, GESTURE_PAN_END, t);
        push(s, &e);
    }
    const gesture_pointer *a = &g->p[g->owner], *b = &g->p[id];
    g->phase = GESTURE_PHASE_PINCHING;
    g->second = id;
    /* A distance of less than a pixel would make the scale explode. */
    g->pinch_d0 = fmaxf(dist(a->x, a->y, b->x, b->y), 1.0f);
    g->pinch_scale = 1.0f;
    pinch_centre(g, &g->last_x, &g->last_y);
    g->pinch_x0 = g->last_x;
    g->pinch_y0 = g->last_y;
    gesture_event e = pinch_event(g, GESTURE_PINCH_BEGIN, t);
    push(s, &e);
}

static void update_pinch(gesture_state *g, double t, sink *s)
{
    const gesture_pointer *a = &g->p[g->owner], *b = &g->p[g->second];
    float cx, cy;
    pinch_centre(g, &cx, &cy);
    float scale = dist(a->x, a->y, b->x, b->y) / g->pinch_d0;
    if (scale == g->pinch_scale && cx == g->last_x && cy == g->last_y)
        return; /* duplicate sample */
    g->pinch_scale = scale;
    g->last_x = cx;
    g->last_y = cy;
    gesture_event e = pinch_event(g, GESTURE_PINCH_MOVE, t);
    push(s, &e);
}

static void pointer_down(gesture_state *g, int id, float x, float y, double t, sink *s)
{
    gesture_pointer *p = &g->p[id];
    *p = (gesture_pointer){
        .down = true, .x = x, .y = y, .x0 = x, .y0 = y, .t0 = t,
        .rest_x = x, .rest_y = y, .rest_t = t,
    };
    if (g->phase == GESTURE_PHASE_IDLE) {
        g->owner = id;
        g->phase = GESTURE_PHASE_PENDING;
        g->hist_n = 0;
        hist_add(g, x, y, t);
    } else if (pinch_allowed(g, x, y, t)) {
        begin_pinch(g, id, t, s);
    } else {
        p->ignored = true;
    }
}

static void owner_moved(gesture_state *g, double t, sink *s)
{
    const gesture_pointer *o = &g->p[g->owner];
    switch (g->phase) {
    case GESTURE_PHASE_PENDING:
        if (dist(o->x0, o->y0, o->x, o->y) > g->slop_px) {
            g->phase = GESTURE_PHASE_PANNING;
            g->last_x = o->x0;
            g->last_y = o->y0;
            gesture_event e = pan_event(g, GESTURE_PAN_BEGIN, t);
            push(s, &e);
            g->last_x = o->x;
            g->last_y = o->y;
        }
        break;
    case GESTURE_PHASE_PANNING:
        if (o->x != g->last_x || o->y != g->last_y) {
            gesture_event e = pan_event(g, GESTURE_PAN_MOVE, t);
            push(s, &e);
            g->last_x = o->x;
            g->last_y = o->y;
        }
        break;
    case GESTURE_PHASE_PINCHING:
        update_pinch(g, t, s);
        break;
    default:
        break;
    }
}

static void pointer_move(gesture_state *g, int id, float x, float y, double t, sink *s)
{
    gesture_pointer *p = &g->p[id];
    p->x = x;
    p->y = y;
    if (dist(p->rest_x, p->rest_y, x, y) > g->slop_px) {
        p->rest_x = x;
        p->rest_y = y;
        p->rest_t = t;
    }
    if (p->ignored)
        return;
    if (id == g->owner) {
        hist_add(g, x, y, t);
        owner_moved(g, t, s);
    } else if (id == g->second && g->phase == GESTURE_PHASE_PINCHING) {
        update_pinch(g, t, s);
    }
}

static void pointer_up(gesture_state *g, int id, float x, float y, double t, sink *s)
{
    gesture_pointer *p = &g->p[id];
    if (p->ignored) {
        *p = (gesture_pointer){0};
        return;
    }
    /* The lift position is news: a pan may have moved, a tap may have
     * slid out of the slop. */
    if (id == g->owner && g->phase != GESTURE_PHASE_PINCHING)
        pointer_move(g, id, x, y, t, s);
    if (g->phase == GESTURE_PHASE_PINCHING && (id == g->owner || id == g->second)) {
        gesture_event e = pinch_event(g, GESTURE_PINCH_END, t);
        push(s, &e);
        if (id == g->owner)
            g->owner = g->second;
        g->second = -1;
        g->phase = GESTURE_PHASE_SPENT; /* the remaining finger neither pans nor flings */
        g->hist_n = 0;
    } else if (id == g->owner) {
        if (g->phase == GESTURE_PHASE_PENDING) {
            gesture_event e = make(g, GESTURE_TAP, t);
            e.x = p->x;
            e.y = p->y;
            e.x0 = p->x0;
            e.y0 = p->y0;
            push(s, &e);
        } else if (g->phase == GESTURE_PHASE_PANNING) {
            gesture_event e = pan_event(g, GESTURE_PAN_END, t);
            owner_velocity(g, t, &e.vx, &e.vy);
            e.speed = hypotf(e.vx, e.vy);
            push(s, &e);
            if (e.speed >= g->swipe_min_px_s) {
                gesture_event w = e;
                w.type = GESTURE_SWIPE;
                w.dx = w.dy = 0.0f;
                if (fabsf(e.vx) >= fabsf(e.vy))
                    w.dir = e.vx < 0 ? GESTURE_DIR_LEFT : GESTURE_DIR_RIGHT;
                else
                    w.dir = e.vy < 0 ? GESTURE_DIR_UP : GESTURE_DIR_DOWN;
                push(s, &w);
            }
        }
        end_gesture(g);
    }
    *p = (gesture_pointer){0};
}

size_t gesture_feed(gesture_state *g, const input_event *ev, gesture_event *out, size_t cap)
{
    sink s = {g, out, cap, 0};
    if (!ev)
        return 0;
    if (ev->type == INPUT_CANCEL) {
        if (isfinite(ev->t))
            advance(g, ev->t);
        if (g->phase != GESTURE_PHASE_IDLE) {
            gesture_event e = make(g, GESTURE_CANCEL, g->now);
            e.x = g->p[g->owner].x;
            e.y = g->p[g->owner].y;
            e.x0 = g->p[g->owner].x0;
            e.y0 = g->p[g->owner].y0;
            push(&s, &e);
        }
        memset(g->p, 0, sizeof g->p);
        end_gesture(g);
        return s.n;
    }
    if (ev->type != INPUT_DOWN && ev->type != INPUT_MOVE && ev->type != INPUT_UP)
        return 0; /* keys and anything unknown */
    int id = ev->pointer;
    if (id < 0 || id >= INPUT_MAX_POINTERS || !isfinite(ev->x) || !isfinite(ev->y) ||
        !isfinite(ev->t))
        return 0;
    float x = clampf(ev->x, -GESTURE_COORD_LIMIT_PX, GESTURE_COORD_LIMIT_PX);
    float y = clampf(ev->y, -GESTURE_COORD_LIMIT_PX, GESTURE_COORD_LIMIT_PX);
    double t = advance(g, ev->t);
    /* A long press that fell due before this event happens first, as it
     * would have with frames in between. */
    check_long_press(g, t, &s);
    bool down = g->p[id].down;
    if (ev->type == INPUT_DOWN && !down)
        pointer_down(g, id, x, y, t, &s);
    else if (down && ev->type == INPUT_UP)
        pointer_up(g, id, x, y, t, &s);
    else if (down)
        pointer_move(g, id, x, y, t, &s); /* a MOVE, or a repeated DOWN */
    return s.n;
}

size_t gesture_update(gesture_state *g, double now, gesture_event *out, size_t cap)
{
    sink s = {g, out, cap, 0};
    if (!isfinite(now))
        return 0;
    check_long_press(g, advance(g, now), &s);
    return s.n;
}

double gesture_still_for(const gesture_state *g, int pointer, double now)
{
    if (pointer < 0 || pointer >= INPUT_MAX_POINTERS || !g->p[pointer].down)
        return 0.0;
    double d = now - g->p[pointer].rest_t;
    return d > 0.0 ? d : 0.0;
}

int gesture_held_in(const gesture_state *g, double now, double seconds,
                    float x, float y, float w, float h)
{
    for (int i = 0; i < INPUT_MAX_POINTERS; i++) {
        const gesture_pointer *p = &g->p[i];
        if (p->down && gesture_still_for(g, i, now) >= seconds && p->rest_x >= x &&
            p->rest_x < x + w && p->rest_y >= y && p->rest_y < y + h)
            return i;
    }
    return -1;
}

const char *gesture_type_name(gesture_type type)
{
    static const char *const names[] = {
        "tap", "long_press", "pan_begin", "pan_move", "pan_end", "swipe",
        "pinch_begin", "pinch_move", "pinch_end", "cancel",
    };
    return (unsigned)type < sizeof names / sizeof names[0] ? names[type] : "?";
}

const char *gesture_dir_name(gesture_dir dir)
{
    static const char *const names[] = {"none", "left", "right", "up", "down"};
    return (unsigned)dir < sizeof names / sizeof names[0] ? names[dir] : "?";
}
