//! The commands that would confirm or rule out each hypothesis. `PID` and
//! `HOST:PROF_PORT` stand for the process and its profiling endpoint.

/// Scheduler starvation: CPU throttling, steal, run queues, the kernel log.
pub(crate) const STARVATION: &[&str] = &[
    "grep -E 'nr_throttled|throttled_usec' /sys/fs/cgroup/cpu.stat   # CPU quota throttling",
    "vmstat 1 10   # r (run queue) above the CPU count, st (steal) above 0, si/so (swapping)",
    "pidstat -u -w -p PID 1 10   # the process's CPU and context switches",
    "journalctl -k --since -1h | grep -iE 'oom|hung task|blocked for more|soft lockup'",
    "GODEBUG=schedtrace=1000 (restart): runqueue lengths every second",
];

/// Lock contention: block and mutex profiles, dumps during the slowness.
pub(crate) const LOCKS: &[&str] = &[
    "go tool pprof -top http://HOST:PROF_PORT/debug/pprof/block   # where goroutines block (needs SetBlockProfileRate)",
    "go tool pprof -top http://HOST:PROF_PORT/debug/pprof/mutex   # contended locks (needs SetMutexProfileFraction)",
    "curl -s 'http://HOST:PROF_PORT/debug/pprof/goroutine?debug=2' > dump.txt during the slowness, then gosleuth slow --goroutines dump.txt",
];

/// I/O latency: disk and socket statistics, slow syscalls.
pub(crate) const IO: &[&str] = &[
    "iostat -x 1 10   # await and %util of the data disk",
    "strace -f -T -e trace=read,write,fsync,pwrite64 -p PID 2>&1 | awk '$NF ~ /<[1-9]/'   # syscalls over 1 s",
    "ss -tinp   # send/receive queues and retransmits of the server's sockets",
    "cat /proc/PID/io; cat /proc/pressure/io",
];

/// Garbage collection: GC traces and pause times.
pub(crate) const GC: &[&str] = &[
    "GODEBUG=gctrace=1 (restart); grep -E '^gc [0-9]+ @' the log: pause times and heap sizes per GC",
    "curl -s 'http://HOST:PROF_PORT/debug/pprof/heap?debug=1' | grep -E 'NumGC|PauseNs|GCCPUFraction'",
    "curl -o trace.out 'http://HOST:PROF_PORT/debug/pprof/trace?seconds=5'; go tool trace trace.out",
];
