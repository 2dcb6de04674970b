//! Counts in messages: "1 article", "3 articles", never "3 article(s)".

/// `n` and the noun, singular for one and plural otherwise: the plural is the noun with `s`,
/// or with `ies` for a noun ending in a consonant and `y` ("entity", "entities").
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let consonant_y = noun.ends_with('y')
        && !noun
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c));
    if consonant_y {
        format!("{n} {}ies", &noun[..noun.len() - 1])
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(3, "merge conflict"), "3 merge conflicts");
        assert_eq!(count(2, "entity"), "2 entities");
        assert_eq!(count(2, "day"), "2 days");
    }
}
