//! Building blocks shared by pages.

pub mod countdown;
pub mod filter;
pub mod form;
pub mod idle;
pub mod layout;
pub mod live;
pub mod page;
pub mod status;
