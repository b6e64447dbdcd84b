//! Regular expressions declared once per module, compiled on first use or ahead of the pages.

/// Declares a module's regular expressions as lazily compiled statics, and its
/// `compile_patterns()`, which compiles them all at once. A run calls that while it finds the
/// files, on another thread, so that no page waits for a pattern; a pattern declared here is
/// always among them.
macro_rules! patterns {
    ($($(#[$attribute:meta])* static $name:ident = $source:expr;)+) => {
        $(
            $(#[$attribute])*
            static $name: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| regex::Regex::new($source).expect("valid regex"));
        )+

        /// Compiles this module's patterns now, so that no page waits for them.
        pub(crate) fn compile_patterns() {
            $(std::sync::LazyLock::force(&$name);)+
        }
    };
}

pub(crate) use patterns;
