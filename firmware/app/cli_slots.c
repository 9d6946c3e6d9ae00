/* cli_slots: the operator's commands over ssh, for the content slots of
 * the state directory the site configuration names (as the service reads
 * it, so `sudo -u kiosk kiosk --status` works on an installed kiosk):
 *
 *   --status [--json]  the current slot (on trial or confirmed) and the
 *                      previous one with their versions, the factory
 *                      bundle's, the versions rolled back, the last result
 *                      (update/lastresult.h), whether an install or
 *                      rollback is under way, and every package in the
 *                      inbox with its verdict (update/verdicts.h); in
 *                      words, or one JSON document. Read-only. Exit 0, or
 *                      1 when a file is damaged (said in "problems") or
 *                      there is no state directory.
 *   --rollback         the previous slot (confirmed, or the factory bundle)
 *                      becomes current, at any time, also during a trial;
 *                      the version left is rolled back for good (the inbox
 *                      never installs it again). Under the slots' lock, so
 *                      an install under way finishes first. A running
 *                      kiosk notices and shows it at its next idle moment
 *                      (app/trial.h). Exit 0, or 1 when there is nothing to
 *                      roll back to or the state cannot be changed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/cli.h"
#include "core/faultpoint.h"
#include "core/jsonw.h"
#include "core/log.h"
#include "core/utf8.h"
#include "update/lastresult.h"
#include "update/slots.h"
#include "update/verdicts.h"

#define ROLLBACK_LOCK_WAIT_MS 30000 /* an install under way usually takes seconds */
#define STATUS_MAX_PROBLEMS 4

/* Everything --status reports, read first, then printed one way or the other. */
typedef struct {
    const kiosk_options *o;
    slots_state slots;
    char factory_version[BUNDLE_MAX_VERSION + 1]; /* "" when it does not load */
    long long last_when;                          /* 0: no last result */
    char last[LASTRESULT_MAX];
    bool busy;
    verdict_list known;
    verdict_list inbox; /* the inbox's packages, kind VERDICT_TRIED for those not judged */
    bool inbox_readable;
    char problems[STATUS_MAX_PROBLEMS][LOG_ERR_MAX];
    int nproblems;
} status_report;

static void problem(status_report *r, const char *err)
{
    if (r->nproblems < STATUS_MAX_PROBLEMS)
        snprintf(r->problems[r->nproblems++], sizeof r->problems[0], "%s", err);
}

/* The packages in the inbox, each with its verdict or none (VERDICT_TRIED). */
static void read_inbox(status_report *r)
{
    DIR *d = opendir(r->o->inbox);
    if (!d) {
        char err[LOG_ERR_MAX];
        log_format_err(err, sizeof err, "inbox %s: cannot be read", r->o->inbox);
        problem(r, err);
        return;
    }
    r->inbox_readable = true;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        verdict v = {.kind = VERDICT_TRIED};
        if (!verdicts_package_name(e->d_name) || !verdicts_stat(dirfd(d), e->d_name, &v.size, &v.mtime_ns))
            continue;
        const verdict *k = verdicts_find(&r->known, e->d_name, v.size, v.mtime_ns);
        if (k)
            v = *k;
        snprintf(v.name, sizeof v.name, "%s", e->d_name);
        if (!verdicts_put(&r->inbox, &v))
            break; /* over VERDICTS_MAX: the first ones in the directory's order */
    }
    closedir(d);
}

static void read_report(status_report *r)
{
    const char *sd = r->o->state_dir;
    char err[LOG_ERR_MAX];
    if (!slots_read(sd, &r->slots, err, sizeof err))
        problem(r, err);
    cli_bundle_version(r->o->bundle, r->factory_version, sizeof r->factory_version);
    if (!lastresult_read(sd, &r->last_when, r->last, sizeof r->last, err, sizeof err))
        problem(r, err);
    r->busy = slots_locked_elsewhere(sd);
    verdicts_init(&r->known);
    verdicts_init(&r->inbox);
    if (!verdicts_load(sd, &r->known, err, sizeof err))
        problem(r, err);
    if (r->o->inbox)
        read_inbox(r);
}

/* ---- in words ----------------------------------------------------------- */

