/* package: the bundle package's manifest text (update/package.h). */
#include "update/package.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

char *pkg_manifest_format(const pkg_manifest *m, size_t *len)
{
    size_t cap = 128 + strlen(m->id) + strlen(m->version) + (size_t)m->nfiles * (BUNDLE_MAX_PATH + 96);
    char *s = malloc(cap);
    if (!s)
        return NULL;
    size_t n = (size_t)snprintf(s, cap, "%s\nid %s\nversion %s\nfiles %d\n", PKG_FORMAT_LINE, m->id, m->version,
                                m->nfiles);
    for (int i = 0; i < m->nfiles; i++) {
        const pkg_file *f = &m->files[i];
        char hex[65];
        for (int k = 0; k < 32; k++)
            snprintf(hex + 2 * k, 3, "%02x", f->sha256[k]);
        n += (size_t)snprintf(s + n, cap - n, "file %s %" PRIu64 " %s\n", hex, f->size, f->path);
    }
    *len = n;
    return s;
}

/* ---- parsing ------------------------------------------------------------ */

typedef struct {
    const char *p, *end;
    int line;
    char buf[BUNDLE_MAX_PATH + 128];
} reader;

/* The next line (without '\n') in r->buf; false at the end or on a line
 * that is too long, has no '\n' or holds a NUL (err set, except at the end). */
static bool next_line(reader *r, bool *at_end, char *err, size_t errlen)
{
    *at_end = r->p == r->end;
    if (*at_end)
        return false;
    r->line++;
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    if (!nl) {
        log_format_err(err, errlen, "line %d: no newline at the end", r->line);
        return false;
    }
    size_t n = (size_t)(nl - r->p);
    if (n >= sizeof r->buf) {
        log_format_err(err, errlen, "line %d: longer than %zu bytes", r->line, sizeof r->buf - 1);
        return false;
    }
    if (memchr(r->p, '\0', n)) {
        log_format_err(err, errlen, "line %d: NUL byte", r->line);
        return false;
    }
    memcpy(r->buf, r->p, n);
    r->buf[n] = '\0';
    r->p = nl + 1;
    return true;
}

/* The value of a line "KEY VALUE" in r->buf, or NULL. */
static const char *value_of(const reader *r, const char *key)
{
    size_t k = strlen(key);
    return strncmp(r->buf, key, k) == 0 && r->buf[k] == ' ' ? r->buf + k + 1 : NULL;
}

static bool id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > PKG_MAX_ID)
        return false;
    for (const char *p = s; *p; p++)
        if (!bundle_name_char_ok(*p))
            return false;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* "HEX64 SIZE PATH" into f. */
static bool parse_file(const char *v, pkg_file *f, char *why, size_t whylen)
{
    for (int k = 0; k < 32; k++) {
        int hi = hexval(v[2 * k]), lo = hi < 0 ? -1 : hexval(v[2 * k + 1]);
        if (hi < 0 || lo < 0) {
            log_format_err(why, whylen, "expected 64 lowercase hex digits of SHA-256");
            return false;
        }
        f->sha256[k] = (unsigned char)(hi << 4 | lo);
    }
    const char *p = v + 64;
    if (*p != ' ' || !(p[1] >= '0' && p[1] <= '9')) {
        log_format_err(why, whylen, "expected ' SIZE PATH' after the hash");
        return false;
    }
    p++;
    uint64_t size = 0;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (++digits > 12 || (digits > 1 && size == 0)) {
            log_format_err(why, whylen, "size is not a plain number below 10^12");
            return false;
        }
        size = size * 10 + (uint64_t)(*p - '0');
    }
    if (size > PKG_MAX_FILE_BYTES) {
        log_format_err(why, whylen, "size %" PRIu64 " is over the limit of %u bytes per file", size,
                       PKG_MAX_FILE_BYTES);
        return false;
    }
    if (*p != ' ') {
        log_format_err(why, whylen, "expected ' PATH' after the size");
        return false;
    }
    f->size = size;
    char pe[LOG_ERR_MAX];
    if (!bundle_path_ok(p + 1, pe, sizeof pe)) {
        log_format_err(why, whylen, "path '%.*s': %s", 80, p + 1, pe);
        return false;
    }
    snprintf(f->path, sizeof f->path, "%s", p + 1);
    return true;
}

