//! The command line: arguments in, files and an exit code out.
//!
//! `eventmap map` reads files, folders (walked recursively, in sorted order)
//! and `-` (stdin), runs the pipeline on every article with all cores, and
//! writes one FeatureCollection (`-o FILE`, or stdout), one file per input
//! (`--out-dir`), or a GeoJSON Text Sequence on stdout (`--seq`). A bad input is
//! reported on stderr with its path and reason and the run goes on; the exit
//! code is 1 if any input failed. Files are written atomically.
//! `eventmap lookup NAME` shows the gazetteer's candidates for a name.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

use crate::gazetteer::{fold, Gazetteer};
use crate::input::{self, Defaults, Format};
use crate::{batch, emit, Engine, Layer};

/// Turn news articles into GeoJSON map layers of places and incidents.
#[derive(Debug, Parser)]
#[command(name = "eventmap", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Map articles: find places and incidents, write GeoJSON.
    Map(MapArgs),
    /// Show the gazetteer's candidates for a name, best first, with their scores.
    Lookup(LookupArgs),
}

/// Arguments of `eventmap map`.
#[derive(Debug, Args)]
pub struct MapArgs {
    /// Article files, folders (walked recursively) or `-` for stdin.
    #[arg(required = true, value_name = "ARTICLE_OR_DIR_OR_-")]
    pub inputs: Vec<PathBuf>,
    /// Write one FeatureCollection to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write one FILE.geojson per article into DIR, mirroring the input tree
    /// (a later article whose file an earlier one took gets FILE-2.geojson).
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "seq"])]
    pub out_dir: Option<PathBuf>,
    /// Write a GeoJSON Text Sequence (RFC 8142) on stdout, one feature per record.
    #[arg(long, conflicts_with = "output")]
    pub seq: bool,
    /// Which features to write.
    #[arg(long, value_enum, default_value = "incidents")]
    pub layer: Layer,
    /// Also write a self-contained HTML map (works offline) of the features.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Also write a CSV with one row per incident (ACLED-like columns).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Also write a QGIS layer style (QML) that colours incidents by event type.
    #[arg(long, value_name = "FILE")]
    pub qml: Option<PathBuf>,
    /// Input format for all inputs (default: by extension; stdin is sniffed).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Publication date (YYYY-MM-DD) for articles that do not carry one.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    pub date: Option<chrono::NaiveDate>,
    /// Title for articles that do not carry one.
    #[arg(long)]
    pub title: Option<String>,
    /// URL for articles that do not carry one.
    #[arg(long)]
    pub url: Option<String>,
    /// Extra gazetteer rows (eventmap CSV or GeoNames dump); repeatable; rows with
    /// an existing id override it.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Leave out of the places layer the mentions whose score (the probability
    /// that the mention names a place and is placed within 161 km of it) is below
    /// this: lower for recall, higher for precision; 0 keeps every resolved mention.
    #[arg(long, value_name = "P", default_value_t = crate::confidence::THRESHOLD, value_parser = parse_score)]
    pub min_score: f64,
    /// Worker threads (default: all cores). The output is the same for any number.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Report every input read and skipped on stderr.
    #[arg(short, long)]
    pub verbose: bool,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Plain text.
    Txt,
    /// Markdown.
    Md,
    /// HTML page.
    Html,
    /// JSON object or array.
    Json,
    /// JSON Lines.
    Jsonl,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Txt => Format::Txt,
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
        }
    }
}

fn parse_date_arg(s: &str) -> Result<chrono::NaiveDate, String> {
    input::parse_date(s).map_err(|e| e.to_string())
}

/// Arguments of `eventmap lookup`.
#[derive(Debug, Args)]
pub struct LookupArgs {
    /// The name to look up (any spelling the gazetteer knows; case and accents are ignored).
    pub name: String,
    /// How many candidates to show.
    #[arg(short = 'n', long, default_value_t = 10)]
    pub limit: usize,
    /// Extra gazetteer rows, as for `map`.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Score the candidates as resolution does for the name's first mention in
    /// this article (a .txt file), with every part of the score, and mark the
    /// chosen one with `*`.
    #[arg(long, value_name = "ARTICLE")]
    pub context: Option<PathBuf>,
}

