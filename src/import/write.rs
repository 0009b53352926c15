//! Writing a report folder (and the areas.toml addition) all or nothing: the files are written
//! into a hidden folder beside the target (the content loader skips hidden folders) and renamed
//! into place; an existing folder is replaced only with `--force`, and only after the new one is
//! complete.

use crate::messages::{self, Lang};
use std::path::{Path, PathBuf};

/// A file of the report folder: its name and contents.
pub struct FileOut {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A TOML string value: a literal multi-line string for text with line breaks (readable when
/// edited by hand), else a basic string with the escapes TOML needs.
pub fn toml_string(s: &str) -> String {
    toml_string_as(s, s.contains('\n'))
}

/// As `toml_string`; `block` asks for the multi-line form where TOML allows it.
pub fn toml_string_as(s: &str, block: bool) -> String {
    if block
        && !s.contains("'''")
        && !s.chars().any(|c| c.is_control() && c != '\n')
        && !s.ends_with('\'')
    {
        format!("'''\n{s}\n'''")
    } else {
        toml::Value::String(s.to_string()).to_string()
    }
}

/// `key = value` lines for the set values, in order.
pub fn front(pairs: &[(&str, Option<String>)], draft: bool) -> String {
    let mut out = String::from("+++\n");
    for (k, v) in pairs {
        if let Some(v) = v {
            // A direction is a paragraph or more: written as a block, as in hand-made content.
            out.push_str(&format!(
                "{k} = {}\n",
                toml_string_as(v, v.contains('\n') || *k == "direction")
            ));
        }
    }
    if draft {
        out.push_str("draft = true\n");
    }
    out.push_str("+++\n");
    out
}

/// What the site must pass once the files are in place (a content check); on failure everything
/// is put back as it was.
pub type Check<'a> = &'a dyn Fn() -> Result<(), String>;

/// The `Check` of `import` and `new`: the site under `root`, the new report in it, loads and
/// builds its model; else the errors in `lang`, said by `taken_back`.
pub fn site_loads(
    root: &Path,
    lang: Lang,
    taken_back: impl Fn(String) -> String,
) -> Result<(), String> {
    // The site loaded before the report was written: an error now is the report's.
    let loaded = crate::content::load_clean(root)
        .map_err(|d| taken_back(d.in_language(lang).to_string()))?;
    crate::model::build(loaded, true, lang)
        .map(|_| ())
        .map_err(|d| taken_back(d.in_language(lang).to_string()))
}

/// Writes `files` as the folder `target`. Fails without touching anything when `target` exists
/// and `force` is not set; with it, the folder's Markdown is replaced and the other files the
/// user put there (attachments, as the README tells them to) are kept, unless the import writes
/// one of the same name: returns those kept. `areas` is the new text of areas.toml, written
/// after the folder is in place; if that fails, or `check` fails, the folder and areas.toml are
/// put back. The error in `lang`.
pub fn write_report(
    target: &Path,
    files: &[FileOut],
    force: bool,
    areas: Option<(&Path, &str)>,
    check: Check,
    lang: Lang,
) -> Result<Vec<String>, String> {
    if target.exists() && !force {
        return Err(messages::import_exists(lang, target.display()));
    }
    let parent = target
        .parent()
        .ok_or_else(|| messages::import_no_parent(lang))?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| messages::import_bad_folder_name(lang))?;
    let made_parent = !parent.exists();
    std::fs::create_dir_all(parent).map_err(|e| {
        messages::import_cannot_create(lang, parent.display(), messages::io(lang, &e))
    })?;
    let staging = parent.join(format!(".{name}.uppsikt-import-{}", std::process::id()));
    let result = stage_and_swap(&staging, target, files, areas, check, lang);
    if staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    if result.is_err() && made_parent {
        let _ = std::fs::remove_dir(parent); // the year folder made for it, if still empty
    }
    result
}

fn stage_and_swap(
    staging: &Path,
    target: &Path,
    files: &[FileOut],
    areas: Option<(&Path, &str)>,
    check: Check,
    lang: Lang,
) -> Result<Vec<String>, String> {
    let io = |what: &Path, e: std::io::Error| {
        messages::import_cannot_write(lang, what.display(), messages::io(lang, &e))
    };
    std::fs::create_dir(staging).map_err(|e| io(staging, e))?;
    for f in files {
        let path = staging.join(&f.name);
        std::fs::write(&path, &f.bytes).map_err(|e| io(&path, e))?;
    }
    let kept = carry_over(target, staging, Path::new("")).map_err(|(path, e)| {
        messages::import_cannot_write(lang, path.display(), messages::io(lang, &e))
    })?;
    let areas_tmp = match areas {
        Some((path, text)) => {
            let tmp = hidden_beside(path);
            std::fs::write(&tmp, text).map_err(|e| io(&tmp, e))?;
            Some((path, tmp))
        }
        None => None,
    };
    let cleanup = |t: &Option<(&Path, PathBuf)>| {
        if let Some((_, tmp)) = t {
            let _ = std::fs::remove_file(tmp);
        }
    };
    // The previous folder moves aside first, so that the rename cannot fail on it.
    let aside = target.with_file_name(format!(
        ".{}.uppsikt-replaced-{}",
        target
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("report"),
        std::process::id()
    ));
    let replaced = target.exists();
    if replaced {
        if let Err(e) = std::fs::rename(target, &aside) {
            cleanup(&areas_tmp);
            return Err(io(target, e));
        }
    }
    if let Err(e) = std::fs::rename(staging, target) {
        if replaced {
            let _ = std::fs::rename(&aside, target);
        }
        cleanup(&areas_tmp);
        return Err(io(target, e));
    }
    let put_back = || {
        let _ = std::fs::remove_dir_all(target);
        if replaced {
            let _ = std::fs::rename(&aside, target);
        }
    };
    let mut old_areas = None;
    if let Some((path, tmp)) = &areas_tmp {
        old_areas = std::fs::read(path).ok();
        if let Err(e) = std::fs::rename(tmp, path) {
            put_back();
            cleanup(&areas_tmp);
            return Err(io(path, e));
        }
    }
    if let Err(e) = check() {
        put_back();
        if let (Some((path, _)), Some(old)) = (&areas_tmp, old_areas) {
            let _ = std::fs::write(path, old);
        }
        return Err(e);
    }
    if replaced {
        remove_any(&aside);
    }
    Ok(kept)
}

/// Copies into `staging` the files under `old` (the folder being replaced; `at` the folder
/// within it) that are not Markdown and that the import does not write itself: what the user
/// added. Returns their paths within the folder. Nothing when `old` is no folder.
fn carry_over(
    old: &Path,
    staging: &Path,
    at: &Path,
) -> Result<Vec<String>, (PathBuf, std::io::Error)> {
    let mut kept = Vec::new();
    let Ok(entries) = std::fs::read_dir(old.join(at)) else {
        return Ok(kept);
    };
    for entry in entries.flatten() {
        let rel = at.join(entry.file_name());
        let (from, to) = (old.join(&rel), staging.join(&rel));
        let kind = entry.file_type().map_err(|e| (from.clone(), e))?;
        if kind.is_dir() {
            kept.extend(carry_over(old, staging, &rel)?);
        } else if kind.is_file() && !to.exists() && rel.extension().is_none_or(|x| x != "md") {
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| (parent.to_path_buf(), e))?;
            }
            std::fs::copy(&from, &to).map_err(|e| (to.clone(), e))?;
            kept.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    kept.sort();
    Ok(kept)
}

/// A file name beside `path` for its new text until it is renamed into place: hidden, so that
/// an import killed in between leaves nothing the build copies to the site (content/'s other
/// files are published as they are).
fn hidden_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "areas.toml".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.uppsikt-import-{}", std::process::id()))
}