static const char *local_time(long long when, char *buf, size_t len)
{
    time_t t = (time_t)when;
    struct tm tm;
    if (!localtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M", &tm))
        snprintf(buf, len, "?");
    return buf;
}

static void print_slot(const char *label, const slots_ref *ref, const char *factory_version,
                       const char *extra)
{
    if (!strcmp(ref->name, SLOTS_FACTORY))
        printf("%-14s the factory bundle%s%s%s\n", label, factory_version[0] ? ", version " : "",
               factory_version, extra);
    else
        printf("%-14s slot %s, version %s%s\n", label, ref->name, ref->version, extra);
}

/* What became of one package of the inbox, in words. */
static void print_package(const status_report *r, const verdict *v)
{
    char name[2 * NAME_MAX], when[32];
    utf8_sanitise(name, sizeof name, v->name);
    local_time(v->when, when, sizeof when);
    printf("  %s\n    ", name);
    switch (v->kind) {
    case VERDICT_INSTALLED:
        printf("installed %s (version %s)%s\n", when, v->version,
               slots_was_rolled_back(&r->slots, v->version) ? ", since rolled back: not installed again"
                                                            : "");
        break;
    case VERDICT_SHOWN: printf("left alone %s: version %s was the one shown\n", when, v->version); break;
    case VERDICT_REFUSED: {
        char reason[2 * VERDICTS_REASON_MAX];
        utf8_sanitise(reason, sizeof reason, v->reason);
        printf("refused %s: %s\n", when, reason);
        break;
    }
    default:
        printf("new: %s\n", r->slots.trial ? "tried once the bundle on trial is confirmed"
                                           : "installed by a running kiosk at its next idle moment");
        break;
    }
}

static void print_words(const status_report *r)
{
    const kiosk_options *o = r->o;
    const slots_state *s = &r->slots;
    char extra[128] = "";
    printf("%-14s %s\n", "state", o->state_dir);
    if (s->trial)
        snprintf(extra, sizeof extra, ", on trial (%d of %d starts counted; kept once it has run %d s)",
                 s->tries, SLOTS_MAX_TRIES, o->healthy_after);
    else if (strcmp(s->current.name, SLOTS_FACTORY) != 0)
        snprintf(extra, sizeof extra, ", confirmed");
    print_slot("current", &s->current, r->factory_version, extra);
    print_slot("previous", &s->previous, r->factory_version, "");
    printf("%-14s %s%s%s\n", "factory", o->bundle, r->factory_version[0] ? ", version " : " (does not load)",
           r->factory_version);
    if (s->nrolled_back) {
        printf("%-14s", "rolled back");
        for (int i = 0; i < s->nrolled_back; i++)
            printf("%s%s", i ? ", " : " ", s->rolled_back[i]);
        printf(" (the inbox does not install these again)\n");
    }
    char when[32], last[2 * LASTRESULT_MAX];
    utf8_sanitise(last, sizeof last, r->last);
    if (r->last_when)
        printf("%-14s %s %s\n", "last result", local_time(r->last_when, when, sizeof when), last);
    else
        printf("%-14s none yet\n", "last result");
    if (r->busy)
        printf("%-14s an install or a rollback is under way\n", "busy");
    if (!o->inbox) {
        printf("%-14s none (no inbox in the configuration)\n", "inbox");
    } else if (r->inbox_readable) {
        printf("%-14s %s, %zu package%s\n", "inbox", o->inbox, r->inbox.n, r->inbox.n == 1 ? "" : "s");
        for (size_t i = 0; i < r->inbox.n; i++)
            print_package(r, &r->inbox.v[i]);
    }
    for (int i = 0; i < r->nproblems; i++)
        printf("%-14s %s\n", "problem", r->problems[i]);
}

/* ---- JSON --------------------------------------------------------------- */

/* A string from outside (a file name, a reason): valid UTF-8 for the JSON. */
static void json_text(jsonw *j, const char *s)
{
    char clean[4 * LOG_ERR_MAX];
    utf8_sanitise(clean, sizeof clean, s);
    jsonw_str(j, clean);
}

static void json_slot(jsonw *j, const char *key, const slots_ref *ref, const char *factory_version)
{
    jsonw_key(j, key);
    jsonw_obj_begin(j);
    jsonw_key(j, "slot");
    jsonw_str(j, ref->name);
    jsonw_key(j, "version");
    jsonw_str(j, strcmp(ref->name, SLOTS_FACTORY) ? ref->version
                 : factory_version[0]             ? factory_version
                                                  : NULL);
}

static void print_json(const status_report *r)
{
    const slots_state *s = &r->slots;
    jsonw j;
    jsonw_init_file(&j, stdout);
    jsonw_obj_begin(&j);
    jsonw_key(&j, "state_dir");
    json_text(&j, r->o->state_dir);
    json_slot(&j, "current", &s->current, r->factory_version);
    jsonw_key(&j, "trial");
    jsonw_bool(&j, s->trial);
    jsonw_key(&j, "tries");
    jsonw_int(&j, s->tries);
    jsonw_key(&j, "max_tries");
    jsonw_int(&j, SLOTS_MAX_TRIES);
    jsonw_key(&j, "healthy_after_s");
    jsonw_int(&j, r->o->healthy_after);
    jsonw_obj_end(&j);
    json_slot(&j, "previous", &s->previous, r->factory_version);
    jsonw_obj_end(&j);
    jsonw_key(&j, "factory");
    jsonw_obj_begin(&j);
    jsonw_key(&j, "dir");
    json_text(&j, r->o->bundle);
    jsonw_key(&j, "version");
    jsonw_str(&j, r->factory_version[0] ? r->factory_version : NULL);
    jsonw_obj_end(&j);
    jsonw_key(&j, "rolled_back");
    jsonw_arr_begin(&j);
    for (int i = 0; i < s->nrolled_back; i++)
        jsonw_str(&j, s->rolled_back[i]);
    jsonw_arr_end(&j);
    jsonw_key(&j, "last_result");
    if (r->last_when) {
        jsonw_obj_begin(&j);
        jsonw_key(&j, "time");
        jsonw_int(&j, r->last_when);
        jsonw_key(&j, "text");
        json_text(&j, r->last);
        jsonw_obj_end(&j);
    } else {
        jsonw_null(&j);
    }
    jsonw_key(&j, "busy");
    jsonw_bool(&j, r->busy);
    jsonw_key(&j, "inbox");
    if (!r->o->inbox || !r->inbox_readable) {
        jsonw_null(&j);
    } else {
        jsonw_obj_begin(&j);
        jsonw_key(&j, "dir");
        json_text(&j, r->o->inbox);
        jsonw_key(&j, "packages");
        jsonw_arr_begin(&j);
        for (size_t i = 0; i < r->inbox.n; i++) {
            const verdict *v = &r->inbox.v[i];
            bool judged = v->kind <= VERDICT_SHOWN;
            jsonw_obj_begin(&j);
            jsonw_key(&j, "name");
            json_text(&j, v->name);
            jsonw_key(&j, "size");
            jsonw_int(&j, v->size);
            jsonw_key(&j, "verdict");
            jsonw_str(&j, judged ? verdict_kind_name(v->kind) : "new");
            jsonw_key(&j, "version");
            jsonw_str(&j, v->version[0] ? v->version : NULL);
            jsonw_key(&j, "rolled_back");
            jsonw_bool(&j, v->kind == VERDICT_INSTALLED && slots_was_rolled_back(s, v->version));
            jsonw_key(&j, "time");
            if (judged)
                jsonw_int(&j, v->when);
            else
                jsonw_null(&j);
            jsonw_key(&j, "reason");
            if (v->kind == VERDICT_REFUSED)
                json_text(&j, v->reason);
            else
                jsonw_null(&j);
            jsonw_obj_end(&j);
        }
        jsonw_arr_end(&j);
        jsonw_obj_end(&j);
    }
    jsonw_key(&j, "problems");
    jsonw_arr_begin(&j);
    for (int i = 0; i < r->nproblems; i++)
        json_text(&j, r->problems[i]);
    jsonw_arr_end(&j);
    jsonw_obj_end(&j);
    fputc('\n', stdout);
}

/* ---- the commands ------------------------------------------------------- */

/* The state directory these commands need, or a message saying where to set it. */
static bool have_state_dir(const kiosk_options *o, const char *what)
{
    if (o->state_dir)
        return true;
    fprintf(stderr,
            "kiosk: %s needs the state directory: state_dir in the site configuration (%s), or --state-dir "
            "DIR%s%s\n",
            what, o->config ? o->config : "/etc/kiosk/kiosk.conf", o->config_status ? "; " : "",
            o->config_status ? o->config_status : "");
    return false;
}

int cli_status(const kiosk_options *o)
{
    if (!have_state_dir(o, "--status"))
        return 1;
    static status_report r; /* large: not on the stack */
    memset(&r, 0, sizeof r);
    r.o = o;
    read_report(&r);
    if (o->json)
        print_json(&r);
    else
        print_words(&r);
    verdicts_free(&r.known);
    verdicts_free(&r.inbox);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "kiosk: --status: cannot write the output\n");
        return 1;
    }
    return r.nproblems ? 1 : 0;
}

