//! `check --fix`: the fixes that need no judgement (a comma after the last item of a JSON
//! payload, a key out of quotes, a wrong reason phrase, an `@odata.type` in the wrong case),
//! written into the pages.
//!
//! A fix is applied only where the file still holds the text it was worked out on, and never
//! where it overlaps another fix of the same run; each file is rewritten atomically (a
//! temporary file beside it, renamed over it), keeping its permissions.

use crate::diagnostics::{Diagnostic, Edit, Fix};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What applying fixes did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Fixes written.
    pub fixes: usize,
    /// Files rewritten.
    pub files: usize,
    /// Read-only files that had fixes, which are left as they are.
    pub read_only: Vec<PathBuf>,
}

impl Applied {
    /// Adds another run's tally to this one (files rewritten in several rounds count once
    /// per round).
    pub fn add(&mut self, other: Applied) {
        self.fixes += other.fixes;
        self.files += other.files;
        for path in other.read_only {
            if !self.read_only.contains(&path) {
                self.read_only.push(path);
            }
        }
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
        let overlaps = |e: &Edit| {
            taken
                .iter()
                .any(|t| e.start < t.end.max(t.start + 1) && t.start < e.end.max(e.start + 1))
        };
        let own_overlap = fix.edits.iter().enumerate().any(|(i, e)| {
            fix.edits[..i]
                .iter()
                .any(|o| e.start < o.end.max(o.start + 1) && o.start < e.end.max(e.start + 1))
        });
        if !in_place || own_overlap || fix.edits.iter().any(overlaps) {
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

/// Applies the fixes of `findings` to their files; `path_of` gives the path of a finding's
/// file (`None` for one that is not a page, such as the schema).
pub fn apply(
    findings: &[Diagnostic],
    path_of: impl Fn(&str) -> Option<PathBuf>,
) -> Result<Applied, String> {
    let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for finding in findings {
        if let Some(fix) = &finding.fix {
            by_file.entry(&finding.file).or_default().push(fix);
        }
    }
    let mut done = Applied::default();
    for (file, fixes) in by_file {
        let Some(path) = path_of(file) else {
            continue;
        };
        // A file its owner made read-only is not replaced behind their back.
        let read_only = std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly());
        if read_only {
            done.read_only.push(path);
            continue;
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("cannot read `{}` to fix it: {e}", path.display()))?;
        let (fixed, applied) = apply_to(&bytes, &fixes);
        if applied == 0 {
            continue;
        }
        write_atomically(&path, &fixed)
            .map_err(|e| format!("cannot write the fixes to `{}`: {e}", path.display()))?;
        done.fixes += applied;
        done.files += 1;
    }
    Ok(done)
}

/// Replaces the contents of `path` with `bytes` in one step: a temporary file in the same
/// folder, given the file's permissions, is renamed over it. A symbolic link is followed, so
/// the file it names is replaced and the link kept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = path.canonicalize()?;
    let folder = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    temporary.persist(&target).map_err(|e| e.error)?;
    Ok(())
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

    #[test]
    fn a_read_only_file_is_left_as_it_is() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("page.md");
        std::fs::write(&path, "a,").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let finding = Diagnostic {
            file: "page.md".into(),
            line: 1,
            column: 2,
            code: "GD0401",
            severity: crate::diagnostics::Severity::Warning,
            message: String::new(),
            help: None,
            fix: Some(Box::new(fix(1, 2, ",", ""))),
        };
        let applied = apply(&[finding], |file| Some(folder.path().join(file))).unwrap();
        assert_eq!((applied.fixes, applied.files), (0, 0));
        assert_eq!(applied.read_only, std::slice::from_ref(&path));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,");
    }

    #[test]
    fn a_file_is_rewritten_in_place_keeping_its_permissions() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("page.md");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let left: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
