//! The command line: arguments in, files and an exit code out.
//!
//! `eventmap map` reads files, folders (walked recursively, in sorted order)
//! and `-` (stdin), runs the pipeline on every article with all cores, and
//! writes one FeatureCollection (`-o FILE`, or stdout), one file per input
//! (`--out-dir`), or a GeoJSON Text Sequence on stdout (`--seq`). A bad input is
//! reported on stderr with its path and reason and the run goes on; the exit
//! code is 1 if any input failed. Files are written atomically.
//! `eventmap lookup NAME` shows the gazetteer's candidates for a name.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use crate::gazetteer::{fold, Gazetteer};
use crate::input::{self, Defaults, Format};
use crate::{emit, Engine, Layer};

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
    /// Write one FILE.geojson per article into DIR, mirroring the input tree.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "seq"])]
    pub out_dir: Option<PathBuf>,
    /// Write a GeoJSON Text Sequence (RFC 8142) on stdout, one feature per record.
    #[arg(long, conflicts_with = "output")]
    pub seq: bool,
    /// Which features to write.
    #[arg(long, value_enum, default_value = "incidents")]
    pub layer: Layer,
    /// Input format for stdin and for files with other extensions.
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
            eprintln!("eventmap: error: {e:#}");
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

fn warn(msg: impl std::fmt::Display) {
    eprintln!("eventmap: warning: {msg}");
}

fn load_gazetteer(extra: &[PathBuf]) -> anyhow::Result<Gazetteer> {
    let mut g = Gazetteer::bundled();
    for path in extra {
        g.add_file(path)
            .with_context(|| format!("reading gazetteer {}", path.display()))?;
    }
    Ok(g)
}

/// One unit of input: a file (or stdin) and how to read it.
#[derive(Debug, Clone)]
struct Input {
    path: PathBuf,
    /// Path relative to the folder it was found in (for `--out-dir`).
    relative: PathBuf,
    format: Format,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Expands the command-line inputs into files, reporting what cannot be read.
fn discover(args: &MapArgs, failures: &mut usize) -> Vec<Input> {
    let mut out = Vec::new();
    for p in &args.inputs {
        if p.as_os_str() == "-" {
            let format = args.format.map(Format::from).unwrap_or(Format::Txt);
            out.push(Input {
                path: p.clone(),
                relative: PathBuf::from("stdin"),
                format,
            });
            continue;
        }
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        let path = e.path();
                        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
                        let Some(format) = Format::from_extension(ext) else {
                            if args.verbose {
                                warn(format_args!(
                                    "{}: skipped (not a supported format)",
                                    path.display()
                                ));
                            }
                            continue;
                        };
                        let relative = path.strip_prefix(p).unwrap_or(path).to_path_buf();
                        out.push(Input {
                            path: path.to_path_buf(),
                            relative,
                            format,
                        });
                    }
                    Ok(_) => {}
                    Err(e) => {
                        // Unreadable folders and symlink loops.
                        warn(format_args!("{e}"));
                        *failures += 1;
                    }
                }
            }
            continue;
        }
        let format = match args.format {
            Some(f) => Ok(f.into()),
            None => Format::of_path(p),
        };
        match format {
            Ok(format) => {
                let relative = PathBuf::from(p.file_name().unwrap_or(p.as_os_str()));
                out.push(Input {
                    path: p.clone(),
                    relative,
                    format,
                });
            }
            Err(e) => {
                warn(e);
                *failures += 1;
            }
        }
    }
    out
}

/// The result of one input: its features and its errors.
struct Done {
    input: Input,
    features: Vec<geojson::Feature>,
    errors: Vec<String>,
    articles: usize,
    bytes: usize,
}

fn process(
    engine: &Engine,
    input: Input,
    stdin: Option<&[u8]>,
    layer: Layer,
    defaults: &Defaults,
) -> Done {
    let mut done = Done {
        input,
        features: Vec::new(),
        errors: Vec::new(),
        articles: 0,
        bytes: 0,
    };
    let source = done.input.path.display().to_string();
    let bytes = match stdin {
        Some(b) => b.to_vec(),
        None => match std::fs::read(&done.input.path) {
            Ok(b) => b,
            Err(e) => {
                done.errors.push(format!("{source}: {e}"));
                return done;
            }
        },
    };
    done.bytes = bytes.len();
    for article in input::read_articles(&source, bytes, done.input.format, defaults) {
        match article {
            Ok(a) => {
                let analysis = engine.analyze(&a.text, a.date);
                done.features
                    .extend(emit::features(&a, &analysis, layer, &engine.gazetteer));
                done.articles += 1;
            }
            Err(e) => done.errors.push(e.to_string()),
        }
    }
    done
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))?;
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

