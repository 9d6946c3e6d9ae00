/* pkgarchive: bundle package files through libarchive (update/pkgarchive.h). */
#include "update/pkgarchive.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"

#define CHUNK 65536
/* What a tar file of the largest package may add to its files: headers and
 * padding per entry, the end blocks. */
#define TAR_OVERHEAD(nfiles) ((uint64_t)((nfiles) + 3) * 3 * 512 + 20 * 512)

/* ---- scanning a bundle directory --------------------------------------- */

typedef struct {
    const char *root;
    pkg_manifest *m;
    char *err;
    size_t errlen;
} scan;

static bool hash_file(const char *path, uint64_t size, unsigned char out[32], char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        log_format_err(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[4096];
    uint64_t total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        total += (uint64_t)n;
    }
    int e = errno;
    close(fd);
    if (n < 0) {
        log_format_err(err, errlen, "%s: read: %s", path, strerror(e));
        return false;
    }
    if (total != size) {
        log_format_err(err, errlen, "%s: changed while it was read", path);
        return false;
    }
    crypto_hash_sha256_final(&st, out);
    return true;
}

static bool scan_dir(scan *s, const char *rel, int depth)
{
    char dirpath[PATH_MAX];
    DIR *d = snprintf(dirpath, sizeof dirpath, "%s%s%s", s->root, rel[0] ? "/" : "", rel) < (int)sizeof dirpath
                 ? opendir(dirpath)
                 : NULL;
    if (!d) {
        log_format_err(s->err, s->errlen, "%s: %s", dirpath, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char relpath[PATH_MAX], full[PATH_MAX];
        struct stat st;
        if (snprintf(relpath, sizeof relpath, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name) >= (int)sizeof relpath ||
            snprintf(full, sizeof full, "%s/%s", s->root, relpath) >= (int)sizeof full) {
            log_format_err(s->err, s->errlen, "%s/%s: path too long", dirpath, e->d_name);
            ok = false;
        } else if (lstat(full, &st) != 0) {
            log_format_err(s->err, s->errlen, "%s: %s", full, strerror(errno));
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            if (depth >= BUNDLE_MAX_DEPTH) {
                log_format_err(s->err, s->errlen, "%s: more than %d directories deep", full, BUNDLE_MAX_DEPTH);
                ok = false;
            } else {
                ok = scan_dir(s, relpath, depth + 1);
            }
        } else if (!S_ISREG(st.st_mode)) {
            log_format_err(s->err, s->errlen, "%s: not a regular file (links and special files cannot be packed)",
                           full);
            ok = false;
        } else {
            char why[LOG_ERR_MAX];
            if (!bundle_path_ok(relpath, why, sizeof why)) {
                log_format_err(s->err, s->errlen, "%s: %s", full, why);
                ok = false;
            } else if (s->m->nfiles == PKG_MAX_FILES) {
                log_format_err(s->err, s->errlen, "%s: more than %d files", s->root, PKG_MAX_FILES);
                ok = false;
            } else if ((uint64_t)st.st_size > PKG_MAX_FILE_BYTES) {
                log_format_err(s->err, s->errlen, "%s: larger than %u bytes", full, PKG_MAX_FILE_BYTES);
                ok = false;
            } else {
                pkg_file *f = &s->m->files[s->m->nfiles];
                memcpy(f->path, relpath, strlen(relpath) + 1); /* bundle_path_ok: fits */
                f->size = (uint64_t)st.st_size;
                ok = hash_file(full, f->size, f->sha256, s->err, s->errlen);
                if (ok)
                    s->m->nfiles++;
            }
        }
    }
    closedir(d);
    return ok;
}

static int file_cmp(const void *a, const void *b)
{
    return strcmp(((const pkg_file *)a)->path, ((const pkg_file *)b)->path);
}

bool pkg_scan_dir(const char *dir, const char *id, const char *version, pkg_manifest *m, char *err,
                  size_t errlen)
{
    memset(m, 0, sizeof *m);
    if (sodium_init() < 0) {
        log_format_err(err, errlen, "libsodium cannot start");
        return false;
    }
    if (strlen(id) > PKG_MAX_ID || strlen(version) > BUNDLE_MAX_VERSION || !bundle_version_ok(version)) {
        log_format_err(err, errlen, "%s: version '%s' is not 1 to 4 numbers joined by '.' (e.g. 1.2.0)", dir,
                       version);
        return false;
    }
    snprintf(m->id, sizeof m->id, "%s", id);
    snprintf(m->version, sizeof m->version, "%s", version);
    scan s = {dir, m, err, errlen};
    if (!scan_dir(&s, "", 0))
        return false;
    if (m->nfiles == 0) {
        log_format_err(err, errlen, "%s: no files", dir);
        return false;
    }
    if (pkg_manifest_total(m) > PKG_MAX_TOTAL_BYTES) {
        log_format_err(err, errlen, "%s: the files add up to more than %u bytes", dir, PKG_MAX_TOTAL_BYTES);
        return false;
    }
    qsort(m->files, (size_t)m->nfiles, sizeof m->files[0], file_cmp);
    return true;
}

/* ---- writing ------------------------------------------------------------ */

typedef struct {
    const char *dir;
    const pkg_manifest *m;
    const char *manifest, *sig;
    size_t manifest_len, sig_len;
    char *err;
    size_t errlen;
} writer;

static time_t package_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *e;
    long long t = s ? strtoll(s, &e, 10) : 0;
    return (s && *s && !*e && t > 0 && t < 253402300800LL) ? (time_t)t : 0;
}

