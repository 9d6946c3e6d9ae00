/* privdrop: becoming the state directory's owner (app/privdrop.h). */
#define _DEFAULT_SOURCE /* initgroups, setgroups */
#include "app/privdrop.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"

/* "sudo -u USER kiosk ARGS": how to run the same command as the owner; the
 * arguments are cut (with "…") where the line is full. */
static void how_to_run(char *buf, size_t len, const char *user, int argc, char **argv)
{
    size_t n = (size_t)snprintf(buf, len, "sudo -u %s kiosk", user);
    for (int i = 1; i < argc && n < len; i++) {
        size_t w = strlen(argv[i]) + 1;
        if (n + w + sizeof "…" > len) {
            snprintf(buf + n, len - n, " …");
            return;
        }
        n += (size_t)snprintf(buf + n, len - n, " %s", argv[i]);
    }
}

bool privdrop_to_state_owner(const char *state_dir, int argc, char **argv, char *err, size_t errlen)
{
    struct stat st;
    if (!state_dir || geteuid() != 0 || stat(state_dir, &st) != 0 || st.st_uid == 0)
        return true;
    uid_t uid = st.st_uid;
    const struct passwd *pw = getpwuid(uid);
    gid_t gid = pw ? pw->pw_gid : st.st_gid;
    char user[64], sudo_user[64]; /* "kiosk", or "uid 4242" (sudo's spelling: '#4242') */
    if (pw) {
        snprintf(user, sizeof user, "%s", pw->pw_name);
        snprintf(sudo_user, sizeof sudo_user, "%s", pw->pw_name);
    } else {
        snprintf(user, sizeof user, "uid %u", (unsigned)uid);
        snprintf(sudo_user, sizeof sudo_user, "'#%u'", (unsigned)uid);
    }
    const char *step = "setgroups";
    bool ok = (pw ? initgroups(pw->pw_name, gid) : setgroups(1, &gid)) == 0;
    if (ok) {
        step = "setgid";
        ok = setgid(gid) == 0;
    }
    if (ok) {
        step = "setuid";
        ok = setuid(uid) == 0;
    }
    if (ok && setuid(0) == 0) { /* root could come back: not dropped for good */
        step = "setuid(0) after setuid";
        errno = EPERM;
        ok = false;
    }
    if (!ok) {
        char how[256];
        how_to_run(how, sizeof how, sudo_user, argc, argv);
        log_format_err(err, errlen,
                       "the state directory %s belongs to %s and the kiosk, started as root, cannot become "
                       "that user (%s: %s): run it as that user: %s",
                       state_dir, user, step, strerror(errno), how);
        return false;
    }
    if (pw) {
        setenv("HOME", pw->pw_dir, 1);
        setenv("USER", pw->pw_name, 1);
        setenv("LOGNAME", pw->pw_name, 1);
        LOG_I("privdrop",
              "started as root: running as %s (uid %u, gid %u), the owner of the state directory %s", user,
              (unsigned)uid, (unsigned)gid, state_dir);
    } else {
        LOG_I("privdrop", "started as root: running as %s (gid %u), the owner of the state directory %s",
              user, (unsigned)gid, state_dir);
    }
    return true;
}