int cli_rollback(const kiosk_options *o)
{
    if (!have_state_dir(o, "--rollback"))
        return 1;
    const char *sd = o->state_dir;
    char err[LOG_ERR_MAX], msg[LOG_ERR_MAX];
    int lock = slots_lock(sd, ROLLBACK_LOCK_WAIT_MS, err, sizeof err);
    if (lock < 0) {
        fprintf(stderr, "kiosk: --rollback: %s\n", err);
        return 1;
    }
    if (o->fault_at)
        faultpoint_arm(o->fault_at);
    slots_state s;
    int status = 1;
    if (!slots_read(sd, &s, err, sizeof err)) {
        fprintf(stderr, "kiosk: --rollback: %s (remove it to start from the factory bundle)\n", err);
    } else if (!strcmp(s.current.name, SLOTS_FACTORY)) {
        fprintf(stderr, "kiosk: --rollback: nothing to roll back: the factory bundle is current\n");
    } else {
        slots_ref from = s.current;
        if (!slots_fail(sd, &s, "withdrawn by the operator", msg, sizeof msg, err, sizeof err)) {
            fprintf(stderr, "kiosk: --rollback: %s\n", err);
        } else {
            status = 0;
            if (!lastresult_write(sd, msg, err, sizeof err))
                LOG_W("update", "%s", err);
            char to[64];
            slots_describe(&s.current, to, sizeof to);
            printf(
                "%s\n(the inbox does not install version %s again; a running kiosk shows %s at its next idle "
                "moment)\n",
                msg, from.version, to);
        }
    }
    slots_unlock(lock);
    return status;
}
