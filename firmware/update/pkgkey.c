/* pkgkey: ed25519 keys and signatures through libsodium (update/pkgkey.h). */
#include "update/pkgkey.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fileio.h"
#include "core/log.h"

#define PUB_TAG "kiosk-ed25519-public"
#define SEC_TAG "kiosk-ed25519-secret"
#define SIG_TAG "kiosk-ed25519-signature"

static bool sodium_ready(void)
{
    return sodium_init() >= 0; /* 0 first time, 1 after: both fine */
}

static void key_id(const unsigned char pk[32], char id[PKGKEY_ID_CHARS + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, 32);
    sodium_bin2hex(id, PKGKEY_ID_CHARS + 1, h, PKGKEY_ID_CHARS / 2);
}

bool pkgkey_generate(pkgkey_secret *k)
{
    if (!sodium_ready())
        return false;
    crypto_sign_keypair(k->pub.pk, k->sk);
    key_id(k->pub.pk, k->pub.id);
    return true;
}

/* Writes one line to a new file. */
static bool write_line(const char *path, const char *line, mode_t mode, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        log_format_err(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    size_t n = strlen(line);
    bool ok = write(fd, line, n) == (ssize_t)n && fsync(fd) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        unlink(path);
        log_format_err(err, errlen, "%s: %s", path, strerror(e));
    }
    return ok;
}

bool pkgkey_write_public(const char *path, const pkgkey_public *k, char *err, size_t errlen)
{
    char hex[65], line[128];
    sodium_bin2hex(hex, sizeof hex, k->pk, 32);
    snprintf(line, sizeof line, "%s %s %s\n", PUB_TAG, k->id, hex);
    return write_line(path, line, 0644, err, errlen);
}

bool pkgkey_write_secret(const char *path, const pkgkey_secret *k, char *err, size_t errlen)
{
    char hex[129], line[192];
    sodium_bin2hex(hex, sizeof hex, k->sk, 64);
    snprintf(line, sizeof line, "%s %s %s\n", SEC_TAG, k->pub.id, hex);
    bool ok = write_line(path, line, 0600, err, errlen);
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(line, sizeof line);
    return ok;
}