fn map(args: MapArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let engine = Engine::new(load_gazetteer(&args.gazetteer)?);
    let defaults = Defaults {
        date: args.date,
        title: args.title.clone(),
        url: args.url.clone(),
    };
    let mut failures = 0usize;
    let inputs = discover(&args, &mut failures);
    let stdin_bytes = if inputs.iter().any(|i| i.path.as_os_str() == "-") {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("reading stdin")?;
        Some(b)
    } else {
        None
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    let results: Vec<Done> = pool.install(|| {
        inputs
            .into_par_iter()
            .map(|i| {
                let stdin =
                    (i.path.as_os_str() == "-").then(|| stdin_bytes.as_deref().unwrap_or(&[]));
                process(&engine, i, stdin, args.layer, &defaults)
            })
            .collect()
    });

    let (mut articles, mut bytes, mut incidents, mut places) = (0usize, 0usize, 0usize, 0usize);
    for d in &results {
        for e in &d.errors {
            warn(e);
            failures += 1;
        }
        if args.verbose {
            eprintln!(
                "eventmap: {}: {} articles, {} features",
                d.input.path.display(),
                d.articles,
                d.features.len()
            );
        }
        articles += d.articles;
        bytes += d.bytes;
        for f in &d.features {
            match f.property("kind").and_then(|k| k.as_str()) {
                Some("incident") => incidents += 1,
                _ => places += 1,
            }
        }
    }

    if let Some(dir) = &args.out_dir {
        for d in &results {
            if d.articles == 0 {
                continue;
            }
            let path = dir.join(&d.input.relative).with_extension("geojson");
            let features = d.features.clone();
            write_atomic(&path, |w| {
                emit::write_collection(features, &mut WriteAdapter(w))
            })?;
        }
    } else {
        let all: Vec<geojson::Feature> = results.into_iter().flat_map(|d| d.features).collect();
        if args.seq {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            emit::write_seq(&all, &mut w).context("writing stdout")?;
            w.flush().context("writing stdout")?;
        } else if let Some(path) = &args.output {
            write_atomic(path, |w| emit::write_collection(all, &mut WriteAdapter(w)))?;
        } else {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            emit::write_collection(all, &mut w).context("writing stdout")?;
            w.flush().context("writing stdout")?;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    if args.verbose || std::io::stderr().is_terminal() {
        eprintln!(
            "eventmap: {articles} articles read, {failures} failed, {incidents} incidents, {places} places, {:.1} MB in {secs:.2}s ({:.1} MB/s)",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    Ok(if failures > 0 {
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
    let g = load_gazetteer(&args.gazetteer)?;
    let mut hits: Vec<(f64, crate::gazetteer::NameHit)> = g
        .lookup(&args.name)
        .into_iter()
        .map(|h| (crate::resolve::prior(&g.place(h.place), &h), h))
        .collect();
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.place.cmp(&b.1.place)));
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if hits.is_empty() {
        eprintln!(
            "eventmap: no gazetteer entry is named {:?} (folded: {:?})",
            args.name,
            fold::fold(&args.name)
        );
        return Ok(ExitCode::FAILURE);
    }
    if !args.json {
        writeln!(
            w,
            "{:>5}  {:<18} {:<28} {:<2} {:<20} {:<7} {:>10} {:>10} {:>11}  match",
            "prior", "id", "name", "cc", "admin1", "feature", "population", "lat", "lon"
        )?;
    }
    for (score, h) in hits.iter().take(args.limit) {
        let p = g.place(h.place);
        let matched = if h.main {
            "main name"
        } else {
            "alternate name"
        };
        if args.json {
            let v = serde_json::json!({
                "prior": (score * 1000.0).round() / 1000.0, "id": p.id, "name": p.name,
                "country_code": p.country_code, "admin1": p.admin1_name, "feature": p.kind().as_str(),
                "feature_code": p.feature_code, "population": p.population,
                "lat": emit::round6(p.lat), "lon": emit::round6(p.lon), "match": matched,
            });
            writeln!(w, "{v}")?;
        } else {
            writeln!(
                w,
                "{score:>5.2}  {:<18} {:<28} {:<2} {:<20} {:<7} {:>10} {:>10.5} {:>11.5}  {matched}",
                p.id,
                p.name,
                p.country_code,
                p.admin1_name,
                p.kind().as_str(),
                p.population,
                p.lat,
                p.lon
            )?;
        }
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
