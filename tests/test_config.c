/* The site configuration (app/config.h): every error with its FILE:LINE,
 * the values of every key, relative paths, each line standing on its own (a
 * line with an error sets nothing, every other line applies), and
 * precedence (defaults, then the file, then the command line). The
 * settings table (app/settings.h): each entry sets its own fields, the same
 * way from the file and the command line, and the man page, kiosk.conf and
 * README.md list its keys. Also the opening hours it holds (app/hours.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support/scratch.h"

#include "app/config.h"
#include "app/hours.h"
#include "app/settings.h"
#include "core/fileio.h"
#include "core/log.h"
#include "ui/reach.h"

static kiosk_config cfg;

static bool parse_text(const char *text) { return config_parse(&cfg, "k.conf", "/etc/kiosk", text, strlen(text)); }

/* The text gives exactly one error, and it is `want`. */
static void expect_error(const char *text, const char *want)
{
    assert_false(parse_text(text));
    if (cfg.nerrors != 1 || strcmp(cfg.errors[0], want) != 0)
        fail_msg("for \"%s\": %d errors, first \"%s\", want \"%s\"", text, cfg.nerrors, cfg.errors[0], want);
}

static void test_every_key(void **state)
{
    (void)state;
    assert_true(parse_text("# hall B\n"
                           "\n"
                           "bundle = content\n"
                           "rotation = 90\n"
                           "size = 1080x1920\n"
                           "idle_timeout = 120\n"
                           "  hours = mon-fri 09:00-18:00, sat 10:00-16:00, sun closed  \n"
                           "pin=2468\n"
                           "operator_f12 = no\n"
                           "state_dir = /var/lib/kiosk\n"
                           "inbox = /srv/kiosk-inbox\n"
                           "trusted_keys = keys\n"
                           "large_text = yes\n"
                           "reduced_motion = on\n"
                           "high_contrast = false\r\n"
                           "metrics_dir = /var/lib/prometheus/node-exporter\n"
                           "audio_device = hw:0\n"
                           "volume = 40\n"
                           "speech_rate = 150\n"
                           "reach_mode = no\n"
                           "screen_bottom_mm = 900\n"));
    assert_int_equal(cfg.nerrors, 0);
    assert_string_equal(cfg.bundle, "/etc/kiosk/content");
    assert_int_equal(cfg.rotate, 90);
    assert_int_equal(cfg.width, 1080);
    assert_int_equal(cfg.height, 1920);
    assert_int_equal(cfg.idle_timeout, 120);
    assert_false(cfg.hours.always);
    assert_int_equal(cfg.hours.n[0], 1);
    assert_int_equal(cfg.hours.span[4][0].open, 9 * 60);
    assert_int_equal(cfg.hours.span[4][0].close, 18 * 60);
    assert_int_equal(cfg.hours.n[5], 1);
    assert_int_equal(cfg.hours.n[6], 0);
    assert_string_equal(cfg.pin, "2468");
    assert_false(cfg.operator_f12);
    assert_string_equal(cfg.state_dir, "/var/lib/kiosk");
    assert_string_equal(cfg.inbox, "/srv/kiosk-inbox");
    assert_string_equal(cfg.trusted_keys, "/etc/kiosk/keys");
    assert_true(cfg.large_text);
    assert_true(cfg.reduced_motion);
    assert_false(cfg.high_contrast);
    assert_string_equal(cfg.metrics_dir, "/var/lib/prometheus/node-exporter");
    assert_string_equal(cfg.audio_device, "hw:0");
    assert_int_equal(cfg.volume, 40);
    assert_int_equal(cfg.speech_rate, 150);
    assert_int_equal(cfg.reach_mode, REACH_OFF);
    assert_int_equal(cfg.screen_bottom_mm, 900);
    assert_int_equal(cfg.set, (1u << 19) - 1);
    assert_true(parse_text("reach_mode = auto\n"));
    assert_int_equal(cfg.reach_mode, REACH_AUTO);
    assert_true(parse_text("reach_mode = on\n"));
    assert_int_equal(cfg.reach_mode, REACH_ON);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("rotaton = 90\n", "k.conf:1: unknown key 'rotaton' (did you mean 'rotation'?)");
    expect_error("\n\nzzzzzzzzzz = 1\n", "k.conf:3: unknown key 'zzzzzzzzzz'");
    expect_error("pin = 1234\npin = 5678\n",
                 "k.conf:2: 'pin' is given twice (first on line 1; this line is ignored)");
    expect_error("bundle =\n", "k.conf:1: 'bundle' has no value");
    expect_error("rotation = 45\n", "k.conf:1: rotation: expected 0, 90, 180 or 270, got '45'");
    expect_error("rotation = -90\n", "k.conf:1: rotation: expected 0, 90, 180 or 270, got '-90'");
    expect_error("size = 800\n", "k.conf:1: size: expected WxH (each 1..8192), got '800'");
    expect_error("size = 0x480\n", "k.conf:1: size: expected WxH (each 1..8192), got '0x480'");
    expect_error("size = 9000x480\n", "k.conf:1: size: expected WxH (each 1..8192), got '9000x480'");
    expect_error("idle_timeout = 5\n", "k.conf:1: idle_timeout: expected seconds (10..3600), got '5'");
    expect_error("idle_timeout = 1 min\n", "k.conf:1: idle_timeout: expected seconds (10..3600), got '1 min'");
    expect_error("pin = 12\n", "k.conf:1: pin: expected 4 to 8 digits");
    expect_error("pin = 12ab\n", "k.conf:1: pin: expected 4 to 8 digits");
    expect_error("large_text = maybe\n", "k.conf:1: large_text: expected yes or no, got 'maybe'");
    expect_error("reduced_motion = 2\n", "k.conf:1: reduced_motion: expected yes or no, got '2'");
    expect_error("high_contrast = Y\n", "k.conf:1: high_contrast: expected yes or no, got 'Y'");
    expect_error("just words\n", "k.conf:1: expected 'key = value', got 'just words'");
    expect_error("= 5\n", "k.conf:1: a value without a key");
    expect_error("pin = 12\x01" "4\n", "k.conf:1: a control character (byte 0x01) in column 9");
    /* Opening hours, each of their errors. */
    expect_error("hours = mon-fri 09:00-25:00\n",
                 "k.conf:1: hours: 'mon-fri 09:00-25:00': expected HH:MM-HH:MM (00:00 to 24:00) or 'closed', got '09:00-25:00'");
    expect_error("hours = mon-fry 09:00-18:00\n",
                 "k.conf:1: hours: 'mon-fry 09:00-18:00': expected a day or days (mon..sun, e.g. mon-fri), got 'mon-fry'");
    expect_error("hours = mon 18:00-09:00\n",
                 "k.conf:1: hours: 'mon 18:00-09:00': 18:00-09:00 closes before it opens (a span cannot cross midnight)");
    expect_error("hours = mon 09:00-13:00 12:00-18:00\n",
                 "k.conf:1: hours: 'mon 09:00-13:00 12:00-18:00': 12:00-18:00 overlaps or precedes the span before it");
    expect_error("hours = mon-fri 09:00-18:00, fri 10:00-12:00\n",
                 "k.conf:1: hours: ' fri 10:00-12:00': fri is already given");
    expect_error("hours = mon-fri 09:00-18:00,\n",
                 "k.conf:1: hours: empty entry (two commas, or a comma at the end)");
    expect_error("hours = sat\n", "k.conf:1: hours: 'sat': expected times (HH:MM-HH:MM) or 'closed' after the days");
    expect_error("hours = sun closed 10:00-12:00\n",
                 "k.conf:1: hours: 'sun closed 10:00-12:00': expected HH:MM-HH:MM (00:00 to 24:00) or 'closed', got '10:00-12:00'");
    expect_error("hours = mon 01:00-02:00 03:00-04:00 05:00-06:00 07:00-08:00 09:00-10:00\n",
                 /* an entry is quoted up to 60 bytes */
                 "k.conf:1: hours: 'mon 01:00-02:00 03:00-04:00 05:00-06:00 07:00-08:00 09:00-10': more than 4 spans a day");
}

