//! Which files a fleet run scans: the files under folders, the paths in list files, single images.

use std::path::{Path, PathBuf};

/// One image to scan.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    /// Where the file is (for an object, its URL).
    pub path: PathBuf,
    /// Its name in the fleet: the path relative to the folder or list it came from, `/`-separated. The
    /// first folder is read as the vendor and the second as the product (see
    /// [`fwassure_store::split_fleet_path`]).
    pub rel: String,
    /// The object's `s3://bucket/key` when the image is in an object store (see [`crate::objects`]).
    pub object: Option<String>,
}

impl Target {
    /// A file, named `rel` in the fleet.
    pub fn file(path: impl Into<PathBuf>, rel: impl Into<String>) -> Target {
        Target { path: path.into(), rel: rel.into(), object: None }
    }

    /// Where the image is: the object's URL or the file's path, as stored among the image's paths.
    pub fn location(&self) -> String {
        match &self.object {
            Some(url) => url.clone(),
            None => self.path.display().to_string(),
        }
    }
}

/// Largest list file read (a list of paths is text; anything bigger is an image).
const MAX_LIST_BYTES: u64 = 16 << 20;

/// The images named by `inputs`, sorted by fleet name, each once: every regular file under a folder
/// (recursively, hidden entries and symbolic links skipped), every path in a list file (a text file whose
/// non-empty lines, `#` comments aside, all name existing files; relative lines are read from the list's
/// folder), and any other file as an image itself.
pub fn collect(inputs: &[PathBuf]) -> std::io::Result<Vec<Target>> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)?;
        if meta.is_dir() {
            walk(input, input, &mut out)?;
        } else if let Some(paths) = read_list(input, meta.len()) {
            let base = input.parent().unwrap_or(Path::new("."));
            for p in paths {
                let rel = match p.strip_prefix(base) {
                    Ok(r) if p.is_relative() || !r.as_os_str().is_empty() => slash(r),
                    _ => slash(&p),
                };
                let path = if p.is_absolute() { p } else { base.join(&p) };
                out.push(Target::file(path, rel.trim_start_matches('/')));
            }
        } else {
            let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            out.push(Target::file(input.clone(), name));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

/// [`collect`], and the objects under `s3://bucket/prefix` inputs ([`crate::objects::list`]): every image
/// the inputs name, sorted by fleet name, each once.
pub async fn collect_sources(
    inputs: &[PathBuf],
    objects: &crate::ObjectOptions,
) -> Result<Vec<Target>, Box<dyn std::error::Error + Send + Sync>> {
    let url = |p: &PathBuf| p.to_str().filter(|s| crate::objects::is_object_url(s)).map(str::to_string);
    let urls: Vec<String> = inputs.iter().filter_map(url).collect();
    let paths: Vec<PathBuf> = inputs.iter().filter(|p| url(p).is_none()).cloned().collect();
    let mut out =
        if paths.is_empty() { Vec::new() } else { tokio::task::spawn_blocking(move || collect(&paths)).await?? };
    for url in urls {
        out.extend(crate::objects::list(&url, objects).await?);
    }
    out.sort();
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Target>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let ft = e.file_type()?;
        let path = e.path();
        if ft.is_dir() {
            walk(root, &path, out)?;
        } else if ft.is_file() {
            let rel = slash(path.strip_prefix(root).unwrap_or(&path));
            out.push(Target::file(path, rel));
        }
    }
    Ok(())
}

fn slash(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The paths of a list file, or `None` when the file is not one.
fn read_list(path: &Path, len: u64) -> Option<Vec<PathBuf>> {
    if len == 0 || len > MAX_LIST_BYTES {
        return None;
    }
    let text = String::from_utf8(std::fs::read(path).ok()?).ok()?;
    let base = path.parent().unwrap_or(Path::new("."));
    let lines: Vec<PathBuf> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(PathBuf::from).collect();
    let all_exist = !lines.is_empty() && lines.iter().all(|p| base.join(p).is_file());
    all_exist.then_some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_lists_and_files() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        std::fs::create_dir_all(r.join("acme/cam/.git")).unwrap();
        std::fs::write(r.join("acme/cam/b.bin"), b"x").unwrap();
        std::fs::write(r.join("acme/cam/a.bin"), b"x").unwrap();
        std::fs::write(r.join("acme/cam/.git/HEAD"), b"x").unwrap();
        std::fs::write(r.join("one.img"), b"y").unwrap();
        std::fs::write(r.join("fleet.list"), "# two images\nacme/cam/a.bin\n\none.img\n").unwrap();
        let got = collect(&[r.join("acme")]).unwrap();
        let rels: Vec<_> = got.iter().map(|t| t.rel.as_str()).collect();
        assert_eq!(rels, ["cam/a.bin", "cam/b.bin"]);
        let got = collect(&[r.join("fleet.list")]).unwrap();
        let rels: Vec<_> = got.iter().map(|t| t.rel.as_str()).collect();
        assert_eq!(rels, ["acme/cam/a.bin", "one.img"]);
        assert!(got.iter().all(|t| t.path.is_file()));
        // a text file naming a missing file is an image, not a list
        std::fs::write(r.join("notes.txt"), "missing.bin\n").unwrap();
        assert_eq!(collect(&[r.join("notes.txt")]).unwrap()[0].rel, "notes.txt");
        assert!(collect(&[r.join("nope")]).is_err());
    }
}
