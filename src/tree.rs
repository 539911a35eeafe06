//! The preview's file tree: the bundle's paths as folders and files in tree order (a folder
//! before the files beside it, names in byte order), as the flat rows an ARIA tree with
//! `aria-level` / `aria-posinset` / `aria-setsize` needs. Pure: the widget lives in
//! `components/file_tree.rs`.

use std::cmp::Ordering;
use std::collections::BTreeSet;

/// Tree order for two paths: at the first segment where they differ, a folder comes before a
/// file, and otherwise names compare in byte order.
pub fn tree_order(a: &str, b: &str) -> Ordering {
    let (sa, sb): (Vec<&str>, Vec<&str>) = (a.split('/').collect(), b.split('/').collect());
    for i in 0..sa.len().min(sb.len()) {
        if sa[i] != sb[i] {
            let a_folder = i + 1 < sa.len();
            let b_folder = i + 1 < sb.len();
            return b_folder.cmp(&a_folder).then_with(|| sa[i].cmp(sb[i]));
        }
    }
    sa.len().cmp(&sb.len())
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// A folder's path (`k8s/overlays`) or a file's.
    pub path: String,
    /// The last segment, shown.
    pub name: String,
    pub folder: bool,
    /// 1 for the top level.
    pub level: usize,
    /// 1-based position among its siblings, and how many siblings there are.
    pub pos: usize,
    pub size: usize,
}

/// The rows of `paths` (already in tree order), leaving out what is inside a collapsed folder.
pub fn rows(paths: &[String], collapsed: &BTreeSet<String>) -> Vec<Row> {
    let mut all: Vec<Row> = Vec::new();
    let mut open: Vec<String> = Vec::new(); // the folders the last row is inside
    for path in paths {
        let segments: Vec<&str> = path.split('/').collect();
        let folders = &segments[..segments.len() - 1];
        let common = open
            .iter()
            .zip(folders)
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        open.truncate(common);
        for (i, name) in folders.iter().enumerate().skip(common) {
            all.push(Row {
                path: folders[..=i].join("/"),
                name: name.to_string(),
                folder: true,
                level: i + 1,
                pos: 0,
                size: 0,
            });
            open.push(name.to_string());
        }
        all.push(Row {
            path: path.clone(),
            name: segments[segments.len() - 1].to_string(),
            folder: false,
            level: segments.len(),
            pos: 0,
            size: 0,
        });
    }
    // Sibling positions: rows of one level between two rows of a lower level.
    for i in 0..all.len() {
        let level = all[i].level;
        let start = (0..i)
            .rev()
            .take_while(|&j| all[j].level >= level)
            .last()
            .unwrap_or(i);
        let siblings = |range: &mut dyn Iterator<Item = usize>| {
            range.filter(|&j| all[j].level == level).count()
        };
        let before = siblings(&mut (start..i));
        let end = (i..all.len())
            .take_while(|&j| all[j].level >= level)
            .last()
            .unwrap_or(i);
        let size = siblings(&mut (start..=end));
        all[i].pos = before + 1;
        all[i].size = size;
    }
    all.into_iter()
        .filter(|r| {
            // Hidden when an enclosing folder is collapsed.
            let mut prefix = String::new();
            for seg in r.path.split('/').take(r.level - 1) {
                if !prefix.is_empty() {
                    prefix.push('/');
                }
                prefix.push_str(seg);
                if collapsed.contains(&prefix) {
                    return false;
                }
            }
            true
        })
        .collect()
}

/// The folders that hold `path` (`a/b/c.txt`: `a`, `a/b`).
pub fn ancestors(path: &str) -> Vec<String> {
    let segments: Vec<&str> = path.split('/').collect();
    (1..segments.len())
        .map(|i| segments[..i].join("/"))
        .collect()
}

/// One line of a file that holds the searched text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub path: String,
    /// 0-based.
    pub line: usize,
    pub text: String,
    /// Byte range of the first match in `text`.
    pub start: usize,
    pub end: usize,
}

/// Every line of `files` holding `query` (case-insensitive for ASCII letters).
pub fn search<'a>(files: impl Iterator<Item = (&'a str, &'a str)>, query: &str) -> Vec<Hit> {
    let needle = query.to_ascii_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (path, text) in files {
        for (n, line) in text.lines().enumerate() {
            // ASCII lowering keeps byte offsets, so the range fits the original line.
            if let Some(start) = line.to_ascii_lowercase().find(&needle) {
                hits.push(Hit {
                    path: path.to_string(),
                    line: n,
                    text: line.to_string(),
                    start,
                    end: start + needle.len(),
                });
            }
        }
    }
    hits
}
