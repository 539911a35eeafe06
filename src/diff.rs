//! Which lines of a file the last edit changed: a longest-common-subsequence line diff,
//! after trimming the common prefix and suffix (most edits touch a few lines).

/// Indices (0-based) of lines in `new` that are not in the LCS with `old`.
pub fn changed_lines(old: &str, new: &str) -> Vec<usize> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let a_mid = &a[prefix..a.len() - suffix];
    let b_mid = &b[prefix..b.len() - suffix];
    if a_mid.is_empty() {
        return (prefix..prefix + b_mid.len()).collect();
    }
    if b_mid.is_empty() {
        return Vec::new();
    }
    // Guard against pathological sizes: mark the whole middle as changed.
    if a_mid.len() * b_mid.len() > 4_000_000 {
        return (prefix..prefix + b_mid.len()).collect();
    }
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
    let mut changed = Vec::new();
    while j < m {
        if i < n && a_mid[i] == b_mid[j] {
            i += 1;
            j += 1;
        } else if i < n && table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            changed.push(prefix + j);
            j += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::changed_lines;

    #[test]
    fn marks_inserted_and_edited_lines() {
        assert_eq!(changed_lines("a\nb\nc\n", "a\nB\nc\n"), vec![1]);
        assert_eq!(changed_lines("a\nc\n", "a\nb\nc\n"), vec![1]);
        assert_eq!(changed_lines("a\nb\n", "a\n"), Vec::<usize>::new());
        assert_eq!(changed_lines("", "x\ny\n"), vec![0, 1]);
        assert_eq!(changed_lines("x\na\nb\ny\n", "x\nb\na\ny\n"), vec![2]);
    }
}
