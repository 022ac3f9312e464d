//! Geometry kit.
pub mod shapes;

pub fn version() -> &'static str {
    "0.1"
}