static void test_more_errors(void **state)
{
    (void)state;
    /* A NUL byte, a line too long, a path too long: each at its line. */
    assert_false(config_parse(&cfg, "k.conf", NULL, "pin = 1234\nx\0y\n", 15));
    assert_int_equal(cfg.nerrors, 1);
    assert_string_equal(cfg.errors[0], "k.conf:2: a NUL byte (not a text file?)");
    static char big[5000];
    memset(big, 'a', sizeof big - 1);
    memcpy(big, "bundle = ", 9);
    expect_error(big, "k.conf:1: line longer than 2047 bytes");
    big[1500] = '\0';
    assert_false(config_parse(&cfg, "k.conf", "/very/long/base/dir", big, strlen(big)));
    assert_string_equal(cfg.errors[0], "k.conf:1: bundle: path longer than 1023 bytes");
    /* Every error is counted; the first CONFIG_MAX_ERRORS are kept. */
    char many[2048] = "";
    for (int i = 0; i < 20; i++)
        strcat(many, "just words\n");
    assert_false(parse_text(many));
    assert_int_equal(cfg.nerrors, 20);
    assert_string_equal(cfg.errors[CONFIG_MAX_ERRORS - 1],
                        "k.conf:16: expected 'key = value', got 'just words'");
    /* A file that cannot be read is one error, without a line. */
    assert_false(config_load(&cfg, "/nonexistent/kiosk.conf"));
    assert_true(cfg.unread);
    assert_int_equal(cfg.nerrors, 1);
    assert_string_equal(cfg.errors[0], "/nonexistent/kiosk.conf: cannot read: No such file or directory");
    /* Comments, blank lines, a byte-order mark, `always`. */
    assert_true(parse_text("\xEF\xBB\xBF# c\n   # indented comment\n\t\nhours = always\n"));
    assert_true(cfg.hours.always);
}

