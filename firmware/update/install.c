/* install: a package into the inactive slot, then the switch (update/install.h). */
#define _XOPEN_SOURCE 700 /* nftw, before any system header */
#include "update/install.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "update/pkgarchive.h"
#include "core/faultpoint.h"
#include "core/log.h"

/* ---- the files of the slot --------------------------------------------- */

typedef struct {
    char root[PATH_MAX];
    int fd;            /* the file being written, -1 between files */
    char path[PATH_MAX];
    uint64_t done, total; /* bytes, for the progress */
    const install_opts *o;
} slot_sink;

static bool sync_dir(const char *dir, char *err, size_t errlen)
{
    faultpoint("install: sync directory");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        log_format_err(err, errlen, "%s: %s", dir, strerror(errno));
        return false;
    }
    bool ok = fsync(fd) == 0 || errno == EINVAL;
    if (!ok)
        log_format_err(err, errlen, "%s: sync: %s", dir, strerror(errno));
    close(fd);
    return ok;
}

/* Creates the directories of rel (a checked path) under root. */
static bool make_parents(const char *root, const char *rel, char *err, size_t errlen)
{
    char p[PATH_MAX];
    for (const char *s = strchr(rel, '/'); s; s = strchr(s + 1, '/')) {
        if (snprintf(p, sizeof p, "%s/%.*s", root, (int)(s - rel), rel) >= (int)sizeof p) {
            log_format_err(err, errlen, "%s/%s: path too long", root, rel);
            return false;
        }
        faultpoint("install: mkdir");
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            log_format_err(err, errlen, "%s: %s", p, strerror(errno));
            return false;
        }
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
            log_format_err(err, errlen, "%s: not a directory", p);
            return false;
        }
    }
    return true;
}

static bool sink_open(void *ctx, const char *path, uint64_t size, char *err, size_t errlen)
{
    slot_sink *k = ctx;
    (void)size;
    if (!make_parents(k->root, path, err, errlen))
        return false;
    if (snprintf(k->path, sizeof k->path, "%s/%s", k->root, path) >= (int)sizeof k->path) {
        log_format_err(err, errlen, "%s/%s: path too long", k->root, path);
        return false;
    }
    faultpoint("install: create");
    k->fd = open(k->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (k->fd < 0) {
        log_format_err(err, errlen, "%s: %s", k->path, strerror(errno));
        return false;
    }
    if (k->o->progress)
        k->o->progress(k->o->ctx, 20 + (int)(60 * k->done / (k->total ? k->total : 1)), path);
    return true;
}

static bool sink_write(void *ctx, const void *buf, size_t n, char *err, size_t errlen)
{
    slot_sink *k = ctx;
    faultpoint("install: write");
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(k->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            log_format_err(err, errlen, "%s: write: %s", k->path, strerror(w < 0 ? errno : ENOSPC));
            return false;
        }
        p += w;
        n -= (size_t)w;
        k->done += (uint64_t)w;
    }
    return true;
}

static bool sink_close(void *ctx, bool ok, char *err, size_t errlen)
{
    slot_sink *k = ctx;
    if (ok) {
        faultpoint("install: sync file");
        if (fsync(k->fd) != 0) {
            log_format_err(err, errlen, "%s: sync: %s", k->path, strerror(errno));
            ok = false;
        }
    }
    if (close(k->fd) != 0 && ok) {
        log_format_err(err, errlen, "%s: %s", k->path, strerror(errno));
        ok = false;
    }
    k->fd = -1;
    return ok;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    faultpoint("install: remove");
    int r = flag == FTW_DP ? rmdir(path) : unlink(path);
    return r == 0 || errno == ENOENT ? 0 : -1;
}

bool install_remove_tree(const char *dir, char *err, size_t errlen)
{
    struct stat st;
    if (lstat(dir, &st) != 0 && errno == ENOENT)
        return true;
    /* FTW_PHYS: links are removed, never followed; FTW_DEPTH: contents
     * before their directory. */
    if (nftw(dir, remove_one, 16, FTW_PHYS | FTW_DEPTH) != 0) {
        log_format_err(err, errlen, "%s: cannot remove: %s", dir, strerror(errno));
        return false;
    }
    return true;
}

/* Syncs every directory of the slot (new entries are durable only then). */
static bool sync_tree(const slot_sink *k, const pkg_manifest *m, char *err, size_t errlen)
{
    for (int i = 0; i < m->nfiles; i++) {
        const char *slash = strrchr(m->files[i].path, '/');
        if (!slash)
            continue;
        char d[PATH_MAX];
        if (snprintf(d, sizeof d, "%s/%.*s", k->root, (int)(slash - m->files[i].path), m->files[i].path) >=
                (int)sizeof d ||
            !sync_dir(d, err, errlen))
            return false;
    }
    return sync_dir(k->root, err, errlen);
}

