//! One module per page (route).

pub mod about;
pub mod category;
pub mod embed_docs;
pub mod first_level;
pub mod home;
pub mod not_found;
pub mod plan;
pub mod profile;
pub mod unlock;
