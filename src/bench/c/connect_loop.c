/*
 * The floor for Connect Doctor's benchmark: the least a program can do to learn the result of a
 * connect(2) on loopback. For each mode it connects N times to one port and prints one line:
 *
 *   MODE PORT N median_ns p99_ns probes_per_s
 *
 * Modes: "blocking" (socket, connect, close) and "nonblocking" (socket with SOCK_NONBLOCK,
 * connect, poll for POLLOUT, getsockopt SO_ERROR, close), the sequence connect(2) describes.
 * Every socket gets SO_LINGER 0, so close sends a reset and leaves no TIME_WAIT behind.
 *
 *   cc -O2 -o connect_loop connect_loop.c
 *   ./connect_loop N PORT [PORT ...]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return x < y ? -1 : x > y;
}

static int probe(const struct sockaddr_in *to, int nonblocking) {
    int fd = socket(AF_INET, SOCK_STREAM | (nonblocking ? SOCK_NONBLOCK : 0) | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -errno;
    }
    struct linger l = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    int result = 0;
    if (connect(fd, (const struct sockaddr *) to, sizeof *to) != 0) {
        result = errno;
        if (nonblocking && result == EINPROGRESS) {
            struct pollfd p = {fd, POLLOUT, 0};
            if (poll(&p, 1, 5000) == 1) {
                socklen_t len = sizeof result;
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &len);
            } else {
                result = ETIMEDOUT;
            }
        }
    }
    close(fd);
    return result;
}

static void run(const char *mode, int nonblocking, int port, int n) {
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short) port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    long long *t = malloc(sizeof(long long) * (size_t) n);
    for (int i = 0; i < n / 10 + 1; i++) {
        probe(&to, nonblocking); /* warm-up: caches, routes, the listener's accept loop */
    }
    long long start = now_ns();
    for (int i = 0; i < n; i++) {
        long long t0 = now_ns();
        probe(&to, nonblocking);
        t[i] = now_ns() - t0;
    }
    long long total = now_ns() - start;
    qsort(t, (size_t) n, sizeof *t, cmp);
    printf("%s %d %d %lld %lld %.0f\n", mode, port, n, t[n / 2], t[(int) (n * 0.99)], n / (total / 1e9));
    free(t);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s N PORT [PORT ...]\n", argv[0]);
        return 2;
    }
    int n = atoi(argv[1]);
    if (n < 1) {
        fprintf(stderr, "N must be at least 1\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        int port = atoi(argv[i]);
        run("blocking", 0, port, n);
        run("nonblocking", 1, port, n);
    }
    return 0;
}
