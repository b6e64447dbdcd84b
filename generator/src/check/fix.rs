//! `check --fix`: the fixes that need no judgement (a comma after the last item of a JSON
//! payload, a key out of quotes, a wrong reason phrase, an `@odata.type` in the wrong case),
//! written into the pages.
//!
//! A fix is applied only where the file still holds the text it was worked out on, and never
//! where it overlaps another fix of the same run. A page is left as it is, with the reason,
//! when it is read-only, changed since it was checked, or not valid UTF-8 (the offsets are
//! the lossy text's). Each page is rewritten atomically (a temporary file beside it, with its
//! permissions and owner, renamed over it), or in place when that would not keep it whole (a
//! file with other hard links, or whose owner cannot be given to the temporary file) or
//! cannot be done (a folder that takes no new file).

use crate::diagnostics::{Diagnostic, Edit, Fix};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What applying fixes did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Fixes written.
    pub fixes: usize,
    /// Files rewritten.
    pub files: BTreeSet<PathBuf>,
    /// Files that had fixes but were left as they are, with the reason.
    pub left: BTreeMap<PathBuf, String>,
}

impl Applied {
    /// Adds another round's tally to this one.
    pub fn add(&mut self, other: Applied) {
        self.fixes += other.fixes;
        self.files.extend(other.files);
        self.left.extend(other.left);
    }
}

