#include "app/options.h"

#include <string.h>

#include "app/settings.h"
#include "core/log.h"

const char options_default_bundle[] = "content";

void options_defaults(kiosk_options *o)
{
    memset(o, 0, sizeof *o);
    o->mode = MODE_RUN;
    o->bundle = OPTIONS_DEFAULT_BUNDLE;
    o->width = OPTIONS_DEFAULT_W;
    o->height = OPTIONS_DEFAULT_H;
    o->frames = -1;
    o->shot_dir = ".";
    o->style = STYLE_BODY;
    o->healthy_after = OPTIONS_DEFAULT_HEALTHY_S;
    o->volume = OPTIONS_DEFAULT_VOLUME;
    o->speech_rate = OPTIONS_DEFAULT_SPEECH_RATE;
    o->operator_f12 = true;
    hours_always(&o->hours);
}

/* One row per option: its name, whether it takes a value, and its help.
 * OPT_SETTING: a setting of the site configuration too, read as the
 * settings table says (app/settings.h). */
typedef enum {
    OPT_SETTING, OPT_HELP, OPT_FULLSCREEN, OPT_HEADLESS, OPT_FRAMES, OPT_SCREENSHOT, OPT_SCRIPT,
    OPT_SHOT_DIR, OPT_TRACE, OPT_DEMO, OPT_SOURCES, OPT_LAYOUT, OPT_FONT_SIZE, OPT_STYLE, OPT_NO_JUSTIFY,
    OPT_JSON, OPT_CHECK, OPT_EXPORT, OPT_REVIEW, OPT_STATS, OPT_VERBOSE, OPT_QUIET, OPT_ALLOW_UNSIGNED,
    OPT_ALLOW_DOWNGRADE, OPT_INSTALL, OPT_HEALTHY_AFTER, OPT_FAULT_AT, OPT_CONFIG, OPT_PROFILE, OPT_STATUS,
    OPT_ROLLBACK,
} opt_id;

typedef struct {
    opt_id id;
    const char *name;
    const char *arg; /* NULL: a flag */
    const char *help;
} opt_spec;

static const opt_spec opt_table[] = {
    {OPT_HELP, "--help", NULL, "print this help and exit"},
    {OPT_CONFIG, "--config", "FILE", "site configuration (default: /etc/kiosk/kiosk.conf if it exists; none: no file)"},
    {OPT_SETTING, "--bundle", "DIR", "content bundle to show (default: content)"},
    {OPT_SETTING, "--size", "WxH", "the picture's size in pixels, as the visitor sees it (default: 1920x1080)"},
    {OPT_FULLSCREEN, "--fullscreen", NULL, "full screen (always on the console/KMSDRM)"},
    {OPT_SETTING, "--rotate", "DEG", "rotate the picture and touch: 0, 90, 180 or 270"},
    {OPT_HEADLESS, "--headless", NULL, "no display: software rendering, virtual clock (1/60 s a frame)"},
    {OPT_FRAMES, "--frames", "N", "stop after N frames"},
    {OPT_SCREENSHOT, "--screenshot", "FILE", "save the last frame as PNG"},
    {OPT_SCRIPT, "--script", "FILE", "replay touch and key input from FILE"},
    {OPT_SHOT_DIR, "--shot-dir", "DIR", "where script `shot` lines write PNGs (default: .)"},
    {OPT_TRACE, "--trace", "FILE", "write every state change as a JSON line (- for stdout)"},
    {OPT_SETTING, "--state-dir", "DIR", "keep the daily interaction counts in DIR"},
    {OPT_DEMO, "--demo", NULL, "show touch points as circles"},
    {OPT_SOURCES, "--sources", "DIR", "source articles, for the verbatim checks of --check"},
    {OPT_LAYOUT, "--layout", "WIDTH", "lay out UTF-8 paragraphs from stdin at WIDTH px, print lines"},
    {OPT_FONT_SIZE, "--font-size", "PX", "with --layout: font size in pixels"},
    {OPT_STYLE, "--style", "NAME", "with --layout: body, title, caption or quote"},
    {OPT_NO_JUSTIFY, "--no-justify", NULL, "with --layout: start-aligned lines"},
    {OPT_JSON, "--json", NULL, "with --layout: a JSON object per line; with --status: one JSON document"},
    {OPT_SETTING, "--large-text", NULL, "large-text mode (text x1.4)"},
    {OPT_CHECK, "--check", "DIR", "validate the bundle in DIR; exit 0 when clean, 1 when not"},
    {OPT_EXPORT, "--export", NULL, "with --check: print the bundle as one JSON document"},
    {OPT_REVIEW, "--review", "FILE", "with --check: write the curator's review sheet (HTML) to FILE"},
    {OPT_STATS, "--stats", "DIR", "print the interaction log kept in DIR as CSV"},
    {OPT_SETTING, "--inbox", "DIR", "install bundle packages (*.kbundle) that appear in DIR (needs --state-dir)"},
    {OPT_SETTING, "--trusted-keys", "DIR", "public keys (*.pub) whose signatures are accepted"},
    {OPT_ALLOW_UNSIGNED, "--allow-unsigned", NULL, "development only: accept packages without signature"},
    {OPT_ALLOW_DOWNGRADE, "--allow-downgrade", NULL, "accept a package not newer than the bundle shown"},
    {OPT_INSTALL, "--install", "FILE", "install a bundle package into --state-dir, print progress"},
    {OPT_STATUS, "--status", NULL, "print the content slots, the last update result and the inbox"},
    {OPT_ROLLBACK, "--rollback", NULL, "go back to the previous confirmed content slot"},
    {OPT_HEALTHY_AFTER, "--healthy-after", "S", "seconds a new bundle must run to be kept (default: 30)"},
    {OPT_FAULT_AT, "--fault-at", "N", "tests: die (SIGKILL) at the N-th step an install takes on the disk"},
    {OPT_SETTING, "--metrics-dir", "DIR", "write DIR/kiosk.prom (Prometheus text format) once a minute"},
    {OPT_PROFILE, "--profile", "FILE", "write each frame's CPU time and allocations to FILE (make bench)"},
    {OPT_VERBOSE, "--verbose", NULL, "log debug messages"},
    {OPT_QUIET, "--quiet", NULL, "log errors only"},
};
#define OPT_COUNT (sizeof opt_table / sizeof opt_table[0])