static bool add_entry(struct archive *a, const char *name, uint64_t size)
{
    struct archive_entry *e = archive_entry_new();
    if (!e)
        return false;
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)size);
    archive_entry_set_mtime(e, package_time(), 0);
    archive_entry_set_uid(e, 0);
    archive_entry_set_gid(e, 0);
    bool ok = archive_write_header(a, e) == ARCHIVE_OK;
    archive_entry_free(e);
    return ok;
}

static bool add_bytes(struct archive *a, const char *name, const void *data, size_t n)
{
    return add_entry(a, name, n) && archive_write_data(a, data, n) == (la_ssize_t)n;
}

/* Adds a bundle file, checking on the way that it is what was scanned. */
static bool add_file(struct archive *a, writer *w, const pkg_file *f)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", w->dir, f->path);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        log_format_err(w->err, w->errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    bool ok = add_entry(a, f->path, f->size);
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char buf[4096];
    uint64_t total = 0;
    ssize_t n = 0;
    while (ok && (n = read(fd, buf, sizeof buf)) > 0) {
        total += (uint64_t)n;
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        ok = total <= f->size && archive_write_data(a, buf, (size_t)n) == n;
    }
    close(fd);
    unsigned char h[32];
    crypto_hash_sha256_final(&st, h);
    if (ok && (n < 0 || total != f->size || memcmp(h, f->sha256, 32) != 0)) {
        log_format_err(w->err, w->errlen, "%s: changed while the package was written", path);
        return false;
    }
    if (!ok && !w->err[0])
        log_format_err(w->err, w->errlen, "%s: %s", path, archive_error_string(a));
    return ok;
}

static bool write_package(FILE *out, void *ctx)
{
    writer *w = ctx;
    struct archive *a = archive_write_new();
    if (!a)
        return false;
    bool ok = archive_write_set_format_pax_restricted(a) == ARCHIVE_OK &&
              archive_write_add_filter_none(a) == ARCHIVE_OK && archive_write_open_FILE(a, out) == ARCHIVE_OK;
    ok = ok && add_bytes(a, PKG_MANIFEST_NAME, w->manifest, w->manifest_len);
    if (ok && w->sig)
        ok = add_bytes(a, PKG_SIGNATURE_NAME, w->sig, w->sig_len);
    for (int i = 0; ok && i < w->m->nfiles; i++)
        ok = add_file(a, w, &w->m->files[i]);
    if (archive_write_close(a) != ARCHIVE_OK)
        ok = false;
    if (!ok && !w->err[0])
        log_format_err(w->err, w->errlen, "%s", archive_error_string(a) ? archive_error_string(a) : "write failed");
    archive_write_free(a);
    return ok;
}

bool pkg_write(const char *dir, const pkg_manifest *m, const pkgkey_secret *key, const char *out, char *err,
               size_t errlen)
{
    char why[LOG_ERR_MAX] = "";
    writer w = {dir, m, NULL, NULL, 0, 0, why, sizeof why};
    char *text = pkg_manifest_format(m, &w.manifest_len);
    if (!text) {
        log_format_err(err, errlen, "out of memory");
        return false;
    }
    w.manifest = text;
    char sig[PKGKEY_SIG_TEXT_MAX];
    if (key) {
        if (!pkgkey_sign(key, text, w.manifest_len, sig, &w.sig_len)) {
            free(text);
            log_format_err(err, errlen, "cannot sign (libsodium)");
            return false;
        }
        w.sig = sig;
    }
    char ferr[LOG_ERR_MAX];
    bool ok = file_write_atomic(out, write_package, &w, ferr, sizeof ferr);
    free(text);
    if (!ok)
        log_format_err(err, errlen, "%s", why[0] ? why : ferr);
    return ok;
}

/* ---- reading ------------------------------------------------------------ */

typedef struct {
    struct archive *a;
    struct archive_entry *e;
    const char *path;
    char *err;
    size_t errlen;
    unsigned char *buf;  /* CHUNK bytes */
    char *manifest;      /* PKG_MAX_MANIFEST_BYTES */
} rd;

