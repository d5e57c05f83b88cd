//! Start-up: the time from spawning `openup` on a pseudo-terminal to its first
//! output (the first paint of the intro screen), against a bare `/bin/echo`
//! spawned the same way in the same run. Prints both medians and their ratio;
//! the goal is a ratio of at most 1.5.
//!
//! Processes are started with `posix_spawn` in a new session whose controlling
//! terminal is the pseudo-terminal, as a shell would start them.
//!
//! `cargo bench --bench startup` (set `STARTUP_RUNS` for more or fewer runs,
//! `STARTUP_ARGS` to give openup arguments, `STARTUP_ALSO` to measure another
//! program beside them).

#[cfg(any(target_os = "linux", target_os = "macos"))]
mod pty {
    use std::ffi::{CStr, CString};
    use std::ptr;
    use std::time::{Duration, Instant};

    #[cfg(target_os = "linux")]
    const SETSID: libc::c_short = libc::POSIX_SPAWN_SETSID as libc::c_short;
    // <spawn.h> on macOS; the libc crate does not carry it.
    #[cfg(target_os = "macos")]
    const SETSID: libc::c_short = 0x0400;

    fn check(what: &str, rc: libc::c_int) {
        assert!(
            rc == 0,
            "{what} failed: {}",
            std::io::Error::from_raw_os_error(if rc > 0 { rc } else { errno() })
        );
    }

    fn errno() -> i32 {
        std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
    }

    /// Spawns `argv` on a fresh pseudo-terminal and returns the time until its
    /// first byte of output.
    pub fn first_output(argv: &[&str], env: &[String]) -> Duration {
        // SAFETY: plain libc calls on descriptors and buffers owned here; every
        // pointer passed lives until the call returns.
        unsafe {
            let (mut master, mut slave) = (0, 0);
            let size = libc::winsize {
                ws_row: 40,
                ws_col: 100,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            check(
                "openpty",
                libc::openpty(
                    &mut master,
                    &mut slave,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    &size as *const _ as *mut _,
                ),
            );
            for fd in [master, slave] {
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            }
            let mut name = [0 as libc::c_char; 128];
            check(
                "ttyname_r",
                libc::ttyname_r(slave, name.as_mut_ptr(), name.len()),
            );
            let name = CStr::from_ptr(name.as_ptr()).to_owned();

            let mut actions: libc::posix_spawn_file_actions_t = std::mem::zeroed();
            check(
                "file actions",
                libc::posix_spawn_file_actions_init(&mut actions),
            );
            // Opened by name in the new session, the terminal becomes its
            // controlling terminal, so /dev/tty works in the child.
            check(
                "addopen",
                libc::posix_spawn_file_actions_addopen(
                    &mut actions,
                    0,
                    name.as_ptr(),
                    libc::O_RDWR,
                    0,
                ),
            );
            for fd in [1, 2] {
                check(
                    "adddup2",
                    libc::posix_spawn_file_actions_adddup2(&mut actions, 0, fd),
                );
            }
            let mut attr: libc::posix_spawnattr_t = std::mem::zeroed();
            check("attr", libc::posix_spawnattr_init(&mut attr));
            check(
                "setflags",
                libc::posix_spawnattr_setflags(&mut attr, SETSID),
            );

            let argv_c: Vec<CString> = argv.iter().map(|a| CString::new(*a).unwrap()).collect();
            let mut argv_p: Vec<*mut libc::c_char> =
                argv_c.iter().map(|a| a.as_ptr() as *mut _).collect();
            argv_p.push(ptr::null_mut());
            let env_c: Vec<CString> = env
                .iter()
                .map(|e| CString::new(e.as_str()).unwrap())
                .collect();
            let mut env_p: Vec<*mut libc::c_char> =
                env_c.iter().map(|e| e.as_ptr() as *mut _).collect();
            env_p.push(ptr::null_mut());

            let mut pid = 0;
            let start = Instant::now();
            check(
                "posix_spawn",
                libc::posix_spawn(
                    &mut pid,
                    argv_c[0].as_ptr(),
                    &actions,
                    &attr,
                    argv_p.as_ptr(),
                    env_p.as_ptr(),
                ),
            );
            let mut poll = libc::pollfd {
                fd: master,
                events: libc::POLLIN,
                revents: 0,
            };
            let ready = libc::poll(&mut poll, 1, 10_000);
            let elapsed = start.elapsed();
            assert!(ready == 1, "{} wrote nothing within 10 s", argv[0]);
            let mut byte = [0u8; 1];
            let got = libc::read(master, byte.as_mut_ptr().cast(), 1);
            assert!(got == 1, "{} wrote nothing", argv[0]);

            libc::kill(pid, libc::SIGKILL);
            let mut status = 0;
            libc::waitpid(pid, &mut status, 0);
            libc::posix_spawn_file_actions_destroy(&mut actions);
            libc::posix_spawnattr_destroy(&mut attr);
            libc::close(slave);
            libc::close(master);
            elapsed
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "macos"))]
fn main() {
    use std::time::Duration;

    // `cargo bench` passes `--bench`; nothing to filter here.
    let runs: usize = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let data = tempfile::tempdir().expect("a temporary data directory");
    let env = vec![
        "TERM=xterm-256color".to_string(),
        format!("OPENUP_DATA_DIR={}", data.path().display()),
        format!("HOME={}", data.path().display()),
    ];
    let openup = env!("CARGO_BIN_EXE_openup");
    // STARTUP_ARGS="--version" measures openup with arguments (space-separated).
    let args = std::env::var("STARTUP_ARGS").unwrap_or_default();
    let ours_argv: Vec<&str> = std::iter::once(openup)
        .chain(args.split_whitespace())
        .collect();
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    // STARTUP_ALSO=PROGRAM[:PROGRAM...] measures more programs the same way,
    // such as a bare dialoguer prompt or another build of openup, to see the floor.
    let also: Vec<String> = std::env::var("STARTUP_ALSO")
        .map(|a| {
            a.split(':')
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    // Warm every program up (page cache, dynamic loader), then alternate so
    // that load on the machine falls on all of them alike.
    pty::first_output(&ours_argv, &env);
    pty::first_output(&["/bin/echo", "ready"], &env);
    for program in &also {
        pty::first_output(&[program.as_str()], &env);
    }
    let (mut ours, mut echo) = (Vec::new(), Vec::new());
    let mut others = vec![Vec::new(); also.len()];
    for _ in 0..runs {
        ours.push(pty::first_output(&ours_argv, &env));
        echo.push(pty::first_output(&["/bin/echo", "ready"], &env));
        for (program, times) in also.iter().zip(&mut others) {
            times.push(pty::first_output(&[program.as_str()], &env));
        }
    }
    let (ours, echo) = (median(ours), median(echo));
    println!(
        "start-up to first output over {runs} runs: openup {:.2} ms, /bin/echo {:.2} ms, ratio {:.2} (goal: at most 1.5)",
        ours.as_secs_f64() * 1e3,
        echo.as_secs_f64() * 1e3,
        ours.as_secs_f64() / echo.as_secs_f64()
    );
    for (program, times) in also.iter().zip(others) {
        let median = median(times);
        println!(
            "{program}: {:.2} ms, ratio to /bin/echo {:.2}",
            median.as_secs_f64() * 1e3,
            median.as_secs_f64() / echo.as_secs_f64()
        );
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn main() {
    println!("the start-up benchmark runs on Linux and macOS only");
}
