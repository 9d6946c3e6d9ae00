/* trial: content updates in the running kiosk (app/trial.h). */
#include "app/trial.h"

#include <SDL.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "app/resources.h"
#include "content/load.h"
#include "core/log.h"
#include "ui/scene_attract.h"
#include "ui/scene_error.h"
#include "ui/uitrace.h"

void trial_init(trial *t, const kiosk_options *o, trace *tr, ui_shell *shell, text_engine *te,
                shown_state *shown)
{
    *t = (trial){.o = o,
                 .tr = tr,
                 .shell = shell,
                 .te = te,
                 .shown = shown,
                 .use_slots = o->state_dir != NULL,
                 .healthy_at = -1};
}

/* A message about content updates: trace and operator menu (the caller
 * logs). The text is copied to the other of the two buffers. */
static void message(trial *t, const char *msg)
{
    if (!strcmp(msg, t->msg[t->msg_cur]))
        return;
    t->msg_cur ^= 1;
    char *m = t->msg[t->msg_cur];
    snprintf(m, sizeof t->msg[0], "%s", msg);
    uitrace_str(t->tr, t->shell->ui.now, "update", "message", m);
    shell_set_update(t->shell, m);
}

/* No visitor is engaged: the slideshow or the error screen runs. */
static bool at_scene_boundary(const trial *t)
{
    return t->shell->ui.scene == &scene_attract || t->shell->ui.scene == &scene_error;
}

/* The slots say which bundle to show: loads it from dir (PATH_MAX),
 * falling back (and saying so) to the previous one while a slot does not
 * load. NULL when not even the factory bundle loads; *diags then holds its
 * problems. */
static bundle *load_current(trial *t, char *dir, diag_list *diags)
{
    char err[LOG_ERR_MAX], msg[UPDATER_STATUS_MAX];
    for (;;) {
        slots_dir(t->o->state_dir, t->slots.current.name, t->o->bundle, dir, PATH_MAX);
        bundle *b = app_load_bundle(t->o, dir, t->te, diags);
        if (b || !strcmp(t->slots.current.name, SLOTS_FACTORY))
            return b;
        if (!slots_fail(t->o->state_dir, &t->slots, "does not load", msg, sizeof msg, err, sizeof err))
            LOG_E("update", "%s", err);
        LOG_W("update", "%s", msg);
        message(t, msg);
        diag_free(diags);
    }
}

void trial_start(trial *t)
{
    const kiosk_options *o = t->o;
    char err[LOG_ERR_MAX], dir[PATH_MAX];
    diag_list diags;
    bundle *b;
    snprintf(dir, sizeof dir, "%s", o->bundle);
    if (t->use_slots) {
        char msg[UPDATER_STATUS_MAX];
        if (!slots_begin(o->state_dir, SLOTS_MAX_TRIES, &t->slots, msg, sizeof msg, err, sizeof err))
            LOG_E("update", "%s", err);
        if (msg[0]) {
            LOG_W("update", "%s", msg);
            message(t, msg);
        }
        b = load_current(t, dir, &diags);
        if (t->slots.trial)
            t->healthy_at = o->healthy_after;
    } else {
        b = app_load_bundle(o, dir, t->te, &diags);
    }
    if (b) {
        uitrace_bundle(t->tr, 0, dir, "loaded", b, NULL);
        shown_bundle(t->shown, b, dir);
    } else {
        uitrace_bundle(t->tr, 0, dir, "refused", NULL, &diags);
        shown_error(t->shown, dir, &diags);
    }
    diag_free(&diags);
    if (o->inbox) {
        t->have_updater = updater_open(&t->upd, o, err, sizeof err);
        if (!t->have_updater) {
            char msg[LOG_ERR_MAX];
            log_format_err(msg, sizeof msg, "updates off: inbox %s", err);
            LOG_E("update", "%s", msg);
            message(t, msg);
        }
        updater_pause(&t->upd, t->slots.trial);
    }
}

/* The bundle just installed replaces the one shown (at a scene boundary). */
static void switch_bundle(trial *t)
{
    char err[LOG_ERR_MAX], msg[UPDATER_STATUS_MAX];
    slots_state s;
    if (!slots_read(t->o->state_dir, &s, err, sizeof err)) {
        LOG_E("update", "%s", err);
        return;
    }
    char dir[PATH_MAX];
    slots_dir(t->o->state_dir, s.current.name, t->o->bundle, dir, sizeof dir);
    diag_list diags;
    bundle *b = app_load_bundle(t->o, dir, t->te, &diags);
    t->slots = s;
    if (b) {
        uitrace_bundle(t->tr, t->shell->ui.now, dir, "updated", b, NULL);
        snprintf(msg, sizeof msg, "now showing version %s (slot %s, on trial)", b->manifest.version,
                 s.current.name);
        shown_bundle(t->shown, b, dir);
        message(t, msg);
        t->healthy_at = t->shell->ui.now + t->o->healthy_after;
    } else {
        /* Validated by the installer, yet it does not load here: back to
         * what is shown, which stays. */
        uitrace_bundle(t->tr, t->shell->ui.now, dir, "refused", NULL, &diags);
        if (!slots_fail(t->o->state_dir, &t->slots, "does not load", msg, sizeof msg, err, sizeof err))
            LOG_E("update", "%s", err);
        message(t, msg);
        updater_pause(&t->upd, false);
    }
    diag_free(&diags);
}

void trial_frame(trial *t, double now, bool open)
{
    char err[LOG_ERR_MAX];
    if (open && t->healthy_at >= 0 && now >= t->healthy_at) {
        t->healthy_at = -1;
        if (slots_confirm(t->o->state_dir, &t->slots, err, sizeof err)) {
            uitrace_str(t->tr, now, "update", "confirmed", t->slots.current.name);
            LOG_I("update", "slot %s confirmed healthy", t->slots.current.name);
        } else {
            LOG_E("update", "%s", err);
        }
        updater_pause(&t->upd, false);
    }
    if (!t->have_updater)
        return;
    switch (updater_poll(&t->upd)) {
    case UPDATER_NOTHING: break;
    case UPDATER_PROGRESS:
    case UPDATER_REFUSED: message(t, t->upd.status); break;
    case UPDATER_INSTALLED:
        message(t, t->upd.status);
        t->pending = true;
        updater_pause(&t->upd, true);
        break;
    }
    if (open && t->pending && at_scene_boundary(t)) {
        t->pending = false;
        switch_bundle(t);
    }
}

void trial_wait_install(trial *t, double now)
{
    for (Uint64 t0 = SDL_GetTicks64();
         trial_installing(t) && SDL_GetTicks64() - t0 < TRIAL_INSTALL_WAIT_S * 1000;) {
        SDL_Delay(2);
        trial_frame(t, now, true);
    }
}

void trial_close(trial *t)
{
    if (t->have_updater)
        updater_close(&t->upd);
}
