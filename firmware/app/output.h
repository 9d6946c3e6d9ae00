/* output: what the exhibit is drawn and heard with: the display (a window,
 * the console through KMSDRM, or a headless surface; rotated, platform/
 * display.h), the text engine with its glyph atlas, the renderer that walks
 * the shell's draw lists into the display, and the speech for Listen.
 *
 * Audio opens the configured device (audio_device "none": no audio). A headless
 * run has audio only when SDL_AUDIODRIVER names a driver (the tests'
 * "disk"), so a test or CI run never plays through the machine's speakers.
 * A missing or failing device is logged once and the exhibit runs without
 * Listen buttons. */
#ifndef APP_OUTPUT_H
#define APP_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "app/options.h"
#include "core/frameprof.h"
#include "platform/display.h"
#include "platform/render.h"
#include "platform/speech.h"
#include "text/atlas.h"
#include "text/layout.h"
#include "ui/shell.h"

typedef struct {
    display *disp;
    text_engine *te;
    atlas *at;
    render *rd;
    speech *speech; /* reading aloud; NULL: no audio (no Listen buttons) */
    bool vsync;     /* presenting is paced by the panel */
} output;

/* The clock the run keeps (core/vclock.h): the virtual one, exactly 1/60 s
 * a frame, for a headless run that ends by itself (--frames, or a script),
 * so that its pixels, trace and sound are the same every time; otherwise,
 * a headless run like a window, the real clock, on which the loop sleeps
 * while nothing changes. */
bool output_virtual_clock(const kiosk_options *o);

/* Opens it all for o. False with a message in err (for the caller to print)
 * when the display, the fonts or the renderer cannot be opened;
 * output_close() then closes what was. */
bool output_open(output *out, const kiosk_options *o, char *err, size_t errlen);

/* Draws the shell's frame and presents it: the whole picture, or only the
 * rectangle the shell says changed over the frame before. prof (NULL: off)
 * is told when our part of the frame is done. The caller then calls
 * shell_drawn(). */
void output_draw(output *out, ui_shell *sh, frameprof *prof);

/* The operator menu's rotation: 90 degrees more, clockwise; the shell's
 * picture follows. A rotation the display refuses is logged. */
void output_rotate(output *out, ui_shell *sh);

/* Closes what is open (after the shell stops using the speech backend). */
void output_close(output *out);

#endif
