#include "app/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/model.h"
#include "content/schema.h"
#include "core/fileio.h"
#include "core/log.h"
#include "ui/reach.h"

/* Every key, in the order README.md lists them. */
static const char *const config_keys[] = {
    "bundle",     "rotation",       "size",          "idle_timeout", "hours",        "pin",
    "state_dir",  "inbox",          "trusted_keys",  "large_text",   "reduced_motion", "high_contrast",
    "metrics_dir", "audio_device",  "volume",        "speech_rate",  "reach_mode",   "screen_bottom_mm",
    NULL,
};

typedef struct {
    kiosk_config *c;
    const char *name;
    const char *base_dir;
    long line;
} config_parser;

static void config_error(config_parser *P, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void config_error(config_parser *P, const char *fmt, ...)
{
    kiosk_config *c = P->c;
    if (c->nerrors < CONFIG_MAX_ERRORS) {
        char *e = c->errors[c->nerrors];
        int n = P->line > 0 ? snprintf(e, CONFIG_ERROR_MAX, "%.200s:%ld: ", P->name, P->line)
                            : snprintf(e, CONFIG_ERROR_MAX, "%.200s: ", P->name);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e + n, CONFIG_ERROR_MAX - (size_t)n, fmt, ap);
        va_end(ap);
    }
    c->nerrors++;
}

/* A whole decimal number in [lo, hi]. */
static bool parse_int(const char *s, long lo, long hi, int *out)
{
    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    long v = strtol(s, NULL, 10);
    if (v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (!strcmp(s, yes[i]) || !strcmp(s, no[i])) {
            *out = !strcmp(s, yes[i]);
            return true;
        }
    }
    return false;
}

static void set_path(config_parser *P, const char *key, const char *v, char *dst)
{
    int n = v[0] == '/' || !P->base_dir ? snprintf(dst, CONFIG_PATH_MAX, "%s", v)
                                       : snprintf(dst, CONFIG_PATH_MAX, "%s/%s", P->base_dir, v);
    if (n < 0 || n >= CONFIG_PATH_MAX)
        config_error(P, "%s: path longer than %d bytes", key, CONFIG_PATH_MAX - 1);
}

static unsigned key_bit(int k) { return 1u << k; }

