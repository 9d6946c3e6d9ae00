/* bundlename: bundle paths and versions (content/bundlename.h). */
#include "content/bundlename.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"

bool bundle_name_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool bundle_path_ok(const char *path, char *err, size_t errlen)
{
    size_t n = strlen(path);
    if (n == 0) {
        log_format_err(err, errlen, "empty path");
        return false;
    }
    if (n > BUNDLE_MAX_PATH) {
        log_format_err(err, errlen, "path longer than %d bytes", BUNDLE_MAX_PATH);
        return false;
    }
    if (path[0] == '/') {
        log_format_err(err, errlen, "absolute path");
        return false;
    }
    if (!strcmp(path, BUNDLE_RESERVED_MANIFEST) || !strcmp(path, BUNDLE_RESERVED_SIGNATURE)) {
        log_format_err(err, errlen, "reserved name");
        return false;
    }
    int depth = 0;
    const char *comp = path;
    for (const char *p = path;; p++) {
        if (*p == '/' || *p == '\0') {
            if (p == comp) {
                log_format_err(err, errlen, "empty path component");
                return false;
            }
            if (comp[0] == '.') {
                /* Covers "." and ".." as well as hidden files. */
                log_format_err(err, errlen, "path component '%.*s' starts with '.'", (int)(p - comp), comp);
                return false;
            }
            if (*p == '\0')
                break;
            if (++depth > BUNDLE_MAX_DEPTH) {
                log_format_err(err, errlen, "more than %d directories deep", BUNDLE_MAX_DEPTH);
                return false;
            }
            comp = p + 1;
        } else if (!bundle_name_char_ok(*p)) {
            log_format_err(err, errlen, "character 0x%02x not allowed in a path (A-Z a-z 0-9 . _ - /)",
                           (unsigned char)*p);
            return false;
        }
    }
    return true;
}

bool bundle_version_ok(const char *v)
{
    int parts = 0, digits = 0;
    for (const char *p = v;; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 9)
                return false;
        } else if (*p == '.' || *p == '\0') {
            if (digits == 0 || ++parts > 4)
                return false;
            digits = 0;
            if (*p == '\0')
                return true;
        } else {
            return false;
        }
    }
}

int bundle_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        unsigned long x = strtoul(a, (char **)&a, 10), y = strtoul(b, (char **)&b, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a == '.')
            a++;
        if (*b == '.')
            b++;
    }
    return 0;
}
