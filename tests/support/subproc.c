#include "support/subproc.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/scratch.h"

const char *subproc_kiosk_bin(void)
{
    const char *b = getenv("KIOSK_BIN");
    return b && *b ? b : "build/kiosk";
}

const char *subproc_bundle_tool_bin(void)
{
    static char path[4096];
    const char *k = subproc_kiosk_bin();
    const char *slash = strrchr(k, '/');
    snprintf(path, sizeof path, "%.*skiosk-bundle", slash ? (int)(slash - k + 1) : 0, k);
    return path;
}

char *subproc_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

bool subproc_tmpdir(char *buf, size_t len) { return scratch_dir(buf, len, "kiosk-test"); }

bool subproc_copy_tree(const char *from, const char *to)
{
    struct stat st;
    if (stat(from, &st) != 0)
        return false;
    if (S_ISDIR(st.st_mode)) {
        if (mkdir(to, 0755) != 0)
            return false;
        DIR *d = opendir(from);
        if (!d)
            return false;
        bool ok = true;
        struct dirent *e;
        while (ok && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char a[4096], b[4096];
            snprintf(a, sizeof a, "%s/%s", from, e->d_name);
            snprintf(b, sizeof b, "%s/%s", to, e->d_name);
            ok = subproc_copy_tree(a, b);
        }
        closedir(d);
        return ok;
    }
    size_t len;
    char *data = subproc_read_file(from, &len);
    if (!data)
        return false;
    bool ok = scratch_write(to, data, len);
    free(data);
    return ok;
}

bool subproc_run(char *const argv[], subproc_result *r)
{
    memset(r, 0, sizeof *r);
    char dir[4096];
    if (!subproc_tmpdir(dir, sizeof dir))
        return false;
    char out_path[4200], err_path[4200];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        scratch_rm_rf(dir);
        return false;
    }
    if (pid == 0) {
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0)
            _exit(127);
        dup2(o, 1);
        dup2(e, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    int st = 0;
    pid_t w;
    while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {
    }
    r->status = w == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    r->out = subproc_read_file(out_path, NULL);
    r->err = subproc_read_file(err_path, NULL);
    if (!r->out)
        r->out = strdup("");
    if (!r->err)
        r->err = strdup("");
    scratch_rm_rf(dir);
    return true;
}

void subproc_free(subproc_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

const char *subproc_test_dir(void)
{
    static char dir[512];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "%s/t%ld", scratch_root(), (long)getpid());
        mkdir(dir, 0700);
    }
    return dir;
}

int subproc_shell(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    if (st == -1)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int subproc_count_lines(const char *text, ...)
{
    int count = 0;
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        bool all = true;
        va_list ap;
        va_start(ap, text);
        for (const char *needle; (needle = va_arg(ap, const char *)) != NULL;) {
            /* strstr within the line only: search a bounded copy. */
            size_t k = strlen(needle);
            bool found = false;
            for (size_t i = 0; i + k <= n && !found; i++)
                found = memcmp(p + i, needle, k) == 0;
            all = all && found;
        }
        va_end(ap);
        count += all;
        p = nl ? nl + 1 : NULL;
    }
    return count;
}
