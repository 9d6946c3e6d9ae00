/* cli_install: --install FILE, one bundle package into --state-dir.
 *
 * The running kiosk starts this mode as a separate process for every
 * package that appears in its inbox (app/updater.h), so that verifying,
 * unpacking and validating never hold up a frame and a crash while
 * installing cannot take the exhibit down. It is also the operator's way to
 * install by hand. Its standard output is line-based, for the kiosk:
 *     progress PERCENT WHAT
 *     steps N          (fault points passed: the range of --fault-at)
 *     installed SLOT ID VERSION KEYID|unsigned
 * and on failure one line "refused REASON" (also on stderr), exit 1; a
 * package of the version shown now is not an error: "current REASON",
 * exit 3 (the inbox still holds the package installed last). From the
 * inbox, a package not tried because the bundle shown is on trial or
 * another process holds the slots' lock is "later REASON", exit 4 (by hand
 * that is a refusal, saying what to do).
 *
 * With --inbox DIR the package is one of that inbox's (the kiosk passes
 * it): its verdict (installed, refused, the version shown) is recorded in
 * the state directory (update/verdicts.h) so that the kiosk never judges
 * the file again, and a version rolled back on this kiosk is refused. By
 * hand, without --inbox, nothing is recorded and a rolled-back version
 * installs: the operator asked for it. Either way an install or a refusal
 * of the package becomes the last result kiosk --status shows
 * (update/lastresult.h). The whole install holds the slots' lock
 * (update/slots.h), so a rollback or another install waits for it. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "app/resources.h"
#include "content/load.h"
#include "core/faultpoint.h"
#include "core/log.h"
#include "update/install.h"
#include "update/lastresult.h"
#include "update/verdicts.h"

#define INSTALL_LOCK_WAIT_MS 10000 /* longest wait for another process's install or rollback */

typedef struct {
    const kiosk_options *o;
    text_engine *te;
} install_ctx;

static void on_progress(void *ctx, int percent, const char *what)
{
    (void)ctx;
    printf("progress %d %s\n", percent, what);
    fflush(stdout);
}

/* The bundle in dir passes every check the kiosk's start runs, and is the
 * bundle the signed manifest names. */
static bool validate(void *ctx, const char *dir, const pkg_manifest *m, char *err, size_t errlen)
{
    install_ctx *c = ctx;
    diag_list diags;
    bundle *b = app_load_bundle(c->o, dir, c->te, &diags);
    bool ok = b != NULL;
    if (!b) {
        char first[DIAG_MAX_MESSAGE + 256] = "errors";
        for (size_t i = 0; i < diags.count; i++) {
            if (diags.items[i].severity == DIAG_ERROR) {
                diag_format(&diags.items[i], first, sizeof first);
                break;
            }
        }
        log_format_err(err, errlen, "%zu error(s), the first: %s", diags.errors, first);
    } else if (strcmp(b->manifest.id, m->id) != 0 || strcmp(b->manifest.version, m->version) != 0) {
        log_format_err(err, errlen, "manifest.yaml says %s %s, the package %s %s", b->manifest.id,
                       b->manifest.version, m->id, m->version);
        ok = false;
    }
    bundle_free(b);
    diag_free(&diags);
    return ok;
}

void cli_bundle_version(const char *dir, char *out, size_t outlen)
{
    out[0] = '\0';
    diag_list diags;
    diag_init(&diags);
    bundle *b = bundle_load(dir, NULL, &diags);
    if (b)
        snprintf(out, outlen, "%s", b->manifest.version);
    bundle_free(b);
    diag_free(&diags);
}

/* The version shown now: the current slot's, or the factory bundle's. */
static void shown_version(const kiosk_options *o, char *out, size_t outlen)
{
    slots_state s;
    if (slots_read(o->state_dir, &s, NULL, 0) && strcmp(s.current.name, SLOTS_FACTORY) != 0)
        snprintf(out, outlen, "%s", s.current.version);
    else
        cli_bundle_version(o->bundle, out, outlen);
}

