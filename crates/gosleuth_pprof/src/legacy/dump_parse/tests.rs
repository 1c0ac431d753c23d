use super::*;

fn parse(text: &str) -> GoroutineDump {
    parse_goroutine_dump(text.as_bytes()).unwrap()
}

trait Inlined {
    fn inlined(self) -> Self;
}

impl Inlined for StackFrame {
    fn inlined(self) -> Self {
        StackFrame {
            inlined: true,
            ..self
        }
    }
}

fn frame(function: &str, file: &str, line: i64) -> StackFrame {
    StackFrame {
        function: function.into(),
        file: file.into(),
        line,
        inlined: false,
    }
}

#[test]
fn go_1_21_and_later() {
    let dump = parse(
        "goroutine 5 gp=0xc000007a40 m=nil [IO wait, 12 minutes]:
internal/poll.runtime_pollWait(0x7f9d45e57018, 0x72)
\t/usr/local/go/src/runtime/netpoll.go:351 +0x85 fp=0xc0 sp=0xc0 pc=0x4893e5
internal/poll.(*pollDesc).waitRead(...)
\t/usr/local/go/src/internal/poll/fd_poll_runtime.go:89
github.com/x/y.(*Server).Start.func1()
\t/src/y/server.go:40 +0x1f
created by github.com/x/y.(*Server).Start in goroutine 1
\t/src/y/server.go:38 +0x85
",
    );
    let g = &dump.goroutines[0];
    assert_eq!(
        (g.id, g.state.as_str(), g.wait_minutes, g.creator_id),
        (5, "IO wait", 12, Some(1))
    );
    assert_eq!(
        g.frames[0],
        frame(
            "internal/poll.runtime_pollWait",
            "/usr/local/go/src/runtime/netpoll.go",
            351
        )
    );
    assert_eq!(
        g.frames[1],
        frame(
            "internal/poll.(*pollDesc).waitRead",
            "/usr/local/go/src/internal/poll/fd_poll_runtime.go",
            89
        )
        .inlined()
    );
    assert!(!g.frames[0].inlined && !g.frames[2].inlined);
    assert_eq!(g.frames[2].function, "github.com/x/y.(*Server).Start.func1");
    assert_eq!(
        g.created_by,
        Some(frame(
            "github.com/x/y.(*Server).Start",
            "/src/y/server.go",
            38
        ))
    );
}

#[test]
fn older_go_panics_elisions_and_running_goroutines() {
    let dump = parse(
        "goroutine 1 [running]:
panic({0x6b8f20?, 0xc000012345?})
\t/usr/local/go/src/runtime/panic.go:1038 +0x215
main.main()
\t/src/main.go:9 +0x1d

goroutine 18 [chan receive, locked to thread]:
main.deep(...)
\t/src/main.go:30
...additional frames elided...
created by main.start
\t/src/main.go:12 +0x44

goroutine 19 [running]:
\tgoroutine running on other thread; stack unavailable
created by main.start
\t/src/main.go:13 +0x55

goroutine 20 [runnable]:
runtime.goexit()
goroutine 21 [select]:
main.g()
\t/src/main.go:40 +0x1
...7 frames elided...
main.h()
\t/src/main.go:50 +0x1
",
    );
    let ids: Vec<u64> = dump.goroutines.iter().map(|g| g.id).collect();
    assert_eq!(ids, [1, 18, 19, 20, 21]);
    let [a, b, c, d, e] = &dump.goroutines[..] else {
        unreachable!()
    };
    assert_eq!(
        a.frames[0],
        frame("panic", "/usr/local/go/src/runtime/panic.go", 1038)
    );
    assert_eq!((a.created_by.as_ref(), a.creator_id), (None, None));
    assert!(b.elided && b.locked_to_thread);
    assert_eq!(
        b.created_by.as_ref().map(|f| f.function.as_str()),
        Some("main.start")
    );
    assert_eq!(b.creator_id, None);
    assert!(b.frames[0].inlined, "main.deep(...) without a pc offset");
    assert!(c.frames.is_empty());
    assert_eq!(c.created_by.as_ref().map(|f| f.line), Some(13));
    assert_eq!(d.frames, [frame("runtime.goexit", "", 0)]);
    assert!(e.elided);
    assert_eq!(e.frames.len(), 2);
}

#[test]
fn ancestors_are_skipped() {
    let dump = parse(
        "goroutine 3 [select]:
main.f()
\t/m.go:1 +0x1
created by main.g in goroutine 2
\t/m.go:2 +0x1
[originating from goroutine 2]:
main.g(...)
\t/m.go:2 +0x1
created by main.main
\t/m.go:3 +0x1
",
    );
    let g = &dump.goroutines[0];
    assert_eq!(
        (g.frames.len(), g.created_by.as_ref().map(|f| f.line)),
        (1, Some(2))
    );
}

#[test]
fn malformed_dumps_name_the_line() {
    let cases: [(&[u8], &str); 7] = [
        (
            b"goroutine 1 [running]:\nmain.main\n",
            "line 2: expected a `function(args)` frame line, got \"main.main\"",
        ),
        (
            b"goroutine 1 [running]:\n\t/m.go:1 +0x1\n",
            "line 2: file line without a function line before it",
        ),
        (
            b"goroutine 1 [running]:\nmain.main()\n\t/m.go +0x1\n",
            "line 3: expected a `<tab><file>:<line> +0x…` line",
        ),
        (
            b"goroutine 1 [running:\n",
            "line 1: expected a goroutine header",
        ),
        (b"\nmain.main()\n", "line 2: expected a goroutine header"),
        (
            b"goroutine 1 [running]:\nmain.main()\n\xff\xfe\x00\x01\n",
            "line 3: expected a `function(args)` frame line",
        ),
        (
            b"goroutine 1 [running]:\ncreated by main.f in goroutine 99999999999999999999\n",
            "line 2: creator goroutine id",
        ),
    ];
    for (input, want) in cases {
        let got = parse_goroutine_dump(input).unwrap_err().to_string();
        assert!(
            got.starts_with(&format!("malformed text profile, {want}")),
            "{}\n got: {got}\nwant: {want}",
            String::from_utf8_lossy(input)
        );
    }
    assert!(matches!(parse_goroutine_dump(b" \n\n"), Err(Error::Empty)));
}
