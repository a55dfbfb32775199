/*
 * xlu-parse: how long Xen's own config parser (libxlutil, as xl uses it) takes to read a tree of configs.
 *
 * The yardstick of issue 13's speed budget: "the fleet linted in no more time than libxlu needs to parse it".
 * Every *.cfg file under DIR is read into memory first; then each timed pass parses every file from memory
 * (xlu_cfg_init, xlu_cfg_readdata, xlu_cfg_destroy), so the figure is parsing alone: no file I/O, no
 * process start-up, no value checks. Parse errors go to /dev/null and are counted.
 *
 * The library is opened with dlopen, so no Xen headers or development package are needed: Debian's
 * libxenmisc4.17 (pulled in by xen-utils-4.17) ships /usr/lib/x86_64-linux-gnu/libxlutil.so.4.17.
 * The three prototypes below are libxlutil's public API (libxlutil.h).
 *
 *   gcc -O2 -o xlu-parse xlu-parse.c -ldl
 *   ./xlu-parse DIR [RUNS] [LIBRARY]
 *
 * Output, one line: files=N bytes=N rejected=N runs=N best_ms=F median_ms=F
 */
#define _XOPEN_SOURCE 700
#include <dlfcn.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct XLU_Config XLU_Config;
typedef XLU_Config *(*cfg_init_fn)(FILE *report, const char *report_filename);
typedef int (*cfg_readdata_fn)(XLU_Config *, const char *data, int length);
typedef void (*cfg_destroy_fn)(XLU_Config *);

struct config_file {
    char *name;
    char *data;
    int length;
};

static struct config_file *files;
static size_t file_count, file_capacity;
static size_t total_bytes;

static int remember_file(const char *path, const struct stat *status, int type, struct FTW *where)
{
    (void)where;
    size_t name_length = strlen(path);
    /* The files `xcfg lint DIR` reads: *.cfg (make-fleet.py also writes a list.txt beside them). */
    if (type != FTW_F || status->st_size > 0x7fffffff || name_length < 4 || strcmp(path + name_length - 4, ".cfg") != 0)
        return 0;
    FILE *stream = fopen(path, "rb");
    if (!stream)
        return 0;
    char *data = malloc((size_t)status->st_size + 1);
    size_t length = data ? fread(data, 1, (size_t)status->st_size, stream) : 0;
    fclose(stream);
    if (!data)
        return 1;
    if (file_count == file_capacity) {
        file_capacity = file_capacity ? file_capacity * 2 : 1024;
        files = realloc(files, file_capacity * sizeof *files);
        if (!files)
            return 1;
    }
    files[file_count++] = (struct config_file){ strdup(path), data, (int)length };
    total_bytes += length;
    return 0;
}

static double now_ms(void)
{
    struct timespec clock;
    clock_gettime(CLOCK_MONOTONIC, &clock);
    return clock.tv_sec * 1e3 + clock.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR [RUNS] [LIBRARY]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    const char *library = argc > 3 ? argv[3] : "libxlutil.so.4.17";
    if (runs < 1)
        runs = 1;

    void *handle = dlopen(library, RTLD_NOW);
    if (!handle) {
        fprintf(stderr, "%s: cannot open %s: %s\n", argv[0], library, dlerror());
        return 2;
    }
    cfg_init_fn cfg_init = (cfg_init_fn)dlsym(handle, "xlu_cfg_init");
    cfg_readdata_fn cfg_readdata = (cfg_readdata_fn)dlsym(handle, "xlu_cfg_readdata");
    cfg_destroy_fn cfg_destroy = (cfg_destroy_fn)dlsym(handle, "xlu_cfg_destroy");
    if (!cfg_init || !cfg_readdata || !cfg_destroy) {
        fprintf(stderr, "%s: %s lacks the xlu_cfg_* functions\n", argv[0], library);
        return 2;
    }

    if (nftw(argv[1], remember_file, 64, FTW_PHYS) != 0 || file_count == 0) {
        fprintf(stderr, "%s: no readable files under %s\n", argv[0], argv[1]);
        return 2;
    }

    FILE *discard = fopen("/dev/null", "w");
    double *times = calloc((size_t)runs, sizeof *times);
    size_t rejected = 0;
    for (int run = 0; run < runs; run++) {
        rejected = 0;
        double start = now_ms();
        for (size_t i = 0; i < file_count; i++) {
            XLU_Config *config = cfg_init(discard, files[i].name);
            if (!config || cfg_readdata(config, files[i].data, files[i].length) != 0)
                rejected++;
            if (config)
                cfg_destroy(config);
        }
        times[run] = now_ms() - start;
    }
    qsort(times, (size_t)runs, sizeof *times, compare_doubles);
    printf("files=%zu bytes=%zu rejected=%zu runs=%d best_ms=%.1f median_ms=%.1f\n",
           file_count, total_bytes, rejected, runs, times[0], times[runs / 2]);
    return 0;
}
