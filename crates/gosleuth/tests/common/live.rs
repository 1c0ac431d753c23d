//! Processes of our own that serve on loopback during a test.

use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

/// A process of ours, killed when the test ends however it ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A loopback port free at the time of asking.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits up to 15 s until `what` accepts connections on every one of `ports`.
pub fn wait_listening(what: &str, ports: &[u16]) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while ports
        .iter()
        .any(|&p| TcpStream::connect(("127.0.0.1", p)).is_err())
    {
        assert!(Instant::now() < deadline, "{what} did not start listening");
        std::thread::sleep(Duration::from_millis(50));
    }
}
