//! The leimu engine: answers questions about the service-category catalogue.
//!
//! It knows nothing of files, browsers or the catalogue's source format: it
//! loads the compiled JSON ([`Catalog::from_json`]) or its compact binary
//! form ([`Catalog::from_bytes`], what the browser embeds) and answers
//! [`Catalog::evaluate`], [`Catalog::unlock`], [`Catalog::plan`] and
//! [`Catalog::search`]; [`report`] shapes those answers for programs (the
//! CLI's JSON, the JavaScript API). The same code runs natively (the `leimu` CLI) and as
//! WebAssembly (the site and the widget), so it does no I/O and never panics:
//! unknown ids give `None`, malformed data gives a [`LoadError`].
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod binary;
mod catalog;
pub mod diff;
mod evaluate;
mod hash;
mod kinds;
mod lookup;
pub mod model;
mod plan;
pub mod report;
mod scope;
mod search;
pub mod sort;
mod unlock;
mod ways;

pub use catalog::{Catalog, LexiconError, LoadError, SCHEMA_VERSION};
pub use evaluate::{
    Answer, Checked, Completion, Confirmation, DocumentUse, HiddenLabel, LabelState, NeededFor,
    PrerequisiteState, Profile, Statement, Status, Unmet, UnmetReason, Verdict, WayLabel, question,
};
pub use kinds::Truth;
pub use lookup::{Lookup, suggestions};
pub use plan::{Plan, PlannedCategory, PlannedDocument};
pub use search::{
    Because, BecauseKind, Field, MatchRange, SearchHit, SearchOutcome, english_phrase,
};
pub use unlock::UnlockEntry;
