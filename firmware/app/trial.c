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
#include "update/lastresult.h"

#define TRIAL_LOCK_WAIT_MS 5000 /* at start, or a slot that does not load: another process's install */

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

/* The operator menu's update lines: the state, then the last message. */
static void show_lines(trial *t)
{
    if (!t->state[0] && !t->msg[0])
        return;
    t->menu_cur ^= 1;
    char *m = t->menu[t->menu_cur];
    snprintf(m, sizeof t->menu[0], "%s%s%s", t->state, t->state[0] && t->msg[0] ? "\n" : "", t->msg);
    shell_set_update(t->shell, m);
}

/* A message about content updates: trace and operator menu (the caller
 * logs). */
static void message(trial *t, const char *msg)
{
    if (!strcmp(msg, t->msg))
        return;
    snprintf(t->msg, sizeof t->msg, "%s", msg);
    uitrace_str(t->tr, t->shell->ui.now, "update", "message", t->msg);
    show_lines(t);
}

/* A rollback or a failure of the slots: logged, said, and the last result. */
static void slots_event(trial *t, log_level level, const char *msg)
{
    char err[LOG_ERR_MAX];
    log_msg(level, "update", "%s", msg);
    message(t, msg);
    if (!lastresult_write(t->o->state_dir, msg, err, sizeof err))
        LOG_W("update", "%s", err);
}

/* The state line, from what is shown and what the slots name; traced and
 * logged (`log`) when it changed. Called after each change, not a frame. */
static void state_line(trial *t, bool log)
{
    if (!t->use_slots)
        return;
    char shown[64], next[64], line[TRIAL_MSG_MAX];
    slots_describe(&t->showing, shown, sizeof shown);
    int n = snprintf(line, sizeof line, "showing %s", shown);
    if (strcmp(t->showing.name, SLOTS_FACTORY) != 0 && t->healthy_at >= 0)
        n += snprintf(line + n, sizeof line - (size_t)n, ", on trial: kept once it has run %d s",
                      t->o->healthy_after);
    else if (strcmp(t->showing.name, SLOTS_FACTORY) != 0)
        n += snprintf(line + n, sizeof line - (size_t)n, ", confirmed");
    if (t->pending) {
        slots_describe(&t->slots.current, next, sizeof next);
        snprintf(line + n, sizeof line - (size_t)n, "; %s waits for the next idle moment", next);
    }
    if (!strcmp(line, t->state))
        return;
    snprintf(t->state, sizeof t->state, "%s", line);
    uitrace_str(t->tr, t->shell->ui.now, "update", "state", t->state);
    if (log)
        LOG_I("update", "%s", t->state);
    show_lines(t);
}

/* No visitor is engaged: the slideshow or the error screen runs. */
static bool at_scene_boundary(const trial *t)
{
    return t->shell->ui.scene == &scene_attract || t->shell->ui.scene == &scene_error;
}

/* The current slot does not load: the previous one becomes current, under
 * the lock (another process may have switched meanwhile: then nothing). */
static void give_up_current(trial *t)
{
    char err[LOG_ERR_MAX], msg[UPDATER_STATUS_MAX];
    int lock = slots_lock(t->o->state_dir, TRIAL_LOCK_WAIT_MS, err, sizeof err);
    if (lock < 0) {
        LOG_E("update", "%s", err);
        return;
    }
    if (!slots_fail(t->o->state_dir, &t->slots, "does not load", msg, sizeof msg, err, sizeof err))
        LOG_E("update", "%s", err);
    slots_unlock(lock);
    if (msg[0])
        slots_event(t, LOG_WARN, msg);
}

/* The slots say which bundle to show: loads it from dir (PATH_MAX),
 * falling back (and saying so) to the previous one while a slot does not
 * load. NULL when not even the factory bundle loads; *diags then holds its
 * problems. */
static bundle *load_current(trial *t, char *dir, diag_list *diags)
{
    for (;;) {
        slots_dir(t->o->state_dir, t->slots.current.name, t->o->bundle, dir, PATH_MAX);
        bundle *b = app_load_bundle(t->o, dir, t->te, diags);
        if (b || !strcmp(t->slots.current.name, SLOTS_FACTORY))
            return b;
        slots_ref failed = t->slots.current;
        give_up_current(t);
        diag_free(diags);
        if (slots_ref_same(&failed, &t->slots.current)) {
            /* The lock is held elsewhere for long: the factory bundle, this start. */
            memset(&t->slots.current, 0, sizeof t->slots.current);
            strcpy(t->slots.current.name, SLOTS_FACTORY);
        }
    }
}

/* At start: counts a try of a slot on trial, or rolls it back (with the
 * lock held; without it, the state is only read). */
static void begin(trial *t)
{
    const char *sd = t->o->state_dir;
    char err[LOG_ERR_MAX], msg[UPDATER_STATUS_MAX] = "";
    int lock = slots_lock(sd, TRIAL_LOCK_WAIT_MS, err, sizeof err);
    if (lock < 0) {
        LOG_E("update", "%s; this start is not counted", err);
        if (!slots_read(sd, &t->slots, err, sizeof err))
            LOG_E("update", "%s", err);
        return;
    }
    if (!slots_begin(sd, SLOTS_MAX_TRIES, &t->slots, msg, sizeof msg, err, sizeof err))
        LOG_E("update", "%s", err);
    slots_unlock(lock);
    if (msg[0])
        slots_event(t, LOG_WARN, msg);
}

