//! Components shared by pages. Their logic lives in plain functions where it can.

pub mod badges;
pub mod highlight;
pub mod rule_tree;
pub mod search;
pub mod verdict;