/* Parses "TAG ID HEX\n" (exactly) with HEX of nbytes into bin; the id into id. */
static bool parse_line(const char *s, size_t len, const char *tag, unsigned char *bin, size_t nbytes,
                       char id[PKGKEY_ID_CHARS + 1])
{
    size_t tl = strlen(tag);
    size_t want = tl + 1 + PKGKEY_ID_CHARS + 1 + 2 * nbytes;
    if (len == want + 1 && s[want] == '\n')
        len = want;
    if (len != want || memcmp(s, tag, tl) != 0 || s[tl] != ' ' || s[tl + 1 + PKGKEY_ID_CHARS] != ' ')
        return false;
    for (size_t i = 0; i < PKGKEY_ID_CHARS; i++) {
        char c = s[tl + 1 + i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    memcpy(id, s + tl + 1, PKGKEY_ID_CHARS);
    id[PKGKEY_ID_CHARS] = '\0';
    size_t got = 0;
    const char *hex = s + tl + 1 + PKGKEY_ID_CHARS + 1;
    /* Lowercase only: one spelling per key and signature, so that any
     * changed byte of a package is a different package. */
    for (size_t i = 0; i < 2 * nbytes; i++)
        if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
            return false;
    return sodium_hex2bin(bin, nbytes, hex, 2 * nbytes, NULL, &got, NULL) == 0 && got == nbytes;
}

/* Reads a small key file (regular, no blocking open). */
static char *read_key_file(const char *path, size_t *len, char *err, size_t errlen)
{
    if (!file_is_regular(path)) {
        log_format_err(err, errlen, "%s: not a regular file", path);
        return NULL;
    }
    char why[LOG_ERR_MAX];
    char *s = file_read_all(path, 512, len, why, sizeof why);
    if (!s)
        log_format_err(err, errlen, "%s: %s", path, why);
    return s;
}

bool pkgkey_read_public(const char *path, pkgkey_public *k, char *err, size_t errlen)
{
    size_t len;
    char *s = read_key_file(path, &len, err, errlen);
    if (!s)
        return false;
    char id[PKGKEY_ID_CHARS + 1];
    bool ok = sodium_ready() && parse_line(s, len, PUB_TAG, k->pk, 32, id);
    free(s);
    if (!ok) {
        log_format_err(err, errlen, "%s: not a public key file (expected '%s ID HEX')", path, PUB_TAG);
        return false;
    }
    key_id(k->pk, k->id);
    if (strcmp(id, k->id) != 0) {
        log_format_err(err, errlen, "%s: key id %s does not belong to the key (which is %s)", path, id, k->id);
        return false;
    }
    return true;
}

bool pkgkey_read_secret(const char *path, pkgkey_secret *k, char *err, size_t errlen)
{
    size_t len;
    char *s = read_key_file(path, &len, err, errlen);
    if (!s)
        return false;
    char id[PKGKEY_ID_CHARS + 1];
    bool ok = sodium_ready() && parse_line(s, len, SEC_TAG, k->sk, 64, id);
    sodium_memzero(s, len);
    free(s);
    if (!ok) {
        log_format_err(err, errlen, "%s: not a secret key file (expected '%s ID HEX')", path, SEC_TAG);
        return false;
    }
    crypto_sign_ed25519_sk_to_pk(k->pub.pk, k->sk);
    key_id(k->pub.pk, k->pub.id);
    if (strcmp(id, k->pub.id) != 0) {
        log_format_err(err, errlen, "%s: key id %s does not belong to the key", path, id);
        return false;
    }
    return true;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool pkgkey_load_dir(const char *dir, pkgkey_public *keys, int max, int *n, char *err, size_t errlen)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        log_format_err(err, errlen, "%s: %s", dir, strerror(errno));
        return false;
    }
    char *names[PKGKEY_MAX_TRUSTED * 4];
    int count = 0;
    bool ok = true;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 5 || strcmp(e->d_name + l - 4, ".pub") != 0)
            continue;
        if (count == (int)(sizeof names / sizeof names[0]) || count == max) {
            log_format_err(err, errlen, "%s: more than %d keys", dir, max);
            ok = false;
            break;
        }
        if (!(names[count] = strdup(e->d_name))) {
            log_format_err(err, errlen, "out of memory");
            ok = false;
            break;
        }
        count++;
    }
    closedir(d);
    qsort(names, (size_t)count, sizeof names[0], name_cmp);
    for (int i = 0; i < count && ok; i++) {
        char *path = file_join(dir, names[i]);
        ok = path && pkgkey_read_public(path, &keys[*n], err, errlen);
        if (!path)
            log_format_err(err, errlen, "out of memory");
        free(path);
        if (ok)
            (*n)++;
    }
    for (int i = 0; i < count; i++)
        free(names[i]);
    return ok;
}

bool pkgkey_sign(const pkgkey_secret *k, const void *msg, size_t mlen, char *out, size_t *len)
{
    if (!sodium_ready())
        return false;
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, msg, mlen, k->sk);
    char hex[2 * crypto_sign_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, sig, sizeof sig);
    int n = snprintf(out, PKGKEY_SIG_TEXT_MAX, "%s %s %s\n", SIG_TAG, k->pub.id, hex);
    *len = (size_t)n;
    return n > 0 && n < PKGKEY_SIG_TEXT_MAX;
}

bool pkgkey_signature_id(const char *sig, size_t slen, char id[PKGKEY_ID_CHARS + 1])
{
    unsigned char bin[crypto_sign_BYTES];
    return sodium_ready() && parse_line(sig, slen, SIG_TAG, bin, sizeof bin, id);
}

bool pkgkey_verify(const char *sig, size_t slen, const void *msg, size_t mlen, const pkgkey_public *keys, int n,
                   int *which, char *err, size_t errlen)
{
    unsigned char bin[crypto_sign_BYTES];
    char id[PKGKEY_ID_CHARS + 1];
    if (!sodium_ready() || !parse_line(sig, slen, SIG_TAG, bin, sizeof bin, id)) {
        log_format_err(err, errlen, "not a signature line");
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (strcmp(keys[i].id, id) != 0)
            continue;
        if (crypto_sign_verify_detached(bin, msg, mlen, keys[i].pk) != 0) {
            log_format_err(err, errlen, "signature by key %s does not match the manifest", id);
            return false;
        }
        *which = i;
        return true;
    }
    log_format_err(err, errlen, "signed by key %s, which is not trusted", id);
    return false;
}