void trial_start(trial *t)
{
    const kiosk_options *o = t->o;
    char err[LOG_ERR_MAX], dir[PATH_MAX];
    diag_list diags;
    bundle *b;
    snprintf(dir, sizeof dir, "%s", o->bundle);
    if (t->use_slots) {
        begin(t);
        b = load_current(t, dir, &diags);
        t->showing = t->slots.current;
        if (t->slots.trial)
            t->healthy_at = o->healthy_after;
        slots_stamp_changed(o->state_dir, &t->stamp);
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
    state_line(t, true);
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

/* The state as the disk has it now, into t->slots (kept when it cannot be
 * read: logged). */
static bool reread(trial *t)
{
    char err[LOG_ERR_MAX];
    slots_state s;
    if (!slots_read(t->o->state_dir, &s, err, sizeof err)) {
        LOG_E("update", "%s", err);
        return false;
    }
    t->slots = s;
    return true;
}

/* The bundle the slots name now replaces the one shown (at a scene
 * boundary): one just installed, or another process's switch. */
static void switch_bundle(trial *t)
{
    char what[64], msg[UPDATER_STATUS_MAX];
    t->pending = false;
    if (!reread(t))
        return;
    if (slots_ref_same(&t->slots.current, &t->showing)) {
        /* Switched back meanwhile: the bundle shown stays. */
        if (t->have_updater)
            updater_pause(&t->upd, t->healthy_at >= 0);
        return;
    }
    char dir[PATH_MAX];
    slots_dir(t->o->state_dir, t->slots.current.name, t->o->bundle, dir, sizeof dir);
    diag_list diags;
    bundle *b = app_load_bundle(t->o, dir, t->te, &diags);
    if (b) {
        uitrace_bundle(t->tr, t->shell->ui.now, dir, "updated", b, NULL);
        slots_describe(&t->slots.current, what, sizeof what);
        snprintf(msg, sizeof msg, "now showing %s%s", what, t->slots.trial ? ", on trial" : "");
        shown_bundle(t->shown, b, dir);
        t->showing = t->slots.current;
        t->healthy_at = t->slots.trial ? t->shell->ui.now + t->o->healthy_after : -1;
        message(t, msg);
        if (t->have_updater)
            updater_pause(&t->upd, t->slots.trial);
    } else {
        /* Validated by the installer, yet it does not load here: back to
         * the previous slot (shown at the next boundary, unless it is the
         * one on the screen). */
        uitrace_bundle(t->tr, t->shell->ui.now, dir, "refused", NULL, &diags);
        give_up_current(t);
        t->pending = !slots_ref_same(&t->slots.current, &t->showing);
        if (t->have_updater && !t->pending && t->healthy_at < 0)
            updater_pause(&t->upd, false);
    }
    diag_free(&diags);
}

/* The bundle on trial reached its healthy point: confirmed, unless another
 * process switched the slots meanwhile. false: try again (the lock is held
 * elsewhere for a moment). */
static bool confirm(trial *t, double now)
{
    char err[LOG_ERR_MAX], what[64], msg[UPDATER_STATUS_MAX];
    int lock = slots_lock(t->o->state_dir, 0, err, sizeof err);
    if (lock == SLOTS_BUSY)
        return false;
    bool ok = lock >= 0 && slots_confirm(t->o->state_dir, &t->slots, err, sizeof err);
    slots_unlock(lock);
    if (!ok) {
        LOG_E("update", "%s", err);
    } else if (slots_ref_same(&t->slots.current, &t->showing) && !t->slots.trial) {
        uitrace_str(t->tr, now, "update", "confirmed", t->slots.current.name);
        slots_describe(&t->showing, what, sizeof what);
        snprintf(msg, sizeof msg, "%s kept: it ran %d s", what, t->o->healthy_after);
        LOG_I("update", "slot %s confirmed healthy", t->slots.current.name);
        message(t, msg);
        if (!lastresult_write(t->o->state_dir, msg, err, sizeof err))
            LOG_W("update", "%s", err);
    } else {
        t->pending = true; /* switched elsewhere: what the slots name now is shown next */
    }
    if (t->have_updater && !t->pending)
        updater_pause(&t->upd, false);
    state_line(t, false);
    return true;
}

/* Another process's write of the state (a rollback or an install by hand)
 * is noticed here: the bundle it names is shown at the next boundary. */
static void poll_state(trial *t, double now)
{
    if (now < t->next_poll)
        return;
    t->next_poll = now + TRIAL_POLL_S;
    if (!slots_stamp_changed(t->o->state_dir, &t->stamp))
        return;
    if (reread(t) && !slots_ref_same(&t->slots.current, &t->showing)) {
        t->pending = true;
        if (t->have_updater)
            updater_pause(&t->upd, true); /* until the switch says which way */
        state_line(t, false);
    }
}

void trial_frame(trial *t, double now, bool open)
{
    if (open && t->healthy_at >= 0 && now >= t->healthy_at && confirm(t, now))
        t->healthy_at = -1;
    poll_state(t, now);
    if (t->have_updater) {
        switch (updater_poll(&t->upd)) {
        case UPDATER_NOTHING: break;
        case UPDATER_PROGRESS:
        case UPDATER_REFUSED: message(t, t->upd.status); break;
        case UPDATER_INSTALLED:
            message(t, t->upd.status);
            reread(t);
            t->pending = true;
            updater_pause(&t->upd, true);
            state_line(t, false);
            break;
        }
    }
    if (open && t->pending && at_scene_boundary(t)) {
        switch_bundle(t);
        state_line(t, false);
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