/// Runs the command; the exit code is 0 on success, 1 if anything failed.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Map(args) => map(args),
        Command::Lookup(args) => lookup(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            stderr_line(&format!("eventmap: error: {e:#}"));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a number from 0 to 1")),
    }
}

fn load_gazetteer(extra: &[PathBuf]) -> anyhow::Result<Gazetteer> {
    let mut g = Gazetteer::bundled();
    for path in extra {
        g.add_file(path)
            .with_context(|| format!("reading gazetteer {}", path.display()))?;
    }
    Ok(g)
}

/// Prints outcomes' messages, drives the progress bar, and passes features on.
struct Reporter<'a> {
    verbose: bool,
    /// `--csv`, written as articles are mapped.
    csv: Option<crate::export::CsvWriter<std::io::BufWriter<std::fs::File>>>,
    /// `--html`, gathered as articles are mapped and written at the end.
    html: Option<crate::export::MapWriter>,
    progress: Option<indicatif::ProgressBar>,
    out: Out<'a>,
}

enum Out<'a> {
    Collection(emit::CollectionWriter<Box<dyn Write + 'a>>),
    Seq(Box<dyn Write + 'a>),
    /// `--out-dir`: the folder, and the files written to it in this run.
    Dir(PathBuf, Taken),
}

/// The paths written in this run, as 128-bit hashes (16 bytes per article,
/// however long its path): two articles that would be written to one path
/// (`a.txt` and `a.html`, or two records with one id) must not overwrite each
/// other.
#[derive(Default)]
struct Taken(std::collections::HashSet<u128>);

impl Taken {
    /// `path`, or if an earlier article of the run took it, the first free
    /// `<stem>-2.geojson`, `<stem>-3.geojson`, …; taken from now on.
    fn take(&mut self, path: PathBuf) -> PathBuf {
        let key = |p: &Path| {
            use std::hash::{Hash, Hasher};
            let mut h = [0u64; 2];
            for (salt, h) in h.iter_mut().enumerate() {
                let mut s = std::collections::hash_map::DefaultHasher::new();
                (salt, p).hash(&mut s);
                *h = s.finish();
            }
            u128::from(h[0]) << 64 | u128::from(h[1])
        };
        if self.0.insert(key(&path)) {
            return path;
        }
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        (2u64..)
            .map(|k| path.with_file_name(format!("{stem}-{k}.geojson")))
            .find(|p| self.0.insert(key(p)))
            .unwrap_or(path)
    }
}

impl Reporter<'_> {
    fn say(&self, line: String) {
        say(&self.progress, line);
    }
}

/// Prints a line on stderr, around the progress bar if there is one.
fn say(progress: &Option<indicatif::ProgressBar>, line: String) {
    match progress {
        Some(p) => p.suspend(|| stderr_line(&line)),
        None => stderr_line(&line),
    }
}

/// Writes `line` and a line break to stderr in one write: stderr is not
/// buffered, and `eprintln!` writes each piece of its format apart, so the
/// lines of processes sharing a stderr (a shell loop, Spark's `pipe`) could
/// interleave mid-line.
fn stderr_line(line: &str) {
    use std::io::Write;
    let mut buf = String::with_capacity(line.len() + 1);
    buf.push_str(line);
    buf.push('\n');
    // Nothing is left to tell if stderr itself fails.
    let _ = std::io::stderr().write_all(buf.as_bytes());
}

/// The `--out-dir` file for an article: the input's relative path with
/// `.geojson`, or for records of a JSON/JSONL file, `<file stem>/<id>.geojson`.
fn out_dir_path(dir: &Path, relative: &Path, source: &str, record: bool) -> PathBuf {
    let mut rel = relative.to_path_buf();
    // news.jsonl.gz -> news.jsonl -> news
    while rel.extension().is_some_and(|e| e == "gz") {
        rel.set_extension("");
    }
    rel.set_extension("");
    if record {
        let id = source.rsplit_once('#').map_or("record", |x| x.1);
        let safe: String = id
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        rel.push(safe);
    }
    let mut p = dir.join(rel);
    p.set_extension("geojson");
    p
}

