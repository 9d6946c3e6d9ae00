/* app: the exhibit's run mode: opens the display, loads the bundle, and runs
 * the main loop.
 *
 * The loop draws only when the current scene says the picture changed
 * (ctx.dirty) or something moves (ctx.animating); otherwise it sleeps in
 * SDL_WaitEventTimeout until input or the next deadline, so a static screen
 * costs no CPU. Headless runs use the virtual clock (exactly 1/60 s per
 * frame) and never sleep, so hours can be simulated in minutes and the same
 * script always gives the same pixels.
 *
 * app.c holds the loop, start and stop; what the loop drives has a module
 * of its own: output.h (display, text, renderer, speech), shown.h (the
 * bundle on the screen), trial.h (content updates), opening.h (opening
 * hours), replay.h (--script), telemetry.h (health event, metrics file). */
#ifndef APP_APP_H
#define APP_APP_H

#include "app/options.h"

/* Runs until quit, --frames or the end of a script's `quit`. Returns the
 * process exit status (0, or 1 when the display or a file could not be
 * opened). */
int app_run(const kiosk_options *o);

#endif
