/* options: the command line of build/kiosk.
 *
 * The program has several modes, chosen by the options present:
 *   run      (default) the exhibit, in a window, on the console, or --headless
 *   layout   --layout WIDTH: lay out paragraphs from stdin and print the lines
 *   check    --check DIR: validate a bundle (with --export: print it as JSON; with
 *            --review FILE: write the curator's review sheet)
 *   stats    --stats DIR: print the interaction log of a state directory as CSV
 *   install  --install FILE: install a bundle package into --state-dir
 *   status   --status [--json]: the slots, the last result, the inbox (app/cli_slots.c)
 *   rollback --rollback: back to the previous confirmed slot
 *   help     --help
 * options_parse() only parses and checks values; it opens no file. */
#ifndef APP_OPTIONS_H
#define APP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/hours.h"
#include "text/style.h"

/* "content": the bundle when neither --bundle nor the config names one. One
 * object, so a run can tell it from a --bundle content given (the pointer
 * differs) and resolve it from the install prefix (app/resources.h). */
extern const char options_default_bundle[];
#define OPTIONS_DEFAULT_BUNDLE options_default_bundle
#define OPTIONS_DEFAULT_W 1920
#define OPTIONS_DEFAULT_H 1080
#define OPTIONS_MAX_SIDE 8192 /* a side of --size and of the `size` setting (app/settings.h) */
#define OPTIONS_DEFAULT_HEALTHY_S 30
#define OPTIONS_DEFAULT_VOLUME 80       /* percent */
#define OPTIONS_DEFAULT_SPEECH_RATE 100 /* percent of the normal rate */

typedef enum {
    MODE_RUN, MODE_LAYOUT, MODE_CHECK, MODE_STATS, MODE_INSTALL, MODE_STATUS, MODE_ROLLBACK, MODE_HELP
} kiosk_mode;

typedef struct {
    kiosk_mode mode;
    /* run */
    const char *bundle;     /* bundle directory */
    int width, height;      /* window or headless size, before rotation */
    bool fullscreen;
    int rotate;             /* 0, 90, 180, 270 */
    bool headless;
    long frames;            /* stop after this many frames; -1: never */
    const char *screenshot; /* PNG of the last frame, or NULL */
    const char *script;
    const char *shot_dir;   /* where `shot` writes; default "." */
    const char *trace;
    const char *profile;    /* per-frame CPU time (core/frameprof.h), or NULL */
    const char *state_dir;  /* interaction log; NULL: not kept */
    bool demo;              /* draw touch points */
    const char *config;     /* --config FILE ("none": no file); NULL: the default (app/config.h) */
    /* site settings, from the config file (app/config.h); they override
     * the bundle's manifest */
    int idle_timeout;       /* s without a touch before the countdown; 0: the manifest's */
    const char *pin;        /* operator PIN; NULL: the manifest's */
    bool reduced_motion, high_contrast; /* forced on whatever the manifest says */
    hours_schedule hours;   /* opening hours; default always open */
    const char *config_status; /* the config's problems for the operator menu, or NULL */
    int config_errors;         /* how many (app/config.h), for the metrics */
    bool operator_f12;         /* F12 opens the operator's PIN pad (default); off: only the corner hold */
    const char *sources;    /* directory of the source articles, for checks */
    bool audio_decode_all;  /* the bundle check decodes narration files to their end (pack) */
    /* content updates (update/install.h); all need state_dir */
    const char *inbox;        /* watched for packages; NULL: no updates */
    const char *trusted_keys; /* directory of *.pub; NULL: no key trusted */
    const char *metrics_dir;  /* Prometheus textfile directory (app/promfile.h); NULL: none */
    /* reading aloud (platform/speech.h), from the config file */
    const char *audio_device; /* SDL device name; NULL: the default; "none": no audio */
    int volume;               /* 0..100 */
    int speech_rate;          /* percent of the normal speaking rate (platform/speech.h) */
    int reach_mode;           /* reach_setting (ui/reach.h): 0 auto */
    int screen_bottom_mm;     /* the screen's bottom edge above the floor (0: the default) */
    bool allow_unsigned, allow_downgrade;
    int healthy_after;        /* s a new bundle runs before it is confirmed */
    long fault_at;            /* tests: SIGKILL at this install step; 0 never */
    /* install */
    const char *install;      /* package file */
    /* layout */
    int layout_width;
    int font_size;          /* 0: the style's default for the size */
    text_style_id style;
    bool no_justify;
    bool json;              /* with --layout or --status */
    bool large_text;
    /* check */
    const char *check_dir;
    bool export_json;
    const char *review;     /* --review FILE: the review sheet's path, or NULL */
    /* stats */
    const char *stats_dir;
    /* logging: -1 quieter, 0 default, 1 verbose */
    int verbosity;
} kiosk_options;

typedef enum { OPTIONS_OK = 0, OPTIONS_HELP = 1, OPTIONS_ERROR = 2 } options_result;

void options_defaults(kiosk_options *o);

/* Parses argv (argv[0] is the program). On OPTIONS_ERROR a one-line message
 * ("unknown option '--x'", "--size: expected WxH, got '12'") is in err. */
options_result options_parse(kiosk_options *o, int argc, char **argv, char *err, size_t errlen);

/* The --help text. */
void options_usage(FILE *out);

#endif
