#include "core/frameprof.h"
#include "core/log.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define FRAMEPROF_BUF (64 * 1024) /* the file's buffer, allocated at open */

struct frameprof {
    FILE *f;
    char *buf;
    char path[512];
    int64_t t0_ns, ours_ns;
    unsigned long allocs0, allocs_ours;
    bool ours_marked;
    /* calls into the renderer during our part (frameprof_sdl_enter) */
    int64_t inner_ns, enter_ns;
    unsigned long inner_allocs, enter_allocs;
};

static frameprof *active; /* the open profile: the renderer's brackets find it here */

static unsigned long (*alloc_counter)(void);

void frameprof_set_alloc_counter(unsigned long (*count)(void)) { alloc_counter = count; }

static int64_t ns_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t cpu_ns(void) { return ns_of(CLOCK_PROCESS_CPUTIME_ID); }

frameprof *frameprof_open(const char *path, char *err, size_t errlen)
{
    frameprof *fp = calloc(1, sizeof *fp);
    char *buf = malloc(FRAMEPROF_BUF);
    FILE *f = fopen(path, "w");
    if (!fp || !buf || !f) {
        log_format_err(err, errlen, "cannot write the profile %s: %s", path, f ? "out of memory" : strerror(errno));
        if (f)
            fclose(f);
        free(buf);
        free(fp);
        return NULL;
    }
    setvbuf(f, buf, _IOFBF, FRAMEPROF_BUF);
    fp->f = f;
    fp->buf = buf;
    active = fp;
    snprintf(fp->path, sizeof fp->path, "%s", path);
    return fp;
}

void frameprof_begin(frameprof *fp)
{
    if (!fp)
        return;
    fp->allocs0 = alloc_counter ? alloc_counter() : 0;
    fp->ours_marked = false;
    fp->inner_ns = 0;
    fp->inner_allocs = 0;
    fp->t0_ns = cpu_ns();
}

void frameprof_ours_done(frameprof *fp)
{
    if (!fp)
        return;
    fp->ours_ns = cpu_ns();
    fp->allocs_ours = alloc_counter ? alloc_counter() : 0;
    fp->ours_marked = true;
}

void frameprof_sdl_enter(void)
{
    if (!active || active->ours_marked)
        return;
    active->enter_allocs = alloc_counter ? alloc_counter() : 0;
    active->enter_ns = cpu_ns();
}

void frameprof_sdl_leave(void)
{
    if (!active || active->ours_marked)
        return;
    active->inner_ns += cpu_ns() - active->enter_ns;
    active->inner_allocs += (alloc_counter ? alloc_counter() : 0) - active->enter_allocs;
}

void frameprof_end(frameprof *fp, unsigned long frame, double t, const char *scene, bool drawn)
{
    if (!fp)
        return;
    int64_t end = cpu_ns();
    int64_t mid = fp->ours_marked ? fp->ours_ns : end;
    long allocs = -1, ours = -1;
    if (alloc_counter) {
        unsigned long now = alloc_counter();
        allocs = (long)(now - fp->allocs0);
        ours = (long)((fp->ours_marked ? fp->allocs_ours : now) - fp->allocs0 - fp->inner_allocs);
    }
    fprintf(fp->f, "F %lu %.4f %s %d %lld %lld %ld %ld\n", frame, t, scene ? scene : "-", drawn ? 1 : 0,
            (long long)((mid - fp->t0_ns - fp->inner_ns) / 1000), (long long)((end - mid + fp->inner_ns) / 1000),
            allocs, ours);
}

void frameprof_first_frame(frameprof *fp)
{
    if (fp)
        fprintf(fp->f, "P %lld\n", (long long)ns_of(CLOCK_MONOTONIC));
}

bool frameprof_close(frameprof *fp, size_t atlas_bytes, unsigned long glyphs, char *err, size_t errlen)
{
    if (!fp)
        return true;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(fp->f, "Q %ld %zu %lu\n", ru.ru_maxrss, atlas_bytes, glyphs);
    bool ok = !ferror(fp->f);
    if (fclose(fp->f) != 0)
        ok = false;
    if (!ok)
        log_format_err(err, errlen, "cannot write the profile %s: %s", fp->path, strerror(errno));
    free(fp->buf);
    if (active == fp)
        active = NULL;
    free(fp);
    return ok;
}
