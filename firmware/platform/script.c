#include "platform/script.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileio.h"
#include "core/log.h"

#define SCRIPT_MAX_TOKENS 10
#define SCRIPT_MAX_FILE (16u << 20)

static const char *const kind_names[] = {"tap", "press", "move", "release", "drag",
                                         "pinch", "key", "shot", "quit"};

const char *script_kind_name(script_kind k) { return kind_names[k]; }

/* Named keys; single letters and digits are accepted besides these. */
static const char *const key_names[] = {
    "escape", "return", "enter", "space", "tab", "backspace", "delete", "left", "right", "up",
    "down", "home", "end", "pageup", "pagedown", "f1", "f2", "f3", "f4", "f5", "f6", "f7",
    "f8", "f9", "f10", "f11", "f12",
};

bool script_key_known(const char *name)
{
    if (strlen(name) == 1 && (islower((unsigned char)name[0]) || isdigit((unsigned char)name[0])))
        return true;
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcmp(name, key_names[i]) == 0)
            return true;
    return false;
}

typedef struct {
    const char *name;
    int line;
    char *err;
    size_t errlen;
} ctx;

static bool errf(const ctx *c, const char *fmt, const char *a, const char *b)
{
    char msg[LOG_ERR_MAX];
    snprintf(msg, sizeof msg, fmt, a, b);
    log_format_err(c->err, c->errlen, "%s:%d: %s", c->name, c->line, msg);
    return false;
}

static bool num(const ctx *c, const char *tok, const char *what, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(tok, &end);
    if (errno || *end || end == tok || !isfinite(v))
        return errf(c, "%s: expected a number, got '%s'", what, tok);
    *out = v;
    return true;
}

static bool coord(const ctx *c, const char *tok, const char *what, int limit, float *out)
{
    double v;
    if (!num(c, tok, what, &v))
        return false;
    if (v < 0 || (limit > 0 && v >= limit)) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", limit);
        return errf(c, limit > 0 ? "%s is outside the screen (0..%s)" : "%s is negative%s", what,
                    limit > 0 ? lim : "");
    }
    *out = (float)v;
    return true;
}

static bool duration(const ctx *c, const char *tok, double *out)
{
    if (!num(c, tok, "duration", out))
        return false;
    if (*out <= 0 || *out > 3600)
        return errf(c, "duration must be > 0 and <= 3600 s, got '%s'%s", tok, "");
    return true;
}

/* Arity per kind: required arguments after the kind, and whether a finger
 * number may follow. */
static const struct {
    int args;
    bool finger;
    const char *usage;
} arity[] = {
    [SCRIPT_TAP] = {2, true, "tap X Y [FINGER]"},
    [SCRIPT_PRESS] = {2, true, "press X Y [FINGER]"},
    [SCRIPT_MOVE] = {2, true, "move X Y [FINGER]"},
    [SCRIPT_RELEASE] = {2, true, "release X Y [FINGER]"},
    [SCRIPT_DRAG] = {5, true, "drag X1 Y1 X2 Y2 DURATION [FINGER]"},
    [SCRIPT_PINCH] = {5, false, "pinch CX CY D1 D2 DURATION"},
    [SCRIPT_KEY] = {1, false, "key NAME"},
    [SCRIPT_SHOT] = {1, false, "shot NAME"},
    [SCRIPT_QUIT] = {0, false, "quit"},
};