impl batch::Sink for Reporter<'_> {
    fn accept(&mut self, outcome: batch::Outcome) -> anyhow::Result<()> {
        if let Some(p) = &self.progress {
            p.set_position(batch::BYTES_READ.load(std::sync::atomic::Ordering::Relaxed));
        }
        match outcome {
            batch::Outcome::Failed(m) | batch::Outcome::Warning(m) => {
                self.say(format!("eventmap: warning: {m}"))
            }
            batch::Outcome::Skipped(p) => {
                if self.verbose {
                    self.say(format!(
                        "eventmap: {}: skipped (not a supported format: {})",
                        p.display(),
                        input::SUPPORTED
                    ));
                }
            }
            batch::Outcome::Mapped {
                source,
                relative,
                record,
                features,
                values,
                ..
            } => {
                if let Some(p) = &self.progress {
                    p.inc_length(0);
                    p.set_message(source.clone());
                }
                if self.verbose {
                    self.say(format!("eventmap: {source}: {} features", features.len()));
                }
                if let Some(values) = values {
                    if let Some(csv) = &mut self.csv {
                        csv.extend(&values).context("writing the CSV")?;
                    }
                    if let Some(html) = &mut self.html {
                        html.extend(&values).context("writing the HTML map")?;
                    }
                }
                match &mut self.out {
                    Out::Collection(w) => {
                        w.extend(&features).context("writing output")?;
                    }
                    Out::Seq(w) => {
                        emit::write_seq(&features, w).context("writing stdout")?;
                        w.flush().context("writing stdout")?;
                    }
                    Out::Dir(dir, taken) => {
                        let wanted = out_dir_path(dir, &relative, &source, record);
                        let path = taken.take(wanted.clone());
                        if path != wanted {
                            say(&self.progress, format!(
                                "eventmap: warning: {source}: {} is an earlier article's layer; written to {}",
                                wanted.display(),
                                path.display()
                            ));
                        }
                        write_atomic(&path, |w| {
                            emit::write_collection(&features, &mut WriteAdapter(w))
                        })?;
                    }
                }
            }
        }
        Ok(())
    }

    fn wants_features(&self) -> bool {
        self.csv.is_some() || self.html.is_some()
    }
}

