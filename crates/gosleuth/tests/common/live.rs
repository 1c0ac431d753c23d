//! Processes of our own that serve on loopback during a test.

use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::process::Child;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A process of ours, killed when the test ends however it ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A loopback port free at the time of asking, never one this process was
/// given before: the kernel may hand a just-released port out again, and a
/// service given the same port twice cannot start.
pub fn free_port() -> u16 {
    static GIVEN: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if GIVEN.lock().unwrap().insert(port) {
            return port;
        }
    }
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

/// Starts a service on `n` fresh loopback ports (`spawn` gets them) and waits
/// until it accepts connections on the first `listening` of them. A port
/// another process takes between asking and binding makes the service exit
/// at once; it is then started again on new ports (three tries in all).
pub fn start_on_free_ports(
    what: &str,
    n: usize,
    listening: usize,
    spawn: impl Fn(&[u16]) -> Child,
) -> (Running, Vec<u16>) {
    for _ in 0..3 {
        let ports: Vec<u16> = (0..n).map(|_| free_port()).collect();
        let mut service = Running(spawn(&ports));
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let up = ports[..listening]
                .iter()
                .all(|&p| TcpStream::connect(("127.0.0.1", p)).is_ok());
            if up {
                return (service, ports);
            }
            if service.0.try_wait().unwrap().is_some() {
                break;
            }
            assert!(Instant::now() < deadline, "{what} did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("{what} exited at start three times, on three sets of ports");
}
