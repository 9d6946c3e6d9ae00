#include "app/settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/hours.h"
#include "content/model.h"
#include "content/schema.h"
#include "core/log.h"
#include "ui/reach.h"

/* offsetof(S, F), and a compile error unless S's field F has type T (an
 * array as a pointer to its first element): an entry cannot aim its type's
 * reading at a field of another type. */
#define FIELD(S, F, T) (offsetof(S, F) + 0 * sizeof(char[_Generic(((S *)0)->F, T : 1, default : -1)]))

/* A setting's fields: the one of that name in kiosk_config and in kiosk_options. */
#define AT_STR(F)                                                                                            \
    .conf = FIELD(kiosk_config, F, char *), .opt = FIELD(kiosk_options, F, const char *),                    \
    .cap = sizeof((kiosk_config *)0)->F
#define AT_INT(F) .conf = FIELD(kiosk_config, F, int), .opt = FIELD(kiosk_options, F, int)
#define AT_BOOL(F) .conf = FIELD(kiosk_config, F, bool), .opt = FIELD(kiosk_options, F, bool)
#define AT_SIZE(W, H) AT_INT(W), .conf_h = FIELD(kiosk_config, H, int), .opt_h = FIELD(kiosk_options, H, int)
#define AT_HOURS(F)                                                                                          \
    .conf = FIELD(kiosk_config, F, hours_schedule), .opt = FIELD(kiosk_options, F, hours_schedule)

/* key, option, bit, type, then lo, hi, step and what as the type needs them, then the fields */
const setting_spec settings_table[] = {
    {"bundle", "--bundle", CONFIG_BUNDLE, SETTING_PATH, AT_STR(bundle)},
    {"rotation", "--rotate", CONFIG_ROTATION, SETTING_INT, 0, 270, 90, AT_INT(rotate)},
    {"size", "--size", CONFIG_SIZE, SETTING_SIZE, 1, OPTIONS_MAX_SIDE, AT_SIZE(width, height)},
    {"idle_timeout", NULL, CONFIG_IDLE, SETTING_INT, BUNDLE_IDLE_TIMEOUT_MIN, BUNDLE_IDLE_TIMEOUT_MAX, 0,
     "seconds", AT_INT(idle_timeout)},
    {"hours", NULL, CONFIG_HOURS, SETTING_HOURS, AT_HOURS(hours)},
    {"pin", NULL, CONFIG_PIN, SETTING_PIN, BUNDLE_PIN_MIN, BUNDLE_PIN_MAX, AT_STR(pin)},
    {"operator_f12", NULL, CONFIG_OPERATOR_F12, SETTING_BOOL, AT_BOOL(operator_f12)},
    {"state_dir", "--state-dir", CONFIG_STATE_DIR, SETTING_PATH, AT_STR(state_dir)},
    {"inbox", "--inbox", CONFIG_INBOX, SETTING_PATH, AT_STR(inbox)},
    {"trusted_keys", "--trusted-keys", CONFIG_KEYS, SETTING_PATH, AT_STR(trusted_keys)},
    {"large_text", "--large-text", CONFIG_LARGE_TEXT, SETTING_BOOL, AT_BOOL(large_text)},
    {"reduced_motion", NULL, CONFIG_REDUCED_MOTION, SETTING_BOOL, AT_BOOL(reduced_motion)},
    {"high_contrast", NULL, CONFIG_HIGH_CONTRAST, SETTING_BOOL, AT_BOOL(high_contrast)},
    {"metrics_dir", "--metrics-dir", CONFIG_METRICS_DIR, SETTING_PATH, AT_STR(metrics_dir)},
    {"audio_device", NULL, CONFIG_AUDIO_DEVICE, SETTING_TEXT, AT_STR(audio_device)},
    {"volume", NULL, CONFIG_VOLUME, SETTING_INT, 0, 100, 0, "a percentage", AT_INT(volume)},
    {"speech_rate", NULL, CONFIG_SPEECH_RATE, SETTING_INT, 50, 200, 0, "a percentage of the normal rate",
     AT_INT(speech_rate)},
    {"reach_mode", NULL, CONFIG_REACH_MODE, SETTING_AUTO_BOOL, .choice = {REACH_AUTO, REACH_ON, REACH_OFF},
     AT_INT(reach_mode)},
    {"screen_bottom_mm", NULL, CONFIG_SCREEN_BOTTOM, SETTING_INT, REACH_BOTTOM_MIN_MM, REACH_BOTTOM_MAX_MM, 0,
     "millimetres above the floor", AT_INT(screen_bottom_mm)},
};
#define SETTINGS_N (sizeof settings_table / sizeof settings_table[0])
_Static_assert(SETTINGS_N <= CONFIG_MAX_KEYS, "each setting has a bit of kiosk_config.set");
_Static_assert(BUNDLE_PIN_MAX < sizeof((kiosk_config *)0)->pin, "the pin field holds the longest PIN");
const size_t settings_count = SETTINGS_N;

