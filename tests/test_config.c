/* The site configuration (app/config.h): every error with its FILE:LINE,
 * the values of every key, relative paths, a file with errors not applied,
 * and precedence (defaults, then the file, then the command line). Also the
 * opening hours it holds (ui/hours.h). */
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
#include "core/log.h"
#include "ui/hours.h"

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
                           "state_dir = /var/lib/kiosk\n"
                           "inbox = /srv/kiosk-inbox\n"
                           "trusted_keys = keys\n"
                           "large_text = yes\n"
                           "reduced_motion = on\n"
                           "high_contrast = false\r\n"
                           "metrics_dir = /var/lib/prometheus/node-exporter\n"));
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
    assert_string_equal(cfg.state_dir, "/var/lib/kiosk");
    assert_string_equal(cfg.inbox, "/srv/kiosk-inbox");
    assert_string_equal(cfg.trusted_keys, "/etc/kiosk/keys");
    assert_true(cfg.large_text);
    assert_true(cfg.reduced_motion);
    assert_false(cfg.high_contrast);
    assert_string_equal(cfg.metrics_dir, "/var/lib/prometheus/node-exporter");
    assert_int_equal(cfg.set, (1u << 13) - 1);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("rotaton = 90\n", "k.conf:1: unknown key 'rotaton' (did you mean 'rotation'?)");
    expect_error("\n\nzzzzzzzzzz = 1\n", "k.conf:3: unknown key 'zzzzzzzzzz'");
    expect_error("pin = 1234\npin = 5678\n", "k.conf:2: 'pin' is given twice");
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
        strcat(many, "rotation = 1\n");
    assert_false(parse_text(many));
    assert_int_equal(cfg.nerrors, 20);
    assert_string_equal(cfg.errors[CONFIG_MAX_ERRORS - 1], "k.conf:16: rotation: expected 0, 90, 180 or 270, got '1'");
    /* A file that cannot be read is one error, without a line. */
    assert_false(config_load(&cfg, "/nonexistent/kiosk.conf"));
    assert_int_equal(cfg.nerrors, 1);
    assert_string_equal(cfg.errors[0], "/nonexistent/kiosk.conf: cannot read: No such file or directory");
    /* Comments, blank lines, a byte-order mark, `always`. */
    assert_true(parse_text("\xEF\xBB\xBF# c\n   # indented comment\n\t\nhours = always\n"));
    assert_true(cfg.hours.always);
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
    /* A file with an error is not applied at all, and says so. */
    write_conf(path, sizeof path, "rotation = 90\nrotaton = 180\nsize = 800x480\n");
    char *argv4[] = {"kiosk", "--config", path, "--headless"};
    run_args(&o, status, path, 4, argv4);
    assert_int_equal(o.rotate, 0);
    assert_int_equal(o.width, 1920);
    assert_true(o.headless);
    assert_non_null(o.config_status);
    assert_non_null(strstr(o.config_status, "config not applied (1 error, defaults used): "));
    assert_non_null(strstr(o.config_status, ":2: unknown key 'rotaton' (did you mean 'rotation'?)"));
    /* A rule across options the file breaks: an inbox needs a state directory. */
    write_conf(path, sizeof path, "inbox = /srv/in\n");
    run_args(&o, status, path, 4, argv4);
    assert_null(o.inbox);
    assert_non_null(strstr(o.config_status, "--inbox needs --state-dir"));
    /* ... which the command line can supply. */
    char *argv5[] = {"kiosk", "--config", path, "--state-dir", "/var/lib/kiosk"};
    o.config_status = NULL;
    run_args(&o, status, path, 5, argv5);
    assert_null(o.config_status);
    assert_string_equal(o.inbox, "/srv/in");
    unlink(path);
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
        cmocka_unit_test(test_precedence),
        cmocka_unit_test(test_hours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
