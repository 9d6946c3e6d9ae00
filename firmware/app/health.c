/* health: resident memory and open descriptors from /proc (app/health.h). */
#include "app/health.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

long health_rss_kb(void)
{
    long kb = -1;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        long size, resident;
        if (fscanf(f, "%ld %ld", &size, &resident) == 2)
            kb = resident * (sysconf(_SC_PAGESIZE) / 1024);
        fclose(f);
    }
    return kb;
}

health_sample health_read(void)
{
    health_sample s = {health_rss_kb(), -1};
    DIR *d = opendir("/proc/self/fd");
    if (d) {
        int n = 0;
        struct dirent *e;
        while ((e = readdir(d)) != NULL)
            if (e->d_name[0] != '.')
                n++;
        closedir(d);
        s.fds = n - 1; /* the directory's own descriptor */
    }
    return s;
}