/// Applies `fixes` to `bytes`: each fix whose edits all find their original text in place
/// and overlap no edit of a fix taken before it (fixes are taken in order of their first
/// edit). Returns the new bytes and how many fixes were applied.
pub fn apply_to(bytes: &[u8], fixes: &[&Fix]) -> (Vec<u8>, usize) {
    let mut ordered: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty())
        .collect();
    ordered.sort_by_key(|f| (f.edits[0].start, f.edits[0].end));
    ordered.dedup();
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in ordered {
        let in_place = fix
            .edits
            .iter()
            .all(|e| e.start <= e.end && bytes.get(e.start..e.end) == Some(e.original.as_bytes()));
        // An edit may touch neither an edit already taken nor an earlier one of its own fix.
        let clashes = fix.edits.iter().enumerate().any(|(i, e)| {
            taken.iter().any(|t| overlap(e, t)) || fix.edits[..i].iter().any(|o| overlap(e, o))
        });
        if !in_place || clashes {
            continue;
        }
        taken.extend(&fix.edits);
        applied += 1;
    }
    taken.sort_by_key(|e| (e.start, e.end));
    let mut out = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    for edit in taken {
        out.extend_from_slice(&bytes[copied..edit.start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        copied = edit.end;
    }
    out.extend_from_slice(&bytes[copied..]);
    (out, applied)
}

/// Whether two edits touch the same bytes; an insertion (an empty range) counts as its place.
fn overlap(a: &Edit, b: &Edit) -> bool {
    a.start < b.end.max(b.start + 1) && b.start < a.end.max(a.start + 1)
}

/// Applies the fixes of `findings` to their files. `page_of` gives, for a finding's file,
/// its path and the text it was checked on (`None` for a file that is not a page, such as the
/// schema).
pub fn apply<'t>(
    findings: &[Diagnostic],
    page_of: impl Fn(&str) -> Option<(PathBuf, &'t str)>,
) -> Applied {
    let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for finding in findings {
        if let Some(fix) = &finding.fix {
            by_file.entry(&finding.file).or_default().push(fix);
        }
    }
    let mut done = Applied::default();
    for (file, fixes) in by_file {
        let Some((path, checked)) = page_of(file) else {
            continue;
        };
        match fix_file(&path, checked, &fixes) {
            Ok(0) => {}
            Ok(applied) => {
                done.fixes += applied;
                done.files.insert(path);
            }
            Err(why) => {
                done.left.insert(path, why);
            }
        }
    }
    done
}

/// Applies `fixes` to the page at `path`, which was checked on the text `checked`; how many
/// were written, or why the page was left as it is.
fn fix_file(path: &Path, checked: &str, fixes: &[&Fix]) -> Result<usize, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    // A file its owner made read-only is not replaced behind their back.
    if metadata.permissions().readonly() {
        return Err("it is read-only".into());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
    if std::str::from_utf8(&bytes).is_err() {
        return Err("it is not valid UTF-8, so the fixes' offsets are not its bytes'".into());
    }
    if bytes != checked.as_bytes() {
        return Err("it changed since it was checked".into());
    }
    let (fixed, applied) = apply_to(&bytes, fixes);
    if applied > 0 {
        write_whole(path, &metadata, &fixed).map_err(|e| format!("cannot be written: {e}"))?;
    }
    Ok(applied)
}

/// Replaces the contents of `path` with `bytes`, keeping the file what it was: atomically
/// through a temporary file beside it that takes the file's permissions and owner, then is
/// renamed over it; in place when renaming would part it from other hard links to it or give
/// it another owner, or when its folder takes no new file. A symbolic link is followed, so the file it names is replaced and the
/// link kept.
pub fn write_whole(path: &Path, metadata: &std::fs::Metadata, bytes: &[u8]) -> std::io::Result<()> {
    let target = path.canonicalize()?;
    if has_other_links(metadata) {
        return std::fs::write(&target, bytes);
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    // A folder that takes no new file still lets a writable page be written in place.
    let Ok(mut temporary) = tempfile::NamedTempFile::new_in(folder) else {
        return std::fs::write(&target, bytes);
    };
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), metadata.permissions())?;
    if !same_owner(temporary.as_file(), metadata) {
        drop(temporary);
        return std::fs::write(&target, bytes);
    }
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn has_other_links(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_links(_: &std::fs::Metadata) -> bool {
    false
}

/// Gives `file` the owner and group of `metadata`'s file; whether it has them.
#[cfg(unix)]
fn same_owner(file: &std::fs::File, metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let owned = |m: &std::fs::Metadata| (m.uid(), m.gid());
    let wanted = owned(metadata);
    if file.metadata().is_ok_and(|m| owned(&m) == wanted) {
        return true;
    }
    std::os::unix::fs::fchown(file, Some(wanted.0), Some(wanted.1)).is_ok()
}

#[cfg(not(unix))]
fn same_owner(_: &std::fs::File, _: &std::fs::Metadata) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, original: &str, replacement: &str) -> Edit {
        Edit {
            start,
            end,
            original: original.to_string(),
            replacement: replacement.to_string(),
        }
    }

    fn fix(start: usize, end: usize, original: &str, replacement: &str) -> Fix {
        Fix {
            edits: vec![edit(start, end, original, replacement)],
        }
    }

    #[test]
    fn the_edits_of_a_fix_are_applied_together_or_not_at_all() {
        let both = Fix {
            edits: vec![edit(0, 1, "a", "A"), edit(2, 3, "c", "C")],
        };
        assert_eq!(apply_to(b"abc", &[&both]), (b"AbC".to_vec(), 1));
        let one_moved = Fix {
            edits: vec![edit(0, 1, "a", "A"), edit(2, 3, "x", "X")],
        };
        assert_eq!(apply_to(b"abc", &[&one_moved]), (b"abc".to_vec(), 0));
    }

    #[test]
    fn fixes_are_applied_in_order_of_position() {
        let text = b"{\"a\": 1,}\nHTTP/1.1 201 OK";
        let comma = fix(7, 8, ",", "");
        let reason = fix(23, 25, "OK", "Created");
        let (fixed, applied) = apply_to(text, &[&reason, &comma]);
        assert_eq!(applied, 2);
        assert_eq!(fixed, b"{\"a\": 1}\nHTTP/1.1 201 Created");
    }

    #[test]
    fn a_fix_whose_text_moved_or_changed_is_not_applied() {
        let (fixed, applied) = apply_to(b"{\"a\": 1}", &[&fix(7, 8, ",", "")]);
        assert_eq!((fixed.as_slice(), applied), (&b"{\"a\": 1}"[..], 0));
        let (_, applied) = apply_to(b"ab", &[&fix(1, 9, "b", "")]);
        assert_eq!(applied, 0);
    }

    #[test]
    fn of_two_overlapping_fixes_only_the_first_is_applied() {
        let first = fix(0, 3, "abc", "x");
        let overlapping = fix(2, 4, "cd", "y");
        let same = first.clone();
        let (fixed, applied) = apply_to(b"abcde", &[&overlapping, &first, &same]);
        assert_eq!((fixed.as_slice(), applied), (&b"xde"[..], 1));
    }

    /// A page holding `text` in a fresh folder, and a finding on it that deletes its last
    /// byte (a `,`).
    fn page_with_a_fix(text: &str) -> (tempfile::TempDir, PathBuf, Diagnostic) {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("page.md");
        std::fs::write(&path, text).unwrap();
        let finding = Diagnostic {
            file: "page.md".into(),
            line: 1,
            column: text.len(),
            code: "GD0401",
            severity: crate::diagnostics::Severity::Warning,
            message: String::new(),
            help: None,
            fix: Some(Box::new(fix(text.len() - 1, text.len(), ",", ""))),
            also_at: Vec::new(),
        };
        (folder, path, finding)
    }

    #[test]
    fn a_page_is_fixed_when_it_still_holds_the_text_it_was_checked_on() {
        let (_folder, path, finding) = page_with_a_fix("[1,");
        let applied = apply(&[finding], |_| Some((path.clone(), "[1,")));
        assert_eq!(applied.fixes, 1);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[1");
    }

    #[test]
    fn a_page_changed_since_it_was_checked_is_left_as_it_is() {
        let (_folder, path, finding) = page_with_a_fix("[1,");
        let applied = apply(&[finding], |_| Some((path.clone(), "[0,")));
        assert_eq!(applied.fixes, 0);
        assert!(applied.left[&path].contains("changed since"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[1,");
    }

    #[test]
    fn a_page_that_is_not_utf8_is_left_as_it_is() {
        let (_folder, path, finding) = page_with_a_fix("[1,");
        std::fs::write(&path, b"\x93[,").unwrap();
        let applied = apply(&[finding], |_| Some((path.clone(), "\u{fffd}[,")));
        assert!(applied.left[&path].contains("UTF-8"));
        assert_eq!(std::fs::read(&path).unwrap(), b"\x93[,");
    }

    #[test]
    fn a_read_only_page_is_left_as_it_is() {
        let (_folder, path, finding) = page_with_a_fix("[1,");
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let applied = apply(&[finding], |_| Some((path.clone(), "[1,")));
        assert!(applied.left[&path].contains("read-only"));
        assert!(applied.files.is_empty());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[1,");
    }

    #[test]
    fn a_page_is_rewritten_whole_keeping_its_permissions() {
        let (folder, path, finding) = page_with_a_fix("[1,");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        apply(&[finding], |_| Some((path.clone(), "[1,")));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[1");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        let left: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_page_with_other_hard_links_is_rewritten_in_place() {
        let (folder, path, finding) = page_with_a_fix("[1,");
        let other = folder.path().join("other-name.md");
        std::fs::hard_link(&path, &other).unwrap();
        apply(&[finding], |_| Some((path.clone(), "[1,")));
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "[1");
    }
}
