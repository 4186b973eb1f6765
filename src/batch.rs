//! Batch: command-line inputs in, features streamed to a [`Sink`] out, in
//! input order, with every core busy and memory that does not grow with the
//! corpus.
//!
//! One thread walks the inputs (files, folders in sorted order, stdin) and
//! reads articles one at a time; worker threads map them; the calling thread
//! puts results back in input order and hands them to the sink as soon as the
//! next one is ready. At most a fixed window of articles is in flight, so a
//! corpus of any size runs in bounded memory, and the bytes written are the
//! same for any number of workers.
//!
//! Articles travel between threads in batches: a hand-off costs a futex wake
//! and a context switch on each side, as much as mapping a short article, so
//! it is paid once per [`BATCH`] articles (or [`BATCH_BYTES`] of text), after
//! smaller first batches, so that a short run still spreads over every worker. Items
//! read from stdin are batched only while more of them have already arrived:
//! the batch is handed on before every read of stdin, which may wait for the
//! stream, so that a live stream is mapped as it arrives (and a JSON Lines
//! stream piped in is mapped as fast as a file, not one hand-off per record).
//!
//! The workers also write each article's features as JSON text
//! ([`emit::Encoded`]), so the calling thread, which all output goes through,
//! only copies bytes; [`Feature`] values are built only for a sink that asks
//! for them ([`Sink::wants_features`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use geojson::Feature;

use crate::error::Error;
use crate::input::{self, Article, Defaults, Format, Item};
use crate::{emit, Engine, Layer};

/// One command-line input: a path, a folder or `-`.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The path as given (`-` for stdin).
    pub path: PathBuf,
    /// `--format`, which overrides extensions and sniffing.
    pub format: Option<Format>,
}

/// What happened to one item of the input stream, in order.
#[derive(Debug)]
pub enum Outcome {
    /// An article was mapped.
    Mapped {
        /// The article (its text is dropped once mapped, to keep memory flat).
        source: String,
        /// The path of the file it came from, relative to the folder given on the
        /// command line (for `--out-dir`).
        relative: PathBuf,
        /// Whether the file holds several articles (JSON, JSON Lines).
        record: bool,
        /// Its features, as JSON text.
        features: emit::Encoded,
        /// Its features as values, if the sink asked for them
        /// ([`Sink::wants_features`]).
        values: Option<Vec<Feature>>,
        /// Size of the article text in bytes.
        bytes: usize,
    },
    /// An input or record was skipped.
    Failed(String),
    /// An input was read imperfectly.
    Warning(String),
    /// A file was skipped in a folder walk (unsupported extension).
    Skipped(PathBuf),
}

/// Where outcomes go.
pub trait Sink {
    /// Receives the next outcome in input order.
    fn accept(&mut self, outcome: Outcome) -> anyhow::Result<()>;

    /// Whether [`Outcome::Mapped`] should carry the features as [`Feature`]
    /// values too (building them costs as much as writing them).
    fn wants_features(&self) -> bool {
        false
    }
}

/// Counters for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles mapped.
    pub articles: usize,
    /// Inputs or records skipped, and warnings.
    pub failed: usize,
    /// Incident features.
    pub incidents: usize,
    /// Place features.
    pub places: usize,
    /// Bytes of article text.
    pub bytes: u64,
}

/// Bytes of input read so far, for progress bars.
pub static BYTES_READ: AtomicU64 = AtomicU64::new(0);

/// Most articles in one batch. Each hand-off wakes a sleeping thread (the
/// worker that takes the batch, the calling thread when its results are in,
/// the reading thread when the window frees a place): tens of microseconds on
/// a virtual machine. 128 articles a batch rather than 32: 1.025x on the
/// bench corpus's places layer, 1.04x on conflict reporting.
pub const BATCH: usize = 128;
/// The most articles in each worker's first batch (then twice as many in
/// each next one, up to [`BATCH`]).
pub const BATCH_FIRST: usize = 8;
/// A batch is sent once its articles hold this many bytes of text.
pub const BATCH_BYTES: usize = 256 << 10;

