/* slots: the A/B state of the installed bundles (update/slots.h). */
#include "update/slots.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "update/statefile.h"

#define STATE_NAME "slots/state" /* below the state directory */
#define STATE_FORMAT "kiosk-slots 1"
#define ROLLED_BACK_KEY "rolled-back "
#define LOCK_POLL_MS 20 /* how often a waiting slots_lock() tries again */

static void factory_state(slots_state *s)
{
    memset(s, 0, sizeof *s);
    strcpy(s->current.name, SLOTS_FACTORY);
    strcpy(s->previous.name, SLOTS_FACTORY);
}

static bool slot_name_ok(const char *n)
{
    return !strcmp(n, "a") || !strcmp(n, "b") || !strcmp(n, SLOTS_FACTORY);
}

void slots_dir(const char *state_dir, const char *name, const char *factory_dir, char *out, size_t outlen)
{
    if (!strcmp(name, SLOTS_FACTORY))
        snprintf(out, outlen, "%s", factory_dir);
    else
        snprintf(out, outlen, "%s/slots/%s", state_dir, name);
}

/* "NAME VERSION" or "factory" into r. */
static bool parse_ref(const char *v, slots_ref *r)
{
    memset(r, 0, sizeof *r);
    const char *sp = strchr(v, ' ');
    size_t n = sp ? (size_t)(sp - v) : strlen(v);
    if (n >= sizeof r->name)
        return false;
    memcpy(r->name, v, n);
    if (!slot_name_ok(r->name))
        return false;
    if (!strcmp(r->name, SLOTS_FACTORY))
        return sp == NULL;
    if (!sp || strlen(sp + 1) > BUNDLE_MAX_VERSION || !bundle_version_ok(sp + 1))
        return false;
    strcpy(r->version, sp + 1);
    return true;
}

/* "V1 V2 ...": 1 to SLOTS_MAX_ROLLED_BACK versions, each once. */
static bool parse_rolled_back(char *v, slots_state *s)
{
    char *save = NULL;
    for (char *w = strtok_r(v, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (s->nrolled_back == SLOTS_MAX_ROLLED_BACK || strlen(w) > BUNDLE_MAX_VERSION ||
            !bundle_version_ok(w) || slots_was_rolled_back(s, w))
            return false;
        strcpy(s->rolled_back[s->nrolled_back++], w);
    }
    return s->nrolled_back > 0;
}

static bool parse_state(char *text, slots_state *s, char *why, size_t whylen)
{
    static const char *const keys[] = {STATE_FORMAT, "current ", "previous ", "trial ", "tries "};
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    for (int i = 0; i < 5; i++, line = strtok_r(NULL, "\n", &save)) {
        if (!line || strncmp(line, keys[i], strlen(keys[i])) != 0) {
            log_format_err(why, whylen, "line %d: expected '%s'", i + 1, keys[i]);
            return false;
        }
        const char *v = line + strlen(keys[i]);
        bool ok = true;
        if (i == 1)
            ok = parse_ref(v, &s->current);
        else if (i == 2)
            ok = parse_ref(v, &s->previous);
        else if (i == 3) {
            ok = (v[0] == '0' || v[0] == '1') && !v[1];
            s->trial = v[0] == '1';
        } else if (i == 4) {
            ok = v[0] >= '0' && v[0] <= '9' && !v[1];
            s->tries = v[0] - '0';
        }
        if (!ok) {
            log_format_err(why, whylen, "line %d: bad value '%.40s'", i + 1, v);
            return false;
        }
    }
    if (line && !strncmp(line, ROLLED_BACK_KEY, strlen(ROLLED_BACK_KEY))) {
        if (!parse_rolled_back(line + strlen(ROLLED_BACK_KEY), s)) {
            log_format_err(why, whylen, "line 6: bad value '%.40s'", line + strlen(ROLLED_BACK_KEY));
            return false;
        }
        line = strtok_r(NULL, "\n", &save);
    }
    if (line) {
        log_format_err(why, whylen, "line %d: unexpected '%.40s'", s->nrolled_back ? 7 : 6, line);
        return false;
    }
    return true;
}

bool slots_read(const char *state_dir, slots_state *s, char *err, size_t errlen)
{
    factory_state(s);
    size_t len;
    bool missing;
    char *text = statefile_read(state_dir, STATE_NAME, 1024, &len, &missing, err, errlen);
    if (missing)
        return true;
    char why[LOG_ERR_MAX];
    bool ok = text && parse_state(text, s, why, sizeof why);
    if (text && !ok) {
        log_format_err(err, errlen, "%s/%s: %s", state_dir, STATE_NAME, why);
        factory_state(s);
    }
    free(text);
    return ok;
}

static bool write_state(FILE *f, void *ctx)
{
    const slots_state *s = ctx;
    fprintf(f, "%s\n", STATE_FORMAT);
    fprintf(f, "current %s%s%s\n", s->current.name, s->current.version[0] ? " " : "", s->current.version);
    fprintf(f, "previous %s%s%s\n", s->previous.name, s->previous.version[0] ? " " : "", s->previous.version);
    fprintf(f, "trial %d\ntries %d\n", s->trial ? 1 : 0, s->tries);
    if (s->nrolled_back > 0) {
        fputs(ROLLED_BACK_KEY, f);
        for (int i = 0; i < s->nrolled_back; i++)
            fprintf(f, "%s%s", i ? " " : "", s->rolled_back[i]);
        fputc('\n', f);
    }
    return !ferror(f);
}

bool slots_write(const char *state_dir, const slots_state *s, char *err, size_t errlen)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/slots", state_dir);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        log_format_err(err, errlen, "%s: %s", dir, strerror(errno));
        return false;
    }
    return statefile_write(state_dir, STATE_NAME, write_state, (void *)s, err, errlen);
}