void options_usage(FILE *out)
{
    fputs("usage: kiosk [OPTION]...\n"
          "Touchscreen exhibit on US-China cyberspace dialogues.\n\n",
          out);
    for (size_t i = 0; i < OPT_COUNT; i++) {
        char left[40];
        snprintf(left, sizeof left, "%s%s%s", opt_table[i].name, opt_table[i].arg ? " " : "",
                 opt_table[i].arg ? opt_table[i].arg : "");
        fprintf(out, "  %-22s %s\n", left, opt_table[i].help);
    }
    fputs("\nExit status: 0 ok, 1 runtime error or failed check, 2 bad command line.\n", out);
}

static options_result fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    log_format_err(err, errlen, fmt, a, b);
    return OPTIONS_ERROR;
}

static options_result apply(kiosk_options *o, opt_id id, const char *name, const char *v,
                            char *err, size_t errlen)
{
    long n;
    switch (id) {
    case OPT_SETTING: {
        const setting_spec *s = settings_by_option(name);
        if (!s) /* a row marked OPT_SETTING that the settings table lacks */
            return fail(err, errlen, "%s: not in the settings table%s", name, "");
        if (!settings_read_arg(s, name, v, o, err, errlen))
            return OPTIONS_ERROR;
        break;
    }
    case OPT_HELP: o->mode = MODE_HELP; break;
    case OPT_CONFIG:
        if (!*v)
            return fail(err, errlen, "%s: expected a file name (or none)%s", name, "");
        o->config = v;
        break;
    case OPT_FULLSCREEN: o->fullscreen = true; break;
    case OPT_HEADLESS: o->headless = true; break;
    case OPT_FRAMES:
        if (!settings_parse_long(v, 1, 1000000000L, &n))
            return fail(err, errlen, "%s: expected a positive number of frames, got '%s'", name, v);
        o->frames = n;
        break;
    case OPT_SCREENSHOT: o->screenshot = v; break;
    case OPT_SCRIPT: o->script = v; break;
    case OPT_SHOT_DIR: o->shot_dir = v; break;
    case OPT_TRACE: o->trace = v; break;
    case OPT_DEMO: o->demo = true; break;
    case OPT_SOURCES: o->sources = v; break;
    case OPT_LAYOUT:
        if (!settings_parse_long(v, 1, OPTIONS_MAX_SIDE * 4, &n))
            return fail(err, errlen, "%s: expected a width in pixels, got '%s'", name, v);
        o->mode = MODE_LAYOUT;
        o->layout_width = (int)n;
        break;
    case OPT_FONT_SIZE:
        if (!settings_parse_long(v, 4, 1000, &n))
            return fail(err, errlen, "%s: expected a size in pixels (4..1000), got '%s'", name, v);
        o->font_size = (int)n;
        break;
    case OPT_STYLE:
        for (int s = STYLE_BODY; s <= STYLE_QUOTE; s++) {
            if (strcmp(v, text_style_name((text_style_id)s)) == 0) {
                o->style = (text_style_id)s;
                return OPTIONS_OK;
            }
        }
        return fail(err, errlen, "%s: expected body, title, caption or quote, got '%s'", name, v);
    case OPT_NO_JUSTIFY: o->no_justify = true; break;
    case OPT_JSON: o->json = true; break;
    case OPT_CHECK:
        o->mode = MODE_CHECK;
        o->check_dir = v;
        break;
    case OPT_EXPORT: o->export_json = true; break;
    case OPT_REVIEW:
        if (!*v)
            return fail(err, errlen, "%s: expected a file name%s", name, "");
        o->review = v;
        break;
    case OPT_STATS:
        o->mode = MODE_STATS;
        o->stats_dir = v;
        break;
    case OPT_ALLOW_UNSIGNED: o->allow_unsigned = true; break;
    case OPT_ALLOW_DOWNGRADE: o->allow_downgrade = true; break;
    case OPT_INSTALL:
        o->mode = MODE_INSTALL;
        o->install = v;
        break;
    case OPT_STATUS: o->mode = MODE_STATUS; break;
    case OPT_ROLLBACK: o->mode = MODE_ROLLBACK; break;
    case OPT_HEALTHY_AFTER:
        if (!settings_parse_long(v, 1, 86400, &n))
            return fail(err, errlen, "%s: expected seconds (1..86400), got '%s'", name, v);
        o->healthy_after = (int)n;
        break;
    case OPT_FAULT_AT:
        if (!settings_parse_long(v, 1, 1000000000L, &n))
            return fail(err, errlen, "%s: expected a step number (1 or more), got '%s'", name, v);
        o->fault_at = n;
        break;
    case OPT_PROFILE: o->profile = v; break;
    case OPT_VERBOSE: o->verbosity = 1; break;
    case OPT_QUIET: o->verbosity = -1; break;
    }
    return OPTIONS_OK;
}