/// The most articles batch `seq` holds: [`BATCH_FIRST`] in each worker's
/// first batch, twice as many in its next, and so on up to [`BATCH`], so that
/// a run of a few hundred articles still spreads over every worker, and a
/// long run pays a hand-off per [`BATCH`] articles.
fn batch_limit(seq: u64, jobs: usize) -> usize {
    let round = seq / jobs.max(1) as u64;
    BATCH_FIRST
        .checked_shl(round.min(16) as u32)
        .map_or(BATCH, |n| n.min(BATCH))
}

/// The producer's batch of work, handed to the workers when full or flushed.
struct Batcher<'a> {
    seq: u64,
    /// Workers, for [`batch_limit`].
    jobs: usize,
    batch: Vec<Work>,
    bytes: usize,
    tx: mpsc::SyncSender<(u64, Vec<Work>)>,
    window: &'a Window,
    /// The run stopped (the sink failed): nothing more is handed on.
    stopped: bool,
}

impl Batcher<'_> {
    /// Adds `w`, handing the batch on if it is full; false if the run stops.
    fn push(&mut self, w: Work) -> bool {
        if self.stopped {
            return false;
        }
        self.bytes += w.len();
        self.batch.push(w);
        if self.batch.len() < batch_limit(self.seq, self.jobs) && self.bytes < BATCH_BYTES {
            return true;
        }
        self.flush()
    }

    /// Hands the batch on, if it has any work; false if the run stops.
    fn flush(&mut self) -> bool {
        if self.batch.is_empty() || self.stopped {
            return !self.stopped;
        }
        self.bytes = 0;
        let ok = self.window.acquire()
            && self
                .tx
                .send((self.seq, std::mem::take(&mut self.batch)))
                .is_ok();
        self.seq += 1;
        self.stopped |= !ok;
        !self.stopped
    }
}

struct Window {
    free: Mutex<usize>,
    cv: Condvar,
    closed: AtomicBool,
}

impl Window {
    fn acquire(&self) -> bool {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 && !self.closed.load(Ordering::Relaxed) {
            free = self.cv.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        if self.closed.load(Ordering::Relaxed) {
            return false;
        }
        *free -= 1;
        true
    }
    fn release(&self) {
        *self.free.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.cv.notify_one();
    }
    fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        self.cv.notify_all();
    }
}

enum Work {
    Article {
        article: Article,
        relative: PathBuf,
        record: bool,
    },
    Done(Outcome),
}

/// `path` relative to `root`, a folder whose walk found it: a walk's paths
/// are `root` joined with names, so that is what follows `root`'s bytes and
/// the separators after them. `Path::strip_prefix`, which parses both paths
/// into components, was 0.6 % of a run's instructions (3,000 small files).
fn relative_to<'p>(path: &'p Path, root: &Path) -> &'p Path {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let root = root.as_os_str().as_bytes();
        if let Some(rest) = path.as_os_str().as_bytes().strip_prefix(root) {
            let names = rest.iter().position(|&b| b != b'/').unwrap_or(rest.len());
            // At a separator: "corpus/a.txt", not "corpus2/a.txt".
            if names > 0 || root.ends_with(b"/") {
                return Path::new(std::ffi::OsStr::from_bytes(&rest[names..]));
            }
        }
    }
    path.strip_prefix(root).unwrap_or(path)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

impl Work {
    /// Bytes of article text it holds.
    fn len(&self) -> usize {
        match self {
            Work::Article { article, .. } => article.text.len(),
            Work::Done(_) => 0,
        }
    }
}

/// Stdin as [`produce`] reads it: `before_read` runs before every read, which
/// may wait for more of the stream.
struct Prompt<'a> {
    inner: &'a mut dyn std::io::Read,
    before_read: &'a dyn Fn(),
}

impl std::io::Read for Prompt<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        (self.before_read)();
        self.inner.read(buf)
    }
}