/* The next entry header; false at the end (*eof) or on an error (err set). */
static bool next_entry(rd *r, bool *eof)
{
    *eof = false;
    int st = archive_read_next_header(r->a, &r->e);
    if (st == ARCHIVE_EOF) {
        *eof = true;
        return false;
    }
    if (st != ARCHIVE_OK) {
        const char *why = archive_error_string(r->a);
        log_format_err(r->err, r->errlen, "%s: not a readable package (%s)", r->path,
                       why ? why : "damaged or truncated");
        return false;
    }
    const char *name = archive_entry_pathname(r->e);
    if (!name) {
        log_format_err(r->err, r->errlen, "%s: an entry has no name", r->path);
        return false;
    }
    if (archive_entry_filetype(r->e) != AE_IFREG || archive_entry_hardlink(r->e) ||
        archive_entry_symlink(r->e)) {
        const char *kind = archive_entry_filetype(r->e) == AE_IFLNK || archive_entry_symlink(r->e) ||
                                   archive_entry_hardlink(r->e)
                               ? "a link"
                           : archive_entry_filetype(r->e) == AE_IFDIR ? "a directory"
                                                                     : "a special file";
        log_format_err(r->err, r->errlen, "%s: entry '%.200s' is %s; a package holds regular files only", r->path,
                       name, kind);
        return false;
    }
    if (!archive_entry_size_is_set(r->e) || archive_entry_size(r->e) < 0) {
        log_format_err(r->err, r->errlen, "%s: entry '%.200s' has no size", r->path, name);
        return false;
    }
    return true;
}

/* Reads the current entry whole into buf (at most max bytes). */
static bool read_small(rd *r, char *buf, size_t max, size_t *len)
{
    la_int64_t size = archive_entry_size(r->e);
    if (size > (la_int64_t)max) {
        log_format_err(r->err, r->errlen, "%s: %s is larger than %zu bytes", r->path, archive_entry_pathname(r->e),
                       max);
        return false;
    }
    size_t got = 0;
    la_ssize_t n;
    while (got < (size_t)size && (n = archive_read_data(r->a, buf + got, (size_t)size - got)) > 0)
        got += (size_t)n;
    if (got != (size_t)size) {
        log_format_err(r->err, r->errlen, "%s: %s is truncated", r->path, archive_entry_pathname(r->e));
        return false;
    }
    *len = got;
    return true;
}

/* Streams the current entry, which must be file f, to the sink. */
static bool read_file(rd *r, const pkg_file *f, const pkg_sink *sink)
{
    if ((uint64_t)archive_entry_size(r->e) != f->size) {
        log_format_err(r->err, r->errlen, "%s: %s: %" PRId64 " bytes where the manifest says %" PRIu64, r->path,
                       f->path, (int64_t)archive_entry_size(r->e), f->size);
        return false;
    }
    char why[LOG_ERR_MAX] = "";
    if (sink && !sink->open(sink->ctx, f->path, f->size, why, sizeof why)) {
        log_format_err(r->err, r->errlen, "%s", why);
        return false;
    }
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    unsigned char *buf = r->buf;
    uint64_t total = 0;
    la_ssize_t n;
    bool ok = true;
    while (ok && (n = archive_read_data(r->a, buf, CHUNK)) > 0) {
        total += (uint64_t)n;
        if (total > f->size) {
            log_format_err(r->err, r->errlen, "%s: %s is longer than declared", r->path, f->path);
            ok = false;
            break;
        }
        crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
        if (sink && !sink->write(sink->ctx, buf, (size_t)n, why, sizeof why)) {
            log_format_err(r->err, r->errlen, "%s", why);
            ok = false;
        }
    }
    if (ok && total != f->size) {
        log_format_err(r->err, r->errlen, "%s: %s is truncated (%" PRIu64 " of %" PRIu64 " bytes)", r->path,
                       f->path, total, f->size);
        ok = false;
    }
    unsigned char h[32];
    crypto_hash_sha256_final(&st, h);
    if (ok && memcmp(h, f->sha256, 32) != 0) {
        log_format_err(r->err, r->errlen, "%s: %s does not match its hash in the manifest (changed or damaged)",
                       r->path, f->path);
        ok = false;
    }
    if (sink && !sink->close(sink->ctx, ok, why, sizeof why) && ok) {
        log_format_err(r->err, r->errlen, "%s", why);
        ok = false;
    }
    return ok;
}

