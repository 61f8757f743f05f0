//! Components shared by pages. Their logic lives in plain functions where it can.

pub mod applicant;
pub mod badges;
pub mod clients;
pub mod highlight;
pub mod profile_facts;
pub mod questions;
pub mod result_items;
pub mod rule_tree;
pub mod search;
pub mod verdict;
