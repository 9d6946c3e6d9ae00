#include "support/scratch.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *scratch_root(void)
{
    const char *t = getenv("KIOSK_TMP");
    if (!t || !*t)
        t = getenv("TMPDIR");
    return t && *t ? t : "/tmp";
}

/* ROOT/NAME-XXXXXX in buf; false when it does not fit. */
static bool template_of(char *buf, size_t len, const char *name)
{
    int n = snprintf(buf, len, "%s/%s-XXXXXX", scratch_root(), name);
    if (n > 0 && (size_t)n < len)
        return true;
    errno = ENAMETOOLONG;
    return false;
}

bool scratch_dir(char *buf, size_t len, const char *name)
{
    return template_of(buf, len, name) && mkdtemp(buf) != NULL;
}

bool scratch_file(char *buf, size_t len, const char *name)
{
    if (!template_of(buf, len, name))
        return false;
    int fd = mkstemp(buf);
    return fd >= 0 && close(fd) == 0;
}

bool scratch_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = len == 0 || fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

bool scratch_write_text(const char *path, const char *text)
{
    return scratch_write(path, text, strlen(text));
}

void scratch_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d))) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char child[4096];
                snprintf(child, sizeof child, "%s/%s", path, e->d_name);
                scratch_rm_rf(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* The paths scratch_remove_at_exit() was given. */
static char *at_exit[SCRATCH_AT_EXIT_MAX];
static int at_exit_n;
static bool at_exit_registered;

static void remove_at_exit(void)
{
    for (int i = 0; i < at_exit_n; i++) {
        scratch_rm_rf(at_exit[i]);
        free(at_exit[i]);
    }
    at_exit_n = 0;
}

bool scratch_remove_at_exit(const char *path)
{
    if (at_exit_n == SCRATCH_AT_EXIT_MAX) {
        errno = ENOSPC;
        return false;
    }
    if (!at_exit_registered && atexit(remove_at_exit) != 0)
        return false;
    at_exit_registered = true;
    char *copy = strdup(path);
    if (!copy)
        return false;
    at_exit[at_exit_n++] = copy;
    return true;
}

const char *scratch_input(const char *name, const void *data, size_t len)
{
    static struct {
        char name[64];
        char path[4096];
    } files[SCRATCH_AT_EXIT_MAX];
    int i = 0;
    while (i < SCRATCH_AT_EXIT_MAX && files[i].name[0] && strcmp(files[i].name, name) != 0)
        i++;
    if (i == SCRATCH_AT_EXIT_MAX || strlen(name) >= sizeof files[i].name) {
        errno = i == SCRATCH_AT_EXIT_MAX ? ENOSPC : ENAMETOOLONG;
        return NULL;
    }
    if (!files[i].name[0]) {
        if (!scratch_file(files[i].path, sizeof files[i].path, name) ||
            !scratch_remove_at_exit(files[i].path))
            return NULL;
        snprintf(files[i].name, sizeof files[i].name, "%s", name);
    }
    return scratch_write(files[i].path, data, len) ? files[i].path : NULL;
}
