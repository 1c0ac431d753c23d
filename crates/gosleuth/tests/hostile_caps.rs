//! Caps keep memory bounded whatever the input: a 10 GB gzip bomb is refused
//! quickly in a few tens of MB, and hostile text profiles — a record or frame
//! packed into a few bytes — are refused at the count caps with memory that
//! follows the caps, not the input. See SPEC §8.

mod common;
mod hostile_support;

use std::io::Write as _;
use std::path::{Path, PathBuf};

use common::tmp;
use hostile_support::{gosleuth_measured, one_error_line};

const MB: u64 = 1 << 20;

/// gzip of `size` zero bytes, written in chunks (about 10 MB for 10 GB).
fn gzip_zeros(path: &Path, size: u64) {
    let file = std::fs::File::create(path).expect("create bomb");
    let mut gz = flate2::write::GzEncoder::new(
        std::io::BufWriter::new(file),
        flate2::Compression::default(),
    );
    let chunk = vec![0u8; MB as usize];
    for _ in 0..size / MB {
        gz.write_all(&chunk).expect("write bomb");
    }
    gz.finish()
        .expect("finish bomb")
        .flush()
        .expect("flush bomb");
}

#[test]
fn a_ten_gigabyte_gzip_bomb_is_refused_quickly_with_low_memory() {
    let dir = tmp("hostile-bomb");
    let bomb = dir.join("bomb.pb.gz");
    gzip_zeros(&bomb, 10 << 30);
    let compressed = std::fs::metadata(&bomb).expect("bomb").len();
    eprintln!("bomb: {compressed} bytes compressed");
    assert!(compressed < 20 * MB, "bomb is {compressed} bytes");
    // The same stream whose trailer lies that it inflates to 64 MB, so the
    // size cannot be told without inflating: at most that much is kept.
    let liar = dir.join("liar.pb.gz");
    let mut bytes = std::fs::read(&bomb).expect("bomb");
    let n = bytes.len();
    bytes[n - 4..].copy_from_slice(&(64 * MB as u32).to_le_bytes());
    std::fs::write(&liar, bytes).expect("liar");
    for path in [&bomb, &liar] {
        let m = gosleuth_measured(&["top", path.to_str().expect("path")], &dir);
        let line = one_error_line(&m.output, "bomb");
        assert!(
            line.ends_with(
                "decompressed size exceeds the limit of 536870912 bytes (raise it with --max-decompressed)"
            ),
            "{line}"
        );
        eprintln!(
            "{}: peak RSS {} KB, {:.2?}",
            path.display(),
            m.peak_rss_kb,
            m.elapsed
        );
        assert!(m.peak_rss_kb < 200 * 1024, "peak RSS {} KB", m.peak_rss_kb);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// 10 MB of text built by repeating `unit` (numbered by `{}`) after `head`.
fn adversarial(dir: &Path, name: &str, head: &str, unit: &str) -> PathBuf {
    let mut text = head.to_string();
    let mut i = 0u64;
    while text.len() < 10 << 20 {
        text.push_str(&unit.replace("{}", &i.to_string()));
        i += 1;
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn adversarial_texts(dir: &Path) -> Vec<PathBuf> {
    vec![
        adversarial(
            dir,
            "goroutines.txt",
            "",
            "goroutine {} [a]:\nf{}()\n\t:1\n\n",
        ),
        adversarial(
            dir,
            "one-deep-goroutine.txt",
            "goroutine 1 [a]:\n",
            "f{}()\n\t:1\n",
        ),
        adversarial(
            dir,
            "heap-records.txt",
            "heap profile: 1: 2 [3: 4] @ heap/8\n",
            "1: 1 [1: 1] @ 0x{}\n",
        ),
        adversarial(
            dir,
            "count-records.txt",
            "goroutine profile: total 1\n",
            "1 @ 0x1{}\n#\t0x1{}\tf{}+0x1\ta{}.go:1\n",
        ),
        adversarial(
            dir,
            "one-long-record.txt",
            "goroutine profile: total 1\n1 @",
            " 0x1{}",
        ),
    ]
}

#[test]
fn hostile_text_is_refused_at_the_caps_with_memory_that_follows_them() {
    let dir = tmp("hostile-text");
    for path in adversarial_texts(&dir) {
        let p = path.to_str().expect("path");
        let m = gosleuth_measured(
            &[
                "top",
                "--max-samples",
                "10000",
                "--max-locations",
                "10000",
                "--max-stack-depth",
                "100",
                p,
            ],
            &dir,
        );
        let line = one_error_line(&m.output, p);
        assert!(line.contains("exceeds the limit of"), "{line}");
        eprintln!("{p}: {line}; peak RSS {} KB", m.peak_rss_kb);
        // The input itself, the binary, and what ten thousand records cost.
        assert!(
            m.peak_rss_kb < 100 * 1024,
            "{p}: peak RSS {} KB",
            m.peak_rss_kb
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn with_default_caps_deep_hostile_stacks_are_refused_early() {
    let dir = tmp("hostile-deep");
    for path in &adversarial_texts(&dir)[1..2] {
        let p = path.to_str().expect("path");
        let m = gosleuth_measured(&["top", p], &dir);
        let line = one_error_line(&m.output, p);
        assert!(
            line.ends_with(
                "the depth of a stack exceeds the limit of 4096 (raise it with --max-stack-depth)"
            ),
            "{line}"
        );
        assert!(
            m.peak_rss_kb < 100 * 1024,
            "{p}: peak RSS {} KB",
            m.peak_rss_kb
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
