//! The names of every word the playground shows: [`Words`], one field per
//! text. A fixed text is a `&'static str`; a text with values in it is a
//! function of them, so each language puts them where its grammar wants.
//! A new text gets its field here and its words in both `en.rs` and `zh.rs`.

/// Declares [`Words`] and, for the tests, the list of its fixed texts.
macro_rules! words {
    (
        texts { $( $(#[doc = $doc:literal])+ $text:ident, )* }
        with_values { $( $(#[doc = $fdoc:literal])+ $format:ident: fn($($arg:ty),*), )* }
    ) => {
        /// Every word the playground shows, in one language.
        pub struct Words {
            $( $(#[doc = $doc])+ pub $text: &'static str, )*
            $( $(#[doc = $fdoc])+ pub $format: fn($($arg),*) -> String, )*
        }

        #[cfg(test)]
        impl Words {
            /// Every fixed text, by field name.
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![$( (stringify!($text), self.$text), )*]
            }
        }
    };
}

words! {
    texts {
        // The page.
        /// The page's `<title>` and the header's heading.
        page_title,
        /// The language switch's title.
        language,
        // The form.
        // Settings.
        // Runs.
        // The gallery.
        // Conversations.
        // Errors and advice.
        // Validation.
    }
    with_values {
        // The page.
        /// The header's running total: tokens, then the estimated cost (already formatted).
        session_totals: fn(&str, &str),
        // The form.
        // Settings.
        // Runs.
        // The gallery.
        // Conversations.
        // Errors and advice.
        // Validation.
    }
}