/// Walks the specs and reads every article, calling `send` with each in
/// order; stops early if `send` returns false. `flush` is called before each
/// read of stdin: what was sent must be handed on, since the read may wait.
fn produce(
    specs: &[Spec],
    defaults: &Defaults,
    stdin: &mut dyn std::io::Read,
    send: &mut dyn FnMut(Work) -> bool,
    flush: &dyn Fn(),
) {
    let read_one = |path: &Path,
                    relative: PathBuf,
                    format: Option<Format>,
                    gz: bool,
                    send: &mut dyn FnMut(Work) -> bool|
     -> bool {
        let display = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return send(Work::Done(Outcome::Failed(format!("{display}: {e}")))),
        };
        let size = file.metadata().map(|m| m.len()).ok();
        if !gz {
            if let Some(len) = size {
                // JSON Lines and JSON arrays are read a record at a time.
                if len as usize > input::MAX_ARTICLE_BYTES
                    && !matches!(format, Some(Format::Jsonl | Format::Json))
                {
                    BYTES_READ.fetch_add(len, Ordering::Relaxed);
                    return send(Work::Done(Outcome::Failed(format!(
                        "{display}: {} MB is larger than the {} MB article limit: skipped",
                        len >> 20,
                        input::MAX_ARTICLE_BYTES >> 20
                    ))));
                }
            }
        }
        let mut reader: Box<dyn std::io::Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let record = matches!(format, Some(Format::Json | Format::Jsonl));
        let mut go = true;
        // A compressed file's length says nothing of its text's.
        let hint = size.filter(|_| !gz);
        input::read_input_sized(&display, &mut reader, hint, format, defaults, &mut |item| {
            if !go {
                return;
            }
            go = send(match item {
                Item::Article(article) => Work::Article {
                    article,
                    relative: relative.clone(),
                    record,
                },
                Item::Failed(e) => Work::Done(Outcome::Failed(e.to_string())),
                Item::Warning(e) => Work::Done(Outcome::Warning(e.to_string())),
            });
        });
        BYTES_READ.fetch_add(size.unwrap_or(0), Ordering::Relaxed);
        go
    };

    for spec in specs {
        let p = &spec.path;
        if p.as_os_str() == "-" {
            let mut go = true;
            let mut stdin = Prompt {
                inner: &mut *stdin,
                before_read: flush,
            };
            input::read_input("-", &mut stdin, spec.format, defaults, &mut |item| {
                if !go {
                    return;
                }
                go = send(match item {
                    Item::Article(article) => Work::Article {
                        article,
                        relative: PathBuf::from("stdin"),
                        record: true,
                    },
                    Item::Failed(e) => Work::Done(Outcome::Failed(e.to_string())),
                    Item::Warning(e) => Work::Done(Outcome::Warning(e.to_string())),
                });
            });
            if !go {
                return;
            }
            continue;
        }
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(true)
                // By file name. Siblings' paths share their parent's path as a
                // prefix, so comparing whole paths orders them the same, with a
                // byte comparison instead of parsing two file names out of their
                // paths per comparison (~1 % of a 24,000-file run's CPU).
                .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                let go = match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let path = e.path();
                        let relative = relative_to(path, p).to_path_buf();
                        match (spec.format, Format::of_path(path)) {
                            (_, Ok((f, gz))) => {
                                read_one(path, relative, Some(spec.format.unwrap_or(f)), gz, send)
                            }
                            (Some(f), Err(_)) => read_one(path, relative, Some(f), false, send),
                            (None, Err(_)) => {
                                send(Work::Done(Outcome::Skipped(path.to_path_buf())))
                            }
                        }
                    }
                    Ok(_) => true,
                    // Unreadable folders, symlink loops.
                    Err(e) => send(Work::Done(Outcome::Failed(e.to_string()))),
                };
                if !go {
                    return;
                }
            }
            continue;
        }
        let relative = PathBuf::from(p.file_name().unwrap_or(p.as_os_str()));
        let go = match (spec.format, Format::of_path(p)) {
            (_, Ok((f, gz))) => read_one(p, relative, Some(spec.format.unwrap_or(f)), gz, send),
            (Some(f), Err(_)) => read_one(p, relative, Some(f), false, send),
            (None, Err(e)) if p.exists() => send(Work::Done(Outcome::Failed(e.to_string()))),
            (None, Err(_)) => {
                let e = std::fs::metadata(p)
                    .err()
                    .unwrap_or_else(|| std::io::ErrorKind::NotFound.into());
                send(Work::Done(Outcome::Failed(Error::io(p, e).to_string())))
            }
        };
        if !go {
            return;
        }
    }
}

