/* trial: content updates as the running kiosk sees them: which bundle it
 * shows first, a newly installed bundle's switch and trial, and the
 * operator menu's update lines.
 *
 * Without a state directory the kiosk shows o->bundle and nothing here
 * changes it. With one (--state-dir), the A/B slots (update/slots.h) name
 * the bundle: a start during a trial counts a try, and a slot that used up
 * its tries or does not load is given up for the previous one, saying so.
 * With an inbox too (--inbox), the watcher (app/updater.h) installs new
 * packages in a separate process. Whenever the slots name another bundle
 * than the one shown (an install from the inbox, or another process: the
 * operator's kiosk --rollback or --install over ssh, noticed by one stat()
 * of the state file a second), the kiosk switches at a scene boundary (the
 * attract loop or the error screen: no visitor is engaged). A bundle
 * switched to on trial is confirmed once it has been on the screen for
 * o->healthy_after seconds of program time within opening hours (trace
 * "update" "confirmed"), unless the slots were switched meanwhile; until
 * then no other install starts.
 *
 * The operator menu's update lines are the state of the bundle on the
 * screen (which slot and version, on trial or confirmed, what waits for
 * the next idle moment: trace "update" "state"), then the last message of
 * this run about updates (progress, result, rollback, an inbox that cannot
 * be watched: trace "update" "message"), each traced once per change of
 * text. A refusal from an earlier run is not repeated: each package is
 * judged once (app/updater.h). The operator menu borrows the text, so it
 * is kept in two buffers taking turns and the one shown never changes
 * under it. Rollbacks, confirmations and failures of the slots are logged
 * here too, and written as the last result (update/lastresult.h).
 *
 * Each bundle loaded here is shown through app/shown.h, which owns it. */
#ifndef APP_TRIAL_H
#define APP_TRIAL_H

#include <stdbool.h>

#include "app/options.h"
#include "app/shown.h"
#include "app/updater.h"
#include "core/trace.h"
#include "text/layout.h"
#include "ui/shell.h"
#include "update/slots.h"

#define TRIAL_MSG_MAX 1024       /* longest update line */
#define TRIAL_INSTALL_WAIT_S 120 /* headless: longest the virtual clock waits for an install */
#define TRIAL_POLL_S 1.0         /* how often the state file is looked at for another process's switch */

typedef struct {
    /* borrowed, from trial_init */
    const kiosk_options *o;
    trace *tr;
    ui_shell *shell;
    text_engine *te;
    shown_state *shown;
    /* read by the program */
    bool use_slots; /* a state directory: trial_frame() has work */
    updater upd;    /* the inbox watcher, when have_updater */
    bool have_updater;
    /* own */
    slots_state slots;               /* as last read or written here */
    slots_ref showing;               /* the slot of the bundle on the screen */
    slots_stamp stamp;               /* the state file last read */
    double next_poll;                /* when to look at it again */
    bool pending;                    /* the slots name another bundle: shown at the next scene boundary */
    double healthy_at;               /* when the bundle on trial is confirmed; <0: not on trial */
    char msg[TRIAL_MSG_MAX];         /* the last message of this run, "" none */
    char state[TRIAL_MSG_MAX];       /* the state line */
    char menu[2][2 * TRIAL_MSG_MAX]; /* both for the operator menu, taking turns */
    int menu_cur;
} trial;

/* Borrows what the updates need (all must outlive t); nothing is read yet. */
void trial_init(trial *t, const kiosk_options *o, trace *tr, ui_shell *shell, text_engine *te,
                shown_state *shown);

/* At start: the bundle the slots name (o->bundle without a state directory),
 * traced "loaded" and shown, or "refused" and the error screen with its
 * problems; then the inbox is watched (o->inbox), no install starting while
 * the bundle shown is on trial. */
void trial_start(trial *t);

/* Once a frame when use_slots, after input (open: within opening hours). A
 * bundle on trial reaches its healthy point only while open; installs run
 * while closed too, but their bundle is shown only at a scene boundary of
 * an open exhibit. */
void trial_frame(trial *t, double now, bool open);

/* An install process runs. */
static inline bool trial_installing(const trial *t) { return t->have_updater && updater_busy(&t->upd); }

/* Headless, the clock is virtual but an install process runs in real time:
 * the clock waits for it (trial_frame() at `now` until it ends, at most
 * TRIAL_INSTALL_WAIT_S of real time), so a scripted run sees the new bundle
 * at the same frame however slow the machine (sanitizers, qemu). Call after
 * trial_frame(); returns at once when no install runs. */
void trial_wait_install(trial *t, double now);

/* Stops watching the inbox. */
void trial_close(trial *t);

#endif