options_result options_parse(kiosk_options *o, int argc, char **argv, char *err, size_t errlen)
{
    int modes = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        const opt_spec *spec = NULL;
        for (size_t k = 0; k < OPT_COUNT; k++) {
            if (strlen(opt_table[k].name) == nlen && strncmp(opt_table[k].name, a, nlen) == 0) {
                spec = &opt_table[k];
                break;
            }
        }
        if (!spec) {
            if (a[0] == '-')
                return fail(err, errlen, "unknown option '%s'%s (see --help)", a, "");
            return fail(err, errlen, "unexpected argument '%s'%s (see --help)", a, "");
        }
        const char *v = NULL;
        if (spec->arg) {
            if (eq) {
                v = eq + 1;
            } else if (i + 1 < argc) {
                v = argv[++i];
            } else {
                return fail(err, errlen, "%s: missing value %s", spec->name, spec->arg);
            }
        } else if (eq) {
            return fail(err, errlen, "%s takes no value%s", spec->name, "");
        }
        if (spec->id == OPT_LAYOUT || spec->id == OPT_CHECK || spec->id == OPT_STATS ||
            spec->id == OPT_INSTALL || spec->id == OPT_STATUS || spec->id == OPT_ROLLBACK)
            modes++;
        options_result r = apply(o, spec->id, spec->name, v, err, errlen);
        if (r != OPTIONS_OK)
            return r;
    }
    if (o->mode == MODE_HELP)
        return OPTIONS_HELP;
    if (modes > 1)
        return fail(err, errlen, "%s are separate modes: use one%s",
                    "--layout, --check, --stats, --install, --status and --rollback", "");
    if ((o->mode == MODE_INSTALL || o->inbox) && !o->state_dir)
        return fail(err, errlen, "%s needs --state-dir DIR (where the installed bundles are kept)%s",
                    o->inbox ? "--inbox" : "--install", "");
    if (o->export_json && o->mode != MODE_CHECK)
        return fail(err, errlen, "--export needs --check DIR%s%s", "", "");
    if (o->review && o->mode != MODE_CHECK)
        return fail(err, errlen, "--review needs --check DIR%s%s", "", "");
    if (o->json && o->mode != MODE_LAYOUT && o->mode != MODE_STATUS)
        return fail(err, errlen, "--json needs --layout WIDTH or --status%s%s", "", "");
    if (o->mode != MODE_LAYOUT && (o->no_justify || o->font_size))
        return fail(err, errlen, "--no-justify and --font-size need --layout WIDTH%s%s", "", "");
    return OPTIONS_OK;
}