/* Each line stands on its own: a line with an error sets nothing (its
 * setting keeps its default), the lines around it set theirs; a key is read
 * from its first line, even when that line has the error. */
static void test_lines_stand_alone(void **state)
{
    (void)state;
    /* Errors: an unknown key (line 2), bad values (4, 5: its first entry
     * good, and 7), keys given twice (8, 10), a line without '=' (11). */
    assert_false(parse_text("state_dir = /var/lib/kiosk\n"
                            "volum = 50\n"
                            "metrics_dir = /var/lib/prom\n"
                            "rotation = 45\n"
                            "hours = mon 09:00-18:00, tue\n"
                            "inbox = in\n"
                            "speech_rate = 300\n"
                            "speech_rate = 120\n"
                            "pin = 1357\n"
                            "pin = 2468\n"
                            "not a setting\n"
                            "volume = 30\n"));
    const char *want[] = {":2: unknown key",
                          ":4: rotation:",
                          ":5: hours:",
                          ":7: speech_rate:",
                          ":8: 'speech_rate' is given twice (first on line 7;",
                          ":10: 'pin' is given twice (first on line 9;",
                          ":11: expected 'key = value'"};
    assert_int_equal(cfg.nerrors, 7);
    for (int i = 0; i < 7; i++)
        if (!strstr(cfg.errors[i], want[i]))
            fail_msg("error %d is '%s', not one with '%s'", i, cfg.errors[i], want[i]);
    assert_int_equal(cfg.set,
                     CONFIG_STATE_DIR | CONFIG_METRICS_DIR | CONFIG_INBOX | CONFIG_PIN | CONFIG_VOLUME);
    assert_string_equal(cfg.state_dir, "/var/lib/kiosk");
    assert_string_equal(cfg.inbox, "/etc/kiosk/in");
    assert_string_equal(cfg.pin, "1357");
    assert_int_equal(cfg.volume, 30);
    /* Applied: the good lines over the defaults, nothing of the others. */
    kiosk_options o;
    options_defaults(&o);
    config_apply(&cfg, &o);
    assert_string_equal(o.state_dir, "/var/lib/kiosk");
    assert_string_equal(o.metrics_dir, "/var/lib/prom");
    assert_int_equal(o.rotate, 0);
    assert_true(o.hours.always);
    assert_int_equal(o.speech_rate, OPTIONS_DEFAULT_SPEECH_RATE);
    assert_int_equal(o.volume, 30);
    /* A path too long for its field sets nothing either. */
    static char big[1500];
    memset(big, 'a', sizeof big - 1);
    memcpy(big, "bundle = ", 9);
    assert_false(config_parse(&cfg, "k.conf", "/base", big, strlen(big)));
    assert_int_equal(cfg.set, 0);
}