static bool read_all(rd *r, const pkg_read_opts *o, pkg_info *info)
{
    char *manifest = r->manifest;
    char sig[PKGKEY_SIG_TEXT_MAX];
    size_t mlen = 0, slen = 0;
    bool eof;
    if (!next_entry(r, &eof)) {
        if (eof)
            log_format_err(r->err, r->errlen, "%s: empty package", r->path);
        return false;
    }
    if (strcmp(archive_entry_pathname(r->e), PKG_MANIFEST_NAME) != 0) {
        log_format_err(r->err, r->errlen, "%s: the first entry is '%.200s', not %s", r->path,
                       archive_entry_pathname(r->e), PKG_MANIFEST_NAME);
        return false;
    }
    if (!read_small(r, manifest, PKG_MAX_MANIFEST_BYTES, &mlen))
        return false;
    bool more = next_entry(r, &eof);
    if (!more && !eof)
        return false;
    if (more && !strcmp(archive_entry_pathname(r->e), PKG_SIGNATURE_NAME)) {
        if (!read_small(r, sig, sizeof sig, &slen))
            return false;
        info->is_signed = true;
        if (!pkgkey_signature_id(sig, slen, info->key_id)) {
            log_format_err(r->err, r->errlen, "%s: %s is not a signature line", r->path, PKG_SIGNATURE_NAME);
            return false;
        }
        more = next_entry(r, &eof);
        if (!more && !eof)
            return false;
    }
    /* The signature before anything in the manifest is believed. */
    char why[LOG_ERR_MAX];
    int which;
    if (o->trust != PKG_INSPECT) {
        if (!info->is_signed && o->trust == PKG_VERIFY) {
            log_format_err(r->err, r->errlen, "%s: the package is not signed", r->path);
            return false;
        }
        if (info->is_signed && !pkgkey_verify(sig, slen, manifest, mlen, o->keys, o->nkeys, &which, why, sizeof why)) {
            log_format_err(r->err, r->errlen, "%s: %s", r->path, why);
            return false;
        }
    }
    if (!pkg_manifest_parse(manifest, mlen, &info->m, why, sizeof why)) {
        log_format_err(r->err, r->errlen, "%s: %s, %s", r->path, PKG_MANIFEST_NAME, why);
        return false;
    }
    if (info->package_bytes > pkg_manifest_total(&info->m) + mlen + slen + TAR_OVERHEAD(info->m.nfiles)) {
        log_format_err(r->err, r->errlen, "%s: %" PRIu64 " bytes, more than its files need", r->path,
                       info->package_bytes);
        return false;
    }
    for (int i = 0; i < info->m.nfiles; i++) {
        const pkg_file *f = &info->m.files[i];
        if (!more) {
            if (eof)
                log_format_err(r->err, r->errlen, "%s: %s is missing (the package ends early)", r->path, f->path);
            return false;
        }
        if (strcmp(archive_entry_pathname(r->e), f->path) != 0) {
            log_format_err(r->err, r->errlen, "%s: entry '%.200s' where the manifest has %s", r->path,
                           archive_entry_pathname(r->e), f->path);
            return false;
        }
        if (!read_file(r, f, o->sink))
            return false;
        more = next_entry(r, &eof);
        if (!more && !eof)
            return false;
    }
    if (more) {
        log_format_err(r->err, r->errlen, "%s: entry '%.200s' is not in the manifest", r->path,
                       archive_entry_pathname(r->e));
        return false;
    }
    return true;
}

bool pkg_read(const char *path, const pkg_read_opts *opts, pkg_info *info, char *err, size_t errlen)
{
    memset(info, 0, sizeof *info);
    if (sodium_init() < 0) {
        log_format_err(err, errlen, "libsodium cannot start");
        return false;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        log_format_err(err, errlen, "%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        log_format_err(err, errlen, "%s: not a regular file", path);
        close(fd);
        return false;
    }
    info->package_bytes = (uint64_t)st.st_size;
    if (info->package_bytes > PKG_MAX_TOTAL_BYTES + PKG_MAX_MANIFEST_BYTES + TAR_OVERHEAD(PKG_MAX_FILES)) {
        log_format_err(err, errlen, "%s: %" PRIu64 " bytes, over the limit of a package", path, info->package_bytes);
        close(fd);
        return false;
    }
    /* Reads may block again: the file is regular. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    rd r = {archive_read_new(), NULL, path, err, errlen, malloc(CHUNK), malloc(PKG_MAX_MANIFEST_BYTES)};
    bool ok = r.a && r.buf && r.manifest && archive_read_support_format_tar(r.a) == ARCHIVE_OK &&
              archive_read_support_filter_none(r.a) == ARCHIVE_OK &&
              archive_read_open_fd(r.a, fd, CHUNK) == ARCHIVE_OK;
    if (!ok)
        log_format_err(err, errlen, "%s: not a readable package (%s)", path,
                       r.a && archive_error_string(r.a) ? archive_error_string(r.a) : "libarchive");
    else
        ok = read_all(&r, opts, info);
    if (r.a)
        archive_read_free(r.a);
    free(r.buf);
    free(r.manifest);
    close(fd);
    return ok;
}
