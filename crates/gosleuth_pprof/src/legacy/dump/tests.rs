use super::*;
use crate::legacy::parse_goroutine_dump;

const DUMP: &str = "goroutine 1 [chan receive]:
main.main()
\t/src/main.go:9 +0x1d

goroutine 7 [IO wait, 3 minutes]:
main.serve(0xc000010000)
\t/src/main.go:20 +0x2a
created by main.main in goroutine 1
\t/src/main.go:8 +0x44

goroutine 8 [IO wait]:
main.serve(0xc000020000)
\t/src/main.go:20 +0x2a
created by main.main in goroutine 1
\t/src/main.go:8 +0x44

goroutine 9 [IO wait]:
main.serve(0xc000030000)
\t/src/main.go:21 +0x3a
created by main.main in goroutine 1
\t/src/main.go:8 +0x44
";

#[test]
fn groups_goroutines_by_stack() {
    let p = parse_goroutine_dump(DUMP.as_bytes()).unwrap().to_profile();
    assert_eq!(
        p.sample_types[0],
        ValueType {
            r#type: "goroutine".into(),
            unit: "count".into()
        }
    );
    let values: Vec<i64> = p.samples.iter().map(|s| s.values[0]).collect();
    assert_eq!(values, [2, 1, 1], "most first, then first appearance");
    let leaf = |i: usize| &p.locations[p.samples[i].locations[0]];
    assert_eq!(
        p.functions[leaf(0).lines[0].function.unwrap()].name,
        "main.serve"
    );
    assert_eq!(leaf(0).lines[0].line, 20);
    assert_eq!(
        p.functions[leaf(1).lines[0].function.unwrap()].name,
        "main.main"
    );
    assert_eq!(leaf(2).lines[0].line, 21);
    assert_eq!(
        p.functions.len(),
        2,
        "main.serve at two lines is one function"
    );
    assert_eq!(p.locations.len(), 3);
    assert!(p.locations.iter().all(|l| l.address != 0));
}

#[test]
fn synthetic_addresses_are_stable_across_dumps() {
    let a = parse_goroutine_dump(DUMP.as_bytes()).unwrap().to_profile();
    let tail = DUMP.split_once("\n\n").unwrap().1;
    let b = parse_goroutine_dump(tail.as_bytes()).unwrap().to_profile();
    let addr = |p: &Profile, name: &str| {
        p.locations
            .iter()
            .find(|l| {
                p.functions[l.lines[0].function.unwrap()].name == name && l.lines[0].line == 20
            })
            .unwrap()
            .address
    };
    assert_eq!(addr(&a, "main.serve"), addr(&b, "main.serve"));
}

#[test]
fn labels_split_samples() {
    let text = "goroutine 1 [select labels:{\"k\": \"a\"}]:\nmain.f()\n\t/m.go:1\n\ngoroutine 2 [select labels:{\"k\": \"b\"}]:\nmain.f()\n\t/m.go:1\n";
    let p = parse_goroutine_dump(text.as_bytes()).unwrap().to_profile();
    assert_eq!(p.samples.len(), 2);
    assert_eq!(p.samples[1].labels["k"], ["b"]);
    assert_eq!(p.samples[0].locations, p.samples[1].locations);
}

#[test]
fn inlined_calls_share_a_location() {
    let text = "goroutine 3 [IO wait]:
internal/poll.runtime_pollWait(0x7f, 0x72)
\t/go/src/runtime/netpoll.go:351 +0x85
internal/poll.(*pollDesc).waitRead(...)
\t/go/src/internal/poll/fd_poll_runtime.go:89
internal/poll.(*FD).Read(0xc0)
\t/go/src/internal/poll/fd_unix.go:165 +0x27
";
    let p = parse_goroutine_dump(text.as_bytes()).unwrap().to_profile();
    let names = |l: usize| -> Vec<&str> {
        p.locations[l]
            .lines
            .iter()
            .map(|ln| p.functions[ln.function.unwrap()].name.as_str())
            .collect()
    };
    let stack = &p.samples[0].locations;
    assert_eq!(stack.len(), 2);
    assert_eq!(names(stack[0]), ["internal/poll.runtime_pollWait"]);
    assert_eq!(
        names(stack[1]),
        [
            "internal/poll.(*pollDesc).waitRead",
            "internal/poll.(*FD).Read"
        ]
    );
}
