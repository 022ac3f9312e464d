// Package stack implements a small generic stack.
package stack

import (
	"errors"
	"fmt"
)

// ErrEmpty is returned by Pop on an empty stack.
var ErrEmpty = errors.New("stack: empty")

// Stack is a LIFO container.
type Stack[T any] struct {
	items []T
}

type (
	// Pusher pushes.
	Pusher interface{ Push(v int) }
	ID     = string
)

// New returns an empty stack.
func New[T any]() *Stack[T] {
	return &Stack[T]{}
}

// Push adds v on top.
func (s *Stack[T]) Push(v T) {
	s.items = append(s.items, v)
}

// Pop removes the top item.
func (s *Stack[T]) Pop() (T, error) {
	var zero T
	if len(s.items) == 0 {
		return zero, ErrEmpty
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, nil
}

func (s Stack[T]) Len() int { return len(s.items) }
func (s Stack[T]) String() string { return fmt.Sprint(s.items) }