void slots_describe(const slots_ref *r, char *out, size_t outlen)
{
    if (!strcmp(r->name, SLOTS_FACTORY))
        snprintf(out, outlen, "the factory bundle");
    else
        snprintf(out, outlen, "slot %s (version %s)", r->name, r->version);
}

bool slots_ref_same(const slots_ref *a, const slots_ref *b)
{
    return !strcmp(a->name, b->name) && !strcmp(a->version, b->version);
}

bool slots_was_rolled_back(const slots_state *s, const char *version)
{
    for (int i = 0; i < s->nrolled_back; i++)
        if (bundle_version_ok(version) && bundle_version_cmp(s->rolled_back[i], version) == 0)
            return true;
    return false;
}

/* Takes entry i off the list of versions rolled back. */
static void forget_rolled_back(slots_state *s, int i)
{
    memmove(s->rolled_back[i], s->rolled_back[i + 1],
            (size_t)(s->nrolled_back - i - 1) * sizeof s->rolled_back[0]);
    s->nrolled_back--;
    memset(s->rolled_back[s->nrolled_back], 0, sizeof s->rolled_back[0]);
}

/* Current := previous (which was confirmed), factory behind it; the
 * version left goes on the list (the oldest dropped when it is full). */
static void roll_back(slots_state *s)
{
    if (strcmp(s->current.name, SLOTS_FACTORY) != 0 && !slots_was_rolled_back(s, s->current.version)) {
        if (s->nrolled_back == SLOTS_MAX_ROLLED_BACK)
            forget_rolled_back(s, 0);
        strcpy(s->rolled_back[s->nrolled_back++], s->current.version);
    }
    s->current = s->previous;
    memset(&s->previous, 0, sizeof s->previous);
    strcpy(s->previous.name, SLOTS_FACTORY);
    s->trial = false;
    s->tries = 0;
}

bool slots_begin(const char *state_dir, int max_tries, slots_state *s, char *msg, size_t msglen, char *err,
                 size_t errlen)
{
    log_format_err(msg, msglen, "%s", "");
    char why[LOG_ERR_MAX];
    if (!slots_read(state_dir, s, why, sizeof why)) {
        log_format_err(msg, msglen, "%s; showing the factory bundle", why);
        return slots_write(state_dir, s, err, errlen);
    }
    if (!s->trial)
        return true;
    if (s->tries >= max_tries) {
        char from[64], to[64];
        slots_describe(&s->current, from, sizeof from);
        slots_describe(&s->previous, to, sizeof to);
        log_format_err(msg, msglen, "rolled back to %s: %s did not reach a healthy point in %d starts", to, from,
                       s->tries);
        roll_back(s);
    } else {
        s->tries++;
    }
    return slots_write(state_dir, s, err, errlen);
}