/* A config file in $TMPDIR with `text`; its path in path. */
static void write_conf(char *path, size_t len, const char *text)
{
    const char *t = getenv("TMPDIR");
    snprintf(path, len, "%s/test-config-%ld.conf", t && *t ? t : "/tmp", (long)getpid());
    assert_true(scratch_write_text(path, text));
}

static options_result run_args(kiosk_options *o, char *status, const char *conf, int argc, char **argv)
{
    options_defaults(o);
    options_result r = options_parse(o, argc, argv, status, CONFIG_STATUS_MAX);
    assert_int_equal(r, OPTIONS_OK);
    (void)conf;
    config_for_run(&cfg, o, argc, argv, status, CONFIG_STATUS_MAX);
    return r;
}

static void test_precedence(void **state)
{
    (void)state;
    char path[512], status[CONFIG_STATUS_MAX];
    write_conf(path, sizeof path, "rotation = 90\nsize = 800x480\nbundle = /b\npin = 2468\n"
                                  "idle_timeout = 30\nhours = mon 09:00-10:00\nlarge_text = yes\n");
    kiosk_options o;
    /* The file over the defaults; the command line over the file. */
    char *argv[] = {"kiosk", "--config", path, "--rotate", "180", "--headless"};
    run_args(&o, status, path, 6, argv);
    assert_null(o.config_status);
    assert_int_equal(o.rotate, 180);
    assert_int_equal(o.width, 800);
    assert_int_equal(o.height, 480);
    assert_string_equal(o.bundle, "/b");
    assert_string_equal(o.pin, "2468");
    assert_int_equal(o.idle_timeout, 30);
    assert_true(o.large_text);
    assert_true(o.headless);
    assert_false(o.hours.always);
    char *argv2[] = {"kiosk", "--config", path, "--bundle", "content", "--size", "1920x1080"};
    run_args(&o, status, path, 7, argv2);
    assert_string_equal(o.bundle, "content");
    assert_int_equal(o.width, 1920);
    assert_int_equal(o.rotate, 90);
    /* --config none: no file at all. */
    char *argv3[] = {"kiosk", "--config", "none"};
    run_args(&o, status, path, 3, argv3);
    assert_int_equal(o.rotate, 0);
    assert_string_equal(o.bundle, OPTIONS_DEFAULT_BUNDLE);
    /* A line with an error is not applied, the others are; the menu's
     * line and the count say so. */
    write_conf(path, sizeof path, "rotation = 90\nrotaton = 180\nsize = 800x480\nvolume = 40\nvolume = 60\n");
    char *argv4[] = {"kiosk", "--config", path, "--headless"};
    run_args(&o, status, path, 4, argv4);
    assert_int_equal(o.rotate, 90);
    assert_int_equal(o.width, 800);
    assert_int_equal(o.volume, 40); /* a key given twice: its first line */
    assert_true(o.headless);
    assert_int_equal(o.config_errors, 2);
    assert_non_null(o.config_status);
    assert_non_null(strstr(o.config_status, "config: 2 errors (those lines ignored, the rest applied): "));
    assert_non_null(strstr(o.config_status, ":2: unknown key 'rotaton' (did you mean 'rotation'?)"));
    /* The command line over a line of the file, and over a line with an error. */
    char *argv6[] = {"kiosk", "--config", path, "--rotate", "270", "--size", "320x240"};
    run_args(&o, status, path, 7, argv6);
    assert_int_equal(o.rotate, 270);
    assert_int_equal(o.width, 320);
    assert_int_equal(o.config_errors, 2);
    /* A rule across settings the file breaks: an inbox needs a state
     * directory. The inbox's line is the error, the rest applies. */
    write_conf(path, sizeof path, "rotation = 180\n\ninbox = /srv/in\nmetrics_dir = /m\n");
    run_args(&o, status, path, 4, argv4);
    assert_null(o.inbox);
    assert_int_equal(o.rotate, 180);
    assert_string_equal(o.metrics_dir, "/m");
    assert_int_equal(o.config_errors, 1);
    if (!strstr(o.config_status,
                ":3: inbox needs state_dir (where the installed bundles are kept): no content "
                "updates"))
        fail_msg("status '%s'", o.config_status);
    /* ... which the command line can supply. */
    char *argv5[] = {"kiosk", "--config", path, "--state-dir", "/var/lib/kiosk"};
    run_args(&o, status, path, 5, argv5);
    assert_null(o.config_status);
    assert_int_equal(o.config_errors, 0);
    assert_string_equal(o.inbox, "/srv/in");
    unlink(path);
    /* A file that cannot be read: the defaults and the command line. */
    run_args(&o, status, path, 7, argv6);
    assert_int_equal(o.rotate, 270);
    assert_int_equal(o.volume, OPTIONS_DEFAULT_VOLUME);
    assert_int_equal(o.config_errors, 1);
    assert_non_null(strstr(o.config_status, "config not read (defaults used): "));
    assert_non_null(strstr(o.config_status, ": cannot read: No such file or directory"));
}

