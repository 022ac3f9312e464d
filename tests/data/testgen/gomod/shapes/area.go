// Package shapes computes areas.
package shapes

// Rect is an axis-aligned rectangle.
type Rect struct {
	W, H float64
}

// Area returns the rectangle's area.
func (r Rect) Area() float64 { return r.W * r.H }

// Scale grows the rectangle in place.
func (r *Rect) Scale(f float64) {
	r.W *= f
	r.H *= f
}

func (r Rect) half() float64 { return r.Area() / 2 }

// Square builds a square.
func Square(side float64) Rect { return Rect{side, side} }

func clamp(v float64) float64 {
	if v < 0 {
		return 0
	}
	return v
}
