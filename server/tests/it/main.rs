//! The server's integration tests, one binary (it links once): a module
//! per feature, helpers in `common/`.

#![allow(clippy::unwrap_used)]

mod assets;
mod cli;
mod common;
mod db;
mod directory;
mod embed;
mod http;
mod map;
mod og;
mod opendata;
mod search;
mod staff;
mod visit;
