//! Which lines of a file the last edit changed: a longest-common-subsequence line diff,
//! after trimming the common prefix and suffix (most edits touch a few lines).

/// Indices (0-based) of lines in `new` that are not in the LCS with `old`.
pub fn changed_lines(old: &str, new: &str) -> Vec<usize> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    matches(&a, &b)
        .into_iter()
        .enumerate()
        .filter_map(|(j, kept)| kept.is_none().then_some(j))
        .collect()
}

/// For each item of `new`, the index of the same item in `old` when it is part of their
/// longest common subsequence (kept), or `None` (inserted or changed). Kept indices increase,
/// so the preview can keep those lines' DOM where it is and insert only the others.
pub fn matches<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Option<usize>> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let a_mid = &a[prefix..a.len() - suffix];
    let b_mid = &b[prefix..b.len() - suffix];
    let mut out: Vec<Option<usize>> = (0..prefix).map(Some).collect();
    // Guard against pathological sizes: the whole middle counts as new.
    if a_mid.is_empty() || b_mid.is_empty() || a_mid.len() * b_mid.len() > 4_000_000 {
        out.extend(std::iter::repeat_n(None, b_mid.len()));
    } else {
        let (n, m) = (a_mid.len(), b_mid.len());
        let mut table = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                table[i * (m + 1) + j] = if a_mid[i] == b_mid[j] {
                    table[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    table[(i + 1) * (m + 1) + j].max(table[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while j < m {
            if i < n && a_mid[i] == b_mid[j] {
                out.push(Some(prefix + i));
                i += 1;
                j += 1;
            } else if i < n && table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                i += 1;
            } else {
                out.push(None);
                j += 1;
            }
        }
    }
    let a_suffix = a.len() - suffix;
    out.extend((0..suffix).map(|k| Some(a_suffix + k)));
    out
}