/* The entries themselves: one key, one option and one bit each. */
static void test_table(void **state)
{
    (void)state;
    unsigned bits = 0;
    for (size_t i = 0; i < settings_count; i++) {
        const setting_spec *s = &settings_table[i];
        if (settings_by_key(s->key) != s)
            fail_msg("the key '%s' is in the settings table twice", s->key);
        if (s->option && (settings_by_option(s->option) != s || strncmp(s->option, "--", 2) != 0))
            fail_msg("'%s': the option '%s' is another setting's too, or not an option", s->key, s->option);
        if (s->bit == 0 || (s->bit & (s->bit - 1)) || (bits & s->bit))
            fail_msg("'%s': its bit 0x%x is not one bit of its own", s->key, s->bit);
        bits |= s->bit;
    }
}

/* A value of s that is not its default, as written in the file. */
static void good_value(const setting_spec *s, char *v, size_t len)
{
    switch (s->type) {
    case SETTING_PATH: snprintf(v, len, "/x/%s", s->key); break;
    case SETTING_TEXT: snprintf(v, len, "device %s", s->key); break;
    case SETTING_PIN: snprintf(v, len, "%.*s", (int)s->hi, "9876543210987654"); break;
    case SETTING_INT:
        snprintf(v, len, "%ld", s->step ? s->lo + (s->hi - s->lo) / s->step * s->step : s->hi);
        break;
    case SETTING_SIZE: snprintf(v, len, "%ldx%ld", s->lo, s->hi); break;
    case SETTING_BOOL: {
        kiosk_options d;
        options_defaults(&d);
        snprintf(v, len, "%s", *(const bool *)((const char *)&d + s->opt) ? "no" : "yes");
        break;
    }
    case SETTING_AUTO_BOOL: snprintf(v, len, "yes"); break;
    case SETTING_HOURS: snprintf(v, len, "tue 09:00-10:00"); break;
    }
}

/* The bytes of s's field in kiosk_options (for a size, of each of its two). */
static size_t field_len(const setting_spec *s)
{
    switch (s->type) {
    case SETTING_PATH:
    case SETTING_TEXT:
    case SETTING_PIN: return sizeof(const char *);
    case SETTING_INT:
    case SETTING_AUTO_BOOL:
    case SETTING_SIZE: return sizeof(int);
    case SETTING_BOOL: return sizeof(bool);
    case SETTING_HOURS: return sizeof(hours_schedule);
    }
    return 0;
}

static bool in_field(const setting_spec *s, size_t i)
{
    size_t n = field_len(s);
    return (i >= s->opt && i < s->opt + n) || (s->type == SETTING_SIZE && i >= s->opt_h && i < s->opt_h + n);
}

