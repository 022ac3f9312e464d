//! A tiny geometry crate.
use std::fmt;

/// A point in 2D.
#[derive(Debug, Clone, Copy)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// The origin.
    pub fn origin() -> Self {
        Point { x: 0.0, y: 0.0 }
    }

    pub fn dist(&self, other: &Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

pub trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String {
        String::from("shape")
    }
}

pub enum Kind {
    Circle,
    Square,
}

mod tests {
    #[test]
    fn origin_is_zero() {
        assert_eq!(super::Point::origin().x, 0.0);
    }
}

macro_rules! square {
    ($x:expr) => {
        $x * $x
    };
}