/// Removes what was replaced: a folder, or a file (or link) where the folder goes, which
/// `remove_dir_all` would leave behind.
fn remove_any(path: &Path) {
    let _ = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        _ => std::fs::remove_file(path),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_parse_back_to_the_text() {
        for s in [
            "Titel med \"citat\"",
            "rad ett\nrad två",
            "slutar med '",
            "a'''b\nc",
            "tab\there",
        ] {
            let doc = format!("v = {}", toml_string(s));
            let v: toml::Table = toml::from_str(&doc).unwrap();
            // A multi-line string ends with the line break before its closing quotes.
            assert_eq!(
                v["v"].as_str().map(str::trim_end),
                Some(s.trim_end()),
                "{doc}"
            );
        }
    }

    #[test]
    fn the_new_areas_file_waits_hidden_beside_the_old() {
        let tmp = hidden_beside(Path::new("site/content/areas.toml"));
        assert_eq!(tmp.parent(), Some(Path::new("site/content")));
        let name = tmp.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".areas.toml.uppsikt-import-"), "{name}");
    }

    #[test]
    fn an_existing_folder_is_kept_without_force_and_replaced_with_it() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("2026").join("april");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("_index.md"), "gammal").unwrap();
        let files = [FileOut {
            name: "_index.md".into(),
            bytes: b"ny".to_vec(),
        }];
        let err = write_report(&target, &files, false, None, &|| Ok(()), Lang::Sv).unwrap_err();
        assert!(err.contains("finns redan"), "{err}");
        assert_eq!(
            std::fs::read_to_string(target.join("_index.md")).unwrap(),
            "gammal"
        );
        write_report(&target, &files, true, None, &|| Ok(()), Lang::Sv).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("_index.md")).unwrap(),
            "ny"
        );
        let left: Vec<_> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .collect();
        assert_eq!(
            left.len(),
            1,
            "no staging or replaced folder is left behind"
        );
    }
}
