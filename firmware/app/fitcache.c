#include "app/fitcache.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"

#define FITCACHE_FILE "fit-cache"
#define FITCACHE_MAX_FILES 64              /* YAML files hashed */
#define FITCACHE_MAX_BYTES (64u << 20)     /* a YAML file larger than this is not cached */
#define FITCACHE_VERSION "kiosk-fit-cache 1"

bool fitcache_path(const char *state_dir, char *path, size_t n)
{
    if (state_dir && *state_dir)
        return snprintf(path, n, "%s/%s", state_dir, FITCACHE_FILE) < (int)n;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        return snprintf(path, n, "%s/kiosk/%s", xdg, FITCACHE_FILE) < (int)n;
    if (home && *home == '/')
        return snprintf(path, n, "%s/.cache/kiosk/%s", home, FITCACHE_FILE) < (int)n;
    return false;
}

/* size, mtime and inode of path (zeros when it is missing: a font that
 * appears later changes the key too). */
static void hash_stat(crypto_hash_sha256_state *h, const char *path)
{
    struct stat st;
    long long v[4] = {0, 0, 0, 0};
    if (path && stat(path, &st) == 0) {
        v[0] = (long long)st.st_size;
        v[1] = (long long)st.st_mtim.tv_sec;
        v[2] = (long long)st.st_mtim.tv_nsec;
        v[3] = (long long)st.st_ino;
    }
    crypto_hash_sha256_update(h, (const unsigned char *)(path ? path : ""), path ? strlen(path) + 1 : 1);
    crypto_hash_sha256_update(h, (const unsigned char *)v, sizeof v);
}

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool is_yaml(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

bool fitcache_key(const char *bundle_dir, text_engine *te, const bundle_fit_areas *areas,
                  char key[FITCACHE_KEY_HEX])
{
    if (sodium_init() < 0)
        return false;
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    crypto_hash_sha256_update(&h, (const unsigned char *)FITCACHE_VERSION, sizeof FITCACHE_VERSION);
    crypto_hash_sha256_update(&h, (const unsigned char *)areas, sizeof *areas);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    hash_stat(&h, exe);
    font_set *fs = text_fontset(te);
    for (int i = 0; i < fontset_count(fs); i++)
        hash_stat(&h, fontset_path(fs, i, NULL));

    DIR *d = opendir(bundle_dir);
    if (!d)
        return false;
    char *names[FITCACHE_MAX_FILES];
    int count = 0;
    bool ok = true;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_yaml(e->d_name))
            continue;
        if (count == FITCACHE_MAX_FILES || !(names[count] = strdup(e->d_name))) {
            ok = false;
            break;
        }
        count++;
    }
    closedir(d);
    qsort(names, (size_t)count, sizeof names[0], name_cmp);
    for (int i = 0; i < count; i++) {
        char path[PATH_MAX], err[256];
        size_t len = 0;
        char *text = NULL;
        if (ok && snprintf(path, sizeof path, "%s/%s", bundle_dir, names[i]) < (int)sizeof path)
            text = file_read_all(path, FITCACHE_MAX_BYTES, &len, err, sizeof err);
        if (text) {
            crypto_hash_sha256_update(&h, (const unsigned char *)names[i], strlen(names[i]) + 1);
            crypto_hash_sha256_update(&h, (const unsigned char *)&len, sizeof len);
            crypto_hash_sha256_update(&h, (const unsigned char *)text, len);
        } else {
            ok = false;
        }
        free(text);
        free(names[i]);
    }
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, digest);
    sodium_bin2hex(key, FITCACHE_KEY_HEX, digest, sizeof digest);
    return ok && count > 0;
}

bool fitcache_hit(const char *path, const char *key)
{
    char err[LOG_ERR_MAX];
    size_t len = 0;
    char *text = file_read_all(path, 4096, &len, err, sizeof err);
    bool hit = text && len >= FITCACHE_KEY_HEX - 1 && strncmp(text, key, FITCACHE_KEY_HEX - 1) == 0 &&
               (len == FITCACHE_KEY_HEX - 1 || text[FITCACHE_KEY_HEX - 1] == '\n');
    free(text);
    return hit;
}

static bool write_key(FILE *f, void *ctx) { return fprintf(f, "%s\n", (const char *)ctx) > 0; }

void fitcache_store(const char *path, const char *key)
{
    /* The user's cache directory may not exist yet: make it and its parent
     * (a state dir exists; mkdir then fails with EEXIST, harmlessly). */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = '\0';
        char *up = strrchr(dir, '/');
        if (up && up != dir) {
            *up = '\0';
            mkdir(dir, 0700);
            *up = '/';
        }
        mkdir(dir, 0700);
    }
    char err[LOG_ERR_MAX];
    if (!file_write_atomic(path, write_key, (void *)key, err, sizeof err))
        LOG_W("bundle", "fit check cache not written (the next start checks again): %s", err);
}