/* One `key = value` (both trimmed, NUL-terminated). */
static void config_set(config_parser *P, const char *key, const char *v)
{
    kiosk_config *c = P->c;
    int k = -1;
    for (int i = 0; config_keys[i]; i++)
        if (!strcmp(key, config_keys[i]))
            k = i;
    if (k < 0) {
        const char *near = schema_closest(key, config_keys);
        if (near)
            config_error(P, "unknown key '%s' (did you mean '%s'?)", key, near);
        else
            config_error(P, "unknown key '%s'", key);
        return;
    }
    if (c->set & key_bit(k)) {
        config_error(P, "'%s' is given twice", key);
        return;
    }
    if (!*v) {
        config_error(P, "'%s' has no value", key);
        return;
    }
    char err[256];
    bool ok = true;
    switch (k) {
    case 0: set_path(P, key, v, c->bundle); break;
    case 1:
        ok = parse_int(v, 0, 270, &c->rotate) && c->rotate % 90 == 0;
        if (!ok)
            config_error(P, "rotation: expected 0, 90, 180 or 270, got '%s'", v);
        break;
    case 2: {
        const char *x = strchr(v, 'x');
        char w[16];
        ok = x && x > v && (size_t)(x - v) < sizeof w;
        if (ok) {
            memcpy(w, v, (size_t)(x - v));
            w[x - v] = '\0';
            ok = parse_int(w, 1, OPTIONS_MAX_SIDE, &c->width) && parse_int(x + 1, 1, OPTIONS_MAX_SIDE, &c->height);
        }
        if (!ok)
            config_error(P, "size: expected WxH (each 1..%d), got '%s'", OPTIONS_MAX_SIDE, v);
        break;
    }
    case 3:
        ok = parse_int(v, BUNDLE_IDLE_TIMEOUT_MIN, BUNDLE_IDLE_TIMEOUT_MAX, &c->idle_timeout);
        if (!ok)
            config_error(P, "idle_timeout: expected seconds (%d..%d), got '%s'", BUNDLE_IDLE_TIMEOUT_MIN,
                         BUNDLE_IDLE_TIMEOUT_MAX, v);
        break;
    case 4:
        ok = hours_parse(&c->hours, v, err, sizeof err);
        if (!ok)
            config_error(P, "hours: %s", err);
        break;
    case 5: {
        size_t n = strlen(v);
        ok = n >= BUNDLE_PIN_MIN && n <= BUNDLE_PIN_MAX && strspn(v, "0123456789") == n;
        if (ok)
            memcpy(c->pin, v, n + 1);
        else
            config_error(P, "pin: expected %d to %d digits", BUNDLE_PIN_MIN, BUNDLE_PIN_MAX);
        break;
    }
    case 6: set_path(P, key, v, c->state_dir); break;
    case 7: set_path(P, key, v, c->inbox); break;
    case 8: set_path(P, key, v, c->trusted_keys); break;
    case 12: set_path(P, key, v, c->metrics_dir); break;
    case 13:
        ok = strlen(v) < sizeof c->audio_device;
        if (ok)
            memcpy(c->audio_device, v, strlen(v) + 1);
        else
            config_error(P, "audio_device: longer than %zu bytes", sizeof c->audio_device - 1);
        break;
    case 14:
        ok = parse_int(v, 0, 100, &c->volume);
        if (!ok)
            config_error(P, "volume: expected a percentage (0..100), got '%s'", v);
        break;
    case 16:
        ok = strcmp(v, "auto") == 0 || parse_bool(v, &c->reach_on);
        c->reach_mode = strcmp(v, "auto") == 0 ? REACH_AUTO : c->reach_on ? REACH_ON : REACH_OFF;
        if (!ok)
            config_error(P, "reach_mode: expected auto, yes or no, got '%s'", v);
        break;
    case 17:
        ok = parse_int(v, REACH_BOTTOM_MIN_MM, REACH_BOTTOM_MAX_MM, &c->screen_bottom_mm);
        if (!ok)
            config_error(P, "screen_bottom_mm: expected millimetres above the floor (%d..%d), got '%s'",
                         REACH_BOTTOM_MIN_MM, REACH_BOTTOM_MAX_MM, v);
        break;
    case 15:
        ok = parse_int(v, 50, 200, &c->speech_rate);
        if (!ok)
            config_error(P, "speech_rate: expected a percentage of the normal rate (50..200), got '%s'", v);
        break;
    default: {
        bool *dst = k == 9 ? &c->large_text : k == 10 ? &c->reduced_motion : &c->high_contrast;
        ok = parse_bool(v, dst);
        if (!ok)
            config_error(P, "%s: expected yes or no, got '%s'", key, v);
        break;
    }
    }
    if (ok)
        c->set |= key_bit(k);
}

static bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

bool config_parse(kiosk_config *c, const char *name, const char *base_dir, const char *text, size_t len)
{
    memset(c, 0, sizeof *c);
    hours_always(&c->hours);
    config_parser P = {c, name, base_dir, 0};
    size_t pos = 0;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        pos = 3; /* a byte-order mark some editors write */
    while (pos < len) {
        P.line++;
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        const char *s = text + pos;
        pos += n + 1;
        if (memchr(s, '\0', n)) {
            config_error(&P, "a NUL byte (not a text file?)");
            continue;
        }
        while (n && is_space(*s)) {
            s++;
            n--;
        }
        while (n && is_space(s[n - 1]))
            n--;
        if (n == 0 || s[0] == '#')
            continue;
        char line[2048];
        if (n >= sizeof line) {
            config_error(&P, "line longer than %zu bytes", sizeof line - 1);
            continue;
        }
        memcpy(line, s, n);
        line[n] = '\0';
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)line[i] < 0x20 && line[i] != '\t') {
                config_error(&P, "a control character (byte 0x%02x) in column %zu", (unsigned)line[i], i + 1);
                goto next;
            }
        }
        char *eq = strchr(line, '=');
        if (!eq) {
            config_error(&P, "expected 'key = value', got '%.60s'", line);
            continue;
        }
        char *key = line, *v = eq + 1;
        char *ke = eq;
        while (ke > key && is_space(ke[-1]))
            ke--;
        *ke = '\0';
        while (is_space(*v))
            v++;
        if (!*key) {
            config_error(&P, "a value without a key");
            continue;
        }
        config_set(&P, key, v);
    next:;
    }
    return c->nerrors == 0;
}