/* The value of the next line, which must be "KEY VALUE"; NULL with err set
 * otherwise. */
static const char *expect(reader *r, const char *key, char *err, size_t errlen)
{
    bool end;
    if (!next_line(r, &end, err, errlen)) {
        if (end)
            log_format_err(err, errlen, "line %d: missing '%s'", r->line + 1, key);
        return NULL;
    }
    const char *v = value_of(r, key);
    if (!v)
        log_format_err(err, errlen, "line %d: expected '%s ...'", r->line, key);
    return v;
}

bool pkg_manifest_parse(const char *text, size_t len, pkg_manifest *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (len > PKG_MAX_MANIFEST_BYTES) {
        log_format_err(err, errlen, "larger than %d bytes", PKG_MAX_MANIFEST_BYTES);
        return false;
    }
    reader r = {text, text + len, 0, {0}};
    bool end;
    if (!next_line(&r, &end, err, errlen) || strcmp(r.buf, PKG_FORMAT_LINE) != 0) {
        log_format_err(err, errlen, "line 1: not a bundle package manifest (expected '%s')", PKG_FORMAT_LINE);
        return false;
    }
    const char *v = expect(&r, "id", err, errlen);
    if (!v)
        return false;
    if (!id_ok(v)) {
        log_format_err(err, errlen, "line %d: id: 1 to %d of A-Z a-z 0-9 . _ -", r.line, PKG_MAX_ID);
        return false;
    }
    snprintf(m->id, sizeof m->id, "%s", v);
    if (!(v = expect(&r, "version", err, errlen)))
        return false;
    if (!bundle_version_ok(v)) {
        log_format_err(err, errlen, "line %d: version: 1 to 4 numbers joined by '.', e.g. 1.2.0", r.line);
        return false;
    }
    snprintf(m->version, sizeof m->version, "%s", v);
    if (!(v = expect(&r, "files", err, errlen)))
        return false;
    char *e;
    errno = 0;
    long nfiles = (v[0] >= '1' && v[0] <= '9') ? strtol(v, &e, 10) : -1;
    if (nfiles < 1 || nfiles > PKG_MAX_FILES || errno || *e) {
        log_format_err(err, errlen, "line %d: files: a number 1..%d", r.line, PKG_MAX_FILES);
        return false;
    }
    uint64_t total = 0;
    while (next_line(&r, &end, err, errlen)) {
        char why[LOG_ERR_MAX];
        if (m->nfiles >= nfiles) {
            log_format_err(err, errlen, "line %d: more file lines than 'files %ld'", r.line, nfiles);
            return false;
        }
        pkg_file *f = &m->files[m->nfiles];
        if (!(v = value_of(&r, "file"))) {
            log_format_err(err, errlen, "line %d: expected 'file SHA256 SIZE PATH'", r.line);
            return false;
        }
        if (!parse_file(v, f, why, sizeof why)) {
            log_format_err(err, errlen, "line %d: %s", r.line, why);
            return false;
        }
        if (pkg_manifest_find(m, f->path)) {
            log_format_err(err, errlen, "line %d: '%s' listed twice", r.line, f->path);
            return false;
        }
        total += f->size;
        if (total > PKG_MAX_TOTAL_BYTES) {
            log_format_err(err, errlen, "line %d: the files add up to more than %u bytes", r.line,
                           PKG_MAX_TOTAL_BYTES);
            return false;
        }
        m->nfiles++;
    }
    if (!end)
        return false; /* next_line set err */
    if (m->nfiles != nfiles) {
        log_format_err(err, errlen, "line %d: 'files %ld' but %d file lines", r.line, nfiles, m->nfiles);
        return false;
    }
    return true;
}

const pkg_file *pkg_manifest_find(const pkg_manifest *m, const char *path)
{
    for (int i = 0; i < m->nfiles; i++)
        if (!strcmp(m->files[i].path, path))
            return &m->files[i];
    return NULL;
}

uint64_t pkg_manifest_total(const pkg_manifest *m)
{
    uint64_t t = 0;
    for (int i = 0; i < m->nfiles; i++)
        t += m->files[i].size;
    return t;
}
