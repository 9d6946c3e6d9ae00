#include "platform/input.h"

#include <ctype.h>
#include <string.h>

void input_init(input_state *s) { memset(s, 0, sizeof *s); }

static int slot_find(const input_state *s, SDL_FingerID id)
{
    for (int i = 0; i < INPUT_MAX_FINGERS; i++)
        if (s->used[i] && s->finger[i] == id)
            return i;
    return -1;
}

static int slot_take(input_state *s, SDL_FingerID id)
{
    int i = slot_find(s, id);
    if (i >= 0)
        return i; /* a repeated down for a known finger: reuse its slot */
    for (i = 0; i < INPUT_MAX_FINGERS; i++) {
        if (!s->used[i]) {
            s->used[i] = true;
            s->finger[i] = id;
            return i;
        }
    }
    return -1;
}

/* Lowercase SDL key name with spaces removed: "Escape" -> "escape",
 * "Page Up" -> "pageup"; the script's key names use the same spelling. */
static void key_name(SDL_Keycode k, char *out, size_t n)
{
    const char *name = SDL_GetKeyName(k);
    size_t j = 0;
    for (size_t i = 0; name[i] && j + 1 < n; i++)
        if (name[i] != ' ')
            out[j++] = (char)tolower((unsigned char)name[i]);
    out[j] = '\0';
}

bool input_translate(input_state *s, const display *d, const SDL_Event *ev, double now,
                     input_event *out, bool *quit)
{
    memset(out, 0, sizeof *out);
    out->t = now;
    switch (ev->type) {
    case SDL_QUIT:
        *quit = true;
        return false;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        int slot = ev->type == SDL_FINGERDOWN ? slot_take(s, ev->tfinger.fingerId)
                                              : slot_find(s, ev->tfinger.fingerId);
        if (slot < 0)
            return false;
        out->type = ev->type == SDL_FINGERDOWN     ? INPUT_DOWN
                    : ev->type == SDL_FINGERMOTION ? INPUT_MOVE
                                                   : INPUT_UP;
        out->pointer = slot;
        display_panel_to_picture(d, ev->tfinger.x, ev->tfinger.y, &out->x, &out->y);
        if (ev->type == SDL_FINGERUP)
            s->used[slot] = false;
        return true;
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION: {
        if (ev->type == SDL_MOUSEMOTION ? ev->motion.which == SDL_TOUCH_MOUSEID
                                        : ev->button.which == SDL_TOUCH_MOUSEID)
            return false;
        if (ev->type == SDL_MOUSEBUTTONDOWN) {
            if (ev->button.button != SDL_BUTTON_LEFT)
                return false;
            s->mouse_down = true;
            out->type = INPUT_DOWN;
        } else if (ev->type == SDL_MOUSEBUTTONUP) {
            if (ev->button.button != SDL_BUTTON_LEFT || !s->mouse_down)
                return false;
            s->mouse_down = false;
            out->type = INPUT_UP;
        } else {
            if (!s->mouse_down)
                return false; /* no hover affordances: motion matters only while pressed */
            out->type = INPUT_MOVE;
        }
        int mx = ev->type == SDL_MOUSEMOTION ? ev->motion.x : ev->button.x;
        int my = ev->type == SDL_MOUSEMOTION ? ev->motion.y : ev->button.y;
        int ww = 1, wh = 1;
        SDL_Window *win = SDL_GetWindowFromID(ev->type == SDL_MOUSEMOTION ? ev->motion.windowID
                                                                          : ev->button.windowID);
        if (win)
            SDL_GetWindowSize(win, &ww, &wh);
        out->pointer = INPUT_MOUSE_POINTER;
        display_panel_to_picture(d, (float)mx / (float)ww, (float)my / (float)wh, &out->x,
                                 &out->y);
        return true;
    }
    case SDL_KEYDOWN:
        if (ev->key.repeat)
            return false;
        out->type = INPUT_KEY;
        key_name(ev->key.keysym.sym, out->key, sizeof out->key);
        return true;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            for (int i = 0; i < INPUT_MAX_FINGERS; i++)
                s->used[i] = false;
            s->mouse_down = false;
            out->type = INPUT_CANCEL;
            return true;
        }
        return false;
    default:
        return false;
    }
}
