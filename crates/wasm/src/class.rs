//! The error classes of the npm package, as the official `openai` package
//! names them: the one table of their names, their parents, their docs and
//! the HTTP statuses each stands for. The Rust API classes its errors by it
//! ([`crate::Error::class`]), and `cargo xtask generated` writes the classes
//! of `js/index.js` and their declarations in `js/index.d.ts` from it.

use std::ops::RangeInclusive;

/// An error class of the npm package (`RateLimitError`, …), and the kind of
/// [`crate::Error`] the Rust API reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// `ImagesError`, the base class; no error is of this class alone.
    Images,
    /// `APIError`: an error answer of no more particular class, or an answer
    /// that could not be used.
    Api,
    /// `BadRequestError` (400).
    BadRequest,
    /// `AuthenticationError` (401).
    Authentication,
    /// `PermissionDeniedError` (403).
    PermissionDenied,
    /// `NotFoundError` (404).
    NotFound,
    /// `ConflictError` (409).
    Conflict,
    /// `UnprocessableEntityError` (422).
    UnprocessableEntity,
    /// `RateLimitError` (429).
    RateLimit,
    /// `InternalServerError` (500 and above).
    InternalServer,
    /// `WasmLoadError`: the package's WebAssembly could not be loaded (thrown
    /// by `index.js` alone).
    WasmLoad,
    /// `APIUserAbortError`: the caller's `AbortSignal` fired.
    UserAbort,
    /// `APIConnectionError`: no answer came.
    Connection,
    /// `APIConnectionTimeoutError`: an attempt took longer than the timeout.
    ConnectionTimeout,
    /// `ValidationError`: the request breaks the API's rules.
    Validation,
}

impl ErrorClass {
    /// Every class, each after its parent (the order `index.js` defines them in).
    pub const ALL: [ErrorClass; 15] = [
        ErrorClass::Images,
        ErrorClass::Api,
        ErrorClass::BadRequest,
        ErrorClass::Authentication,
        ErrorClass::PermissionDenied,
        ErrorClass::NotFound,
        ErrorClass::Conflict,
        ErrorClass::UnprocessableEntity,
        ErrorClass::RateLimit,
        ErrorClass::InternalServer,
        ErrorClass::WasmLoad,
        ErrorClass::UserAbort,
        ErrorClass::Connection,
        ErrorClass::ConnectionTimeout,
        ErrorClass::Validation,
    ];

