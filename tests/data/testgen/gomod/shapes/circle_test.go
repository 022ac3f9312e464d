package shapes

import "testing"

func TestSquare(t *testing.T) {
	if Square(2).Area() != 4 {
		t.Fatal("wrong area")
	}
}