/// Writes to `path` through a temporary file in the same folder.
fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut tmp = temp_beside(path)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut w).with_context(|| format!("writing {}", path.display()))?;
        w.flush()
            .with_context(|| format!("writing {}", path.display()))?;
    }
    tmp.persist(path)
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Checks an output path before any work: its folder must exist. Returns the
/// temporary file to rename onto it, or `None` for a device or pipe, which is
/// written in place.
fn prepare_output(path: &Path) -> anyhow::Result<Option<tempfile::NamedTempFile>> {
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
    {
        anyhow::bail!(
            "cannot write {}: folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    if is_special(path) {
        Ok(None)
    } else {
        temp_beside(path).map(Some)
    }
}

/// True for an existing path that is neither a regular file nor a folder: a
/// device, a pipe or a socket, which must be written in place. So is any
/// existing path in /dev or /proc, or a link into them: `/dev/stdout` links to
/// the process's standard output, which may be a regular file (`-o /dev/stdout`
/// with stdout sent to a file), and renaming a temporary file onto it would
/// replace the link for every program on the machine.
fn is_special(path: &Path) -> bool {
    let system = |p: &Path| p.starts_with("/dev") || p.starts_with("/proc");
    (system(path) && std::fs::symlink_metadata(path).is_ok())
        || std::fs::read_link(path).is_ok_and(|to| system(&to))
        || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Opens a [`is_special`] output to write in place. Appending: a regular file
/// behind `/dev/stdout` is written after what the shell's `>>` (or another
/// output to it) left there, not over it.
fn open_in_place(path: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A temporary file in `path`'s folder (created if missing), to be renamed onto `path`.
fn temp_beside(path: &Path) -> anyhow::Result<tempfile::NamedTempFile> {
    let dir = folder_of(path);
    std::fs::create_dir_all(dir).with_context(|| format!("creating folder {}", dir.display()))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    // Temporary files are private (0600); the layer is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode));
    }
    Ok(tmp)
}

fn progress_bar(specs: &[batch::Spec]) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    // Total bytes of the files to read (a quick walk; stdin counts nothing).
    let mut total = 0u64;
    for s in specs {
        if s.path.is_dir() {
            for e in walkdir::WalkDir::new(&s.path)
                .follow_links(true)
                .into_iter()
                .flatten()
            {
                if e.file_type().is_file() {
                    total += e.metadata().map(|m| m.len()).unwrap_or(0);
                }
            }
        } else if let Ok(m) = std::fs::metadata(&s.path) {
            total += m.len();
        }
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// The output file's write buffer: a layer of a large corpus is tens of MB,
/// and an 8 KB buffer (`BufWriter`'s default) writes it in thousands of system
/// calls, all from the thread that every result passes through.
const OUT_BUFFER: usize = 1 << 18;

/// True if `path` is a regular file, which a temporary file renamed onto it
/// will replace.
fn replaces_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// A new file, written from its start, whose pages are handed to the kernel
/// to write to the disk every `every` bytes, as a run goes.
///
/// A temporary output renamed onto an existing file waits at the rename for
/// its pages to be sent to the disk: ext4 (`auto_da_alloc`, on by default)
/// then allocates and writes a file's dirty pages, so that a crash never
/// leaves an empty file where the old one was. A layer of a large corpus is
/// tens of MB, and all of that waited after the work: the rename of the
/// places layer of the 50 MB bench corpus over the last run's took 21-26 ms.
/// Handed over as the run goes, those writes overlap the work and the rename
/// takes 9 ms (what is left is freeing the old file's blocks); the run,
/// 562 -> 546 ms (15 alternating runs).
///
/// The hand-over is `posix_fadvise(POSIX_FADV_DONTNEED)`: Linux starts
/// writing the range's dirty pages without waiting for them, and drops only
/// pages already clean (none, just after writing: the file stays cached for
/// whatever reads it next). Advice only: an error changes nothing written,
/// and other systems are not advised.
struct WriteBehind {
    file: std::fs::File,
    /// Bytes written so far.
    written: u64,
    /// Bytes handed to the kernel so far: the first `handed` of them.
    handed: u64,
    /// Bytes written between hand-overs.
    every: u64,
}

impl WriteBehind {
    /// Hand-over size: a few system calls per 10 MB of output.
    const EVERY: u64 = 4 << 20;

    fn new(file: std::fs::File, every: u64) -> WriteBehind {
        WriteBehind {
            file,
            written: 0,
            handed: 0,
            every,
        }
    }

    /// Advises the kernel to write the bytes written since the last hand-over.
    fn hand_over(&mut self) {
        #[cfg(target_os = "linux")]
        {
            let len = std::num::NonZeroU64::new(self.written - self.handed);
            let _ = rustix::fs::fadvise(&self.file, self.handed, len, rustix::fs::Advice::DontNeed);
        }
        self.handed = self.written;
    }
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.handed >= self.every {
            self.hand_over();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

fn map(args: MapArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    // Outputs first: a bad output path fails before any work is done.
    let named: Vec<&PathBuf> = [&args.output, &args.csv, &args.html, &args.qml]
        .into_iter()
        .flatten()
        .collect();
    for (k, a) in named.iter().enumerate() {
        if named[..k].contains(a) && !is_special(a) {
            anyhow::bail!("{} is named as two outputs", a.display());
        }
    }
    let mut out_file = match &args.output {
        Some(path) => prepare_output(path)?.map(|tmp| (path.clone(), tmp)),
        None => None,
    };
    // A device or pipe (`-o /dev/null`, `-o /dev/stdout`) is written in place:
    // renaming a temporary file onto it would replace it.
    let direct_out = match &args.output {
        Some(path) if is_special(path) => Some(open_in_place(path)?),
        _ => None,
    };
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating folder {}", dir.display()))?;
        tempfile::tempfile_in(dir).with_context(|| format!("cannot write in {}", dir.display()))?;
    }
    let mut engine = Engine::new(load_gazetteer(&args.gazetteer)?);
    engine.min_score = args.min_score;
    let defaults = Defaults {
        date: args.date,
        title: args.title.clone(),
        url: args.url.clone(),
    };
    let specs: Vec<batch::Spec> = args
        .inputs
        .iter()
        .map(|p| batch::Spec {
            path: p.clone(),
            format: args.format.map(Format::from),
        })
        .collect();
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let stdout = std::io::stdout();
    let out = if let Some(dir) = &args.out_dir {
        Out::Dir(dir.clone(), Taken::default())
    } else if args.seq {
        Out::Seq(Box::new(std::io::BufWriter::new(stdout.lock())))
    } else if let Some((_, tmp)) = &mut out_file {
        let f = tmp
            .as_file_mut()
            .try_clone()
            .context("opening the output file")?;
        // Renamed onto an existing file, its pages go to the disk as it is written.
        let replaces = args.output.as_deref().is_some_and(replaces_file);
        let w: Box<dyn Write> = if replaces {
            Box::new(std::io::BufWriter::with_capacity(
                OUT_BUFFER,
                WriteBehind::new(f, WriteBehind::EVERY),
            ))
        } else {
            Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, f))
        };
        Out::Collection(emit::CollectionWriter::new(w)?)
    } else if let Some(f) = direct_out {
        Out::Collection(emit::CollectionWriter::new(
            Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, f)) as Box<dyn Write>,
        )?)
    } else {
        // A collection is only whole at its end: no reader of stdout waits on
        // its parts, as it does on --seq's lines.
        Out::Collection(emit::CollectionWriter::new(
            Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, stdout.lock()))
                as Box<dyn Write>,
        )?)
    };
    // --csv and --html are written to a temporary file beside them (or, for a
    // device or pipe, in place) as articles are mapped, so that their memory
    // does not grow with the corpus; --qml is written at the end.
    let mut extra_outputs = Vec::new();
    for path in [&args.html, &args.csv, &args.qml].into_iter().flatten() {
        let tmp = prepare_output(path)?;
        extra_outputs.push((path.clone(), tmp));
    }
    let mut csv = None;
    let mut html = None;
    for (path, tmp) in &mut extra_outputs {
        if args.csv.as_ref() == Some(path) {
            // A device or pipe may take another output too (`-o /dev/stdout
            // --csv /dev/stdout`): its rows wait in a temporary file, to follow
            // that output whole rather than interleave with it.
            let f = match tmp {
                Some(tmp) => tmp.as_file_mut().try_clone(),
                None => tempfile::tempfile(),
            }
            .with_context(|| format!("opening {}", path.display()))?;
            let w = std::io::BufWriter::with_capacity(OUT_BUFFER, f);
            csv = Some(
                crate::export::CsvWriter::new(w)
                    .with_context(|| format!("writing {}", path.display()))?,
            );
        } else if args.html.as_ref() == Some(path) {
            // Its rows wait beside it (a device's, in the temporary folder).
            let page = match tmp {
                Some(_) => crate::export::MapWriter::new_in(folder_of(path)),
                None => crate::export::MapWriter::new(),
            };
            html = Some(page.with_context(|| format!("writing {}", path.display()))?);
        }
    }
    let mut reporter = Reporter {
        verbose: args.verbose,
        csv,
        html,
        progress: progress_bar(&specs),
        out,
    };
    let mut stdin = std::io::stdin();
    let summary = batch::run(
        &engine,
        &specs,
        &defaults,
        args.layer,
        jobs,
        &mut stdin,
        &mut reporter,
    );
    if let Some(p) = &reporter.progress {
        p.finish_and_clear();
    }
    let summary = summary?;
    match reporter.out {
        Out::Collection(w) => {
            w.finish().context("writing output")?;
        }
        Out::Seq(mut w) => w.flush().context("writing stdout")?,
        Out::Dir(..) => {}
    }
    if let Some((path, tmp)) = out_file {
        tmp.persist(&path)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let mut csv = reporter.csv.take();
    let mut html = reporter.html.take();
    for (path, tmp) in extra_outputs {
        if args.csv.as_ref() == Some(&path) {
            // Its rows are written: flushed, it is whole.
            let Some(csv) = csv.take() else { continue };
            let mut rows = csv
                .finish()
                .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
                .with_context(|| format!("writing {}", path.display()))?;
            match tmp {
                Some(tmp) => {
                    tmp.persist(&path)
                        .with_context(|| format!("writing {}", path.display()))?;
                }
                None => {
                    use std::io::Seek;
                    let mut f = open_in_place(&path)?;
                    rows.rewind()
                        .and_then(|()| std::io::copy(&mut rows, &mut f))
                        .and_then(|_| f.flush())
                        .with_context(|| format!("writing {}", path.display()))?;
                }
            }
            continue;
        }
        let mut write = |w: &mut dyn Write| -> std::io::Result<()> {
            let mut w = std::io::BufWriter::new(w);
            if args.html.as_ref() == Some(&path) {
                if let Some(html) = html.take() {
                    html.finish(&mut w)?;
                }
            } else {
                crate::export::write_qml(&mut w)?;
            }
            w.flush()
        };
        match tmp {
            Some(mut tmp) => {
                write(tmp.as_file_mut()).with_context(|| format!("writing {}", path.display()))?;
                tmp.persist(&path)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            None => {
                let mut f = open_in_place(&path)?;
                write(&mut f).with_context(|| format!("writing {}", path.display()))?;
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    stderr_line(&format!(
        "eventmap: {} articles read, {} failed, {} incidents, {} places, {:.1} MB in {secs:.2} s ({:.1} MB/s, {:.0} articles/s)",
        summary.articles,
        summary.failed,
        summary.incidents,
        summary.places,
        summary.bytes as f64 / 1e6,
        summary.bytes as f64 / 1e6 / secs.max(1e-9),
        summary.articles as f64 / secs.max(1e-9),
    ));
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// `&mut dyn Write` as a sized `Write`.
struct WriteAdapter<'a>(&'a mut dyn Write);

impl Write for WriteAdapter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

fn lookup(args: LookupArgs) -> anyhow::Result<ExitCode> {
    use crate::resolve::{candidate_parts, prior, Parts, WEIGHTS};
    let g = load_gazetteer(&args.gazetteer)?;
    // Each candidate with its score and the parts that make it: the prior alone,
    // or, in an article, everything resolution weighed for the name's first mention.
    let mut rows: Vec<(f64, crate::gazetteer::NameHit, Parts)> = Vec::new();
    let mut chosen = None;
    let mut context_note = None;
    if let Some(path) = &args.context {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let demonyms = crate::recognize::Demonyms::bundled();
        let rec = crate::recognize::recognize(&text, &g, &demonyms);
        let key = fold::fold(&args.name);
        let Some(i) = rec.mentions.iter().position(|m| m.key == key) else {
            eprintln!(
                "eventmap: {:?} is not recognised as a place name in {} (a person's name, a common \
                 word or part of a longer name there?); its gazetteer entries: eventmap lookup {:?}",
                args.name,
                path.display(),
                args.name
            );
            return Ok(ExitCode::FAILURE);
        };
        let parts = candidate_parts(&rec, &g, &WEIGHTS);
        let resolved = crate::resolve::resolve(&rec, &g);
        let features = crate::confidence::features(&text, &rec, &resolved, &g);
        chosen = resolved[i].map(|r| r.place);
        let m = &rec.mentions[i];
        let sure = features[i].as_ref().map(crate::confidence::probability);
        context_note = Some(format!(
            "{}: bytes {}..{}, {} mention(s) of the name; confidence {}{}",
            path.display(),
            m.start,
            m.end,
            rec.mentions.iter().filter(|m| m.key == key).count(),
            sure.map_or("-".to_string(), |p| format!("{p:.3}")),
            match sure {
                Some(p) if p < crate::confidence::THRESHOLD =>
                    " (below the threshold: not in the places layer)",
                _ => "",
            }
        ));
        for (k, (place, parts)) in parts[i].iter().enumerate() {
            rows.push((parts.score(), m.hits[k], *parts));
            debug_assert_eq!(*place, m.hits[k].place);
        }
    } else {
        for h in g.lookup(&args.name) {
            let (score, parts) = prior(&g.place(h.place), &h);
            rows.push((score, h, parts));
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.place.cmp(&b.1.place)));
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if rows.is_empty() {
        eprintln!(
            "eventmap: no gazetteer entry is named {:?} (folded: {:?})",
            args.name,
            fold::fold(&args.name)
        );
        return Ok(ExitCode::FAILURE);
    }
    let what = if args.context.is_some() {
        "score"
    } else {
        "prior"
    };
    if !args.json {
        if let Some(note) = &context_note {
            writeln!(w, "# {note}")?;
        }
        writeln!(
            w,
            "{:>6}  {:<18} {:<28} {:<2} {:<20} {:<7} {:>10} {:>10} {:>11}  {:<14}  why",
            what, "id", "name", "cc", "admin1", "feature", "population", "lat", "lon", "match"
        )?;
    }
    for (score, h, parts) in rows.iter().take(args.limit) {
        let p = g.place(h.place);
        let matched = if h.main {
            "main name"
        } else {
            "alternate name"
        };
        let why = parts.contributions();
        if args.json {
            let parts: serde_json::Map<String, serde_json::Value> = why
                .iter()
                .map(|(n, c)| {
                    (
                        n.to_string(),
                        serde_json::json!((c * 1000.0).round() / 1000.0),
                    )
                })
                .collect();
            let mut v = serde_json::json!({
                what: (score * 1000.0).round() / 1000.0, "id": p.id, "name": p.name,
                "country_code": p.country_code, "admin1": p.admin1_name, "feature": p.feature(),
                "feature_code": p.feature_code, "population": p.population,
                "lat": emit::round6(p.lat), "lon": emit::round6(p.lon), "match": matched,
                "parts": parts,
            });
            if args.context.is_some() {
                v["chosen"] = serde_json::json!(chosen == Some(h.place));
            }
            writeln!(w, "{v}")?;
        } else {
            let why: Vec<String> = why.iter().map(|(n, c)| format!("{n} {c:+.2}")).collect();
            let mark = if chosen == Some(h.place) { "*" } else { " " };
            writeln!(
                w,
                "{score:>5.2}{mark}  {:<18} {:<28} {:<2} {:<20} {:<7} {:>10} {:>10.5} {:>11.5}  {matched:<14}  {}",
                p.id,
                p.name,
                p.country_code,
                p.admin1_name,
                p.feature(),
                p.population,
                p.lat,
                p.lon,
                why.join(", ")
            )?;
        }
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_behind_writes_every_byte_in_order_across_hand_overs() {
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        let file = tmp.as_file_mut().try_clone().unwrap();
        // Hand-overs every 1,000 bytes, in writes of 1 to 700 bytes.
        let mut w = WriteBehind::new(file, 1000);
        let mut want = Vec::new();
        for k in 0..200u32 {
            let chunk: Vec<u8> = (0..(k * 37 % 700 + 1)).map(|i| (i + k) as u8).collect();
            w.write_all(&chunk).unwrap();
            want.extend_from_slice(&chunk);
        }
        w.flush().unwrap();
        assert!(w.handed > 0 && w.written - w.handed < 1000);
        assert_eq!(w.written, want.len() as u64);
        assert_eq!(std::fs::read(tmp.path()).unwrap(), want);
    }

    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("layer.geojson");
        assert!(!replaces_file(&file));
        std::fs::write(&file, "{}").unwrap();
        assert!(replaces_file(&file));
        assert!(!replaces_file(dir.path()));
    }
}
