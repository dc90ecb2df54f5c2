//! Building blocks shared by pages.

pub mod form;
pub mod layout;
pub mod page;
pub mod status;