static bool parse_line(const ctx *c, char **tok, int ntok, int w, int h, script_event *e)
{
    double t;
    if (!num(c, tok[0], "time", &t))
        return false;
    if (t < 0)
        return errf(c, "time must not be negative, got '%s'%s", tok[0], "");
    if (ntok < 2)
        return errf(c, "missing event after time '%s'%s", tok[0], "");
    int kind = -1;
    for (int k = 0; k <= SCRIPT_QUIT; k++)
        if (strcmp(tok[1], kind_names[k]) == 0)
            kind = k;
    if (kind < 0)
        return errf(c, "unknown event '%s' (tap, press, move, release, drag, pinch, key, shot, quit)%s",
                    tok[1], "");
    int nargs = ntok - 2;
    int need = arity[kind].args;
    if (nargs < need)
        return errf(c, "too few arguments: usage: %s%s", arity[kind].usage, "");
    if (nargs > need + (arity[kind].finger ? 1 : 0))
        return errf(c, "too many arguments: usage: %s%s", arity[kind].usage, "");

    memset(e, 0, sizeof *e);
    e->t = t;
    e->kind = (script_kind)kind;
    e->line = c->line;
    char **a = tok + 2;
    switch (e->kind) {
    case SCRIPT_TAP:
    case SCRIPT_PRESS:
    case SCRIPT_MOVE:
    case SCRIPT_RELEASE:
        if (!coord(c, a[0], "x", w, &e->x1) || !coord(c, a[1], "y", h, &e->y1))
            return false;
        break;
    case SCRIPT_DRAG:
        if (!coord(c, a[0], "x1", w, &e->x1) || !coord(c, a[1], "y1", h, &e->y1) ||
            !coord(c, a[2], "x2", w, &e->x2) || !coord(c, a[3], "y2", h, &e->y2) ||
            !duration(c, a[4], &e->dur))
            return false;
        break;
    case SCRIPT_PINCH: {
        double d1, d2;
        if (!coord(c, a[0], "cx", w, &e->x1) || !coord(c, a[1], "cy", h, &e->y1) ||
            !num(c, a[2], "d1", &d1) || !num(c, a[3], "d2", &d2) || !duration(c, a[4], &e->dur))
            return false;
        if (d1 <= 0 || d2 <= 0)
            return errf(c, "pinch distances must be > 0, got '%s' and '%s'", a[2], a[3]);
        e->x2 = (float)d1;
        e->y2 = (float)d2;
        break;
    }
    case SCRIPT_KEY:
        if (!script_key_known(a[0]))
            return errf(c, "unknown key '%s' (escape, return, space, left, f1, a ...)%s", a[0], "");
        snprintf(e->name, sizeof e->name, "%s", a[0]);
        break;
    case SCRIPT_SHOT:
        if (strlen(a[0]) >= SCRIPT_NAME_MAX)
            return errf(c, "shot name too long: '%s'%s", a[0], "");
        for (const char *p = a[0]; *p; p++)
            if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
                return errf(c, "shot name '%s' may use only letters, digits, '-', '_' and '.'%s",
                            a[0], "");
        if (a[0][0] == '.')
            return errf(c, "shot name '%s' must not start with '.'%s", a[0], "");
        snprintf(e->name, sizeof e->name, "%s", a[0]);
        break;
    case SCRIPT_QUIT:
        break;
    }
    if (arity[kind].finger && nargs == need + 1) {
        const char *f = a[need];
        if (!(isdigit((unsigned char)f[0]) && f[1] == '\0'))
            return errf(c, "finger must be a number 0..9, got '%s'%s", f, "");
        e->finger = f[0] - '0';
    }
    return true;
}

bool script_parse(const char *text, const char *name, int width, int height, script *out,
                  char *err, size_t errlen)
{
    out->ev = NULL;
    out->count = 0;
    size_t cap = 0;
    ctx c = {name, 0, err, errlen};
    double last_t = 0;
    const char *p = text;
    char line[1024];
    while (*p) {
        c.line++;
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= sizeof line) {
            errf(&c, "line longer than %s bytes%s", "1023", "");
            goto fail;
        }
        memcpy(line, p, n);
        line[n] = '\0';
        p += n + (nl ? 1 : 0);

        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *tok[SCRIPT_MAX_TOKENS + 1];
        int ntok = 0;
        for (char *s = strtok(line, " \t\r"); s; s = strtok(NULL, " \t\r")) {
            if (ntok == SCRIPT_MAX_TOKENS) {
                errf(&c, "too many fields on one line%s%s", "", "");
                goto fail;
            }
            tok[ntok++] = s;
        }
        if (ntok == 0)
            continue;
        script_event e;
        if (!parse_line(&c, tok, ntok, width, height, &e))
            goto fail;
        if (e.t < last_t) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%g", e.t);
            snprintf(b, sizeof b, "%g", last_t);
            errf(&c, "time %s is before the previous event's %s: times must not decrease", a, b);
            goto fail;
        }
        last_t = e.t;
        if (out->count == SCRIPT_MAX_EVENTS) {
            errf(&c, "more than %s events%s", "100000", "");
            goto fail;
        }
        if (out->count == cap) {
            cap = cap ? cap * 2 : 64;
            script_event *ne = realloc(out->ev, cap * sizeof *ne);
            if (!ne) {
                errf(&c, "out of memory%s%s", "", "");
                goto fail;
            }
            out->ev = ne;
        }
        out->ev[out->count++] = e;
    }
    return true;
fail:
    script_free(out);
    return false;
}

bool script_load(const char *path, int width, int height, script *out, char *err, size_t errlen)
{
    out->ev = NULL;
    out->count = 0;
    char why[LOG_ERR_MAX];
    size_t n;
    char *buf = file_read_all(path, SCRIPT_MAX_FILE, &n, why, sizeof why);
    if (!buf) {
        log_format_err(err, errlen, "%s: %s%s", path, strstr(why, "limit") ? "script " : "cannot open script: ", why);
        return false;
    }
    if (strlen(buf) != n) {
        size_t off = strlen(buf);
        int line = 1;
        for (size_t i = 0; i < off; i++)
            line += buf[i] == '\n';
        free(buf);
        log_format_err(err, errlen, "%s:%d: NUL byte in the script (byte offset %zu)", path, line, off);
        return false;
    }
    bool ok = script_parse(buf, path, width, height, out, err, errlen);
    free(buf);
    return ok;
}

void script_free(script *s)
{
    free(s->ev);
    s->ev = NULL;
    s->count = 0;
}
