/// An axis-aligned rectangle.
pub struct Rect {
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(w: f64, h: f64) -> Self {
        Rect { w, h }
    }

    pub fn area(&self) -> f64 {
        self.w * self.h
    }

    fn half(&self) -> f64 {
        self.area() / 2.0
    }
}

pub fn square(side: f64) -> Rect {
    Rect::new(side, side)
}

fn clamp(v: f64) -> f64 {
    v.max(0.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn clamps() {
        assert_eq!(super::clamp(-1.0), 0.0);
    }
}
