#include "platform/script_player.h"

#include <SDL.h>
#include <math.h>
#include <string.h>

#include "core/log.h"
#include "core/vclock.h"

/* Finger ids on the virtual device: script finger F is id F+1, and the
 * second finger of a pinch is 100+F+1, so ids never collide. */
static SDL_FingerID finger_id(int finger, int second) { return (SDL_FingerID)(finger + 1 + second * 100); }

static void push_finger(const display *d, Uint32 type, SDL_FingerID id, float x, float y)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.tfinger.touchId = SCRIPT_TOUCH_ID;
    ev.tfinger.fingerId = id;
    display_picture_to_panel(d, x, y, &ev.tfinger.x, &ev.tfinger.y);
    ev.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    SDL_PushEvent(&ev);
}

static void push_key(const char *name)
{
    SDL_Keycode k = SDL_GetKeyFromName(name);
    if (k == SDLK_UNKNOWN && strcmp(name, "enter") == 0)
        k = SDLK_RETURN;
    if (k == SDLK_UNKNOWN && strcmp(name, "pageup") == 0)
        k = SDLK_PAGEUP;
    if (k == SDLK_UNKNOWN && strcmp(name, "pagedown") == 0)
        k = SDLK_PAGEDOWN;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = k;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

/* Pinch finger positions: on a horizontal line through the centre. */
static void pinch_pos(const script_event *e, double dist, int which, float *x, float *y)
{
    float half = (float)dist / 2.0f;
    *x = e->x1 + (which ? half : -half);
    *y = e->y1;
}

void script_player_init(script_player *p, const script *s)
{
    memset(p, 0, sizeof *p);
    p->s = s;
}

static void start(script_player *p, const display *d, const script_event *e)
{
    switch (e->kind) {
    case SCRIPT_TAP:
    case SCRIPT_PRESS:
        push_finger(d, SDL_FINGERDOWN, finger_id(e->finger, 0), e->x1, e->y1);
        break;
    case SCRIPT_MOVE:
        push_finger(d, SDL_FINGERMOTION, finger_id(e->finger, 0), e->x1, e->y1);
        return;
    case SCRIPT_RELEASE:
        push_finger(d, SDL_FINGERUP, finger_id(e->finger, 0), e->x1, e->y1);
        return;
    case SCRIPT_DRAG:
        push_finger(d, SDL_FINGERDOWN, finger_id(e->finger, 0), e->x1, e->y1);
        break;
    case SCRIPT_PINCH: {
        float x, y;
        pinch_pos(e, e->x2, 0, &x, &y);
        push_finger(d, SDL_FINGERDOWN, finger_id(e->finger, 0), x, y);
        pinch_pos(e, e->x2, 1, &x, &y);
        push_finger(d, SDL_FINGERDOWN, finger_id(e->finger, 1), x, y);
        break;
    }
    case SCRIPT_KEY:
        push_key(e->name);
        return;
    default:
        return;
    }
    if (e->kind == SCRIPT_PRESS)
        return; /* held until its release line */
    if (p->nactive == SCRIPT_PLAYER_MAX_ACTIVE) {
        LOG_W("script", "line %d: more than %d gestures at once; lifting at once", e->line,
              SCRIPT_PLAYER_MAX_ACTIVE);
        push_finger(d, SDL_FINGERUP, finger_id(e->finger, 0), e->x1, e->y1);
        return;
    }
    p->active[p->nactive].ev = e;
    p->active[p->nactive].fingers = e->kind == SCRIPT_PINCH ? 2 : 1;
    p->nactive++;
}

/* Advances one gesture under way; returns true when it has finished. */
static bool advance(const display *d, const script_active *a, double now)
{
    const script_event *e = a->ev;
    double len = e->kind == SCRIPT_TAP ? SCRIPT_TAP_HOLD : e->dur;
    double f = (now - e->t) / len;
    bool end = f >= 1.0;
    if (end)
        f = 1.0;
    switch (e->kind) {
    case SCRIPT_TAP:
        if (end)
            push_finger(d, SDL_FINGERUP, finger_id(e->finger, 0), e->x1, e->y1);
        break;
    case SCRIPT_DRAG: {
        float x = e->x1 + (float)f * (e->x2 - e->x1);
        float y = e->y1 + (float)f * (e->y2 - e->y1);
        push_finger(d, SDL_FINGERMOTION, finger_id(e->finger, 0), x, y);
        if (end)
            push_finger(d, SDL_FINGERUP, finger_id(e->finger, 0), x, y);
        break;
    }
    case SCRIPT_PINCH: {
        double dist = e->x2 + f * (e->y2 - e->x2);
        for (int w = 0; w < 2; w++) {
            float x, y;
            pinch_pos(e, dist, w, &x, &y);
            push_finger(d, SDL_FINGERMOTION, finger_id(e->finger, w), x, y);
            if (end)
                push_finger(d, SDL_FINGERUP, finger_id(e->finger, w), x, y);
        }
        break;
    }
    default:
        return true;
    }
    return end;
}

int script_player_pump(script_player *p, const display *d, double now, script_action *actions,
                       int max)
{
    /* Gestures under way first, so a finger lifted and pressed again in the
     * same frame arrives in the right order. */
    for (int i = 0; i < p->nactive;) {
        if (p->active[i].ev->t < now && advance(d, &p->active[i], now))
            p->active[i] = p->active[--p->nactive];
        else
            i++;
    }
    int n = 0;
    /* A small tolerance keeps "1.0" from missing the frame at 60/60 s
     * because of rounding. */
    while (p->next < p->s->count && p->s->ev[p->next].t <= now + 1e-9) {
        const script_event *e = &p->s->ev[p->next];
        if ((e->kind == SCRIPT_SHOT || e->kind == SCRIPT_QUIT)) {
            if (n == max)
                break; /* the rest next frame */
            actions[n].kind = e->kind == SCRIPT_SHOT ? SCRIPT_ACTION_SHOT : SCRIPT_ACTION_QUIT;
            actions[n].name = e->name;
            actions[n].line = e->line;
            n++;
        } else {
            start(p, d, e);
        }
        p->next++;
    }
    return n;
}

bool script_player_done(const script_player *p)
{
    return p->next == p->s->count && p->nactive == 0;
}

double script_player_due(const script_player *p, double now)
{
    if (script_player_done(p))
        return INFINITY;
    if (p->nactive > 0)
        return 1.0 / VCLOCK_HZ;
    return p->next < p->s->count ? p->s->ev[p->next].t - now : 0.0;
}