    /// The class's name in JavaScript (`error.name`), as the `openai` package spells it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorClass::Images => "ImagesError",
            ErrorClass::Api => "APIError",
            ErrorClass::BadRequest => "BadRequestError",
            ErrorClass::Authentication => "AuthenticationError",
            ErrorClass::PermissionDenied => "PermissionDeniedError",
            ErrorClass::NotFound => "NotFoundError",
            ErrorClass::Conflict => "ConflictError",
            ErrorClass::UnprocessableEntity => "UnprocessableEntityError",
            ErrorClass::RateLimit => "RateLimitError",
            ErrorClass::InternalServer => "InternalServerError",
            ErrorClass::WasmLoad => "WasmLoadError",
            ErrorClass::UserAbort => "APIUserAbortError",
            ErrorClass::Connection => "APIConnectionError",
            ErrorClass::ConnectionTimeout => "APIConnectionTimeoutError",
            ErrorClass::Validation => "ValidationError",
        }
    }

    /// The class it extends; `None` for [`ErrorClass::Images`], which extends
    /// JavaScript's `Error`.
    pub fn parent(self) -> Option<ErrorClass> {
        match self {
            ErrorClass::Images => None,
            ErrorClass::Api | ErrorClass::WasmLoad | ErrorClass::Validation => Some(ErrorClass::Images),
            ErrorClass::ConnectionTimeout => Some(ErrorClass::Connection),
            _ => Some(ErrorClass::Api),
        }
    }

    /// The class of an error answer with this status, as the `openai`
    /// package's `APIError.generate` picks it: the one table of statuses.
    pub fn of_status(status: u16) -> ErrorClass {
        match status {
            400 => ErrorClass::BadRequest,
            401 => ErrorClass::Authentication,
            403 => ErrorClass::PermissionDenied,
            404 => ErrorClass::NotFound,
            409 => ErrorClass::Conflict,
            422 => ErrorClass::UnprocessableEntity,
            429 => ErrorClass::RateLimit,
            500.. => ErrorClass::InternalServer,
            _ => ErrorClass::Api,
        }
    }

    /// The statuses [`ErrorClass::of_status`] gives this class, lowest to
    /// highest (each class has one run of them); `None` for the classes no
    /// status picks, and for [`ErrorClass::Api`], which every status that
    /// no other class claims falls to.
    pub fn statuses(self) -> Option<RangeInclusive<u16>> {
        if self == ErrorClass::Api {
            return None;
        }
        let mut picked = (0..=u16::MAX).filter(|status| ErrorClass::of_status(*status) == self);
        let lowest = picked.next()?;
        Some(lowest..=picked.next_back().unwrap_or(lowest))
    }

    /// What an error of this class means, for the class's documentation in
    /// `index.js` and `index.d.ts` (one sentence or a few, without the
    /// statuses, which the declarations add).
    pub fn doc(self) -> &'static str {
        match self {
            ErrorClass::Images => "The base class of every error this package throws.",
            ErrorClass::Api => {
                "The server answered with an error, a 2xx answer carried an `error`
                instead of images, a stream carried an `error` event, or (for this class
                itself) something else went wrong with the answer: a body that is not an
                images response, a stream that ended before its `completed` event."
            }
            ErrorClass::BadRequest => {
                "The request was refused, by the provider's rules or by moderation (see {@link APIError.moderation_details})."
            }
            ErrorClass::Authentication => "No key, or a wrong one.",
            ErrorClass::PermissionDenied => {
                "The key may not do this (a model it has no access to, an unsupported region)."
            }
            ErrorClass::NotFound => "No such model, or a wrong `baseURL`.",
            ErrorClass::Conflict => "A conflict at the provider (retried before it is thrown).",
            ErrorClass::UnprocessableEntity => "The provider could not process the request.",
            ErrorClass::RateLimit => {
                "Too many requests (retried before it is thrown, after `retry-after`), or no quota left."
            }
            ErrorClass::InternalServer => {
                "The provider (or a proxy in front of it) failed (retried before it is thrown)."
            }
            ErrorClass::WasmLoad => {
                "The WebAssembly file could not be loaded (not found where it was looked
                for, something else served in its place, or a runtime that cannot fetch
                it): the message says what to give {@link init}. `cause` is the runtime's error."
            }
            ErrorClass::UserAbort => "The caller's `AbortSignal` fired.",
            ErrorClass::Connection => {
                "No answer: the network failed, the connection was reset, or CORS refused the answer (after every retry)."
            }
            ErrorClass::ConnectionTimeout => "An attempt took longer than the timeout (after every retry).",
            ErrorClass::Validation => "The request breaks the API's rules; nothing was sent.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorClass;

    #[test]
    fn statuses_pick_the_classes_of_the_openai_package() {
        let expected = [
            (0, "APIError"),
            (200, "APIError"),
            (399, "APIError"),
            (400, "BadRequestError"),
            (401, "AuthenticationError"),
            (402, "APIError"),
            (403, "PermissionDeniedError"),
            (404, "NotFoundError"),
            (408, "APIError"),
            (409, "ConflictError"),
            (422, "UnprocessableEntityError"),
            (429, "RateLimitError"),
            (499, "APIError"),
            (500, "InternalServerError"),
            (503, "InternalServerError"),
            (599, "InternalServerError"),
            (999, "InternalServerError"),
            (u16::MAX, "InternalServerError"),
        ];
        for (status, name) in expected {
            assert_eq!(ErrorClass::of_status(status).name(), name, "{status}");
        }
    }

    #[test]
    fn each_class_has_one_run_of_statuses_and_only_api_errors_have_any() {
        for class in ErrorClass::ALL {
            for status in class.statuses().into_iter().flatten() {
                assert_eq!(ErrorClass::of_status(status), class, "{status} is in {class:?}'s run");
            }
        }
        assert_eq!(ErrorClass::InternalServer.statuses(), Some(500..=u16::MAX));
        assert_eq!(ErrorClass::RateLimit.statuses(), Some(429..=429));
        assert_eq!(ErrorClass::Api.statuses(), None);
        assert_eq!(ErrorClass::Validation.statuses(), None);
        for class in ErrorClass::ALL.into_iter().filter(|class| class.statuses().is_some()) {
            assert_eq!(class.parent(), Some(ErrorClass::Api), "{class:?}");
        }
    }

    #[test]
    fn every_class_comes_after_its_parent_and_has_its_own_name() {
        for (at, class) in ErrorClass::ALL.into_iter().enumerate() {
            if let Some(parent) = class.parent() {
                assert!(ErrorClass::ALL[..at].contains(&parent), "{class:?} after {parent:?}");
            }
            assert!(class.name().ends_with("Error"), "{class:?}");
            assert!(!class.doc().trim().is_empty(), "{class:?}");
            assert_eq!(ErrorClass::ALL.iter().filter(|other| other.name() == class.name()).count(), 1);
        }
        assert_eq!(ErrorClass::ALL.iter().filter(|class| class.parent().is_none()).count(), 1);
    }
}