/* Same value of s in a and b (strings compared as strings). */
static bool same_value(const setting_spec *s, const kiosk_options *a, const kiosk_options *b)
{
    const char *fa = (const char *)a + s->opt, *fb = (const char *)b + s->opt;
    if (s->type == SETTING_PATH || s->type == SETTING_TEXT || s->type == SETTING_PIN) {
        const char *sa = *(const char *const *)fa, *sb = *(const char *const *)fb;
        return sa && sb ? strcmp(sa, sb) == 0 : sa == sb;
    }
    return memcmp(fa, fb, field_len(s)) == 0 &&
           (s->type != SETTING_SIZE ||
            memcmp((const char *)a + s->opt_h, (const char *)b + s->opt_h, sizeof(int)) == 0);
}

/* Every entry through the file: its key sets its bit and, applied, its own
 * fields of kiosk_options and no other; through the command line, where it
 * has an option, the same value into the same fields. So no order of the
 * table can give a key another's field. */
static void test_every_setting_round_trips(void **state)
{
    (void)state;
    for (size_t k = 0; k < settings_count; k++) {
        const setting_spec *s = &settings_table[k];
        char v[64], line[128];
        good_value(s, v, sizeof v);
        snprintf(line, sizeof line, "%s = %s\n", s->key, v);
        if (!parse_text(line))
            fail_msg("'%s' refused: %s", line, cfg.errors[0]);
        if (cfg.set != s->bit)
            fail_msg("'%s' set the bits 0x%x, not its own 0x%x", s->key, cfg.set, s->bit);
        kiosk_options defaults, from_file;
        options_defaults(&defaults);
        options_defaults(&from_file);
        config_apply(&cfg, &from_file);
        for (size_t i = 0; i < sizeof defaults; i++) {
            bool changed = ((unsigned char *)&defaults)[i] != ((unsigned char *)&from_file)[i];
            if (changed && !in_field(s, i))
                fail_msg("'%s' changed byte %zu of kiosk_options, outside its field", s->key, i);
        }
        if (same_value(s, &defaults, &from_file))
            fail_msg("'%s' = '%s' left its field at the default", s->key, v);
        if (!s->option)
            continue;
        char *argv[] = {"kiosk", "--state-dir", "/st", (char *)s->option, v};
        int argc = s->type == SETTING_BOOL ? 4 : 5; /* a boolean is a flag */
        kiosk_options from_args;
        char err[256];
        options_defaults(&from_args);
        if (options_parse(&from_args, argc, argv, err, sizeof err) != OPTIONS_OK)
            fail_msg("%s %s refused: %s", s->option, v, err);
        if (!same_value(s, &from_file, &from_args))
            fail_msg("'%s = %s' and '%s %s' set different values", s->key, v, s->option, v);
        if (s->type == SETTING_PATH || s->type == SETTING_TEXT || s->type == SETTING_BOOL)
            continue; /* any text is a value; a flag has none */
        /* A bad value: the same message, named by the key or the option. */
        snprintf(line, sizeof line, "%s = bad\n", s->key);
        assert_false(parse_text(line));
        argv[4] = "bad";
        options_defaults(&from_args);
        assert_int_equal(options_parse(&from_args, 5, argv, err, sizeof err), OPTIONS_ERROR);
        const char *in_file = cfg.errors[0] + strlen("k.conf:1: ") + strlen(s->key);
        if (strncmp(err, s->option, strlen(s->option)) != 0 || strcmp(err + strlen(s->option), in_file) != 0)
            fail_msg("'%s' and '%s' differ", cfg.errors[0], err);
    }
}

/* Numbers are read alike in the file and on the command line. */
static void test_numbers_read_alike(void **state)
{
    (void)state;
    static const char *const values[] = {"0000000090", "90",  "090", "+90",
                                         "-0",         "9 0", "9x",  "99999999999999999999"};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        char line[64], err[256];
        snprintf(line, sizeof line, "rotation = %s\n", values[i]);
        bool in_file = parse_text(line);
        kiosk_options o;
        options_defaults(&o);
        char *argv[] = {"kiosk", "--rotate", (char *)values[i]};
        bool on_line = options_parse(&o, 3, argv, err, sizeof err) == OPTIONS_OK;
        if (in_file != on_line || (in_file && cfg.rotate != o.rotate))
            fail_msg("'%s': the file says %d (%d), the command line %d (%d)", values[i], in_file, cfg.rotate,
                     on_line, o.rotate);
    }
}