/* Reads the state on the disk into *s: 1 when its current slot is still
 * s->current (on trial, when `trial`), 0 when another process switched
 * meanwhile, -1 with err when it cannot be read (*s then unchanged). */
static int still_current(const char *state_dir, slots_state *s, bool trial, char *err, size_t errlen)
{
    slots_state disk;
    if (!slots_read(state_dir, &disk, err, errlen))
        return -1;
    bool same = slots_ref_same(&disk.current, &s->current) && (!trial || disk.trial);
    *s = disk;
    return same ? 1 : 0;
}

bool slots_fail(const char *state_dir, slots_state *s, const char *reason, char *msg, size_t msglen, char *err,
                size_t errlen)
{
    log_format_err(msg, msglen, "%s", "");
    /* Unreadable (-1): rolled back from what the caller knows, written over it. */
    if (still_current(state_dir, s, false, err, errlen) == 0)
        return true;
    char from[64], to[64];
    slots_describe(&s->current, from, sizeof from);
    slots_describe(&s->previous, to, sizeof to);
    log_format_err(msg, msglen, "rolled back to %s: %s %s", to, from, reason);
    roll_back(s);
    return slots_write(state_dir, s, err, errlen);
}

bool slots_confirm(const char *state_dir, slots_state *s, char *err, size_t errlen)
{
    int same = still_current(state_dir, s, true, err, errlen);
    if (same <= 0)
        return same == 0;
    s->trial = false;
    s->tries = 0;
    return slots_write(state_dir, s, err, errlen);
}

bool slots_commit(const char *state_dir, slots_state *s, const char *name, const char *version, char *err,
                  size_t errlen)
{
    s->previous = s->current;
    memset(&s->current, 0, sizeof s->current);
    snprintf(s->current.name, sizeof s->current.name, "%s", name);
    snprintf(s->current.version, sizeof s->current.version, "%s", version);
    for (int i = s->nrolled_back - 1; i >= 0; i--)
        if (bundle_version_cmp(s->rolled_back[i], version) == 0)
            forget_rolled_back(s, i);
    s->trial = true;
    s->tries = 0;
    return slots_write(state_dir, s, err, errlen);
}

const char *slots_inactive(const slots_state *s)
{
    return strcmp(s->current.name, "a") == 0 ? "b" : "a";
}

/* ---- between processes --------------------------------------------------- */

int slots_lock(const char *state_dir, int wait_ms, char *err, size_t errlen)
{
    int fd = open(state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        log_format_err(err, errlen, "%s: %s", state_dir, strerror(errno));
        return -1;
    }
    for (int waited = 0;; waited += LOCK_POLL_MS) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            log_format_err(err, errlen, "%s: lock: %s", state_dir, strerror(errno));
            close(fd);
            return -1;
        }
        if (waited >= wait_ms)
            break;
        nanosleep(&(struct timespec){0, LOCK_POLL_MS * 1000000L}, NULL);
    }
    close(fd);
    log_format_err(err, errlen, "%s: another process is installing or rolling back (its lock is held)",
                   state_dir);
    return SLOTS_BUSY;
}

void slots_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* releases the flock */
}

bool slots_locked_elsewhere(const char *state_dir)
{
    int fd = open(state_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool busy = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    close(fd);
    return busy;
}

bool slots_stamp_changed(const char *state_dir, slots_stamp *st)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", state_dir, STATE_NAME);
    struct stat sb;
    slots_stamp now = {0, -1, 0};
    if (stat(path, &sb) == 0)
        now = (slots_stamp){(unsigned long long)sb.st_ino, (long long)sb.st_size,
                            (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec};
    bool changed = now.ino != st->ino || now.size != st->size || now.mtime_ns != st->mtime_ns;
    *st = now;
    return changed;
}
