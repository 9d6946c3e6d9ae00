/* verdicts: the packages of the inbox judged already (update/verdicts.h). */
#include "update/verdicts.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "update/package.h"
#include "update/statefile.h"

#define FORMAT "kiosk-inbox 1"
#define FILE_MAX (VERDICTS_MAX * 1024) /* a line is at most about 900 bytes */

static const char *const kind_names[] = {"installed", "refused", "shown", "tried", "later"};
#define FILE_KINDS 3 /* the first three are written */

const char *verdict_kind_name(verdict_kind k)
{
    return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

bool verdicts_package_name(const char *n)
{
    size_t l = strlen(n), s = strlen(PKG_SUFFIX);
    return n[0] != '.' && l > s && strcmp(n + l - s, PKG_SUFFIX) == 0;
}

void verdicts_init(verdict_list *l) { *l = (verdict_list){0}; }

void verdicts_free(verdict_list *l)
{
    free(l->v);
    verdicts_init(l);
}

/* Index of `name`, or of where it would go (*found false). */
static size_t locate(const verdict_list *l, const char *name, bool *found)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->v[mid].name, name);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

verdict *verdicts_find(const verdict_list *l, const char *name, long long size, long long mtime_ns)
{
    bool found;
    size_t i = locate(l, name, &found);
    if (!found || l->v[i].size != size || l->v[i].mtime_ns != mtime_ns)
        return NULL;
    return &l->v[i];
}

verdict *verdicts_put(verdict_list *l, const verdict *v)
{
    bool found;
    size_t i = locate(l, v->name, &found);
    if (!found) {
        if (l->n >= VERDICTS_MAX)
            return NULL;
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 16;
            verdict *nv = realloc(l->v, cap * sizeof *nv);
            if (!nv)
                return NULL;
            l->v = nv;
            l->cap = cap;
        }
        memmove(&l->v[i + 1], &l->v[i], (l->n - i) * sizeof *l->v);
        l->n++;
    }
    l->v[i] = *v;
    return &l->v[i];
}

/* Keeps the entries keep() accepts, in order. */
static void filter(verdict_list *l, bool (*keep)(const verdict *v, const void *ctx), const void *ctx)
{
    size_t out = 0;
    for (size_t i = 0; i < l->n; i++)
        if (keep(&l->v[i], ctx))
            l->v[out++] = l->v[i];
    l->n = out;
}

static bool other_kind(const verdict *v, const void *ctx) { return v->kind != *(const verdict_kind *)ctx; }

void verdicts_drop_kind(verdict_list *l, verdict_kind kind) { filter(l, other_kind, &kind); }

bool verdicts_stat(int dirfd, const char *name, long long *size, long long *mtime_ns)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return false;
    *size = (long long)st.st_size;
    *mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    return true;
}

static bool still_there(const verdict *v, const void *ctx)
{
    long long size, mtime;
    return verdicts_stat(*(const int *)ctx, v->name, &size, &mtime) && size == v->size &&
           mtime == v->mtime_ns;
}

void verdicts_prune(verdict_list *l, const char *inbox)
{
    int fd = open(inbox, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return; /* the inbox cannot be read: nothing is known to be gone */
    filter(l, still_there, &fd);
    close(fd);
}

/* ---- the file ----------------------------------------------------------- */

static bool encoded_plain(unsigned char c) { return c > ' ' && c != '%' && c != 0x7f; }

static void write_name(FILE *f, const char *name)
{
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (encoded_plain(*p))
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    }
}

static int hex(char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; }

/* The encoded name `s` (up to a space or the end) into out; the end. */
static const char *read_name(const char *s, char *out, size_t outlen)
{
    size_t n = 0;
    while (*s && *s != ' ') {
        int c = (unsigned char)*s;
        if (c == '%') {
            int hi = hex(s[1]), lo = hi < 0 ? -1 : hex(s[2]);
            if (lo < 0)
                return NULL;
            c = hi * 16 + lo;
            s += 2;
        } else if (!encoded_plain((unsigned char)c)) {
            return NULL;
        }
        if (c == 0 || c == '/' || n + 1 >= outlen)
            return NULL;
        out[n++] = (char)c;
        s++;
    }
    out[n] = '\0';
    return n > 0 && strcmp(out, ".") != 0 && strcmp(out, "..") != 0 ? s : NULL;
}

static bool parse_line(char *line, verdict *v)
{
    memset(v, 0, sizeof *v);
    char kind[16], version[BUNDLE_MAX_VERSION + 2];
    int used = 0;
    if (sscanf(line, "%15s %lld %lld %lld %33s %n", kind, &v->size, &v->mtime_ns, &v->when, version, &used) !=
            5 ||
        used == 0 || v->size < 0)
        return false;
    int k = 0;
    while (k < FILE_KINDS && strcmp(kind_names[k], kind) != 0)
        k++;
    if (k == FILE_KINDS)
        return false;
    v->kind = (verdict_kind)k;
    if (strcmp(version, "-") != 0) {
        if (strlen(version) > BUNDLE_MAX_VERSION || !bundle_version_ok(version))
            return false;
        strcpy(v->version, version);
    }
    const char *rest = read_name(line + used, v->name, sizeof v->name);
    if (!rest)
        return false;
    if (*rest == ' ')
        rest++;
    log_format_err(v->reason, sizeof v->reason, "%s", rest);
    for (char *c = v->reason; *c; c++)
        if ((unsigned char)*c < ' ')
            *c = ' '; /* as written */
    return true;
}

bool verdicts_load(const char *state_dir, verdict_list *l, char *err, size_t errlen)
{
    l->n = 0;
    size_t len;
    bool missing;
    char *text = statefile_read(state_dir, VERDICTS_FILE, FILE_MAX, &len, &missing, err, errlen);
    if (!text)
        return missing;
    bool ok = true;
    int lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        verdict v;
        const char *bad = NULL;
        if (lineno == 1)
            bad = strcmp(line, FORMAT) != 0 ? "expected '" FORMAT "'" : NULL;
        else if (!parse_line(line, &v))
            bad = "not a verdict";
        else if (!verdicts_put(l, &v))
            bad = "one package too many";
        if (bad && ok) /* the first problem is said */
            log_format_err(err, errlen, "%s/%s: line %d: %s", state_dir, VERDICTS_FILE, lineno, bad);
        if (bad)
            ok = false;
        if (bad && lineno == 1)
            break;
    }
    free(text);
    return ok;
}

static bool write_list(FILE *f, void *ctx)
{
    const verdict_list *l = ctx;
    fprintf(f, "%s\n", FORMAT);
    for (size_t i = 0; i < l->n; i++) {
        const verdict *v = &l->v[i];
        if (v->kind >= FILE_KINDS)
            continue;
        fprintf(f, "%s %lld %lld %lld %s ", kind_names[v->kind], v->size, v->mtime_ns, v->when,
                v->version[0] ? v->version : "-");
        write_name(f, v->name);
        if (v->reason[0]) {
            fputc(' ', f);
            statefile_put_text(f, v->reason);
        }
        fputc('\n', f);
    }
    return !ferror(f);
}

bool verdicts_save(const char *state_dir, const verdict_list *l, char *err, size_t errlen)
{
    return statefile_write(state_dir, VERDICTS_FILE, write_list, (void *)l, err, errlen);
}
