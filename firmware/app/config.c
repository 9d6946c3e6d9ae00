#include "app/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/settings.h"
#include "core/fileio.h"
#include "core/log.h"

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
        log_vformat_err(e + n, CONFIG_ERROR_MAX - (size_t)n, fmt, ap);
        va_end(ap);
    }
    c->nerrors++;
}

/* One `key = value` (both trimmed, NUL-terminated). */
static void config_set(config_parser *P, const char *key, const char *v)
{
    kiosk_config *c = P->c;
    const setting_spec *s = settings_by_key(key);
    if (!s) {
        const char *near = settings_closest_key(key);
        if (near)
            config_error(P, "unknown key '%s' (did you mean '%s'?)", key, near);
        else
            config_error(P, "unknown key '%s'", key);
        return;
    }
    int *first = &c->line[__builtin_ctz(s->bit)];
    if (c->seen & s->bit) {
        /* The first line counts, even one with an error (its setting then
         * keeps its default): a later line never changes what was read. */
        config_error(P, "'%s' is given twice (first on line %d; this line is ignored)", key, *first);
        return;
    }
    c->seen |= s->bit;
    *first = (int)P->line;
    if (!*v) {
        config_error(P, "'%s' has no value", key);
        return;
    }
    char err[LOG_ERR_MAX];
    if (settings_read_file(s, v, P->base_dir, c, err, sizeof err))
        c->set |= s->bit;
    else
        config_error(P, "%s", err);
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
    char err[LOG_ERR_MAX];
    size_t len;
    char *text = file_read_all(path, CONFIG_MAX_BYTES, &len, err, sizeof err);
    if (!text) {
        memset(c, 0, sizeof *c);
        hours_always(&c->hours);
        c->unread = true;
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
    for (size_t i = 0; i < settings_count; i++)
        if (c->set & settings_table[i].bit)
            settings_apply(&settings_table[i], c, o);
}

/* The rules across settings that the file alone can break, checked with
 * what the command line (o) gives: each an error of the file's line, and
 * the setting it concerns is dropped. */
static void config_check_rules(kiosk_config *c, const char *path, const kiosk_options *o)
{
    if ((c->set & CONFIG_INBOX) && !(c->set & CONFIG_STATE_DIR) && !o->state_dir) {
        config_parser P = {c, path, NULL, c->line[__builtin_ctz(CONFIG_INBOX)]};
        config_error(&P, "inbox needs state_dir (where the installed bundles are kept): no content updates");
        c->set &= ~(unsigned)CONFIG_INBOX;
    }
}

bool config_for_run(kiosk_config *c, kiosk_options *o, int argc, char **argv, char *status, size_t statuslen)
{
    const char *path = config_path(o->config);
    if (!path)
        return true;
    char err[LOG_ERR_MAX];
    config_load(c, path);
    config_check_rules(c, path, o);
    kiosk_options with;
    options_defaults(&with);
    config_apply(c, &with);
    /* The command line parsed alone passed, and the file has no rule left
     * to break; so this fails only if a new rule across options is not in
     * config_check_rules: then the file is not applied at all. */
    if (options_parse(&with, argc, argv, err, sizeof err) == OPTIONS_OK) {
        *o = with;
    } else {
        config_parser P = {c, path, NULL, 0};
        config_error(&P, "not applied: %s", err);
    }
    if (c->nerrors == 0) {
        LOG_I("config", "%s read", path);
        return true;
    }
    int shown = c->nerrors < CONFIG_MAX_ERRORS ? c->nerrors : CONFIG_MAX_ERRORS;
    for (int i = 0; i < shown; i++)
        LOG_E("config", "%s", c->errors[i]);
    if (c->nerrors > shown)
        LOG_E("config", "%s: %d more errors", path, c->nerrors - shown);
    if (c->unread) {
        LOG_W("config", "%s not read: running on the defaults and the command line", path);
        snprintf(status, statuslen, "config not read (defaults used): %s", c->errors[0]);
    } else {
        bool one = c->nerrors == 1;
        LOG_W("config", "%s: %d error%s: %s ignored, every other line applied", path, c->nerrors,
              one ? "" : "s", one ? "that line" : "those lines");
        snprintf(status, statuslen, "config: %d error%s (%s ignored, the rest applied): %s", c->nerrors,
                 one ? "" : "s", one ? "that line" : "those lines", c->errors[0]);
    }
    o->config_status = status;
    o->config_errors = c->nerrors;
    return false;
}