/// A worker's next batch, or `None` when there are no more. Until `idle`
/// says it has nothing left to do (returns false; `idled` then becomes
/// true), a worker with no batch waiting runs it rather than wait: at the
/// start of a run the workers would otherwise sit idle while the inputs are
/// listed and the first articles read, and then each wait while one of them
/// does a one-time set-up (compiling patterns) that both need.
fn next_batch<T>(
    rx: &Mutex<mpsc::Receiver<T>>,
    idle: &mut dyn FnMut() -> bool,
    idled: &mut bool,
) -> Option<T> {
    while !*idled {
        // Another worker blocked in `recv` holds the lock: nothing is waiting.
        let lock = match rx.try_lock() {
            Ok(rx) => Some(rx),
            Err(std::sync::TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(std::sync::TryLockError::WouldBlock) => None,
        };
        if let Some(rx) = lock {
            match rx.try_recv() {
                Ok(t) => return Some(t),
                Err(mpsc::TryRecvError::Disconnected) => return None,
                Err(mpsc::TryRecvError::Empty) => {}
            }
        }
        *idled = !idle();
    }
    rx.lock().unwrap_or_else(|p| p.into_inner()).recv().ok()
}

/// Maps every article of `specs` with `jobs` workers, handing outcomes to
/// `sink` in input order. Returns the summary, or the sink's first error.
pub fn run(
    engine: &Engine,
    specs: &[Spec],
    defaults: &Defaults,
    layer: Layer,
    jobs: usize,
    stdin: &mut (dyn std::io::Read + Send),
    sink: &mut dyn Sink,
) -> anyhow::Result<Summary> {
    let jobs = jobs.max(1);
    // Batches in flight: enough for every worker to have the next one queued.
    let window = Window {
        free: Mutex::new(jobs * 4),
        cv: Condvar::new(),
        closed: AtomicBool::new(false),
    };
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Vec<Work>)>(jobs * 4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Outcome>)>();
    // The next step of the engine's one-time set-up for an idle worker to take.
    let warm_step = AtomicUsize::new(0);
    let mut summary = Summary::default();
    let wants_features = sink.wants_features();

    std::thread::scope(|scope| -> anyhow::Result<()> {
        let window = &window;
        scope.spawn(move || {
            // Shared by `send` and the flush before each read of stdin, both
            // called on this thread, never one inside the other.
            let batcher = std::cell::RefCell::new(Batcher {
                seq: 0,
                jobs,
                batch: Vec::new(),
                bytes: 0,
                tx: work_tx,
                window,
                stopped: false,
            });
            produce(
                specs,
                defaults,
                stdin,
                &mut |w| batcher.borrow_mut().push(w),
                &|| {
                    // A failed hand-off (the sink stopped) stops the next `send`.
                    batcher.borrow_mut().flush();
                },
            );
            batcher.borrow_mut().flush();
        });
        let warm_step = &warm_step;
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            let mut warm = || engine.warm_up(layer, warm_step.fetch_add(1, Ordering::Relaxed));
            let mut warmed = false;
            scope.spawn(move || loop {
                let next = next_batch(&rx, &mut warm, &mut warmed);
                let Some((seq, batch)) = next else { break };
                let outcomes = batch
                    .into_iter()
                    .map(|work| match work {
                        Work::Done(o) => o,
                        Work::Article {
                            article,
                            relative,
                            record,
                        } => {
                            let analysis = engine.analyze_layer(&article.text, article.date, layer);
                            let g = &engine.gazetteer;
                            let features = emit::encode(&article, &analysis, layer, g);
                            let values = wants_features
                                .then(|| emit::features(&article, &analysis, layer, g));
                            Outcome::Mapped {
                                source: article.source,
                                relative,
                                record,
                                features,
                                values,
                                bytes: article.text.len(),
                            }
                        }
                    })
                    .collect();
                if tx.send((seq, outcomes)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);

        let mut pending: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        for (seq, outcomes) in done_rx.iter() {
            pending.insert(seq, outcomes);
            while let Some(batch) = pending.remove(&next) {
                next += 1;
                window.release();
                for o in batch {
                    if result.is_err() {
                        continue;
                    }
                    match &o {
                        Outcome::Mapped {
                            features, bytes, ..
                        } => {
                            summary.articles += 1;
                            summary.bytes += *bytes as u64;
                            for f in features.iter() {
                                if f.incident {
                                    summary.incidents += 1;
                                } else {
                                    summary.places += 1;
                                }
                            }
                        }
                        Outcome::Failed(_) | Outcome::Warning(_) => summary.failed += 1,
                        Outcome::Skipped(_) => {}
                    }
                    if let Err(e) = sink.accept(o) {
                        // Stop reading; let the workers drain.
                        window.close();
                        result = Err(e);
                    }
                }
            }
        }
        result
    })?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    struct Collect(Vec<String>);
    impl Sink for Collect {
        fn accept(&mut self, o: Outcome) -> anyhow::Result<()> {
            self.0.push(match o {
                Outcome::Mapped { source, .. } => format!("mapped {source}"),
                Outcome::Failed(e) => format!("failed {e}"),
                Outcome::Warning(e) => format!("warning {e}"),
                Outcome::Skipped(p) => format!("skipped {}", p.display()),
            });
            Ok(())
        }
    }

    #[test]
    fn paths_relative_to_a_walked_folder_are_those_strip_prefix_gives() {
        for root in [
            "corpus", "corpus/", "corpus//", "./corpus", ".", "./", "/", "/a/b",
        ] {
            let root = Path::new(root);
            for name in ["x.txt", "sub/x.txt", "sub/deeper/x.json"] {
                let path = root.join(name);
                let want = path.strip_prefix(root).unwrap();
                assert_eq!(
                    relative_to(&path, root),
                    want,
                    "{} in {}",
                    name,
                    root.display()
                );
            }
        }
        // Not under the root (never from a walk): the path itself, as before.
        let other = Path::new("corpus2/x.txt");
        assert_eq!(relative_to(other, Path::new("corpus")), other);
    }

    #[test]
    fn batches_grow_from_a_few_articles_per_worker_to_the_most() {
        let limits: Vec<usize> = (0..12).map(|seq| batch_limit(seq, 2)).collect();
        assert_eq!(limits, [8, 8, 16, 16, 32, 32, 64, 64, 128, 128, 128, 128]);
        // Every one of 64 workers gets a small first batch.
        assert!((0..64).all(|seq| batch_limit(seq, 64) == BATCH_FIRST));
        assert_eq!(batch_limit(64, 64), 2 * BATCH_FIRST);
        for jobs in [0, 1, 3] {
            assert_eq!(batch_limit(0, jobs), BATCH_FIRST);
            assert_eq!(batch_limit(u64::MAX, jobs), BATCH);
        }
    }

    #[test]
    fn stdin_records_come_out_in_order_for_any_number_of_workers() {
        let engine = Engine::new(Gazetteer::empty());
        let mut input = String::new();
        for i in 0..200 {
            input.push_str(&format!(
                "{{\"id\": \"a{i}\", \"text\": \"Article {i}.\"}}\n"
            ));
        }
        input.push_str("{broken\n");
        let spec = [Spec {
            path: "-".into(),
            format: Some(Format::Jsonl),
        }];
        let mut outs = Vec::new();
        for jobs in [1, 3] {
            let mut sink = Collect(Vec::new());
            let s = run(
                &engine,
                &spec,
                &Defaults::default(),
                Layer::All,
                jobs,
                &mut input.as_bytes(),
                &mut sink,
            )
            .unwrap();
            assert_eq!((s.articles, s.failed), (200, 1));
            outs.push(sink.0);
        }
        assert_eq!(outs[0], outs[1]);
        assert_eq!(outs[0][0], "mapped -#a0");
        assert!(
            outs[0][200].starts_with("failed -:201: invalid JSON"),
            "{}",
            outs[0][200]
        );
    }

    /// Stdin that hands out one record at a time, each only once the sink
    /// has the one before it (or after a time-out, which the test reports).
    struct Drip {
        records: std::vec::IntoIter<String>,
        mapped: mpsc::Receiver<()>,
        first: bool,
        waited_out: Arc<AtomicBool>,
    }

    impl std::io::Read for Drip {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if !std::mem::take(&mut self.first)
                && self
                    .mapped
                    .recv_timeout(std::time::Duration::from_secs(20))
                    .is_err()
            {
                self.waited_out.store(true, Ordering::Relaxed);
            }
            let Some(r) = self.records.next() else {
                return Ok(0);
            };
            buf[..r.len()].copy_from_slice(r.as_bytes());
            Ok(r.len())
        }
    }

    struct Signal(mpsc::Sender<()>, usize);
    impl Sink for Signal {
        fn accept(&mut self, _: Outcome) -> anyhow::Result<()> {
            self.1 += 1;
            let _ = self.0.send(());
            Ok(())
        }
    }

    #[test]
    fn an_idle_worker_does_its_idle_work_until_there_is_none_or_a_batch_comes() {
        let (tx, rx) = mpsc::channel::<u32>();
        let rx = Mutex::new(rx);
        let mut calls = 0;
        let mut idled = false;
        // Nothing waiting: idle work runs until a batch comes.
        let sender = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            tx.send(7).unwrap();
            tx
        });
        let mut idle = || {
            calls += 1;
            std::thread::sleep(std::time::Duration::from_millis(1));
            true
        };
        assert_eq!(next_batch(&rx, &mut idle, &mut idled), Some(7));
        assert!(calls > 1 && !idled, "{calls}");
        // A batch waiting: no idle work.
        let tx = sender.join().unwrap();
        let calls = std::cell::Cell::new(0);
        let mut idle = || {
            calls.set(calls.get() + 1);
            calls.get() < 3
        };
        tx.send(8).unwrap();
        assert_eq!(next_batch(&rx, &mut idle, &mut idled), Some(8));
        assert_eq!(calls.get(), 0);
        // Idle work that runs out: then the worker waits for the next batch.
        let sender = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            tx.send(9).unwrap();
        });
        assert_eq!(next_batch(&rx, &mut idle, &mut idled), Some(9));
        assert!(idled);
        assert_eq!(calls.get(), 3);
        // And sees the end, with no idle work left.
        sender.join().unwrap();
        assert_eq!(next_batch(&rx, &mut idle, &mut idled), None);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn a_live_stream_is_mapped_as_it_arrives() {
        // Each record is read only after the one before is mapped: were a
        // record held back in a batch while stdin waits, the run would wait
        // out each time-out.
        let engine = Engine::new(Gazetteer::empty());
        let (tx, rx) = mpsc::channel();
        let waited_out = Arc::new(AtomicBool::new(false));
        let mut stdin = Drip {
            records: (0..5)
                .map(|i| format!("{{\"text\": \"Article {i}.\"}}\n"))
                .collect::<Vec<_>>()
                .into_iter(),
            mapped: rx,
            first: true,
            waited_out: Arc::clone(&waited_out),
        };
        let spec = [Spec {
            path: "-".into(),
            format: Some(Format::Jsonl),
        }];
        let mut sink = Signal(tx, 0);
        let s = run(
            &engine,
            &spec,
            &Defaults::default(),
            Layer::All,
            2,
            &mut stdin,
            &mut sink,
        )
        .unwrap();
        assert_eq!((s.articles, sink.1), (5, 5));
        assert!(
            !waited_out.load(Ordering::Relaxed),
            "a record was held back"
        );
    }

    struct FailAfter(usize);
    impl Sink for FailAfter {
        fn accept(&mut self, _: Outcome) -> anyhow::Result<()> {
            if self.0 == 0 {
                anyhow::bail!("sink closed");
            }
            self.0 -= 1;
            Ok(())
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let engine = Engine::new(Gazetteer::empty());
        let input: String = (0..10_000)
            .map(|i| format!("{{\"text\": \"A {i}.\"}}\n"))
            .collect();
        let spec = [Spec {
            path: "-".into(),
            format: Some(Format::Jsonl),
        }];
        let r = run(
            &engine,
            &spec,
            &Defaults::default(),
            Layer::All,
            2,
            &mut input.as_bytes(),
            &mut FailAfter(5),
        );
        assert_eq!(r.unwrap_err().to_string(), "sink closed");
    }
}