/* The words of `doc` from `start` up to the first of `end`: the keys a
 * document lists, checked against the table both ways. */
static void check_keys(const char *what, const char *doc, const char *start, const char *end)
{
    const char *p = doc ? strstr(doc, start) : NULL;
    if (!p)
        fail_msg("%s: no '%s' (where its list of configuration keys starts)", what, start);
    p += strlen(start);
    const char *q = strstr(p, end);
    if (!q)
        fail_msg("%s: no '%s' after its list of configuration keys", what, end);
    char problems[2048] = "";
    bool listed[64] = {false};
    assert_true(settings_count <= 64);
    while (p < q) {
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789");
        if (n == 0) {
            p++;
            continue;
        }
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        p += n;
        const setting_spec *s = settings_by_key(word);
        if (s)
            listed[s - settings_table] = true;
        else
            snprintf(problems + strlen(problems), sizeof problems - strlen(problems),
                     "\n  lists '%s', which is not a setting", word);
    }
    for (size_t i = 0; i < settings_count; i++)
        if (!listed[i])
            snprintf(problems + strlen(problems), sizeof problems - strlen(problems),
                     "\n  does not list the setting '%s'", settings_table[i].key);
    if (problems[0])
        fail_msg("%s, against the settings table (firmware/app/settings.c):%s", what, problems);
}

static char *read_doc(const char *path)
{
    char err[256];
    size_t len;
    char *text = file_read_all(path, 1 << 20, &len, err, sizeof err);
    if (!text)
        fail_msg("%s", err);
    return text;
}

/* The documents that list the keys list exactly the table's. */
static void test_keys_documented(void **state)
{
    (void)state;
    /* The man page: the sentence of FILES that names them. */
    char *man = read_doc("packaging/kiosk.1");
    check_keys("packaging/kiosk.1", strstr(man, ".I /etc/kiosk/kiosk.conf"), "a line:", ".\n");
    free(man);

    /* kiosk.conf: a `key = value` line for each, commented out or not; the
     * keys alone make the list, and each example value is a good one. */
    char *conf = read_doc("packaging/kiosk.conf");
    char keys[4096] = "";
    int lineno = 0;
    for (char *line = conf, *next; line; line = next) {
        lineno++;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        const char *l = line[0] == '#' ? line + 1 : line;
        size_t n = strspn(l, "abcdefghijklmnopqrstuvwxyz_0123456789");
        if (n == 0 || strncmp(l + n, " = ", 3) != 0)
            continue;
        snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "%.*s\n", (int)n, l);
        if (!parse_text(l))
            fail_msg("packaging/kiosk.conf:%d: %s", lineno, cfg.errors[0] + strlen("k.conf:1: "));
    }
    free(conf);
    snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "END");
    check_keys("packaging/kiosk.conf", keys, "", "END");

    /* README.md: the key column of the Site configuration table; the like
     * column names each key's option, and only those. */
    char *readme = read_doc("README.md");
    char *table = strstr(readme, "### Site configuration");
    table = table ? strstr(table, "| key | value | like |\n|---|---|---|\n") : NULL;
    if (!table)
        fail_msg("README.md: no '| key | value | like |' table under 'Site configuration'");
    table += strlen("| key | value | like |\n|---|---|---|\n");
    char *rows_end = strstr(table, "\n\n");
    assert_non_null(rows_end);
    *rows_end = '\0';
    char keycol[2048] = "";
    for (char *row = strtok(table, "\n"); row; row = strtok(NULL, "\n")) {
        char *cell[5] = {NULL};
        int ncell = 0;
        for (char *c = row; (c = strchr(c, '|')) && ncell < 5; c++)
            cell[ncell++] = c + 1;
        if (ncell != 4)
            fail_msg("README.md: a row of the Site configuration table without its 3 columns: %s", row);
        cell[1][-1] = cell[2][-1] = cell[3][-1] = '\0';
        snprintf(keycol + strlen(keycol), sizeof keycol - strlen(keycol), "%s\n", cell[0]);
        for (char *k = strchr(cell[0], '`'); k; k = strchr(strchr(k + 1, '`') + 1, '`')) {
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)strcspn(k + 1, "`"), k + 1);
            const setting_spec *s = settings_by_key(key);
            char want[80];
            snprintf(want, sizeof want, "`%s`", s && s->option ? s->option : "");
            if (s && s->option && !strstr(cell[2], want))
                fail_msg("README.md: the row of '%s' does not name its option %s", key, s->option);
        }
        for (char *o = strstr(cell[2], "`--"); o; o = strstr(o + 1, "`--")) {
            char opt[64];
            snprintf(opt, sizeof opt, "%.*s", (int)strcspn(o + 1, "`"), o + 1);
            const setting_spec *s = settings_by_option(opt);
            char key[80];
            snprintf(key, sizeof key, "`%s`", s ? s->key : "");
            if (!s || !strstr(cell[0], key))
                fail_msg("README.md: the row of %s names %s, which is not the option of its keys",
                         cell[0] + strspn(cell[0], " "), opt);
        }
    }
    free(readme);
    snprintf(keycol + strlen(keycol), sizeof keycol - strlen(keycol), "END");
    check_keys("README.md's Site configuration table", keycol, "", "END");
}

