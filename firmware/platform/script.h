/* script: scripted input for headless runs and tests.
 *
 * One event a line, times in seconds of virtual time, non-decreasing:
 *   # comment                  (also after an event)
 *   1.0 tap X Y [F]            finger down and up at (X,Y)
 *   2.0 press X Y [F]          finger down, held
 *   2.2 move X Y [F]           a held finger moves
 *   2.5 release X Y [F]        finger up
 *   3.0 drag X1 Y1 X2 Y2 DUR [F]   down at 1, move to 2 over DUR s, then lift
 *   4.0 pinch CX CY D1 D2 DUR  two fingers around (CX,CY), apart D1 -> D2 px
 *   5.0 key NAME               a key press (escape, return, space, left, f1, a, 1 ...)
 *   6.0 shot NAME              save <shot-dir>/NAME.png
 *   9.0 quit
 * X and Y are pixels of the rotated display (what the visitor sees). F is an
 * optional finger number 0..9 (default 0), so several fingers can be scripted
 * at once. The parser knows no SDL: platform/script_player turns events into
 * SDL finger and key events. */
#ifndef PLATFORM_SCRIPT_H
#define PLATFORM_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#define SCRIPT_MAX_EVENTS 100000
#define SCRIPT_MAX_FINGER 9
#define SCRIPT_NAME_MAX 64

typedef enum {
    SCRIPT_TAP,
    SCRIPT_PRESS,
    SCRIPT_MOVE,
    SCRIPT_RELEASE,
    SCRIPT_DRAG,
    SCRIPT_PINCH,
    SCRIPT_KEY,
    SCRIPT_SHOT,
    SCRIPT_QUIT,
} script_kind;

typedef struct {
    double t;
    script_kind kind;
    float x1, y1, x2, y2; /* pinch: x1,y1 = centre, x2 = D1, y2 = D2 */
    double dur;           /* drag, pinch */
    int finger;
    char name[SCRIPT_NAME_MAX]; /* key or shot name */
    int line;             /* source line, for messages */
} script_event;

typedef struct {
    script_event *ev; /* owned; free with script_free() */
    size_t count;
} script;

/* Parses `text` (named `name` in messages). Coordinates are checked against
 * width x height when both are > 0. On error returns false with
 * "NAME:LINE: message" in err and leaves *out empty. */
bool script_parse(const char *text, const char *name, int width, int height, script *out,
                  char *err, size_t errlen);

/* Reads and parses a file; a file that cannot be read is "PATH: reason". */
bool script_load(const char *path, int width, int height, script *out, char *err, size_t errlen);

void script_free(script *s);

const char *script_kind_name(script_kind k);

/* True for the key names the script accepts. */
bool script_key_known(const char *name);

#endif