/* ---- the steps ---------------------------------------------------------- */

static void progress(const install_opts *o, int pct, const char *what)
{
    if (o->progress)
        o->progress(o->ctx, pct, what);
}

bool install_package(const char *package, const install_opts *o, install_result *r, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    char why[LOG_ERR_MAX];
    slots_state s;
    if (!slots_read(o->state_dir, &s, why, sizeof why)) {
        log_format_err(err, errlen, "%s (remove it to start from the factory bundle)", why);
        return false;
    }
    if (s.trial) {
        r->later = true;
        log_format_err(err, errlen,
                       "%s: slot %s (version %s) is still on trial; install again once it is confirmed, or "
                       "after kiosk --rollback",
                       package, s.current.name, s.current.version);
        return false;
    }

    /* 1. Everything checked before the disk is touched. */
    progress(o, 0, "verifying");
    pkg_read_opts ro = {o->allow_unsigned ? PKG_VERIFY_OR_UNSIGNED : PKG_VERIFY, o->keys, o->nkeys, NULL};
    pkg_info info;
    if (!pkg_read(package, &ro, &info, err, errlen))
        return false;
    r->m = info.m;
    if (!info.is_signed && !o->allow_unsigned) {
        log_format_err(err, errlen, "%s: the package is not signed", package);
        return false;
    }
    if (o->refuse_rolled_back && slots_was_rolled_back(&s, info.m.version)) {
        log_format_err(
            err, errlen,
            "%s: version %s was rolled back on this kiosk: the inbox does not install it again (a newer "
            "version it does; kiosk --install installs it by hand)",
            package, info.m.version);
        return false;
    }
    const char *shown = o->shown_version && o->shown_version[0] ? o->shown_version : NULL;
    if (shown && !o->allow_downgrade && bundle_version_ok(shown) && bundle_version_cmp(info.m.version, shown) == 0) {
        r->already = true;
        log_format_err(err, errlen, "%s: version %s is the one shown now", package, info.m.version);
        return false;
    }
    if (shown && !o->allow_downgrade && bundle_version_ok(shown) && bundle_version_cmp(info.m.version, shown) < 0) {
        log_format_err(err, errlen, "%s: version %s is not newer than version %s shown now", package,
                       info.m.version, shown);
        return false;
    }

    /* 2. The inactive slot, emptied; the state first forgets it. */
    const char *slot = slots_inactive(&s);
    if (!strcmp(s.previous.name, slot)) {
        memset(&s.previous, 0, sizeof s.previous);
        strcpy(s.previous.name, SLOTS_FACTORY);
        if (!slots_write(o->state_dir, &s, err, errlen))
            return false;
    }
    slot_sink k = {.fd = -1, .total = pkg_manifest_total(&info.m), .o = o};
    slots_dir(o->state_dir, slot, "", k.root, sizeof k.root);
    progress(o, 10, "clearing the inactive slot");
    char slots_root[PATH_MAX];
    snprintf(slots_root, sizeof slots_root, "%s/slots", o->state_dir);
    faultpoint("install: mkdir slots");
    if (mkdir(slots_root, 0755) != 0 && errno != EEXIST) {
        log_format_err(err, errlen, "%s: %s", slots_root, strerror(errno));
        return false;
    }
    if (!install_remove_tree(k.root, err, errlen))
        return false;
    faultpoint("install: mkdir slot");
    if (mkdir(k.root, 0755) != 0) {
        log_format_err(err, errlen, "%s: %s", k.root, strerror(errno));
        return false;
    }

    /* 3. Unpacked, every byte checked again on the way (the file may have
     * changed since step 1). */
    pkg_sink sink = {&k, sink_open, sink_write, sink_close};
    ro.sink = &sink;
    pkg_info again;
    if (!pkg_read(package, &ro, &again, err, errlen))
        return false;
    if (memcmp(&again.m, &info.m, sizeof info.m) != 0) {
        log_format_err(err, errlen, "%s: changed while it was installed", package);
        return false;
    }
    if (!sync_tree(&k, &again.m, err, errlen))
        return false;

    /* 4. Validated where it will be loaded from. */
    progress(o, 85, "validating");
    if (o->validate && !o->validate(o->ctx, k.root, &info.m, why, sizeof why)) {
        log_format_err(err, errlen, "%s: the bundle does not pass the checks: %s", package, why);
        return false;
    }

    /* 5. The switch. */
    progress(o, 95, "switching");
    if (!slots_commit(o->state_dir, &s, slot, info.m.version, err, errlen))
        return false;
    snprintf(r->slot, sizeof r->slot, "%s", slot);
    r->m = info.m;
    r->is_signed = info.is_signed;
    memcpy(r->key_id, info.key_id, sizeof r->key_id);
    progress(o, 100, "installed");
    return true;
}