/* Local time of a date, TZ=UTC. */
static time_t at(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_isdst = -1};
    return mktime(&tm);
}

static void test_hours(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    hours_schedule h;
    char err[256];
    assert_true(hours_parse(&h, "mon-fri 09:00-18:00, sat 10:00-12:00 13:00-16:00", err, sizeof err));
    /* 2025-11-21 is a Friday. */
    assert_false(hours_open_at(&h, at(2025, 11, 21, 8, 59)));
    assert_true(hours_open_at(&h, at(2025, 11, 21, 9, 0)));
    assert_true(hours_open_at(&h, at(2025, 11, 21, 17, 59)));
    assert_false(hours_open_at(&h, at(2025, 11, 21, 18, 0)));
    assert_true(hours_next_change(&h, at(2025, 11, 21, 12, 0)) == at(2025, 11, 21, 18, 0));
    assert_true(hours_next_change(&h, at(2025, 11, 21, 18, 0)) == at(2025, 11, 22, 10, 0));
    assert_true(hours_next_change(&h, at(2025, 11, 22, 11, 0)) == at(2025, 11, 22, 12, 0));
    assert_true(hours_next_change(&h, at(2025, 11, 22, 16, 30)) == at(2025, 11, 24, 9, 0));
    assert_false(hours_open_at(&h, at(2025, 11, 23, 12, 0)));
    /* A span to midnight joined to the next day's from midnight is no change. */
    assert_true(hours_parse(&h, "fri 20:00-24:00, sat 00:00-02:00", err, sizeof err));
    assert_true(hours_next_change(&h, at(2025, 11, 21, 21, 0)) == at(2025, 11, 22, 2, 0));
    /* A wrapping range. */
    assert_true(hours_parse(&h, "sat-mon 10:00-11:00", err, sizeof err));
    assert_int_equal(h.n[6], 1);
    assert_int_equal(h.n[0], 1);
    assert_int_equal(h.n[1], 0);
    hours_always(&h);
    assert_true(hours_open_at(&h, 0));
    assert_true(hours_next_change(&h, 0) == HOURS_NEVER);
    assert_true(hours_parse(&h, "mon closed", err, sizeof err));
    assert_true(hours_next_change(&h, 0) == HOURS_NEVER);
}

int main(void)
{
    log_set_level(LOG_OFF);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_more_errors),
        cmocka_unit_test(test_lines_stand_alone),
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_every_setting_round_trips),
        cmocka_unit_test(test_numbers_read_alike),
        cmocka_unit_test(test_keys_documented),
        cmocka_unit_test(test_hours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