const setting_spec *settings_by_key(const char *key)
{
    for (size_t i = 0; i < SETTINGS_N; i++)
        if (strcmp(settings_table[i].key, key) == 0)
            return &settings_table[i];
    return NULL;
}

const setting_spec *settings_by_option(const char *option)
{
    for (size_t i = 0; i < SETTINGS_N; i++)
        if (settings_table[i].option && strcmp(settings_table[i].option, option) == 0)
            return &settings_table[i];
    return NULL;
}

const char *settings_closest_key(const char *key)
{
    const char *keys[SETTINGS_N + 1];
    for (size_t i = 0; i < SETTINGS_N; i++)
        keys[i] = settings_table[i].key;
    keys[SETTINGS_N] = NULL;
    return schema_closest(key, keys);
}

/* strtol alone also takes " 5", "+5" and "-0". */
bool settings_parse_long(const char *s, long lo, long hi, long *out)
{
    if (!*s || strspn(s, "0123456789") != strlen(s))
        return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno || v < lo || v > hi)
        return false;
    *out = v;
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

/* WxH, each side in lo..hi. */
static bool parse_size(const char *s, long lo, long hi, int *w, int *h)
{
    const char *x = strchr(s, 'x');
    char wbuf[16];
    size_t n = x ? (size_t)(x - s) : 0;
    if (n == 0 || n >= sizeof wbuf)
        return false;
    memcpy(wbuf, s, n);
    wbuf[n] = '\0';
    long lw, lh;
    if (!settings_parse_long(wbuf, lo, hi, &lw) || !settings_parse_long(x + 1, lo, hi, &lh))
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

/* lo to hi digits; else false, with the error of `name` in err. */
static bool pin_ok(const setting_spec *s, const char *name, const char *v, char *err, size_t errlen)
{
    size_t n = strlen(v);
    if (n >= (size_t)s->lo && n <= (size_t)s->hi && strspn(v, "0123456789") == n)
        return true;
    log_format_err(err, errlen, "%s: expected %ld to %ld digits", name, s->lo, s->hi);
    return false;
}

/* What a value of s looks like, as its error says: "0, 90, 180 or 270",
 * "seconds (10..3600)", "WxH (each 1..8192)", "yes or no". */
static void expected(const setting_spec *s, char *buf, size_t len)
{
    buf[0] = '\0';
    if (s->type == SETTING_INT && s->step > 0) {
        size_t n = 0;
        for (long v = s->lo; v <= s->hi && n < len; v += s->step) {
            const char *sep = v == s->lo ? "" : v + s->step > s->hi ? " or " : ", ";
            n += (size_t)snprintf(buf + n, len - n, "%s%ld", sep, v);
        }
    } else if (s->type == SETTING_INT) {
        snprintf(buf, len, "%s (%ld..%ld)", s->what, s->lo, s->hi);
    } else if (s->type == SETTING_SIZE) {
        snprintf(buf, len, "WxH (each %ld..%ld)", s->lo, s->hi);
    } else if (s->type == SETTING_BOOL) {
        snprintf(buf, len, "yes or no");
    } else if (s->type == SETTING_AUTO_BOOL) {
        snprintf(buf, len, "auto, yes or no");
    }
}

/* Reads v, given as `name`, into the field at f (and the height's at f_h)
 * for the types whose field has the same C type in both records. */
static bool read_value(const setting_spec *s, const char *name, const char *v, char *f, char *f_h, char *err,
                       size_t errlen)
{
    long n;
    bool b, ok = false;
    switch (s->type) {
    case SETTING_INT:
        ok = settings_parse_long(v, s->lo, s->hi, &n) && (s->step == 0 || (n - s->lo) % s->step == 0);
        if (ok)
            *(int *)f = (int)n;
        break;
    case SETTING_SIZE: ok = parse_size(v, s->lo, s->hi, (int *)f, (int *)f_h); break;
    case SETTING_BOOL: ok = parse_bool(v, (bool *)f); break;
    case SETTING_AUTO_BOOL:
        ok = strcmp(v, "auto") == 0 || parse_bool(v, &b);
        if (ok)
            *(int *)f = strcmp(v, "auto") == 0 ? s->choice[0] : b ? s->choice[1] : s->choice[2];
        break;
    case SETTING_HOURS: {
        char herr[LOG_ERR_MAX];
        if (hours_parse((hours_schedule *)f, v, herr, sizeof herr))
            return true;
        log_format_err(err, errlen, "%s: %s", name, herr);
        return false;
    }
    case SETTING_PATH:
    case SETTING_TEXT:
    case SETTING_PIN: break; /* kept differently in the two records */
    }
    if (!ok) {
        char what[64];
        expected(s, what, sizeof what);
        log_format_err(err, errlen, "%s: expected %s, got '%s'", name, what, v);
    }
    return ok;
}

bool settings_read_file(const setting_spec *s, const char *v, const char *base_dir, kiosk_config *c,
                        char *err, size_t errlen)
{
    char *f = (char *)c + s->conf;
    size_t n = strlen(v);
    switch (s->type) {
    case SETTING_PATH: {
        int len = v[0] == '/' || !base_dir ? snprintf(f, s->cap, "%s", v)
                                           : snprintf(f, s->cap, "%s/%s", base_dir, v);
        if (len >= 0 && (size_t)len < s->cap)
            return true;
        log_format_err(err, errlen, "%s: path longer than %zu bytes", s->key, s->cap - 1);
        return false;
    }
    case SETTING_TEXT:
        if (n < s->cap) {
            memcpy(f, v, n + 1);
            return true;
        }
        log_format_err(err, errlen, "%s: longer than %zu bytes", s->key, s->cap - 1);
        return false;
    case SETTING_PIN:
        if (!pin_ok(s, s->key, v, err, errlen))
            return false;
        memcpy(f, v, n + 1); /* its field holds BUNDLE_PIN_MAX digits (below) */
        return true;
    default: return read_value(s, s->key, v, f, (char *)c + s->conf_h, err, errlen);
    }
}

bool settings_read_arg(const setting_spec *s, const char *name, const char *v, kiosk_options *o, char *err,
                       size_t errlen)
{
    char *f = (char *)o + s->opt;
    switch (s->type) {
    case SETTING_PATH:
    case SETTING_TEXT: *(const char **)f = v; return true;
    case SETTING_PIN:
        if (!pin_ok(s, name, v, err, errlen))
            return false;
        *(const char **)f = v;
        return true;
    case SETTING_BOOL:
        if (v)
            break;
        *(bool *)f = true; /* a flag */
        return true;
    default: break;
    }
    return read_value(s, name, v, f, (char *)o + s->opt_h, err, errlen);
}

void settings_apply(const setting_spec *s, const kiosk_config *c, kiosk_options *o)
{
    const char *from = (const char *)c + s->conf;
    char *to = (char *)o + s->opt;
    switch (s->type) {
    case SETTING_PATH:
    case SETTING_TEXT:
    case SETTING_PIN: *(const char **)to = from; break;
    case SETTING_INT:
    case SETTING_AUTO_BOOL: *(int *)to = *(const int *)from; break;
    case SETTING_SIZE:
        *(int *)to = *(const int *)from;
        *(int *)((char *)o + s->opt_h) = *(const int *)((const char *)c + s->conf_h);
        break;
    case SETTING_BOOL: *(bool *)to = *(const bool *)from; break;
    case SETTING_HOURS: *(hours_schedule *)to = *(const hours_schedule *)from; break;
    }
}
