/* config: the site's configuration file, /etc/kiosk/kiosk.conf.
 *
 * What an installer sets once per kiosk (the bundle, the panel's rotation,
 * opening hours, the operator PIN, where state and updates live), kept out
 * of the systemd unit's command line. The format is INI-like, one setting a
 * line, `#` starting a comment line:
 *     # Museum hall B
 *     bundle = /usr/share/kiosk/content
 *     rotation = 90
 *     hours = mon-fri 09:00-18:00, sat 10:00-16:00
 * Keys and their values are in settings_table (app/settings.h) and
 * README.md. A value runs to the end of its line, spaces around it trimmed;
 * there is no quoting and no `#` comment after a value (a PIN or a path may
 * hold `#`).
 * A relative path is taken from the config file's directory, never from the
 * working directory.
 *
 * Every problem is an error line "FILE:LINE: message" (an unknown key names
 * the closest known one), and each line stands on its own: a line with an
 * error sets nothing (its setting keeps its default), every other line
 * applies; so a typo in one setting never takes down another (the state
 * directory, updates, metrics). A key is read from its first line; a later
 * line for it is an error and ignored. The kiosk logs every error, counts
 * them in its metrics and shows the first in the operator menu.
 *
 * Precedence: built-in defaults, then the file's lines without errors, then
 * the command line (main.c parses the command line twice, before and after
 * the file). */
#ifndef APP_CONFIG_H
#define APP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "app/hours.h"
#include "app/options.h"

#define CONFIG_DEFAULT_PATH "/etc/kiosk/kiosk.conf"
#define CONFIG_MAX_BYTES (64 * 1024)
#define CONFIG_MAX_ERRORS 16    /* kept; more are counted */
#define CONFIG_ERROR_MAX 320    /* one error line */
#define CONFIG_PATH_MAX 1024    /* a path value, resolved */

/* Which keys the file set: each setting's bit (app/settings.h). */
enum {
    CONFIG_BUNDLE = 1u << 0,
    CONFIG_ROTATION = 1u << 1,
    CONFIG_SIZE = 1u << 2,
    CONFIG_IDLE = 1u << 3,
    CONFIG_HOURS = 1u << 4,
    CONFIG_PIN = 1u << 5,
    CONFIG_STATE_DIR = 1u << 6,
    CONFIG_INBOX = 1u << 7,
    CONFIG_KEYS = 1u << 8,
    CONFIG_LARGE_TEXT = 1u << 9,
    CONFIG_REDUCED_MOTION = 1u << 10,
    CONFIG_HIGH_CONTRAST = 1u << 11,
    CONFIG_METRICS_DIR = 1u << 12,
    CONFIG_AUDIO_DEVICE = 1u << 13,
    CONFIG_VOLUME = 1u << 14,
    CONFIG_SPEECH_RATE = 1u << 15,
    CONFIG_REACH_MODE = 1u << 16,
    CONFIG_SCREEN_BOTTOM = 1u << 17,
    CONFIG_OPERATOR_F12 = 1u << 18,
};
#define CONFIG_MAX_KEYS 32 /* bits of `set`: at most this many settings */

typedef struct {
    unsigned set;              /* CONFIG_* bits: the keys read from a line without error */
    unsigned seen;             /* the keys on any line, errors included (a second line is an error) */
    int line[CONFIG_MAX_KEYS]; /* the line of each key seen, by its bit's position */
    char bundle[CONFIG_PATH_MAX], state_dir[CONFIG_PATH_MAX], inbox[CONFIG_PATH_MAX],
        trusted_keys[CONFIG_PATH_MAX], metrics_dir[CONFIG_PATH_MAX];
    int rotate, width, height, idle_timeout;
    char audio_device[256]; /* SDL's device name, or "none" */
    int volume, speech_rate; /* percent */
    int reach_mode;          /* reach_setting (ui/reach.h) */
    int screen_bottom_mm;
    char pin[16];
    hours_schedule hours;
    bool large_text, reduced_motion, high_contrast, operator_f12;
    /* problems: the first CONFIG_MAX_ERRORS lines, and how many in all */
    bool unread; /* the file could not be read: its one error, nothing set */
    int nerrors;
    char errors[CONFIG_MAX_ERRORS][CONFIG_ERROR_MAX];
} kiosk_config;

/* Parses `len` bytes of text (NUL bytes included: they are errors) as the
 * file `name`; relative paths are taken from `base_dir` (NULL: left as
 * written). Fills *c from scratch: the lines without errors set their keys
 * (c->set), the others are in c->errors. True when there is no error. */
bool config_parse(kiosk_config *c, const char *name, const char *base_dir, const char *text, size_t len);

/* Reads and parses the file `path` (a file that cannot be read is one
 * error: "FILE: cannot read: reason"). True when there is no error. */
bool config_load(kiosk_config *c, const char *path);

/* The file to read for a run: `given` (--config; "none": no file), else
 * CONFIG_DEFAULT_PATH when it exists, else NULL. */
const char *config_path(const char *given);

/* Sets in *o what the file's lines without errors set (c->set). The
 * strings point into *c, which must outlive *o. */
void config_apply(const kiosk_config *c, kiosk_options *o);

/* A status line: "config: 1 error (that line ignored, the rest applied): FIRST". */
#define CONFIG_STATUS_MAX (CONFIG_ERROR_MAX + 96)

/* For a run: *o holds the defaults and the command line (argc, argv)
 * already parsed. Reads config_path(o->config) when there is one; *o
 * becomes the defaults, then the file's lines without errors, then the same
 * command line again. A rule across settings the file breaks is an error of
 * its line too: an inbox without a state directory (in the file or on the
 * command line) is "FILE:LINE: inbox needs state_dir ...", and updates stay
 * off. With errors, every one is logged, o->config_errors counts them,
 * `status` gets the line the operator menu shows, o->config_status points
 * to it, and false is returned; true when the file had none (or there is
 * no file). */
bool config_for_run(kiosk_config *c, kiosk_options *o, int argc, char **argv, char *status, size_t statuslen);

#endif
