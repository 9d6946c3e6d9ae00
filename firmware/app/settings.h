/* settings: the one table of the kiosk's settings, and how each kind of
 * value is read.
 *
 * A setting is a key of the site configuration (app/config.h) and, for some,
 * an option of the command line (app/options.h): `rotation = 90` in the file
 * and `--rotate 90` set the same field of kiosk_options through the same
 * reading of the value, with the same limits and the same error ("NAME:
 * expected 0, 90, 180 or 270, got '45'", NAME being the key or the option).
 * Each entry names its fields itself (offsets into kiosk_config, where the
 * file's values are kept, and into kiosk_options, where a run reads them),
 * so the table's order is only the order keys are suggested and documented
 * in: reordering it cannot give one key another's field.
 *
 * packaging/kiosk.1, packaging/kiosk.conf and README.md list the keys;
 * tests/test_config.c checks each list against the table. */
#ifndef APP_SETTINGS_H
#define APP_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/config.h"
#include "app/options.h"

typedef enum {
    SETTING_PATH,      /* a file or directory; in the file, relative to the file's directory */
    SETTING_TEXT,      /* a string, as long as its field holds */
    SETTING_PIN,       /* lo to hi decimal digits */
    SETTING_INT,       /* a decimal number in lo..hi; with a step, only lo, lo + step, ... */
    SETTING_SIZE,      /* WxH, each side in lo..hi (two int fields: the width's and the height's) */
    SETTING_BOOL,      /* yes/no, true/false, on/off, 1/0; on the command line, a flag that sets it */
    SETTING_AUTO_BOOL, /* "auto" or a boolean, kept as the int choice[0] (auto), [1] (yes) or [2] (no) */
    SETTING_HOURS,     /* opening hours (app/hours.h) */
} setting_type;

typedef struct {
    const char *key;    /* in the file */
    const char *option; /* the same setting on the command line, or NULL */
    unsigned bit;       /* its CONFIG_* bit in kiosk_config.set */
    setting_type type;
    long lo, hi, step;    /* the limits of SETTING_INT, SETTING_SIZE and SETTING_PIN (see above) */
    const char *what;     /* SETTING_INT without a step: what the number counts, for its error */
    int choice[3];        /* SETTING_AUTO_BOOL */
    size_t conf, opt;     /* the field in kiosk_config and in kiosk_options (SETTING_SIZE: the width's) */
    size_t conf_h, opt_h; /* SETTING_SIZE: the height's */
    size_t cap;           /* SETTING_PATH, _TEXT, _PIN: the bytes of the kiosk_config field */
} setting_spec;

/* Every setting, in the order README.md lists them. */
extern const setting_spec settings_table[];
extern const size_t settings_count;

/* The setting of a key of the file, or of an option ("--rotate"); NULL when
 * there is none. */
const setting_spec *settings_by_key(const char *key);
const setting_spec *settings_by_option(const char *option);

/* The known key closest to an unknown one (schema_closest), or NULL. */
const char *settings_closest_key(const char *key);

/* The one reading of a number, for settings and options alike: decimal
 * digits only (no sign, no space), within lo..hi. */
bool settings_parse_long(const char *s, long lo, long hi, long *out);

/* Reads the file's value v (not empty) of s into its kiosk_config field;
 * a relative path is taken from base_dir (NULL: kept as written). False,
 * with the message after "FILE:LINE: " in err, when v is not a value of s
 * (a path too long for its field included). */
bool settings_read_file(const setting_spec *s, const char *v, const char *base_dir, kiosk_config *c,
                        char *err, size_t errlen);

/* Reads the command line's value v of s, given as `name`, into its
 * kiosk_options field: a path is kept as the argument itself, v is NULL for
 * a flag. False, with the one-line message in err, when v is not a value. */
bool settings_read_arg(const setting_spec *s, const char *name, const char *v, kiosk_options *o, char *err,
                       size_t errlen);

/* Copies s's value from the file's record to the run's; a string then
 * points into *c. */
void settings_apply(const setting_spec *s, const kiosk_config *c, kiosk_options *o);

#endif
