#include "support/golden.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "platform/pngio.h"

enum { PATH_MAX_LEN = 1024 };

static const char *diff_dir(char *buf, size_t len)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(buf, len, "%s/kiosk-golden", tmp && *tmp ? tmp : "/tmp");
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return NULL;
    return buf;
}

/* rgba against the reference PNG at path (see golden_check). */
static bool compare_with(const char *path, const char *name, const uint8_t *rgba, int w, int h, int stride,
                         int tolerance, double max_fraction, char *msg, size_t msglen)
{
    char err[PATH_MAX_LEN + 128];
    uint8_t *ref;
    int rw, rh;
    if (!pngio_read_rgba(path, &ref, &rw, &rh, err, sizeof err)) {
        snprintf(msg, msglen, "%s (run with %s=1 to create it)", err, GOLDEN_ENV_UPDATE);
        return false;
    }
    bool ok = rw == w && rh == h;
    long bad = 0;
    int worst = 0;
    uint8_t *diff = NULL;
    if (ok) {
        diff = malloc((size_t)w * (size_t)h * 4);
        if (!diff) {
            free(ref);
            snprintf(msg, msglen, "%s: out of memory", name);
            return false;
        }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                const uint8_t *a = rgba + (size_t)y * (size_t)stride + (size_t)x * 4;
                const uint8_t *b = ref + ((size_t)y * (size_t)w + (size_t)x) * 4;
                uint8_t *d = diff + ((size_t)y * (size_t)w + (size_t)x) * 4;
                int m = 0;
                for (int c = 0; c < 4; c++) {
                    int dc = abs(a[c] - b[c]);
                    m = dc > m ? dc : m;
                }
                worst = m > worst ? m : worst;
                if (m > tolerance) {
                    bad++;
                    d[0] = 255, d[1] = 0, d[2] = 0, d[3] = 255;
                } else {
                    uint8_t l = (uint8_t)(192 + (b[0] + b[1] + b[2]) / 12);
                    d[0] = d[1] = d[2] = l, d[3] = 255;
                }
            }
        ok = (double)bad <= max_fraction * (double)w * (double)h;
    }
    if (ok) {
        free(diff);
        free(ref);
        return true;
    }

    char dir[PATH_MAX_LEN], actual[PATH_MAX_LEN + 64], diffp[PATH_MAX_LEN + 64];
    if (!diff_dir(dir, sizeof dir)) {
        snprintf(actual, sizeof actual, "(not written)");
        snprintf(diffp, sizeof diffp, "(not written)");
    } else {
        snprintf(actual, sizeof actual, "%s/%s.actual.png", dir, name);
        snprintf(diffp, sizeof diffp, "%s/%s.diff.png", dir, name);
        if (!pngio_write_rgba(actual, rgba, w, h, stride, err, sizeof err)) {
            fprintf(stderr, "golden: %s\n", err);
            snprintf(actual, sizeof actual, "(not written)");
        }
        if (diff && !pngio_write_rgba(diffp, diff, w, h, w * 4, err, sizeof err)) {
            fprintf(stderr, "golden: %s\n", err);
            snprintf(diffp, sizeof diffp, "(not written)");
        }
    }
    if (rw != w || rh != h)
        snprintf(msg, msglen, "%s: size %dx%d, golden %s is %dx%d; actual: %s", name, w, h, path,
                 rw, rh, actual);
    else
        snprintf(msg, msglen,
                 "%s: %ld of %d pixels (%.2f %%) differ by more than %d (worst %d), allowed %.2f %%;"
                 " actual: %s, diff: %s",
                 name, bad, w * h, 100.0 * (double)bad / ((double)w * h), tolerance, worst,
                 100.0 * max_fraction, actual, diffp);
    free(diff);
    free(ref);
    return false;
}

bool golden_check(const char *name, const uint8_t *rgba, int w, int h, int stride,
                  int tolerance, double max_fraction, char *msg, size_t msglen)
{
    char path[PATH_MAX_LEN], err[PATH_MAX_LEN + 128];
    snprintf(path, sizeof path, "%s/%s.png", GOLDEN_DIR, name);
    const char *upd = getenv(GOLDEN_ENV_UPDATE);
    if (upd && strcmp(upd, "1") == 0) {
        if (!pngio_write_rgba(path, rgba, w, h, stride, err, sizeof err)) {
            snprintf(msg, msglen, "%s", err);
            return false;
        }
        fprintf(stderr, "golden: wrote %s\n", path);
        return true;
    }
    return compare_with(path, name, rgba, w, h, stride, tolerance, max_fraction, msg, msglen);
}

bool golden_compare_files(const char *reference, const char *actual, const char *name, int tolerance,
                          double max_fraction, char *msg, size_t msglen)
{
    uint8_t *px;
    int w, h;
    if (!pngio_read_rgba(actual, &px, &w, &h, msg, msglen))
        return false;
    bool ok = compare_with(reference, name, px, w, h, w * 4, tolerance, max_fraction, msg, msglen);
    free(px);
    return ok;
}

bool golden_check_png(const char *path, const char *name, int tolerance, double max_fraction, char *msg,
                      size_t msglen)
{
    uint8_t *px;
    int w, h;
    if (!pngio_read_rgba(path, &px, &w, &h, msg, msglen))
        return false;
    bool ok = golden_check(name, px, w, h, w * 4, tolerance, max_fraction, msg, msglen);
    free(px);
    return ok;
}