bool config_load(kiosk_config *c, const char *path)
{
    char err[256];
    size_t len;
    char *text = file_read_all(path, CONFIG_MAX_BYTES, &len, err, sizeof err);
    if (!text) {
        memset(c, 0, sizeof *c);
        hours_always(&c->hours);
        config_parser P = {c, path, NULL, 0};
        config_error(&P, "cannot read: %s", err);
        return false;
    }
    char dir[CONFIG_PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    bool ok = config_parse(c, path, dir, text, len);
    free(text);
    return ok;
}

const char *config_path(const char *given)
{
    if (given)
        return strcmp(given, "none") ? given : NULL;
    return access(CONFIG_DEFAULT_PATH, F_OK) == 0 ? CONFIG_DEFAULT_PATH : NULL;
}

void config_apply(const kiosk_config *c, kiosk_options *o)
{
    if (c->set & CONFIG_BUNDLE)
        o->bundle = c->bundle;
    if (c->set & CONFIG_ROTATION)
        o->rotate = c->rotate;
    if (c->set & CONFIG_SIZE) {
        o->width = c->width;
        o->height = c->height;
    }
    if (c->set & CONFIG_IDLE)
        o->idle_timeout = c->idle_timeout;
    if (c->set & CONFIG_HOURS)
        o->hours = c->hours;
    if (c->set & CONFIG_PIN)
        o->pin = c->pin;
    if (c->set & CONFIG_STATE_DIR)
        o->state_dir = c->state_dir;
    if (c->set & CONFIG_INBOX)
        o->inbox = c->inbox;
    if (c->set & CONFIG_KEYS)
        o->trusted_keys = c->trusted_keys;
    if (c->set & CONFIG_LARGE_TEXT)
        o->large_text = c->large_text;
    if (c->set & CONFIG_REDUCED_MOTION)
        o->reduced_motion = c->reduced_motion;
    if (c->set & CONFIG_HIGH_CONTRAST)
        o->high_contrast = c->high_contrast;
    if (c->set & CONFIG_METRICS_DIR)
        o->metrics_dir = c->metrics_dir;
    if (c->set & CONFIG_AUDIO_DEVICE)
        o->audio_device = c->audio_device;
    if (c->set & CONFIG_VOLUME)
        o->volume = c->volume;
    if (c->set & CONFIG_SPEECH_RATE)
        o->speech_rate = c->speech_rate;
    if (c->set & CONFIG_REACH_MODE)
        o->reach_mode = c->reach_mode;
    if (c->set & CONFIG_SCREEN_BOTTOM)
        o->screen_bottom_mm = c->screen_bottom_mm;
}

bool config_for_run(kiosk_config *c, kiosk_options *o, int argc, char **argv, char *status, size_t statuslen)
{
    const char *path = config_path(o->config);
    if (!path)
        return true;
    char err[512];
    if (config_load(c, path)) {
        kiosk_options with = *o;
        options_defaults(&with);
        config_apply(c, &with);
        /* The command line parsed alone; with the file, a rule across
         * options may still fail (an inbox without a state directory). */
        if (options_parse(&with, argc, argv, err, sizeof err) == OPTIONS_OK) {
            *o = with;
            LOG_I("config", "%s read", path);
            return true;
        }
        c->nerrors = 1;
        snprintf(c->errors[0], CONFIG_ERROR_MAX, "%.150s: %.160s", path, err);
    }
    int shown = c->nerrors < CONFIG_MAX_ERRORS ? c->nerrors : CONFIG_MAX_ERRORS;
    for (int i = 0; i < shown; i++)
        LOG_E("config", "%s", c->errors[i]);
    if (c->nerrors > shown)
        LOG_E("config", "%s: %d more errors", path, c->nerrors - shown);
    LOG_E("config", "%s has errors: not applied, running on the defaults", path);
    snprintf(status, statuslen, "config not applied (%d error%s, defaults used): %s", c->nerrors,
             c->nerrors == 1 ? "" : "s", c->errors[0]);
    o->config_status = status;
    return false;
}
