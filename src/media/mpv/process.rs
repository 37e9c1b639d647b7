//! The mpv soundbite starts: in a private folder for its socket, never
//! writing to soundbite's terminal, and ended on every way out: quit,
//! error, panic (through the engine's drop) and signals ([`end_all`]).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long to wait for mpv's socket to appear.
const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How long mpv has to quit when asked before it is killed.
const QUIT_TIMEOUT: Duration = Duration::from_millis(500);

/// Every mpv soundbite has started and not yet ended, with its folder.
static SPAWNED: Mutex<Vec<Spawned>> = Mutex::new(Vec::new());

struct Spawned {
    child: Child,
    /// Removed (with the socket in it) when dropped.
    _folder: tempfile::TempDir,
}

/// How to start mpv.
#[derive(Debug, Clone)]
pub struct MpvOptions {
    /// The mpv to run (`--mpv PATH`); `mpv` on the PATH by default.
    pub binary: PathBuf,
    /// Whether to open a video window; audio only when not.
    pub video: bool,
    /// More arguments for mpv, after soundbite's own (`--mpv-arg`).
    pub extra_args: Vec<String>,
}

impl Default for MpvOptions {
    fn default() -> Self {
        MpvOptions {
            binary: PathBuf::from("mpv"),
            video: has_display(),
            extra_args: Vec::new(),
        }
    }
}

/// Whether a video window can be shown: a display, and not over SSH.
pub fn has_display() -> bool {
    let var = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    (var("DISPLAY") || var("WAYLAND_DISPLAY")) && !var("SSH_CONNECTION")
}

/// Starts an idle mpv listening on a socket in a new private folder;
/// returns its process id and the socket, once the socket is there.
pub fn start(options: &MpvOptions, start: &[String]) -> Result<(u32, PathBuf), String> {
    let base = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|dir| dir.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    // tempfile makes the folder with mode 0700: the socket is the user's alone.
    let folder = tempfile::Builder::new()
        .prefix("soundbite-")
        .tempdir_in(&base)
        .map_err(|e| format!("cannot make a folder for mpv's socket: {e}"))?;
    let socket = folder.path().join("mpv.sock");
    let mut command = Command::new(&options.binary);
    command
        .arg("--idle=yes")
        .arg("--keep-open=yes")
        .arg("--no-terminal")
        .arg(option("--input-ipc-server=", &socket))
        .args(if options.video {
            ["--force-window=yes"]
        } else {
            ["--no-video"]
        })
        .args(start)
        .args(&options.extra_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = command.spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "mpv is not installed (or not at {}); install it, or name it with --mpv PATH",
                options.binary.display()
            )
        } else {
            format!("cannot start mpv: {e}")
        }
    })?;
    let pid = child.id();
    if let Ok(mut spawned) = SPAWNED.lock() {
        spawned.push(Spawned {
            child,
            _folder: folder,
        });
    }
    wait_for_socket(pid, &socket)?;
    Ok((pid, socket))
}

/// `--name=VALUE` with a path value that may not be UTF-8 (mpv takes
/// options in this one form only).
fn option(name: &str, value: &Path) -> std::ffi::OsString {
    let mut option = std::ffi::OsString::from(name);
    option.push(value);
    option
}

/// Waits for mpv to take connections on its socket (the file appears a
/// moment before it listens), or to exit, or for the time to run out.
fn wait_for_socket(pid: u32, socket: &Path) -> Result<(), String> {
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        if std::os::unix::net::UnixStream::connect(socket).is_ok() {
            return Ok(());
        }
        if let Some(status) = exited(pid) {
            end(pid);
            return Err(format!("mpv exited as it started ({status})"));
        }
        if Instant::now() >= deadline {
            end(pid);
            return Err("mpv did not open its socket in time".to_owned());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn exited(pid: u32) -> Option<std::process::ExitStatus> {
    let mut spawned = SPAWNED.lock().ok()?;
    let entry = spawned.iter_mut().find(|s| s.child.id() == pid)?;
    entry.child.try_wait().ok().flatten()
}

/// Ends the mpv with this id: waits a moment for it to quit by itself (it
/// was sent `quit`), then kills it, and removes its folder.
pub fn end(pid: u32) {
    let taken = SPAWNED.lock().ok().and_then(|mut spawned| {
        let at = spawned.iter().position(|s| s.child.id() == pid)?;
        Some(spawned.swap_remove(at))
    });
    let Some(mut spawned) = taken else { return };
    let deadline = Instant::now() + QUIT_TIMEOUT;
    while Instant::now() < deadline {
        if matches!(spawned.child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = spawned.child.kill();
    let _ = spawned.child.wait();
}

/// Kills every mpv soundbite started, at once: the process is ending (a
/// signal or a panic). Never blocks on a lock held elsewhere.
pub fn end_all() {
    let Ok(mut spawned) = SPAWNED.try_lock() else {
        return;
    };
    for mut entry in spawned.drain(..) {
        let _ = entry.child.kill();
        let _ = entry.child.wait();
    }
}

/// How many mpv processes soundbite has running.
pub fn running() -> usize {
    SPAWNED.lock().map_or(0, |spawned| spawned.len())
}