static int refuse(const char *msg)
{
    printf("refused %s\n", msg);
    fflush(stdout);
    fprintf(stderr, "kiosk: install refused: %s\n", msg);
    return 1;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The verdict on the inbox's package (with the lock held): recorded in the
 * state directory, the entries of files gone from the inbox dropped. A
 * failure is only logged: the package is then judged again at the next
 * start. */
static void record_verdict(const kiosk_options *o, const verdict *v)
{
    char err[LOG_ERR_MAX];
    verdict_list l;
    verdicts_init(&l);
    if (!verdicts_load(o->state_dir, &l, err, sizeof err))
        LOG_W("update", "%s", err);
    verdicts_prune(&l, o->inbox);
    if (!verdicts_put(&l, v))
        LOG_W("update", "%s: not recorded: the inbox holds over %d packages", v->name, VERDICTS_MAX);
    else if (!verdicts_save(o->state_dir, &l, err, sizeof err))
        LOG_W("update", "%s", err);
    verdicts_free(&l);
}

static void record_result(const kiosk_options *o, const char *text)
{
    char err[LOG_ERR_MAX];
    if (!lastresult_write(o->state_dir, text, err, sizeof err))
        LOG_W("update", "%s", err);
}

/* The install, with the lock held; returns the exit status. */
static int install_locked(const kiosk_options *o, install_opts *io)
{
    verdict v = {.when = (long long)time(NULL)};
    bool from_inbox = o->inbox != NULL;
    snprintf(v.name, sizeof v.name, "%s", base_name(o->install));
    /* The file as the kiosk saw it, before it is read (it may change). */
    if (from_inbox && !verdicts_stat(AT_FDCWD, o->install, &v.size, &v.mtime_ns))
        from_inbox = false; /* gone: nothing to record */
    io->refuse_rolled_back = o->inbox != NULL;
    char err[LOG_ERR_MAX], text[LOG_ERR_MAX];
    static install_result r; /* large (the manifest) */
    bool ok = install_package(o->install, io, &r, err, sizeof err);
    snprintf(v.version, sizeof v.version, "%s", r.m.version);
    if (!ok && r.later && o->inbox) {
        printf("later %s\n", err);
        fflush(stdout);
        return 4;
    }
    if (!ok && r.already) {
        v.kind = VERDICT_SHOWN;
        if (from_inbox)
            record_verdict(o, &v);
        printf("current %s\n", err);
        fflush(stdout);
        return 3;
    }
    if (!ok) {
        v.kind = VERDICT_REFUSED;
        log_format_err(v.reason, sizeof v.reason, "%s", err);
        if (from_inbox)
            record_verdict(o, &v);
        log_format_err(text, sizeof text, "%s refused: %s", v.name, err);
        record_result(o, text);
        return refuse(err);
    }
    v.kind = VERDICT_INSTALLED;
    if (from_inbox)
        record_verdict(o, &v);
    log_format_err(text, sizeof text, "version %s installed in slot %s from %s (on trial)", r.m.version,
                   r.slot, v.name);
    record_result(o, text);
    printf("steps %ld\n", faultpoint_count());
    printf("installed %s %s %s %s\n", r.slot, r.m.id, r.m.version, r.is_signed ? r.key_id : "unsigned");
    fflush(stdout);
    return 0;
}

int cli_install(const kiosk_options *o)
{
    /* A file size limit (RLIMIT_FSIZE) is then a write error, reported. */
    signal(SIGXFSZ, SIG_IGN);
    char err[LOG_ERR_MAX];
    pkgkey_public keys[PKGKEY_MAX_TRUSTED];
    int nkeys = 0;
    if (!o->trusted_keys && !o->allow_unsigned)
        return refuse("no trusted keys (--trusted-keys DIR), and unsigned packages are not allowed");
    if (o->trusted_keys && !pkgkey_load_dir(o->trusted_keys, keys, PKGKEY_MAX_TRUSTED, &nkeys, err, sizeof err))
        return refuse(err);
    int lock = slots_lock(o->state_dir, INSTALL_LOCK_WAIT_MS, err, sizeof err);
    if (lock == SLOTS_BUSY && o->inbox) {
        printf("later %s\n", err);
        fflush(stdout);
        return 4;
    }
    if (lock < 0)
        return refuse(err);
    install_ctx c = {o, NULL};
    atlas *at = NULL;
    int status;
    if (!app_open_text(&c.te, &at, err, sizeof err)) {
        status = refuse(err);
    } else {
        char shown[BUNDLE_MAX_VERSION + 1];
        shown_version(o, shown, sizeof shown);
        install_opts io = {.state_dir = o->state_dir,
                           .keys = keys,
                           .nkeys = nkeys,
                           .allow_unsigned = o->allow_unsigned,
                           .allow_downgrade = o->allow_downgrade,
                           .shown_version = shown,
                           .validate = validate,
                           .progress = on_progress,
                           .ctx = &c};
        if (o->fault_at)
            faultpoint_arm(o->fault_at);
        status = install_locked(o, &io);
    }
    atlas_close(at);
    text_close(c.te);
    slots_unlock(lock);
    return status;
}
